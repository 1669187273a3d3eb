/* SPDX-License-Identifier: MIT */
/*
 * The bare interrupt path (arch/hooks.h) does not exist on arm64: an MSI
 * is a write to the ITS, which needs a device, an event and an LPI mapped
 * (GICv3 5.1), the work of the ITS domain.
 */
#include "arch/hooks.h"
#include "kernel/errno.h"

int arch_irq_bare_open(unsigned cpu, struct msi_msg *msg)
{
	return -EOPNOTSUPP;
}

uint64_t arch_irq_bare_count(void)
{
	return 0;
}

void arch_irq_bare_close(void)
{
}
