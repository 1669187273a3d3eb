/* SPDX-License-Identifier: MIT */
/* Application processor start-up (INIT-SIPI-SIPI) and the AP's side. */
#ifndef DOORBELL_X86_AP_START_H
#define DOORBELL_X86_AP_START_H

#include <stdint.h>

#include "arch/x86_64/percpu.h"

/* Copy the trampoline to low_page: 0, -EINVAL (no usable page), -ERANGE (CR3 above 4 GiB). */
int x86_ap_trampoline_install(uint64_t low_page);
/*
 * INIT-SIPI-SIPI to pc->apic_id, which enters x86_ap_entry(pc) on
 * pc->stack_top; wait up to timeout_us for it to come online: 0,
 * -ETIMEDOUT, or an IPI send error.
 */
int x86_ap_start(struct x86_percpu *pc, uint64_t timeout_us);
/* The AP's first C code (smp.c): never returns. */
__attribute__((noreturn)) void x86_ap_entry(struct x86_percpu *pc);

#endif
