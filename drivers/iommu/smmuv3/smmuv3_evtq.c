/* SPDX-License-Identifier: MIT */
/* The event queue (IHI 0070 §3.5, §7.3): records decoded into a log the tests read. */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

int smmuv3_evtq_init(struct smmuv3 *s)
{
	unsigned log2 = s->caps.evtq_log2 < SMMUV3_EVTQ_LOG2 ? s->caps.evtq_log2 : SMMUV3_EVTQ_LOG2;
	uint64_t bytes = 32ull << log2;
	unsigned pages = (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	s->evtq = page_alloc_aligned(pages, pages);
	if (!s->evtq)
		return -ENOMEM;
	s->evtq_log2 = log2;
	s->evtq_cons = 0;
	/* No dirty line of the CPU's may later land over a record the unit wrote. */
	smmuv3_coh_fetch(s, (const void *)(uintptr_t)s->evtq, bytes);
	return 0;
}

void smmuv3_evtq_free(struct smmuv3 *s)
{
	if (!s->evtq)
		return;
	uint64_t bytes = 32ull << s->evtq_log2;
	page_free(s->evtq, (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE));
	s->evtq = 0;
}

static void smmuv3_evtq_log(struct smmuv3 *s, const struct smmuv3_event *ev)
{
	struct smmuv3_event_log *l = &s->events;
	l->ring[l->total % SMMUV3_EVENT_LOG] = *ev;
	if (ev->type < SMMUV3_EVENT_TYPES)
		__atomic_store_n(&l->by_type[ev->type], l->by_type[ev->type] + 1, __ATOMIC_RELEASE);
	/* Last: a reader that sees the new total (without the lock) sees the record. */
	__atomic_store_n(&l->total, l->total + 1, __ATOMIC_RELEASE);
	char line[160];
	smmuv3_event_format(ev, line, sizeof(line));
	kprintf("# smmuv3: event %s\n", line);
}

/* evtq_lock held, local interrupts off. */
static unsigned smmuv3_evtq_drain_locked(struct smmuv3 *s)
{
	if (!s->evtq)
		return 0;
	uint32_t m = (2u << s->evtq_log2) - 1;
	uint32_t prod = smmuv3_read32(s, SMMUV3_EVENTQ_PROD);
	/*
	 * §3.5.2: the records up to PROD are complete once PROD shows them; the
	 * CPU must not read them before it has read PROD (Linux: readl, whose
	 * barrier comes after the load). A full barrier orders the loads.
	 */
	arch_mb();
	unsigned n = 0;
	while ((s->evtq_cons & m) != (prod & m)) {
		const uint64_t *rec = (const uint64_t *)(uintptr_t)s->evtq +
				      4 * (s->evtq_cons & ((1u << s->evtq_log2) - 1));
		/* A line kept from the slot's last lap would hide the new record. */
		smmuv3_coh_fetch(s, rec, 32);
		struct smmuv3_event ev;
		smmuv3_event_decode(rec, &ev);
		smmuv3_evtq_log(s, &ev);
		s->evtq_cons = (s->evtq_cons + 1) & m;
		n++;
	}
	if (n || ((prod ^ s->evtq_cons) & SMMUV3_EVENTQ_OVFLG)) {
		/* §7.4: OVACKFLG = the OVFLG seen acknowledges an overflow. */
		if ((prod ^ s->evtq_cons) & SMMUV3_EVENTQ_OVFLG)
			s->events.overflows++;
		s->evtq_cons = (s->evtq_cons & m) | (prod & SMMUV3_EVENTQ_OVFLG);
		/*
		 * §3.5.2: moving CONS hands the slots back to the unit, which may
		 * overwrite them at once; every read of them completes first
		 * (Linux: __iomb before the relaxed CONS write).
		 */
		arch_mb();
		smmuv3_write32(s, SMMUV3_EVENTQ_CONS, s->evtq_cons);
	}
	return n;
}

static unsigned long smmuv3_evtq_lock(struct smmuv3 *s)
{
	unsigned long flags = arch_irq_save();
	spin_lock(&s->evtq_lock);
	return flags;
}

static void smmuv3_evtq_unlock(struct smmuv3 *s, unsigned long flags)
{
	spin_unlock(&s->evtq_lock);
	arch_irq_restore(flags);
}

unsigned smmuv3_evtq_drain(struct smmuv3 *s)
{
	unsigned long flags = smmuv3_evtq_lock(s);
	unsigned n = smmuv3_evtq_drain_locked(s);
	smmuv3_evtq_unlock(s, flags);
	return n;
}

static bool smmuv3_evtq_match(const struct smmuv3_event *ev, unsigned type, uint32_t sid,
			      bool want_addr, uint64_t addr)
{
	return ev->type == type && ev->sid == sid && (!want_addr || ev->addr == addr);
}

int smmuv3_evtq_wait(struct smmuv3 *s, uint64_t since, unsigned type, uint32_t sid, bool want_addr,
		     uint64_t addr, uint64_t timeout_us, struct smmuv3_event *ev)
{
	deadline_t d = deadline_in_us(timeout_us);
	uint64_t seen = since;
	for (;;) {
		/* Drain and scan under the lock: the handler cannot rewrite the ring meanwhile. */
		unsigned long flags = smmuv3_evtq_lock(s);
		smmuv3_evtq_drain_locked(s);
		const struct smmuv3_event_log *l = &s->events;
		if (l->total - seen > SMMUV3_EVENT_LOG)
			seen = l->total - SMMUV3_EVENT_LOG; /* older ones were overwritten */
		bool found = false;
		for (; seen < l->total && !found; seen++) {
			const struct smmuv3_event *e = &l->ring[seen % SMMUV3_EVENT_LOG];
			if (smmuv3_evtq_match(e, type, sid, want_addr, addr)) {
				*ev = *e;
				found = true;
			}
		}
		smmuv3_evtq_unlock(s, flags);
		if (found)
			return 0;
		if (deadline_passed(d))
			return -ETIMEDOUT;
		arch_cpu_relax();
	}
}
