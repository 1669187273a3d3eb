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

DTEST(boot_timer, .name = "boot.timer",
      .summary = "the deadline counter agrees with a second clock within 10%",
      .needs = DTEST_NEED_REFCLOCK, .deadline_ms = 5000)
{
	const struct arch_refclock *rc = arch_refclock();
	uint64_t want = window_ref_ticks(rc);
	deadline_t limit = deadline_in_us(4000000);

	/* Align to a reference edge so a coarse clock measures whole ticks. */
	uint64_t r0 = rc->read(), r;
	while ((r = rc->read()) == r0 && !deadline_passed(limit))
		arch_cpu_relax();
	uint64_t c0 = arch_counter_read();
	r0 = r;
	while ((r = rc->read()) - r0 < want && !deadline_passed(limit))
		arch_cpu_relax();
	uint64_t c1 = arch_counter_read();

	if (!DT_EXPECT(t, r - r0 >= want, "reference clock %s did not advance %llu ticks in 4 s",
		       rc->name, (unsigned long long)want))
		return;
	uint64_t ref_us = (r - r0) * 1000000 / rc->hz;
	uint64_t ctr_us = time_ticks_to_us(c1 - c0);
	fact("timer.refclock", "%s", rc->name);
	fact("timer.check_window_us", "%llu", (unsigned long long)ref_us);
	fact("timer.counter_us", "%llu", (unsigned long long)ctr_us);
	DT_EXPECT(t, ctr_us * 10 >= ref_us * 9 && ctr_us * 10 <= ref_us * 11,
		  "counter measured %llu us where %s measured %llu us", (unsigned long long)ctr_us,
		  rc->name, (unsigned long long)ref_us);
}
