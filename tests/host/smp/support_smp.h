/* SPDX-License-Identifier: MIT */
/* The fake arch of the smp host tests (support_smp.c). */
#ifndef DOORBELL_SUPPORT_SMP_H
#define DOORBELL_SUPPORT_SMP_H

#include <stdbool.h>

extern unsigned support_smp_current; /* arch_cpu_current's answer */
extern unsigned support_smp_kicks;   /* arch_cpu_kick calls */
extern int support_smp_kick_result;  /* arch_cpu_kick's error, 0: sent */
extern bool support_smp_kick_runs;   /* a sent kick runs the target's call at once */
extern bool support_smp_irqs_off;    /* arch_irq_save / arch_irq_restore's state */

#endif
