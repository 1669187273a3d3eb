/* SPDX-License-Identifier: MIT */
/*
 * bench.ims: the virtual IMS device's fire rate and latency to CPU 1 (or
 * CPU 0 alone). Each fire is two edu DMAs (read the slot, post its
 * message), and edu completes a DMA 100 ms of virtual time after it starts
 * (docs/platform.md, "edu"): the rate is the device's, not the interrupt path's. The
 * post-to-handler figure starts when the posting DMA is started, so it
 * holds edu's 100 ms as well. Run only with bench=on.
 */
#include <stdio.h>
#include <stdlib.h>

#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"
#include "tests/guest/imstest.h"

#define BENCH_IMS_FIRES 12u

struct bench_ims_stamp {
	struct irqtest_counter c;
	volatile uint64_t at; /* arch counter in the handler */
};

static void bench_ims_handler(virq_t virq, void *cookie)
{
	struct bench_ims_stamp *s = cookie;
	s->at = arch_counter_read();
	irqtest_handler(virq, &s->c);
}

static int bench_ims_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

DTEST(bench_ims, .name = "bench.ims",
      .summary = "virtual IMS device: fires per second and fire/post-to-handler latency",
      .needs = DTEST_NEED_EDU, .deadline_ms = 60000, .bench = true)
{
	struct imstest *s = imstest_get();
	if (!imstest_open(t, s))
		goto out;
	unsigned cpu = arch_cpu_count() > 1 ? 1 : 0;
	const uint32_t slot = 3;
	if (!imstest_slot(t, s, slot, cpu))
		goto out;
	static struct bench_ims_stamp st;
	st.c.hits = 0;
	irq_set_handler(s->virq[slot], bench_ims_handler, &st);
	uint64_t fire_lat[BENCH_IMS_FIRES], post_lat[BENCH_IMS_FIRES];
	uint64_t start = arch_counter_read();
	uint32_t n = 0;
	for (; n < BENCH_IMS_FIRES; n++) {
		uint64_t t0 = arch_counter_read();
		int r = ims_edu_fire(&s->dev, slot);
		if (!DT_EXPECT(t, r == 1, "fire %u: %d", n, r))
			break;
		if (!DT_EXPECT(t, irqtest_wait(&st.c, n + 1, IRQTEST_WAIT_US),
			       "fire %u never arrived", n))
			break;
		fire_lat[n] = st.at - t0;
		post_lat[n] = st.at - s->dev.post_counter;
	}
	uint64_t us = time_ticks_to_us(arch_counter_read() - start);
	if (n == 0 || !DT_EXPECT(t, us > 0, "no time passed"))
		goto out;
	qsort(fire_lat, n, sizeof(uint64_t), bench_ims_cmp);
	qsort(post_lat, n, sizeof(uint64_t), bench_ims_cmp);
	fact("bench.ims_fires_per_sec_x1000", "%llu",
	     (unsigned long long)((uint64_t)n * 1000000000ull / us));
	fact("bench.ims_fire_to_handler_us", "%llu",
	     (unsigned long long)time_ticks_to_us(fire_lat[n / 2]));
	fact("bench.ims_post_to_handler_us", "%llu",
	     (unsigned long long)time_ticks_to_us(post_lat[n / 2]));
	fact("bench.ims_dma_per_fire", "2");
out:
	imstest_close(s);
}
