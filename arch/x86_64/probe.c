/* SPDX-License-Identifier: MIT */
#include "arch/hooks.h"
#include "kernel/errno.h"

struct probe {
	uint64_t phys;
	uint32_t val;
};

static void probe_read(void *arg)
{
	struct probe *p = arg;
	p->val = *(volatile uint32_t *)(uintptr_t)p->phys;
}

int arch_probe_read32(uint64_t phys, uint32_t *val)
{
	struct probe p = {phys, 0};
	struct arch_fault f;
	int r = arch_catch_fault(probe_read, &p, &f);
	if (r)
		return r < 0 ? r : -EFAULT;
	*val = p.val;
	return 0;
}
