/* SPDX-License-Identifier: MIT */
/* doorbell-acpi's command-line choices that the policy hook reads. */
#ifndef DOORBELL_ACPI_OPTIONS_H
#define DOORBELL_ACPI_OPTIONS_H

struct doorbell_acpi_options {
	/* -1: not given; 0/1: what CPUID.1:ECX[31] would say on the target (x86). */
	int cpuid_hypervisor;
	/* NULL: from the tables (DMAR/IVRS: x86_64; IORT or GIC entries: aarch64). */
	const char *arch;
};

extern struct doorbell_acpi_options doorbell_acpi_options;

#endif
