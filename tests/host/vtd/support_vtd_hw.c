/* SPDX-License-Identifier: MIT */
#include "tests/host/vtd/support_vtd_hw.h"

#include <stdbool.h>
#include <string.h>

#include "drivers/iommu/vtd/vtd_regs.h"
#include "drivers/iommu/vtd/vtd_unit.h"
#include "tests/host/vtd/support_vtd.h"

static struct fake_hw *hw;

uint32_t fake_hw_read32(unsigned off)
{
	uint32_t v;
	memcpy(&v, &hw->regs[off], 4);
	return v;
}

uint64_t fake_hw_read64(unsigned off)
{
	uint64_t v;
	memcpy(&v, &hw->regs[off], 8);
	return v;
}

void fake_hw_set32(unsigned off, uint32_t v)
{
	memcpy(&hw->regs[off], &v, 4);
}

void fake_hw_set64(unsigned off, uint64_t v)
{
	memcpy(&hw->regs[off], &v, 8);
}

static unsigned fake_hw_fro(void)
{
	return VTD_CAP_FRO(fake_hw_read64(VTD_REG_CAP)) * 16;
}

static unsigned fake_hw_nfr(void)
{
	return VTD_CAP_NFR(fake_hw_read64(VTD_REG_CAP));
}

/* §11.4.9.1: PPF is the OR of every record's F. */
static void fake_hw_ppf(void)
{
	bool any = false;
	for (unsigned i = 0; i < fake_hw_nfr(); i++)
		any |= (fake_hw_read64(fake_hw_fro() + i * 16 + 8) & VTD_FRCD_HI_F) != 0;
	uint32_t fsts = fake_hw_read32(VTD_REG_FSTS) & ~VTD_FSTS_PPF;
	fake_hw_set32(VTD_REG_FSTS, fsts | (any ? VTD_FSTS_PPF : 0));
}

void fake_hw_fault(unsigned i, unsigned reason, uint16_t sid, uint16_t index)
{
	unsigned off = fake_hw_fro() + i * 16;
	fake_hw_set64(off, (uint64_t)index << 48);
	fake_hw_set64(off + 8, VTD_FRCD_HI_F | (uint64_t)reason << 32 | sid);
	fake_hw_ppf();
}

void fake_hw_fsts(uint32_t other_bits, unsigned fri)
{
	fake_hw_set32(VTD_REG_FSTS, other_bits | (fri & 0xff) << 8);
	fake_hw_ppf();
}

static void fake_hw_gcmd(uint32_t v)
{
	if (hw->gcmd_writes < FAKE_HW_GCMD_LOG)
		hw->gcmd[hw->gcmd_writes] = v;
	hw->gcmd_writes++;
	const uint32_t persistent = VTD_GCMD_TE | VTD_GCMD_QIE | VTD_GCMD_IRE | VTD_GCMD_CFI;
	uint32_t old = fake_hw_read32(VTD_REG_GSTS);
	uint32_t sts = (v & persistent) | (old & VTD_GCMD_ONE_SHOT) |
		       (v & (VTD_GCMD_SRTP | VTD_GCMD_SIRTP));
	sts = (sts & ~hw->gsts_stuck) | (old & hw->gsts_stuck);
	if ((sts & VTD_GCMD_QIE) && !(old & VTD_GCMD_QIE))
		fake_hw_set64(VTD_REG_IQH, 0);
	fake_hw_set32(VTD_REG_GSTS, sts);
}

/* Consume the queue from IQH to IQT: wait descriptors with SW write their status (§6.5.2.8). */
static void fake_hw_consume(void)
{
	uint64_t base = fake_hw_read64(VTD_REG_IQA) & ~0xfffull;
	unsigned head = VTD_IQH_QH(fake_hw_read64(VTD_REG_IQH));
	unsigned tail = VTD_IQH_QH(fake_hw_read64(VTD_REG_IQT));
	while (base && head != tail) {
		const uint64_t *d = (const uint64_t *)(uintptr_t)(base + head * 16u);
		if ((d[0] & 0xf) == 5 && (d[0] & (1u << 5))) {
			*(volatile uint32_t *)(uintptr_t)(d[1] & ~3ull) = (uint32_t)(d[0] >> 32);
			hw->waits_done++;
		}
		head = (head + 1) % 256;
	}
	fake_hw_set64(VTD_REG_IQH, fake_hw_read64(VTD_REG_IQT));
}

static void fake_hw_write(const struct vtd_unit *u, unsigned off, uint64_t v, unsigned size)
{
	(void)u;
	unsigned fro = fake_hw_fro();
	if (off == VTD_REG_GCMD) {
		fake_hw_gcmd((uint32_t)v);
	} else if (off == VTD_REG_FSTS) {
		const uint32_t rw1c = VTD_FSTS_PFO | VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE;
		fake_hw_set32(off, fake_hw_read32(off) & ~((uint32_t)v & rw1c));
	} else if (off >= fro && off < fro + fake_hw_nfr() * 16 && (off - fro) % 16 == 12) {
		if (v & (VTD_FRCD_HI_F >> 32) && (fake_hw_read32(off) & (VTD_FRCD_HI_F >> 32))) {
			fake_hw_set32(off, fake_hw_read32(off) & ~(uint32_t)(VTD_FRCD_HI_F >> 32));
			hw->frcd_clears++;
		}
		fake_hw_ppf();
	} else {
		memcpy(&hw->regs[off], &v, size);
		if (off == VTD_REG_IQT && (fake_hw_read32(VTD_REG_GSTS) & VTD_GCMD_QIE) &&
		    !hw->drain_steps)
			fake_hw_consume();
	}
}

static void fake_hw_step(void)
{
	if (!hw->drain_steps || hw->drain_steps == FAKE_HW_NEVER)
		return;
	if (--hw->drain_steps == 0)
		fake_hw_set64(VTD_REG_IQH, fake_hw_read64(VTD_REG_IQT));
}

void fake_hw_attach(struct fake_hw *h, uint8_t *regs)
{
	memset(h, 0, sizeof(*h));
	h->regs = regs;
	hw = h;
	fake_vtd_write = fake_hw_write;
	fake_relax_step = fake_hw_step;
}

void fake_hw_detach(void)
{
	fake_vtd_write = 0;
	fake_relax_step = 0;
	hw = 0;
}
