/* SPDX-License-Identifier: MIT */
/* doorbell-acpi's command line: what each option asks for. */
#ifndef DOORBELL_ACPI_OPTIONS_H
#define DOORBELL_ACPI_OPTIONS_H

#include <stdbool.h>

struct doorbell_acpi_options {
	/* -1: not given; 0/1: what CPUID.1:ECX[31] would say on the target (x86). */
	int cpuid_hypervisor;
	/* NULL: from the tables (DMAR/IVRS: x86_64; IORT or GIC entries: aarch64). */
	const char *arch;
	unsigned ims_bit; /* DMAR flag bit read as the experimental IMS opt-in */
	bool dump;        /* the tables in acpidump format (text output only) */
	bool policy;      /* detection (VM or not) and the IMS/x2APIC/remapping verdict */
	bool json;        /* one JSON document instead of text */
	/* --diff OLD NEW (diff_cmd.c) and --coverage (coverage_cmd.c). */
	const char *diff_old, *diff_new;
	bool coverage;
	/* argv[first..argc-1] are the table files. */
	int first;
};

extern struct doorbell_acpi_options doorbell_acpi_options;

/*
 * Fills doorbell_acpi_options from argv. Returns -1 to go on, or the exit
 * status to end with (0 after --help, 2 on a usage error, usage printed).
 */
int doorbell_acpi_parse_options(int argc, char **argv);

#endif
