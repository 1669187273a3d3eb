/* SPDX-License-Identifier: MIT */
/* smp.fault: fault catching is per CPU: a deliberate fault on each CPU is caught there. */
#include "arch/hooks.h"
#include "kernel/test/dtest.h"

#define FAULT_CALL_US 100000

struct fault_run {
	const struct arch_fault_case *fc;
	int caught;
	struct arch_fault f;
	unsigned cpu;
};

static void fault_on_cpu(void *arg)
{
	struct fault_run *r = arg;
	r->cpu = arch_cpu_current();
	r->caught = arch_catch_fault(r->fc->raise, 0, &r->f);
}

DTEST(smp_fault, .name = "smp.fault",
      .summary = "each CPU catches its own deliberate faults with the right vector",
      .deadline_ms = 2000)
{
	const struct arch_fault_case *cases = arch_fault_cases();
	for (unsigned cpu = 0; cpu < arch_cpu_count(); cpu++) {
		for (const struct arch_fault_case *fc = cases; fc->name; fc++) {
			struct fault_run r = {.fc = fc, .caught = -1, .cpu = ~0u};
			int err = arch_cpu_call(cpu, fault_on_cpu, &r, FAULT_CALL_US);
			DT_EXPECT(t,
				  err == 0 && r.cpu == cpu && r.caught == 1 &&
					  r.f.vector == fc->vector,
				  "%s on CPU %u: call %d, ran on CPU %u, caught %d, vector %llu "
				  "(expected %llu)",
				  fc->name, cpu, err, r.cpu, r.caught,
				  (unsigned long long)r.f.vector, (unsigned long long)fc->vector);
		}
	}
}
