/* SPDX-License-Identifier: MIT */
/* Hand-made platforms for the detection and policy tests. */
#ifndef DOORBELL_TEST_SUPPORT_POLICY_H
#define DOORBELL_TEST_SUPPORT_POLICY_H

#include "kernel/policy/policy.h"

extern struct acpi_platform sp_acpi;
extern struct platform_signals sp_sig;

/* QEMU q35 with -cpu max: hypervisor bit, TCG signature, no DMAR. */
void sp_x86_vm(void);
/* The same machine as bare metal would show it: CPUID quiet. */
void sp_x86_bare(void);
/* Add a DMAR with flags and one unit at 0xfed90000 whose registers answered. */
void sp_add_dmar(uint8_t flags, uint64_t cap, uint64_t ecap);
/* arm64 virt: FADT hypervisor vendor "QEMU", one ITS (answered or not). */
void sp_arm_vm(bool its_answers);

#endif
