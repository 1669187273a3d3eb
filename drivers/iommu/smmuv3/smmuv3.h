/* SPDX-License-Identifier: MIT */
/*
 * One SMMUv3 unit (Arm IHI 0070): registers, the command and event queues, a
 * linear stream table, and per-stream stage-1 contexts. QEMU 7.2 implements
 * stage 1 only, hands the unit over disabled (everything bypasses; there is
 * no GBPA), signals with wired interrupts only, and wants the stream table
 * aligned to its size (docs/platform.md, "SMMUv3").
 *
 * Streams: every StreamID the unit's table covers starts as abort (§5.2:
 * "not in use"); the boot wiring (smmuv3_init.c) sets the streams of the
 * PCI functions behind the unit to the configured default (bypass, or a
 * stage-1 context of their own) and the IORT's RMR streams to bypass, then
 * enables the unit.
 */
#ifndef DOORBELL_SMMUV3_H
#define DOORBELL_SMMUV3_H

#include <stdbool.h>
#include <stdint.h>

#include "drivers/iommu/iommu_msi.h"
#include "drivers/iommu/smmuv3/smmuv3_tags.h"
#include "drivers/iommu/smmuv3/smmuv3_caps.h"
#include "drivers/iommu/smmuv3/smmuv3_desc.h"
#include "drivers/iommu/smmuv3/smmuv3_pgtable.h"
#include "drivers/iommu/smmuv3/smmuv3_s2.h"
#include "kernel/dma.h"
#include "kernel/irq/irq_types.h"
#include "kernel/spinlock.h"

#define SMMUV3_WAIT_US     100000u /* CR0ACK, IRQ_CTRLACK, CMD_SYNC */
#define SMMUV3_CMDQ_LOG2   8u      /* 256 commands, 4 KiB */
#define SMMUV3_EVTQ_LOG2   7u      /* 128 events, 4 KiB */
#define SMMUV3_MAX_STREAMS 32u     /* streams doorbell tracks (in use, RMR) */
#define SMMUV3_MAX_CTX     16u
#define SMMUV3_MAX_RMR     4u  /* RMR ranges per stream */
#define SMMUV3_EVENT_LOG   32u /* decoded events kept for tests */
#define SMMUV3_EVENT_TYPES 0x26u

/*
 * The MSI window of every stage-1 context: doorbell pages (the ITS's
 * GITS_TRANSLATER page) are mapped here, one 4 KiB slot per doorbell page,
 * and nothing else is. 0x08000000 + 1 MiB is the window Linux reserves for
 * the same purpose (MSI_IOVA_BASE, IOMMU_RESV_SW_MSI).
 */
#define SMMUV3_MSI_WINDOW_BASE 0x08000000ull
#define SMMUV3_MSI_WINDOW_SIZE 0x00100000ull
#define SMMUV3_MSI_SLOTS       (SMMUV3_MSI_WINDOW_SIZE / SMMUV3_PGT_PAGE)

enum smmuv3_mode {
	SMMUV3_MODE_OFF = 0, /* probed and reported, left disabled (as handed over) */
	SMMUV3_MODE_BYPASS,  /* enabled; streams in use bypass */
	SMMUV3_MODE_S1,      /* enabled; streams in use translate through their context */
	SMMUV3_MODE_NESTED,  /* as S1, each context over the host's stage 2 (STE 0b111) */
	SMMUV3_MODE_S2,      /* enabled; streams in use translate through the host's stage 2 only */
};

struct smmuv3;

/* A stage-1 translation context for one StreamID. */
struct smmuv3_ctx {
	struct smmuv3 *smmu;
	uint32_t sid;
	uint16_t asid;
	unsigned refs;
	uint64_t cd_phys;
	struct smmuv3_pgt pgt;
	unsigned msi_count; /* window slots in use */
	struct {
		uint64_t page; /* doorbell page, 0 when free */
		unsigned refs;
	} msi[8];
};

struct smmuv3_stream {
	uint32_t sid;
	bool in_use;     /* a PCI function sits behind it */
	bool rmr;        /* an RMR node names it */
	int base_config; /* what the stream returns to without a context */
	struct smmuv3_ctx *ctx;
	unsigned rmr_count; /* its RMR ranges: identity-mapped in its context */
	struct {
		uint64_t base, length;
		bool device; /* Device memory attributes (IORT RMR flags 9:2 below 0x04) */
	} rmr_range[SMMUV3_MAX_RMR];
};

struct smmuv3_event_log {
	uint64_t total; /* decoded since boot */
	uint64_t by_type[SMMUV3_EVENT_TYPES];
	uint64_t overflows;
	struct smmuv3_event ring[SMMUV3_EVENT_LOG]; /* the last ones, ring[total % N] next */
};

struct smmuv3 {
	uint64_t base;
	unsigned iort_node;
	uint32_t event_gsiv, gerr_gsiv, sync_gsiv;
	struct smmuv3_caps caps;
	bool enabled;
	/* Stream table: 2^strtab_log2 STEs, aligned to its size. */
	uint64_t strtab;
	unsigned strtab_log2;
	/* Command queue. */
	uint64_t cmdq;
	unsigned cmdq_log2;
	uint32_t cmdq_prod;
	uint64_t cmd_count, sync_count;
	unsigned last_cerror;
	uint64_t cerror_count;
	/* Event queue. */
	uint64_t evtq;
	unsigned evtq_log2;
	uint32_t evtq_cons;
	bool evtq_irq; /* the wired interrupt drains the queue; else it is polled */
	/*
	 * Serialises draining (the interrupt handler, smmuv3_evtq_drain and
	 * smmuv3_evtq_wait, on any CPU) and the log's readers that take it;
	 * held with local interrupts off, so the handler cannot spin on it
	 * over the code it interrupted.
	 */
	struct spinlock evtq_lock;
	struct smmuv3_event_log events;
	/* Streams doorbell knows about and their contexts. */
	struct smmuv3_stream stream[SMMUV3_MAX_STREAMS];
	unsigned stream_count;
	struct smmuv3_ctx ctx[SMMUV3_MAX_CTX];
	/* The contexts' ASIDs, 8 or 16 bits by IDR0.ASID16 (set up by smmuv3_setup). */
	struct smmuv3_tags asids;
	/* VMIDs of stage-2 domains, 8 or 16 bits by IDR0.VMID16. */
	struct smmuv3_tags vmids;
	/*
	 * The host part's stage-2 domain (smmuv3_s2.h) in the nested and
	 * stage-2 modes, NULL otherwise: contexts then use STE 0b111 and
	 * stamp its VMID on their stage-1 invalidations.
	 */
	struct smmuv3_s2 *s2;
};

/* --- registers (smmuv3_hw.c) ------------------------------------------------ */

uint32_t smmuv3_read32(const struct smmuv3 *s, unsigned off);
uint64_t smmuv3_read64(const struct smmuv3 *s, unsigned off);
void smmuv3_write32(const struct smmuv3 *s, unsigned off, uint32_t v);
void smmuv3_write64(const struct smmuv3 *s, unsigned off, uint64_t v);
/* Read the ID registers (aborts caught): 0, -EFAULT (no unit answers), -ENODEV (all ones). */
int smmuv3_probe(struct smmuv3 *s, uint64_t base);
/* Write CR0 and wait for CR0ACK to match: 0 or -ETIMEDOUT. */
int smmuv3_cr0_write(struct smmuv3 *s, uint32_t cr0);
/* Write IRQ_CTRL and wait for IRQ_CTRLACK: 0 or -ETIMEDOUT. */
int smmuv3_irq_ctrl_write(struct smmuv3 *s, uint32_t v);
/*
 * Build the stream table (every STE abort) and the queues, program the
 * unit with SMMUEN still off, invalidate all (CFGI_ALL, TLBI_NSNH_ALL,
 * SYNC). 0, -ENOMEM, -ETIMEDOUT, -EIO; nothing left allocated on error.
 */
int smmuv3_setup(struct smmuv3 *s, unsigned strtab_log2);
/* SMMUEN on: 0 or -ETIMEDOUT. */
int smmuv3_enable(struct smmuv3 *s);

/* --- coherency (smmuv3_coh.c) ---------------------------------------------- */

/*
 * What the CPU wrote at p for the unit to read: cleaned to the point of
 * coherency when the unit does not snoop (smmuv3_caps_must_clean), else
 * nothing. Callers still order it before the command or register write
 * that makes the unit read it.
 */
void smmuv3_coh_publish(const struct smmuv3 *s, const void *p, uint64_t len);
/* Before the CPU reads what the unit wrote at p: cleaned and invalidated when it does not snoop. */
void smmuv3_coh_fetch(const struct smmuv3 *s, const void *p, uint64_t len);

/* --- command queue (smmuv3_cmdq.c) ----------------------------------------- */

/*
 * Queue the commands and a CMD_SYNC, and wait until CONS passes the sync:
 * 0, -ETIMEDOUT, or -EIO when the unit stopped on a command (GERROR.CMDQ_ERR;
 * the CERROR is kept in last_cerror, the command replaced by a CMD_SYNC and
 * the error acknowledged, so the queue runs again).
 */
int smmuv3_cmdq_submit(struct smmuv3 *s, const struct smmuv3_cmd *cmds, unsigned n);
int smmuv3_cmdq_init(struct smmuv3 *s);
void smmuv3_cmdq_free(struct smmuv3 *s);

/* --- event queue (smmuv3_evtq.c) ------------------------------------------ */

int smmuv3_evtq_init(struct smmuv3 *s);
void smmuv3_evtq_free(struct smmuv3 *s);
/*
 * Drain the queue into the event log under evtq_lock (any context, any CPU;
 * the wired interrupt's handler calls it too): the number of records read.
 */
unsigned smmuv3_evtq_drain(struct smmuv3 *s);
/*
 * Drain until an event of this type for sid (and addr, when want_addr) has
 * been logged after the event count `since`, or timeout_us passes: 0 with
 * *ev filled, or -ETIMEDOUT. It polls even when the wired interrupt is set
 * up: its caller may hold interrupts off, so the interrupt may not reach
 * this CPU meanwhile (it then finds the queue empty when it does).
 */
int smmuv3_evtq_wait(struct smmuv3 *s, uint64_t since, unsigned type, uint32_t sid, bool want_addr,
		     uint64_t addr, uint64_t timeout_us, struct smmuv3_event *ev);

/* --- stream table (smmuv3_strtab.c) --------------------------------------- */

/* The STE of sid in memory, NULL beyond the table. */
struct smmuv3_ste *smmuv3_ste_get(struct smmuv3 *s, uint32_t sid);
/* Replace sid's STE (invalidated; the unit never sees a torn entry): 0, -EINVAL, errors of submit. */
int smmuv3_ste_install(struct smmuv3 *s, uint32_t sid, const struct smmuv3_ste *ste);
/* The tracked stream for sid, NULL when doorbell does not track it. */
struct smmuv3_stream *smmuv3_stream_find(struct smmuv3 *s, uint32_t sid);

/* --- contexts (smmuv3_ctx.c) ---------------------------------------------- */

/*
 * Take a reference on sid's stage-1 context, creating it (empty tables, the
 * stream's RMR ranges identity-mapped, STE switched to translate) if it has
 * none: 0, -EINVAL (sid beyond the table), -ENOSPC, -ENOMEM, submit errors.
 */
int smmuv3_ctx_get(struct smmuv3 *s, uint32_t sid, struct smmuv3_ctx **out);
/* The context translating requester id rid's writes, NULL when none does (bypass, not behind s). */
struct smmuv3_ctx *smmuv3_ctx_for_rid(struct smmuv3 *s, uint32_t rid);
/* Drop a reference; the last one switches the STE back to the stream's base config. */
void smmuv3_ctx_put(struct smmuv3_ctx *c);
/* Map/unmap DMA pages (outside the MSI window); unmap invalidates the ASID. */
int smmuv3_ctx_map(struct smmuv3_ctx *c, uint64_t iova, uint64_t phys, uint64_t size,
		   unsigned prot);
int smmuv3_ctx_unmap(struct smmuv3_ctx *c, uint64_t iova, uint64_t size);
/*
 * Map the doorbell page of doorbell_phys into the MSI window (once per
 * page; later calls share the slot) and give the IOVA the device must
 * write: 0, -ENOSPC (window full), mapping errors.
 */
int smmuv3_ctx_msi_map(struct smmuv3_ctx *c, uint64_t doorbell_phys, uint64_t *iova);
/* Release one reference on the doorbell's slot; the last one unmaps it. */
int smmuv3_ctx_msi_unmap(struct smmuv3_ctx *c, uint64_t doorbell_phys);
/*
 * True when the RMR node at IORT offset was refused: a page of its ranges
 * was already doorbell's, so its StreamIDs were not installed as RMR ones.
 */
bool smmuv3_rmr_node_refused(uint32_t offset);
/* True when addr lies in one of the stream's RMR ranges (mapped at their own address). */
bool smmuv3_ctx_rmr_covers(const struct smmuv3_ctx *c, uint64_t addr);

/* --- the walk a device write takes (smmuv3_walk.c) ------------------------------------ */

/* Both stages as the unit walks them for one address of a stream. */
struct smmuv3_walk {
	uint64_t in;  /* what the device wrote */
	uint64_t ipa; /* after stage 1 (= in when stage 1 is bypassed) */
	uint64_t pa;  /* after stage 2 (= ipa when stage 2 is bypassed) */
	bool s1, s2;  /* the stages the stream translates through */
	int fault;    /* 0, 1 (stage 1 has no mapping) or 2 (stage 2 has none) */
};
/* Walk addr for StreamID sid through the tables doorbell built: 0, -ENOENT (untracked stream). */
int smmuv3_walk(struct smmuv3 *s, uint32_t sid, uint64_t addr, struct smmuv3_walk *w);

/* --- DMA mappings for agnostic drivers (smmuv3_dma.c, kernel/dma.h) ---------------- */

/*
 * The kernel/dma backend: identity IOVAs (IOVA = physical address) mapped
 * read/write in the stream's stage-1 context, each map holding a reference
 * on the context; a stream without a context (bypass) gets the physical
 * address unchanged. The MSI window is refused (-EINVAL).
 */
extern const struct dma_ops smmuv3_dma_ops;
/* The MSI doorbell backend (drivers/iommu/iommu_msi.h), installed with it. */
extern const struct iommu_msi_ops smmuv3_msi_ops;

/* --- the boot instance (smmuv3_init.c) --------------------------------------- */

/* After pci_init and platform_detect: probe, build, enable per config `smmu=`. */
void smmuv3_init(void);
/* `# fact smmuv3.*` lines. */
void smmuv3_report(void);
/* The enabled unit, NULL when there is none (or it is off). */
struct smmuv3 *smmuv3_get(void);
/* Why smmuv3_get() is NULL ("" when it is not). */
const char *smmuv3_absent_reason(void);
enum smmuv3_mode smmuv3_mode(void);
/* The StreamID the IORT gives requester rid (segment 0) at this unit: 0 or -ENOENT. */
int smmuv3_rid_to_sid(const struct smmuv3 *s, uint32_t rid, uint32_t *sid);

/* --- the event interrupt (smmuv3_evtq_irq.c) -------------------------------------- */

/*
 * Route the event queue's wired interrupt (the IORT's event GSIV, an SPI)
 * through its own small domain on the arch's wired domain (arm64: the GICv3
 * SPI domain), target CPU 0: 0, or -ENODEV without a wired domain or GSIV,
 * errors of the irq core or IRQ_CTRL; on error nothing is left allocated
 * and the queue is polled.
 */
int smmuv3_evtq_irq_setup(struct smmuv3 *s);
/* "irq" or "polled" (the `smmuv3.evtq_irq` fact). */
const char *smmuv3_evtq_irq_state(void);
/* Why the queue is polled ("" when the interrupt drains it). */
const char *smmuv3_evtq_irq_reason(void);
/* The event interrupt's virq, VIRQ_NONE when the queue is polled. */
virq_t smmuv3_evtq_irq_virq(void);

#endif
