/* SPDX-License-Identifier: MIT */
/* smp.call: arch_cpu_call runs on the CPU asked for, refuses offline CPUs, and times out. */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_types.h"
#include "kernel/test/dtest.h"
#include "kernel/time.h"

#define SMP_CALL_US      100000
#define SMP_SLOW_US      50000
#define SMP_IMPATIENT_US 5000

struct smp_call_rec {
	volatile unsigned ran_on;
	volatile unsigned runs;
};

static void smp_call_record(void *arg)
{
	struct smp_call_rec *r = arg;
	r->ran_on = arch_cpu_current();
	__atomic_fetch_add(&r->runs, 1, __ATOMIC_RELEASE);
}

static void smp_call_slow(void *arg)
{
	deadline_t d = deadline_in_us(SMP_SLOW_US);
	while (!deadline_passed(d))
		arch_cpu_relax();
	smp_call_record(arg);
}

DTEST(smp_call, .name = "smp.call",
      .summary = "arch_cpu_call runs on the right CPU; -EINVAL offline, -ETIMEDOUT when slow",
      .min_cpus = 2, .deadline_ms = 5000)
{
	unsigned cpus = arch_cpu_count();
	for (unsigned round = 0; round < 3; round++) {
		for (unsigned cpu = 0; cpu < cpus; cpu++) {
			struct smp_call_rec r = {.ran_on = ~0u};
			int err = arch_cpu_call(cpu, smp_call_record, &r, SMP_CALL_US);
			DT_EXPECT(t, err == 0 && r.runs == 1 && r.ran_on == cpu,
				  "call on CPU %u: returned %d, ran %u times, on CPU %u", cpu, err,
				  r.runs, r.ran_on);
		}
	}
	struct smp_call_rec r = {0};
	DT_EXPECT_EQ(t, arch_cpu_call(cpus, smp_call_record, &r, SMP_CALL_US), -EINVAL);
	DT_EXPECT_EQ(t, arch_cpu_call(IRQ_MAX_CPUS + 1, smp_call_record, &r, SMP_CALL_US), -EINVAL);
	DT_EXPECT_EQ(t, r.runs, 0);

	/* A call slower than the caller's patience: -ETIMEDOUT, and the CPU recovers. */
	unsigned target = cpus - 1;
	struct smp_call_rec slow = {.ran_on = ~0u};
	int err = arch_cpu_call(target, smp_call_slow, &slow, SMP_IMPATIENT_US);
	DT_EXPECT(t, err == -ETIMEDOUT, "a %u us call with %u us patience returned %d", SMP_SLOW_US,
		  SMP_IMPATIENT_US, err);
	deadline_t d = deadline_in_us(SMP_SLOW_US * 10);
	while (__atomic_load_n(&slow.runs, __ATOMIC_ACQUIRE) == 0 && !deadline_passed(d))
		arch_cpu_relax();
	/* Either taken back before it started, or finished on the target. */
	DT_EXPECT(t, slow.runs == 0 || (slow.runs == 1 && slow.ran_on == target),
		  "the timed-out call ran %u times on CPU %u", slow.runs, slow.ran_on);
	struct smp_call_rec after = {.ran_on = ~0u};
	err = arch_cpu_call(target, smp_call_record, &after, SMP_CALL_US * 10);
	DT_EXPECT(t, err == 0 && after.runs == 1 && after.ran_on == target,
		  "call after the timeout on CPU %u: returned %d, ran %u times on CPU %u", target,
		  err, after.runs, after.ran_on);
}
