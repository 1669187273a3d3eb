/* SPDX-License-Identifier: MIT */
/*
 * One GICv3 ITS (Arm IHI 0069H chapter 5): its registers, the device and
 * collection tables (GITS_BASER<n>, flat or two-level), the command queue
 * (gic_its_cmd.c), one collection per online CPU, and the devices mapped
 * in it (gic_its_device.c). Nothing here knows the irq core; the remap
 * domain on top is gic_its_domain.c.
 */
#ifndef DOORBELL_GIC_ITS_H
#define DOORBELL_GIC_ITS_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq_idalloc.h"
#include "kernel/irq/irq_types.h"
#include "kernel/spinlock.h"

#define ITS_WAIT_US        100000 /* one command batch: generous under TCG */
#define ITS_MAX_DEVICES    16
#define ITS_DEV_EVENTS_MIN 32  /* an ITT holds at least this many events */
#define ITS_DEV_EVENTS_MAX 256 /* and at most this many (one doorbell's EventIDs) */
#define ITS_L2_MAX         64  /* level-2 device table pages */

/* How a GITS_BASER table is laid out. */
struct gic_its_table {
	unsigned baser;     /* register index, or ~0u when the ITS has none of this type */
	uint64_t value;     /* as read back after programming */
	uint64_t phys;      /* the (level-1) table */
	unsigned page_size; /* bytes */
	unsigned pages;
	unsigned entry_size;
	bool indirect; /* two-level: phys holds level-1 entries of page_size tables */
	uint64_t ids;  /* IDs the table covers (2^32 with Devbits + 1 = 32) */
	unsigned l2_count;
};

struct gic_its_device {
	bool used;
	uint32_t dev_id;
	uint64_t itt; /* physical, 256-byte aligned */
	unsigned itt_pages;
	uint32_t nevents;          /* power of two, the MAPD Size is log2 - 1 */
	struct irq_idalloc events; /* EventIDs [0, nevents); events.used counts them */
	uint64_t event_map[IRQ_IDALLOC_WORDS(ITS_DEV_EVENTS_MAX)];
};

struct gic_its {
	uint64_t base;
	uint32_t iidr;
	uint64_t typer;
	bool pta;   /* RDbase is a physical address (GITS_TYPER.PTA) */
	bool clean; /* the ITS does not snoop (gic_baser_attr.c): clean what the CPU writes */
	unsigned itt_entry; /* bytes */
	unsigned dev_bits, id_bits;
	struct gic_its_table dt, ct;
	/* Command queue. */
	struct spinlock lock;
	uint64_t cq;       /* physical, 64 KiB aligned */
	uint32_t cq_size;  /* bytes */
	uint32_t cq_write; /* our next offset */
	uint64_t cmd_count, sync_count;
	uint64_t stall_count, timeout_count;
	uint64_t last_wait_ticks, max_wait_ticks;
	unsigned collections;
	struct gic_its_device dev[ITS_MAX_DEVICES];
};

/* gic_its_unit.c: probe, tables, queue, enable, MAPC per online CPU: 0 or -errno (undone). */
int gic_its_unit_init(struct gic_its *its, uint64_t base, bool force_flat);
/* The doorbell address devices write (GITS_TRANSLATER). */
uint64_t gic_its_translater(const struct gic_its *its);
/* The RDbase field of MAPC/SYNC/MOVALL for logical CPU cpu: 0, -EINVAL. */
int gic_its_rdbase(const struct gic_its *its, unsigned cpu, uint64_t *rdbase);

/* gic_its_tables.c */
int gic_its_tables_init(struct gic_its *its, bool force_flat);
/* The device table covers dev_id: a level-2 page is allocated when needed. 0, -ERANGE, -ENOMEM. */
int gic_its_dt_ensure(struct gic_its *its, uint32_t dev_id);

/* gic_its_cmd.c: each builds one command, queues it and waits for the ITS to read it. */
int gic_its_cmd_init(struct gic_its *its);
int gic_its_mapd(struct gic_its *its, uint32_t dev_id, uint64_t itt, uint32_t nevents, bool valid);
int gic_its_mapc(struct gic_its *its, uint16_t icid, uint64_t rdbase, bool valid);
int gic_its_mapti(struct gic_its *its, uint32_t dev_id, uint32_t event, uint32_t intid,
		  uint16_t icid);
/* MOVI, then SYNC to the old and to the new collection's redistributor (one SYNC when the same). */
int gic_its_movi_sync(struct gic_its *its, uint32_t dev_id, uint32_t event, uint16_t icid,
		      uint64_t old_rdbase, uint64_t new_rdbase);
int gic_its_inv(struct gic_its *its, uint32_t dev_id, uint32_t event);
int gic_its_discard(struct gic_its *its, uint32_t dev_id, uint32_t event);
int gic_its_sync(struct gic_its *its, uint64_t rdbase);
/* SYNC to logical CPU cpu's redistributor. */
int gic_its_sync_cpu(struct gic_its *its, unsigned cpu);

/* gic_its_device.c */
/* The device with dev_id, mapped (MAPD) with an ITT for at least nevents events on first use. */
int gic_its_device_get(struct gic_its *its, uint32_t dev_id, uint32_t nevents,
		       struct gic_its_device **out);
/* Unmap (MAPD V=0) and forget a device with no event left. */
void gic_its_device_put(struct gic_its *its, struct gic_its_device *dev);
int gic_its_event_take(struct gic_its_device *dev, uint32_t *event);
void gic_its_event_give(struct gic_its_device *dev, uint32_t event);
/*
 * The DeviceID the IORT gives requester id rid of PCI segment 0 (root
 * complex -> (SMMU ->) ITS group); the RID itself when there is no IORT.
 * 0, -ENOENT (no mapping), or the IORT walk's errno. *how says which.
 */
int gic_its_devid(uint32_t rid, uint32_t *dev_id, const char **how);

#endif
