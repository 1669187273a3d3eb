/* SPDX-License-Identifier: MIT */
/* boot.exception: faults raised on purpose are caught with the right vector/class and address. */
#include "arch/hooks.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/test/dtest.h"

static void no_fault(void *arg)
{
	*(int *)arg = 42;
}

DTEST(boot_exception, .name = "boot.exception",
      .summary = "deliberate faults are caught with the right vector and address; the run goes on",
      .deadline_ms = 2000)
{
	struct arch_fault f;
	unsigned n = 0;

	for (const struct arch_fault_case *c = arch_fault_cases(); c->name; c++, n++) {
		f = (struct arch_fault){0};
		int r = arch_catch_fault(c->raise, 0, &f);
		kprintf("# fault %s: caught=%d vector=0x%llx code=0x%llx addr=0x%llx pc=0x%llx\n",
			c->name, r, (unsigned long long)f.vector, (unsigned long long)f.code,
			(unsigned long long)f.addr, (unsigned long long)f.pc);
		DT_EXPECT(t, r == 1, "%s: arch_catch_fault returned %d, want 1", c->name, r);
		DT_EXPECT(t, f.vector == c->vector, "%s: vector 0x%llx, want 0x%llx", c->name,
			  (unsigned long long)f.vector, (unsigned long long)c->vector);
		if (c->check_addr)
			DT_EXPECT(t, f.addr == c->addr, "%s: address 0x%llx, want 0x%llx", c->name,
				  (unsigned long long)f.addr, (unsigned long long)c->addr);
		DT_EXPECT(t, f.pc != 0, "%s: no faulting pc recorded", c->name);
	}
	DT_EXPECT_GE(t, n, 3);

	/* No fault: returns 0 and the function ran. */
	int ran = 0;
	DT_EXPECT_EQ(t, arch_catch_fault(no_fault, &ran, &f), 0);
	DT_EXPECT_EQ(t, ran, 42);
}
