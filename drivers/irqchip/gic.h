/* SPDX-License-Identifier: MIT */
/*
 * The GICv3 (Arm IHI 0069H, "GIC architecture specification v3 and v4"):
 * the distributor (gic_dist.c), one redistributor per CPU found from the
 * MADT (gic_redist.c), the LPI tables and domain (lpi.c, lpi_domain.c),
 * the SPI domain for wired interrupts (spi_domain.c) and the ITS
 * (gic_its_*.c). The CPU interface is system registers: it and the IRQ
 * entry stay with the CPU (arch/aarch64/gic_cpuif.c).
 */
#ifndef DOORBELL_GIC_H
#define DOORBELL_GIC_H

#include <stdbool.h>
#include <stdint.h>

struct acpi_madt;
struct arch_wired_irq_hw;
struct irq_data;
struct irq_domain;

/* LPIs this build manages: INTIDs [GIC_LPI_BASE, GIC_LPI_BASE + GIC_LPI_COUNT). */
#define GIC_LPI_BASE  8192u
#define GIC_LPI_COUNT 8192u
#define GIC_LPI_WORDS (GIC_LPI_COUNT / 64)

/* Distributor (§12.9). */
#define GICD_CTLR         0x0000
#define GICD_TYPER        0x0004
#define GICD_IIDR         0x0008
#define GICD_IGROUPR(n)   (0x0080 + 4 * (n))
#define GICD_ISENABLER(n) (0x0100 + 4 * (n))
#define GICD_ICENABLER(n) (0x0180 + 4 * (n))
#define GICD_ISPENDR(n)   (0x0200 + 4 * (n))
#define GICD_ICPENDR(n)   (0x0280 + 4 * (n))
#define GICD_IPRIORITYR   0x0400 /* one byte per INTID */
#define GICD_ICFGR(n)     (0x0c00 + 4 * (n))
#define GICD_IGRPMODR(n)  (0x0d00 + 4 * (n))
#define GICD_IROUTER(id)  (0x6000 + 8 * (id)) /* SPIs only: 32..1019 */
#define GICD_PIDR2        0xffe8

#define GICD_CTLR_RWP        (1u << 31)
#define GICD_CTLR_DS         (1u << 6)
#define GICD_CTLR_ARE_NS     (1u << 4) /* ARE when DS = 1 */
#define GICD_CTLR_ENABLE_G1A (1u << 1) /* EnableGrp1NS; EnableGrp1 when DS = 1 */
#define GICD_CTLR_ENABLE_G0  (1u << 0) /* EnableGrp0 when DS = 1; an alias of bit 1 otherwise */
#define GICD_TYPER_LPIS      (1u << 17)
#define GICD_TYPER_IDBITS(t) ((((t) >> 19) & 0x1f) + 1)
#define GICD_TYPER_LINES(t)  ((t)&0x1f) /* ITLinesNumber: 32 * (N + 1) INTIDs */

/* Redistributor RD_base frame (§12.10) and SGI_base frame at +64 KiB (§12.11). */
#define GICR_CTLR      0x0000
#define GICR_IIDR      0x0004
#define GICR_TYPER     0x0008
#define GICR_WAKER     0x0014
#define GICR_PROPBASER 0x0070
#define GICR_PENDBASER 0x0078
#define GICR_SGI       0x10000
#define GICR_IGROUPR0  (GICR_SGI + 0x0080)
#define GICR_ISENABLE0 (GICR_SGI + 0x0100)
#define GICR_ICENABLE0 (GICR_SGI + 0x0180)
#define GICR_ICPENDR0  (GICR_SGI + 0x0280)
#define GICR_IPRIORITY (GICR_SGI + 0x0400)
#define GICR_IGRPMODR0 (GICR_SGI + 0x0d00)

#define GICR_CTLR_ENABLE_LPIS (1u << 0)
#define GICR_CTLR_RWP         (1u << 3)
#define GICR_TYPER_PLPIS      (1ull << 0)
#define GICR_TYPER_VLPIS      (1ull << 1)
#define GICR_TYPER_LAST       (1ull << 4)
#define GICR_TYPER_PROC(t)    ((uint32_t)(((t) >> 8) & 0xffff))
#define GICR_TYPER_AFF(t)     ((uint32_t)((t) >> 32))
#define GICR_WAKER_SLEEP      (1u << 1) /* ProcessorSleep */
#define GICR_WAKER_ASLEEP     (1u << 2) /* ChildrenAsleep */
#define GICR_FRAME_SIZE       0x20000   /* RD_base + SGI_base */
#define GICR_FRAME_SIZE_VLPI  0x40000   /* + VLPI_base + reserved (GICv4) */
#define GIC_WAIT_US           100000

/* Software-generated interrupts doorbell uses. */
#define GIC_SGI_CALL       0  /* arch_cpu_call: wakes the target, which runs the call */
#define GIC_SGI_RELAY      1  /* arch_irq_send_ipi: hands the queued LPIs to the irq core */
#define GIC_PPI_VTIMER     27 /* the EL1 virtual timer (arch_sleep_until's wake-up) */
#define GIC_PRIO_TIMER     0x40
#define GIC_PRIO_SGI       0x80
#define GIC_PRIO_SPI       0xa0 /* as the LPIs: below the SGIs, held off by GIC_PMR_TIMER */
#define GIC_SPI_BASE       32
#define GIC_SPI_LIMIT      1020 /* 1020-1023 are special (§2.2.1) */
#define GIC_PMR_TIMER      0x60 /* only the timer passes: devices and SGIs stay pending */
#define GIC_INTID_SPURIOUS 1023

static inline uint32_t gic_read32(uint64_t a)
{
	return *(volatile uint32_t *)(uintptr_t)a;
}
static inline uint64_t gic_read64(uint64_t a)
{
	return *(volatile uint64_t *)(uintptr_t)a;
}
static inline void gic_write32(uint64_t a, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)a = v;
}
static inline void gic_write64(uint64_t a, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)a = v;
}

/* The MPIDR affinity as GICR_TYPER holds it: Aff3.Aff2.Aff1.Aff0. */
static inline uint32_t gic_mpidr_aff(uint64_t mpidr)
{
	return (uint32_t)(((mpidr >> 8) & 0xff000000u) | (mpidr & 0xffffffu));
}

/* gic_dist.c: the distributor the MADT names, groups re-enabled, SPIs off: 0 or -errno. */
int gic_dist_init(const struct acpi_madt *m);
uint64_t gic_dist_base(void);
/* The distributor's LPI ID bits (GICD_TYPER.IDbits), 0 without LPIs. */
unsigned gic_dist_lpi_id_bits(void);
/* Wait for GICD_CTLR.RWP to clear (§12.9.4): 0 or -ETIMEDOUT. */
int gic_dist_wait_rwp(void);
/* One past the highest SPI INTID the distributor implements (ITLinesNumber), at most 1020. */
uint32_t gic_dist_spi_end(void);

/* gic_redist.c: one CPU's redistributor. */
struct gic_redist {
	uint64_t mpidr; /* the CPU's affinity, Aff3 << 32 | Aff2.Aff1.Aff0 (GICD_IROUTER's form) */
	uint64_t rd_base;    /* RD_base frame (physical) */
	uint32_t proc;       /* GICR_TYPER.Processor_Number */
	uint64_t pend_table; /* the LPI pending table (physical), 0 before LPIs */
};
/* Logical CPU cpu's redistributor, NULL beyond IRQ_MAX_CPUS. */
struct gic_redist *gic_redist_of(unsigned cpu);
/* The redistributor whose GICR_TYPER.Affinity matches mpidr: 0, -ENODEV. */
int gic_redist_find(const struct acpi_madt *m, uint64_t mpidr, uint64_t *rd_base, uint32_t *proc);
/* Wake r, SGIs and PPIs set up (ours enabled): 0 or -ETIMEDOUT. */
int gic_redist_init(struct gic_redist *r);
void gic_redist_report(void);

/* lpi.c: property and pending tables (§5.1). */
int lpi_tables_init(unsigned id_bits);
/* Program redistributor r with the tables and set EnableLPIs: 0 or -errno. */
int lpi_redist_enable(struct gic_redist *r);
/* Write an LPI's configuration byte (priority, enable), cleaned for the GIC when needed. */
void lpi_config_set(uint32_t intid, bool enable);
uint8_t lpi_config_get(uint32_t intid);
unsigned lpi_id_bits(void);
/* The LPI INTIDs this build hands out: [GIC_LPI_BASE, lpi_end()). */
uint32_t lpi_end(void);

/* lpi_domain.c */
int lpi_domain_create(void);
struct irq_domain *lpi_domain(void);
/*
 * How the level above reaches the redistributors for an LPI it routes (the
 * ITS: an INV of its DeviceID/EventID): the LPI level invalidates the
 * configuration it wrote through it (§5.3.11; GICR_INVLPIR needs DirectLPI).
 */
struct lpi_route {
	int (*inv)(const struct lpi_route *r);
};
/*
 * lpi (the LPI level's irq_data, active) is now reachable through r: the
 * LPI level makes its configuration visible (an INV through r) and uses r
 * for every later change until lpi_domain_unroute. 0 or r's error.
 */
int lpi_domain_route(struct irq_data *lpi, const struct lpi_route *r);
void lpi_domain_unroute(struct irq_data *lpi);

/* spi_domain.c: wired interrupts, hwirq = INTID = GSIV (arch_wired_irq_domain). */
int spi_domain_create(void);
struct irq_domain *spi_domain(void);
/* Make SPI gsiv pending (GICD_ISPENDR): 0, -EINVAL, -EOPNOTSUPP (arch_wired_irq_raise). */
int spi_domain_raise(uint32_t gsiv);
/* What the distributor holds for SPI gsiv (arch_wired_irq_hw). */
int spi_domain_hw(uint32_t gsiv, struct arch_wired_irq_hw *hw);

#endif
