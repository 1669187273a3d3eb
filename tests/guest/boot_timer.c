/* SPDX-License-Identifier: MIT */
/* boot.timer: the deadline counter agrees with an independent clock within 10%. */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/report.h"
#include "kernel/test/dtest.h"
#include "kernel/time.h"

/*
 * The window must span many reference ticks: 100 ms for a MHz clock; a
 * 1 Hz clock (arm64's PL031) needs whole seconds, measured edge to edge.
 */
static uint64_t window_ref_ticks(const struct arch_refclock *rc)
{
	return rc->hz >= 1000 ? rc->hz / 10 : 1;
}

/*
 * The reference clock's value at an edge, paired with the counter. Each
 * reference read is bracketed by counter reads: the edge fell between the
 * read before and this one, so the counter is paired at the midpoint of
 * [before the previous read, after this one] and the bracket's width is the
 * pairing's uncertainty. A vCPU preempted there on a loaded host shows as a
 * wide bracket instead of a wrong reading (the TSC calibration pairs the PIT
 * the same way, arch/x86_64/timer.c).
 */
struct ref_mark {
	uint64_t ref, ctr, width;
};

/* Spin until the reference clock is at least want ticks past from: false at the deadline. */
static bool ref_wait(const struct arch_refclock *rc, uint64_t from, uint64_t want, deadline_t limit,
		     struct ref_mark *m)
{
	uint64_t c_prev = arch_counter_read(), c_before, c_after, r;
	for (;;) {
		c_before = arch_counter_read();
		r = rc->read();
		c_after = arch_counter_read();
		if (r - from >= want)
			break;
		if (deadline_passed(limit))
			return false;
		c_prev = c_before;
		arch_cpu_relax();
	}
	*m = (struct ref_mark){r, c_prev + (c_after - c_prev) / 2, c_after - c_prev};
	return true;
}

/* One window, edge to edge: false when the reference clock stopped before the deadline. */
static bool ref_window(const struct arch_refclock *rc, uint64_t want, deadline_t limit,
		       struct ref_mark *start, struct ref_mark *end)
{
	uint64_t r0 = rc->read();
	return ref_wait(rc, r0, 1, limit, start) && ref_wait(rc, start->ref, want, limit, end);
}

#define TIMER_WINDOW_TRIES 3

DTEST(boot_timer, .name = "boot.timer",
      .summary = "the deadline counter agrees with a second clock within 10%",
      .needs = DTEST_NEED_REFCLOCK, .deadline_ms = 5000)
{
	const struct arch_refclock *rc = arch_refclock();
	uint64_t want = window_ref_ticks(rc);
	deadline_t limit = deadline_in_us(4000000);

	/*
	 * A window whose two pairings are within 1% of it is taken at once;
	 * otherwise (the host preempted the vCPU at an edge) try again while
	 * time allows, and keep the narrowest.
	 */
	struct ref_mark s, e, best_s = {0}, best_e = {0};
	bool have = false;
	for (int i = 0; i < TIMER_WINDOW_TRIES && ref_window(rc, want, limit, &s, &e); i++) {
		if (!have || s.width + e.width < best_s.width + best_e.width) {
			best_s = s;
			best_e = e;
			have = true;
		}
		if ((s.width + e.width) * 100 <= e.ctr - s.ctr)
			break;
	}
	if (!DT_EXPECT(t, have, "reference clock %s did not advance %llu ticks in 4 s", rc->name,
		       (unsigned long long)want))
		return;
	uint64_t ref_us = (best_e.ref - best_s.ref) * 1000000 / rc->hz;
	uint64_t ctr_us = time_ticks_to_us(best_e.ctr - best_s.ctr);
	uint64_t err_us = time_ticks_to_us(best_s.width + best_e.width) / 2;
	fact("timer.refclock", "%s", rc->name);
	fact("timer.check_window_us", "%llu", (unsigned long long)ref_us);
	fact("timer.counter_us", "%llu", (unsigned long long)ctr_us);
	fact("timer.pairing_us", "%llu", (unsigned long long)err_us);
	/* Within 10%, widened by what the pairings cannot tell apart. */
	DT_EXPECT(t,
		  ctr_us * 10 + err_us * 10 >= ref_us * 9 &&
			  ctr_us * 10 <= ref_us * 11 + err_us * 10,
		  "counter measured %llu us (+/- %llu us) where %s measured %llu us",
		  (unsigned long long)ctr_us, (unsigned long long)err_us, rc->name,
		  (unsigned long long)ref_us);
}
