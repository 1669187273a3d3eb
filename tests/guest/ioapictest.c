/* SPDX-License-Identifier: MIT */
#include "tests/guest/ioapictest.h"

#include <string.h>

#include "drivers/hpet/hpet_regs.h"
#include "drivers/ioapic/ioapic_setup.h"
#include "kernel/console.h"
#include "kernel/errno.h"

static void ioapictest_handler(virq_t virq, void *cookie)
{
	struct ioapictest *s = cookie;
	if (s->level) {
		/* The source first (the line drops), then the entry's remote IRR. */
		hpet_timer_ack(&s->hpet, s->timer);
		ioapic_domain_eoi(s->d, s->gsi);
		s->level_eois++;
	}
	irqtest_handler(virq, &s->counter);
}

/* A timer whose route capability allows an input of this I/O APIC at GSI 16 or above. */
static bool ioapictest_pick(struct ioapictest *s, const char **why)
{
	*why = "no HPET timer can be routed to an I/O APIC input at GSI 16 or above";
	for (unsigned n = 0; n < s->hpet.timers; n++) {
		uint32_t cap = HPET_TN_ROUTE_CAP(hpet_timer_caps(&s->hpet, n));
		int r = hpet_route_pick(cap, 16, 31, 16);
		if (r < 0)
			continue;
		const char *dwhy;
		struct ioapic_domain *d = ioapic_for_gsi((uint32_t)r, &dwhy);
		if (!d) {
			*why = dwhy;
			return false;
		}
		s->timer = n;
		s->gsi = (uint32_t)r;
		s->d = d;
		return true;
	}
	return false;
}

bool ioapictest_open(struct dtest_ctx *t, struct ioapictest *s, bool level, unsigned cpu)
{
	memset(s, 0, sizeof(*s));
	s->level = level;
	const char *why;
	if (hpet_init(&s->hpet, &why)) {
		dtest_skip(t, "%s", why);
		return false;
	}
	kprintf("# ioapic: HPET %u at 0x%llx: %u timers, %u fs per tick, timer 0 routes 0x%08x\n",
		s->hpet.number, (unsigned long long)s->hpet.base, s->hpet.timers, s->hpet.period_fs,
		HPET_TN_ROUTE_CAP(hpet_timer_caps(&s->hpet, 0)));
	if (!ioapictest_pick(s, &why)) {
		dtest_skip(t, "%s", why);
		return false;
	}
	/* HPET spec 1.0a §2.3.8: a routed timer interrupt is active high. */
	struct ioapic_pin_cfg cfg = {.level = level, .active_low = false};
	int err = ioapic_domain_pin_cfg(s->d, s->gsi, &cfg);
	struct irq_alloc_info info;
	ioapic_domain_alloc_info(s->d, s->gsi, IRQ_CPU(cpu), &info);
	if (!err)
		err = irq_alloc(&s->d->domain, 1, &info, &s->virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc GSI %u in %s: %s", s->gsi, s->d->name,
		       errno_name(err)))
		return false;
	s->open = true;
	err = irq_set_handler(s->virq, ioapictest_handler, s);
	if (!err)
		err = irq_activate(s->virq);
	if (!err)
		err = irq_unmask(s->virq);
	if (!DT_EXPECT(t, err == 0, "activate/unmask GSI %u: %s", s->gsi, errno_name(err)))
		return false;
	err = hpet_timer_route(&s->hpet, s->timer, s->gsi, level);
	if (!DT_EXPECT(t, err == 0, "HPET timer %u to input %u: %s", s->timer, s->gsi,
		       errno_name(err)))
		return false;
	return true;
}

void ioapictest_close(struct ioapictest *s)
{
	if (s->hpet.base && s->timer < s->hpet.timers)
		hpet_timer_stop(&s->hpet, s->timer);
	if (s->open)
		irq_free(s->virq, 1);
	s->open = false;
}

bool ioapictest_fire(struct ioapictest *s, uint64_t want)
{
	hpet_timer_arm(&s->hpet, s->timer, IOAPICTEST_SHOT_US);
	return irqtest_wait(&s->counter, want, IRQTEST_WAIT_US);
}

bool ioapictest_fire_n(struct dtest_ctx *t, struct ioapictest *s, unsigned n, const char *label)
{
	uint64_t base = irqtest_hits(&s->counter);
	for (unsigned k = 1; k <= n; k++) {
		if (!ioapictest_fire(s, base + k)) {
			dtest_diag(t, "%s: interrupt %u of %u never came (counted %llu)", label, k,
				   n, (unsigned long long)(irqtest_hits(&s->counter) - base));
			return false;
		}
	}
	return true;
}

uint64_t ioapictest_rte(struct ioapictest *s)
{
	unsigned pin = 0;
	ioapic_domain_pin_of(s->d, s->gsi, &pin);
	return ioapic_rte_read(&s->d->io, pin);
}
