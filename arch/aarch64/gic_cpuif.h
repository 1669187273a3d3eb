/* SPDX-License-Identifier: MIT */
/*
 * The GICv3 CPU interface by system registers (Arm IHI 0069H §12.2) and the
 * IRQ entry: the CPU's side of the GIC (drivers/irqchip/gic.h has the rest).
 */
#ifndef DOORBELL_AARCH64_GIC_CPUIF_H
#define DOORBELL_AARCH64_GIC_CPUIF_H

#include <stdbool.h>
#include <stdint.h>

struct aarch64_percpu;

/* The calling CPU's system-register interface. */
void gic_cpuif_init(void);
void gic_send_sgi(uint64_t mpidr, unsigned sgi);
/* The IRQ exception on pc: false when the GIC is not ours yet (the caller dumps). */
bool gic_irq_entry(struct aarch64_percpu *pc);
bool gic_ready(void);
void gic_set_ready(void);

#endif
