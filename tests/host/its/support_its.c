/* SPDX-License-Identifier: MIT */
#include "tests/host/its/support_its.h"

#include <stdlib.h>
#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_regs.h"
#include "kernel/mm/page_alloc.h"

#define FAKE_REGS_SIZE 0x20000
#define FAKE_PAGES     64

uint8_t *fake_its_regs;
uint64_t fake_its_log[FAKE_ITS_LOG_MAX][4];
unsigned fake_its_logged, fake_its_runs, fake_its_last_batch;
bool fake_its_stall;
uint64_t fake_clean_calls, fake_clean_bytes;
static uint64_t fake_now;

uint64_t fake_its_reg64(unsigned off)
{
	return *(volatile uint64_t *)(fake_its_regs + off);
}

static void fake_set64(unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(fake_its_regs + off) = v;
}

static void *fake_map(paddr_t phys, uint64_t len)
{
	(void)len;
	return (void *)(uintptr_t)phys;
}

void fake_its_reset(void)
{
	static void *mem;
	if (!fake_its_regs)
		fake_its_regs = aligned_alloc(65536, FAKE_REGS_SIZE);
	memset(fake_its_regs, 0, FAKE_REGS_SIZE);
	if (!mem) {
		mem = aligned_alloc(PAGE_SIZE, (size_t)FAKE_PAGES * PAGE_SIZE);
		memset(mem, 0, (size_t)FAKE_PAGES * PAGE_SIZE);
	}
	/* A fresh allocator each time: every test starts with the same pages. */
	struct mem_region r = {
		.base = (uintptr_t)mem, .pages = FAKE_PAGES, .type = MEM_CONVENTIONAL};
	page_alloc_init(&r, 1, 0, fake_map);
	memset(fake_its_log, 0, sizeof(fake_its_log));
	fake_its_logged = fake_its_runs = fake_its_last_batch = 0;
	fake_its_stall = false;
	fake_clean_calls = fake_clean_bytes = 0;
}

uint64_t arch_counter_read(void)
{
	return fake_now += 1000;
}

uint64_t arch_counter_hz(void)
{
	return 1000000000ull;
}

/* The ITS runs while the driver waits. */
void arch_cpu_relax(void)
{
	uint64_t cbaser = fake_its_reg64(GITS_CBASER);
	uint64_t q = cbaser & 0x000ffffffffff000ull;
	uint32_t size = (uint32_t)((cbaser & 0xff) + 1) * 4096;
	uint64_t r = fake_its_reg64(GITS_CREADR) & GITS_CQ_OFFSET_MASK;
	uint64_t w = fake_its_reg64(GITS_CWRITER) & GITS_CQ_OFFSET_MASK;
	fake_its_runs++;
	fake_its_last_batch = 0;
	if (!(cbaser & GITS_BASER_VALID) || !size)
		return;
	while (r != w) {
		if (fake_its_stall) {
			fake_set64(GITS_CREADR, r | GITS_CREADR_STALLED);
			return;
		}
		const uint64_t *c = (const uint64_t *)(uintptr_t)(q + r);
		if (fake_its_logged < FAKE_ITS_LOG_MAX)
			memcpy(fake_its_log[fake_its_logged++], c, GITS_CMD_SIZE);
		fake_its_last_batch++;
		r = (r + GITS_CMD_SIZE) % size;
	}
	fake_set64(GITS_CREADR, r);
}

void arch_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void arch_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void arch_dcache_clean(const void *p, uint64_t len)
{
	(void)p;
	fake_clean_calls++;
	fake_clean_bytes += len;
}

/* RDbase as with GITS_TYPER.PTA = 0: the processor number (= cpu here) in bits 51:16. */
int gic_its_rdbase(const struct gic_its *its, unsigned cpu, uint64_t *rdbase)
{
	(void)its;
	*rdbase = (uint64_t)cpu << 16;
	return 0;
}
