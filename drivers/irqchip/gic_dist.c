/* SPDX-License-Identifier: MIT */
/*
 * The GICv3 distributor (Arm IHI 0069H §12.9). UEFI hands over with the
 * groups disabled (measured on AAVMF: GICD_CTLR = ARE_NS only), so both
 * affinity routing and Group 1 are switched on again. Every SPI is
 * disabled here, so a line left enabled by the firmware cannot interrupt a
 * test; the SPI domain (spi_domain.c) enables the ones it is asked for.
 */
#include "drivers/irqchip/gic.h"
#include "drivers/acpi/acpi_madt.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "kernel/time.h"

static uint64_t gicd_base;
static uint32_t gicd_typer;
static uint32_t gicd_ctlr_fw; /* as the firmware left it */

uint64_t gic_dist_base(void)
{
	return gicd_base;
}

unsigned gic_dist_lpi_id_bits(void)
{
	return gicd_typer & GICD_TYPER_LPIS ? GICD_TYPER_IDBITS(gicd_typer) : 0;
}

uint32_t gic_dist_spi_end(void)
{
	uint32_t end = 32 * (GICD_TYPER_LINES(gicd_typer) + 1);
	return end < GIC_SPI_LIMIT ? end : GIC_SPI_LIMIT;
}

/* GICD_CTLR.RWP: the last write took effect (§12.9.4). */
int gic_dist_wait_rwp(void)
{
	deadline_t d = deadline_in_us(GIC_WAIT_US);
	while (gic_read32(gicd_base + GICD_CTLR) & GICD_CTLR_RWP)
		if (deadline_passed(d))
			return -ETIMEDOUT;
	return 0;
}

int gic_dist_init(const struct acpi_madt *m)
{
	if (!m || !m->gicd_count)
		return -ENODEV;
	gicd_base = m->gicd[0].base;
	uint32_t rev = (gic_read32(gicd_base + GICD_PIDR2) >> 4) & 0xf;
	if (rev != 3 && rev != 4) {
		kprintf("# gic: distributor at 0x%llx: PIDR2.ArchRev %u is not GICv3/v4\n",
			(unsigned long long)gicd_base, rev);
		return -ENODEV;
	}
	gicd_typer = gic_read32(gicd_base + GICD_TYPER);
	gicd_ctlr_fw = gic_read32(gicd_base + GICD_CTLR);

	/* SPIs 32.. off and not pending (§12.9.9, §12.9.8); register 0 is banked (SGI/PPI). */
	unsigned regs = GICD_TYPER_LINES(gicd_typer) + 1;
	for (unsigned n = 1; n < regs && n < 32; n++) {
		gic_write32(gicd_base + GICD_ICENABLER(n), 0xffffffffu);
		gic_write32(gicd_base + GICD_ICPENDR(n), 0xffffffffu);
	}
	int err = gic_dist_wait_rwp();
	if (err)
		return err;
	/* Affinity routing first, then the group (§12.9.4: ARE is set before the enables). */
	uint32_t ctlr = gicd_ctlr_fw | GICD_CTLR_ARE_NS;
	gic_write32(gicd_base + GICD_CTLR, ctlr);
	err = gic_dist_wait_rwp();
	if (!err) {
		gic_write32(gicd_base + GICD_CTLR, ctlr | GICD_CTLR_ENABLE_G1A);
		err = gic_dist_wait_rwp();
	}
	fact("gic.version", "%u", rev);
	fact("gic.dist", "0x%llx", (unsigned long long)gicd_base);
	fact("gic.dist_ctlr_firmware", "0x%x", gicd_ctlr_fw);
	fact("gic.dist_ctlr", "0x%x", gic_read32(gicd_base + GICD_CTLR));
	fact("gic.ds", "%u", gicd_ctlr_fw & GICD_CTLR_DS ? 1 : 0);
	fact("gic.lpis", "%u", gicd_typer & GICD_TYPER_LPIS ? 1 : 0);
	fact("gic.id_bits", "%u", GICD_TYPER_IDBITS(gicd_typer));
	return err;
}
