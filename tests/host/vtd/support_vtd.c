/* SPDX-License-Identifier: MIT */
#include "tests/host/vtd/support_vtd.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"
#include "drivers/iommu/vtd/vtd_unit.h"
#include "drivers/pci/pci.h"
#include "kernel/mm/page_alloc.h"

uint64_t fake_counter_reads, fake_flush_calls, fake_flush_bytes;
static uint64_t fake_now;

uint64_t arch_counter_read(void)
{
	fake_counter_reads++;
	return fake_now += 1000;
}

uint64_t arch_counter_hz(void)
{
	return 1000000000ull;
}

void (*fake_relax_step)(void);
void (*fake_vtd_write)(const struct vtd_unit *u, unsigned off, uint64_t v, unsigned size);

void arch_cpu_relax(void)
{
	if (fake_relax_step)
		fake_relax_step();
}

void arch_wmb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void arch_mb(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

void arch_dcache_clean(const void *addr, uint64_t len)
{
	(void)addr;
	fake_flush_calls++;
	fake_flush_bytes += len;
}

bool arch_store128(volatile void *p, uint64_t lo, uint64_t hi)
{
	volatile uint64_t *q = p;
	q[0] = lo;
	q[1] = hi;
	return true;
}

int arch_probe_read32(uint64_t phys, uint32_t *val)
{
	*val = *(volatile uint32_t *)(uintptr_t)phys;
	return 0;
}

static void *fake_map(paddr_t phys, uint64_t len)
{
	(void)len;
	return (void *)(uintptr_t)phys;
}

void fake_pages_init(unsigned pages)
{
	static void *mem;
	if (mem)
		return;
	mem = aligned_alloc(PAGE_SIZE, (size_t)pages * PAGE_SIZE);
	memset(mem, 0, (size_t)pages * PAGE_SIZE);
	struct mem_region r = {.base = (uintptr_t)mem, .pages = pages, .type = MEM_CONVENTIONAL};
	page_alloc_init(&r, 1, 0, fake_map);
}

/* drivers/pci/pci_dev.c needs config space; the alias walk only needs the id (PCIe 6.0 §2.2.6.2). */
uint16_t pci_dev_rid(const struct pci_dev *d)
{
	return (uint16_t)(d->addr.bus << 8 | d->addr.dev << 3 | d->addr.fn);
}

/* The unit's registers (drivers/iommu/vtd/vtd_mmio.c): host memory, writes through the model if any. */
uint32_t vtd_read32(const struct vtd_unit *u, unsigned off)
{
	return *(volatile uint32_t *)(uintptr_t)(u->base + off);
}

uint64_t vtd_read64(const struct vtd_unit *u, unsigned off)
{
	return *(volatile uint64_t *)(uintptr_t)(u->base + off);
}

void vtd_write32(const struct vtd_unit *u, unsigned off, uint32_t v)
{
	if (fake_vtd_write)
		fake_vtd_write(u, off, v, 4);
	else
		*(volatile uint32_t *)(uintptr_t)(u->base + off) = v;
}

void vtd_write64(const struct vtd_unit *u, unsigned off, uint64_t v)
{
	if (fake_vtd_write)
		fake_vtd_write(u, off, v, 8);
	else
		*(volatile uint64_t *)(uintptr_t)(u->base + off) = v;
}
