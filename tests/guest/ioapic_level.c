/* SPDX-License-Identifier: MIT */
/*
 * ioapic.level: the HPET timer level-triggered on its I/O APIC input: K
 * shots, exactly K interrupts. The handler clears the HPET's status and
 * ends the entry's remote IRR with the directed EOI (version 0x20) before
 * the local APIC's EOI; an interrupt left asserted or a remote IRR left set
 * would show as a surplus or as the next shot missing.
 */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/ioapictest.h"

#define IOAPIC_LEVEL_K 100

DTEST(ioapic_level, .name = "ioapic.level",
      .summary = "the HPET level-triggered on an I/O APIC input: exactly K interrupts, each "
		 "ended at the source and the I/O APIC",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_ACPI, .deadline_ms = 30000)
{
	struct ioapictest s;
	unsigned cpu = arch_cpu_current();
	if (!ioapictest_open(t, &s, true, cpu))
		goto out;
	if (!ioapic_has_eoi(&s.d->io)) {
		dtest_skip(t, "I/O APIC version 0x%02x has no directed EOI register",
			   s.d->io.version);
		goto out;
	}
	DT_EXPECT(t, ioapictest_rte(&s) & IOAPIC_RTE_LEVEL, "entry not level-triggered");
	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	ioapictest_fire_n(t, &s, IOAPIC_LEVEL_K, "ioapic.level");
	irqtest_idle(2000);
	DT_EXPECT_EQ(t, ioapictest_rte(&s) & IOAPIC_RTE_REMOTE_IRR, 0);
	DT_EXPECT(t, !hpet_timer_pending(&s.hpet, s.timer), "HPET status still set");
	if (irqtest_expect_delta(t, "ioapic.level", s.virq, &before, cpu, IOAPIC_LEVEL_K))
		kprintf("# ioapic.level: %u of %u on CPU %u, %llu EOIs\n", IOAPIC_LEVEL_K,
			IOAPIC_LEVEL_K, cpu, (unsigned long long)s.level_eois);
out:
	ioapictest_close(&s);
}
