/* SPDX-License-Identifier: MIT */
/*
 * The stack prints itself (docs/architecture.md, "Debug view"; like Linux's debugfs irq/domains):
 * domain tree, each interrupt's chain with every level's hwirq, per-CPU
 * counts, unexpected and spurious totals. Every line is a TAP comment
 * ("# irq ..."), so the view can go anywhere in a report.
 */
#ifndef DOORBELL_IRQ_DEBUG_H
#define DOORBELL_IRQ_DEBUG_H

#include <stddef.h>

#include "kernel/irq/irq_types.h"

struct irq_data;

void irq_debug_show(void);
/* One chain as "pci-msi[hwirq 0] -> vtd-ir[hwirq 17] -> vector[cpu 1 vec 0x31]". */
int irq_debug_format_chain(const struct irq_data *top, char *buf, size_t size);

#endif
