/* SPDX-License-Identifier: MIT */
/*
 * Interrupt domains: one level of the interrupt stack each (docs/architecture.md,
 * "The interrupt domain stack").
 *
 *   bus (PCI-MSI, MSI-X, IMS)  stores the message, masks        write_msg, mask
 *     |
 *   remap (VT-d IR, GIC ITS)   own entry, composes its format   alloc, compose, set_affinity
 *     |
 *   vector (x86 vectors, LPIs) target CPU + id, reverse map     alloc, compose, set_affinity
 *
 * Every interrupt (virq) has a chain of struct irq_data, one per level, from
 * the domain it was allocated in (the top, nearest the device) down to the
 * bottom (parent_data == NULL). This header is for level implementers: the
 * ops table, the data they see, and the helpers they may call from their ops.
 *
 * Locking: the core calls every op with its lock held (irq_cpu.h), inside
 * the descriptor lock of the interrupt (irq_desc.h), except the bus ops,
 * which run with neither. Ops may call the helpers below, which are marked
 * "lock held", and nothing from kernel/irq/irq.h.
 */
#ifndef DOORBELL_IRQ_DOMAIN_H
#define DOORBELL_IRQ_DOMAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/irq/irq_types.h"

struct irq_domain;

/* irq_data.flags, owned by the core: levels read them, never write them. */
#define IRQ_DATA_ALLOCATED (1u << 0) /* this level's alloc succeeded for the virq */
#define IRQ_DATA_ACTIVATED (1u << 1) /* this level's activate succeeded */

/* One level of one interrupt's chain. */
struct irq_data {
	struct irq_domain *domain;
	struct irq_data *parent_data; /* next level down; NULL at the bottom */
	virq_t virq;
	hwirq_t hwirq;   /* the level's own number, set by its alloc */
	irq_cpu_t cpu;   /* CPU this level targets, IRQ_CPU_NONE if it does not route */
	void *chip_data; /* the level's per-interrupt state */
	uint32_t flags;  /* IRQ_DATA_* */
};

/*
 * The ids one device's writes carry, as each level needs them (Linux: what
 * msi_prepare puts into msi_alloc_info_t). The platform fills them once per
 * device (kernel/msi_parent.h); a level reads only its own:
 *   rid        requester id: VT-d source-id verification, and the id an
 *              IOMMU translates the device's writes with (iommu_msi_map)
 *   device_id  the DeviceID the ITS sees the writes with (IORT mapping)
 *   stream_id  the StreamID of the SMMU on the path (IORT), else the rid
 * They can disagree: on QEMU's arm virt a device's own DMA writes reach the
 * ITS as DeviceID 0 while its SMMU translates them in the device's stream
 * (docs/architecture.md, IMS); a test that finds so overrides device_id.
 */
struct irq_dev_ids {
	uint16_t segment;
	uint16_t rid;
	uint32_t device_id;
	uint32_t stream_id;
};

/*
 * What the caller of irq_alloc knows about the interrupts it wants; each
 * level takes what it needs (Linux: msi_alloc_info_t).
 */
struct irq_alloc_info {
	irq_cpu_t cpu;          /* requested target, or IRQ_CPU_ANY */
	struct irq_dev_ids ids; /* the device's ids, from its msi_dev record */
	hwirq_t index;          /* bus index of the first interrupt: MSI-X entry, IMS slot */
	void *dev;              /* the bus level's device */
};

/*
 * What a bus domain may ask its parent chain before it is created
 * (irq_domain_supports): can the levels below serve this kind of bus? A
 * level vouches for the features in its mask (irq_domain_info.features).
 */
#define IRQ_FEATURE_IMS 1u /* device-specific message storage (IMS) */

/* The level a domain is (docs/architecture.md, "Kinds and features"). */
enum irq_domain_kind {
	IRQ_DOMAIN_KIND_NONE,   /* not said; printed "-" */
	IRQ_DOMAIN_KIND_VECTOR, /* x86 per-CPU vectors */
	IRQ_DOMAIN_KIND_LPI,    /* GICv3 LPIs */
	IRQ_DOMAIN_KIND_WIRED,  /* wired lines (GICv3 SPIs) */
	IRQ_DOMAIN_KIND_REMAP,  /* VT-d IRTEs, the GICv3 ITS */
	IRQ_DOMAIN_KIND_BUS,    /* message storage: PCI-MSI, MSI-X, IMS, a unit's own registers */
};

/* "vector", "lpi", "wired", "remap", "bus"; "-" for NONE or an unknown value. */
const char *irq_domain_kind_name(enum irq_domain_kind kind);

/*
 * A platform policy attached to a domain by whoever built the stack (the
 * levels themselves know their hardware, not the platform): 0 when it
 * allows feature, -EOPNOTSUPP with *reason when it does not.
 */
typedef int (*irq_domain_gate_fn)(uint32_t feature, const char **reason);

/*
 * Where a vector level delivers an interrupt, as data (Linux: struct
 * irq_cfg, read by the remap levels' prepare_irte): the logical CPU, the
 * vector (or id) on it, and the CPU's full hardware destination id (x86:
 * the 32-bit x2APIC ID), which a remap level encodes in its own format.
 */
struct irq_target {
	irq_cpu_t cpu;
	uint32_t vector;
	uint32_t dest_id;
};

/* Positive results of set_affinity (errors are negative errno values). */
#define IRQ_SET_AFFINITY_UPDATE_MSG 0 /* message changed: levels above adapt, bus rewrites */
#define IRQ_SET_AFFINITY_DONE       1 /* absorbed here (IRTE rewrite, MOVI): nothing above changes */

/*
 * One table per level, Linux's meanings. All ops are optional unless noted;
 * every op runs with the core lock held.
 */
struct irq_domain_ops {
	/*
	 * Required. Set up this level for virqs [virq, virq + nr): allocate the
	 * level's own resource, fill each irq_data (irq_domain_get_data) and call
	 * irq_domain_alloc_parent() unless this is the bottom. All or nothing
	 * for this level: on failure, undo this level's own work (never the
	 * parent's: the core frees the levels below that succeeded) and return
	 * the errno unchanged.
	 */
	int (*alloc)(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info);
	/* Release this level's resource for the range; the core frees the parent after. */
	void (*free)(struct irq_domain *d, virq_t virq, uint32_t nr);
	/* Program the hardware of this level; the parents are already active. All or nothing. */
	int (*activate)(struct irq_data *data);
	void (*deactivate)(struct irq_data *data);
	/*
	 * Stage a move to cpu; the levels below have already staged theirs. The
	 * old routing must keep working until set_affinity_commit (in-flight
	 * interrupts) and must be restorable by set_affinity_revert. Returns
	 * IRQ_SET_AFFINITY_UPDATE_MSG, IRQ_SET_AFFINITY_DONE, or a negative errno
	 * with this level unchanged. A level with set_affinity needs both others.
	 */
	int (*set_affinity)(struct irq_data *data, irq_cpu_t cpu);
	/* The move succeeded everywhere: release what the old routing held. Cannot fail. */
	void (*set_affinity_commit)(struct irq_data *data);
	/* The move failed above: go back to the old routing exactly. Cannot fail. */
	void (*set_affinity_revert)(struct irq_data *data);
	/*
	 * The target of data as data (bottom levels that route): 0, or -EINVAL
	 * when data has none. Remap levels read it through irq_domain_parent_target.
	 */
	int (*get_target)(const struct irq_data *data, struct irq_target *t);
	/* Build the message the device must write; the level nearest the bus that has it wins. */
	int (*compose)(struct irq_data *data, struct msi_msg *msg);
	/*
	 * Store msg in the device (bus levels): 0, or a negative errno with the
	 * device's stored message as it was (e.g. a device whose storage is
	 * written by DMA that did not complete).
	 */
	int (*write_msg)(struct irq_data *data, const struct msi_msg *msg);
	void (*mask)(struct irq_data *data);
	void (*unmask)(struct irq_data *data);
	/*
	 * A slow bus (Linux: irq_bus_lock / irq_bus_sync_unlock), e.g. a device
	 * whose message storage is written by DMA; all three or none, for the
	 * top level of a chain only. The core takes bus_lock (local interrupts
	 * off) before the descriptor and core locks; under them this level's
	 * alloc, free, deactivate, write_msg, mask and unmask only record the
	 * change (write_msg answers 0). With those locks dropped, bus_sync
	 * writes the device and returns 0 or the first failed message write's
	 * errno (that slot keeps what it held; the core then undoes the
	 * operation as for a failed write_msg); mask errors are the level's to
	 * count. bus_unlock ends it.
	 */
	void (*bus_lock)(struct irq_domain *d);
	int (*bus_sync)(struct irq_domain *d);
	void (*bus_unlock)(struct irq_domain *d);
	/* Debug view: this level's words for data, e.g. "cpu 1 vec 0x31"; default "hwirq N". */
	int (*show)(const struct irq_data *data, char *buf, size_t size);
};

struct irq_domain_info {
	const char *name; /* instance: "vector", "vtd-ir0", "pci-msi" */
	enum irq_domain_kind kind;
	uint32_t features; /* IRQ_FEATURE_* this level can serve a bus with */
	struct irq_domain *parent;
	const struct irq_domain_ops *ops;
	void *priv;
	/*
	 * Reverse map for delivery (bottom levels only; NULL otherwise):
	 * hwirq in [revmap_base, revmap_base + revmap_size) -> virq, one table
	 * per CPU when revmap_cpus > 1 (x86 vectors) or one shared (LPIs).
	 * Storage: revmap_size * max(revmap_cpus, 1) entries, from the caller.
	 */
	virq_t *revmap;
	uint32_t revmap_base;
	uint32_t revmap_size;
	uint32_t revmap_cpus;
};

/* Owned by the core after irq_domain_create; storage from the caller. */
struct irq_domain {
	const char *name;
	enum irq_domain_kind kind;
	uint32_t features; /* IRQ_FEATURE_* */
	struct irq_domain *parent;
	const struct irq_domain_ops *ops;
	void *priv;
	uint32_t depth;     /* 0 at the bottom */
	uint32_t irq_count; /* virqs with this level allocated */
	virq_t *revmap;
	uint32_t revmap_base;
	uint32_t revmap_size;
	uint32_t revmap_cpus;
	irq_domain_gate_fn gate; /* irq_domain_set_gate; NULL: no policy */
	struct irq_domain *next; /* registry, in creation order */
};

/*
 * Register a domain: 0, or -EINVAL (no name, no ops->alloc, unregistered
 * parent, chain deeper than IRQ_MAX_DEPTH, bad revmap), -EEXIST if d is
 * already registered.
 */
int irq_domain_create(struct irq_domain *d, const struct irq_domain_info *info);
/* Unregister: 0, or -EBUSY while it has interrupts or child domains, -EINVAL. */
int irq_domain_remove(struct irq_domain *d);
/* Registry walk, for the debug view. */
struct irq_domain *irq_domain_first(void);

/* --- helpers for level ops (lock held) ---------------------------------- */

/* Allocate the parent level for the range; the errno of the first level that failed. */
int irq_domain_alloc_parent(struct irq_domain *d, virq_t virq, uint32_t nr,
			    const struct irq_alloc_info *info);
/*
 * The target of the first level below data that has get_target (its
 * current, possibly staged, routing): 0, or -EINVAL when none has one.
 */
int irq_domain_parent_target(const struct irq_data *data, struct irq_target *t);
/* This level's entry in virq's chain, or NULL when virq has none in d. */
struct irq_data *irq_domain_get_data(struct irq_domain *d, virq_t virq);
/* Reverse map: 0, -EINVAL (no map, out of range, bad cpu), -EBUSY (taken by another virq). */
int irq_domain_revmap_set(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq, virq_t virq);
/* Clear an entry: 0, or -EINVAL when it is not mapped to virq. */
int irq_domain_revmap_clear(struct irq_domain *d, irq_cpu_t cpu, hwirq_t hwirq, virq_t virq);

/*
 * hwirq's entry in d's reverse map, NULL when out of range. Inline, with
 * the lookup below: delivery (irq_handle) reads the map twice per interrupt.
 */
static inline virq_t *irq_domain_revmap_entry(const struct irq_domain *d, irq_cpu_t cpu,
					      hwirq_t hwirq)
{
	if (!d || !d->revmap || hwirq.v < d->revmap_base ||
	    hwirq.v - d->revmap_base >= d->revmap_size)
		return NULL;
	uint32_t table = 0;
	if (d->revmap_cpus > 1) {
		if (cpu.v >= d->revmap_cpus)
			return NULL;
		table = cpu.v;
	}
	return &d->revmap[table * d->revmap_size + (hwirq.v - d->revmap_base)];
}

/* VIRQ_NONE when unmapped or out of range. Also without the core lock (delivery). */
static inline virq_t irq_domain_revmap_lookup(const struct irq_domain *d, irq_cpu_t cpu,
					      hwirq_t hwirq)
{
	virq_t *e = irq_domain_revmap_entry(d, cpu, hwirq);
	return e ? VIRQ(__atomic_load_n(&e->v, __ATOMIC_ACQUIRE)) : VIRQ_NONE;
}

#endif
