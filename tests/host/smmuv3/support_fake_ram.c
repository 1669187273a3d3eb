/* SPDX-License-Identifier: MIT */
#include "support_fake_ram.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

uint64_t fake_ram[FAKE_PAGES][512];
static bool fake_used[FAKE_PAGES];
int fake_limit;
unsigned fake_in_use, fake_syncs;

void fake_ram_reset(void)
{
	memset(fake_used, 0, sizeof(fake_used));
	fake_in_use = 0;
	fake_limit = FAKE_PAGES;
	fake_syncs = 0;
}

smmuv3_phys_t fake_alloc(void *ctx)
{
	(void)ctx;
	if (fake_limit == 0)
		return 0;
	for (unsigned i = 0; i < FAKE_PAGES; i++) {
		if (fake_used[i])
			continue;
		fake_used[i] = true;
		fake_in_use++;
		fake_limit--;
		memset(fake_ram[i], 0x5a,
		       sizeof(fake_ram[i])); /* dirty: the builder must zero it */
		return FAKE_BASE + (uint64_t)i * 4096;
	}
	return 0;
}

void fake_free(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	unsigned i = (unsigned)((page - FAKE_BASE) / 4096);
	assert_true(i < FAKE_PAGES && fake_used[i]);
	fake_used[i] = false;
	fake_in_use--;
	fake_limit++;
}

uint64_t *fake_map(void *ctx, smmuv3_phys_t page)
{
	(void)ctx;
	unsigned i = (unsigned)((page - FAKE_BASE) / 4096);
	assert_true(i < FAKE_PAGES && fake_used[i]);
	return fake_ram[i];
}

void fake_sync(void *ctx)
{
	(void)ctx;
	fake_syncs++;
}
