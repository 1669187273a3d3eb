/* SPDX-License-Identifier: MIT */
/*
 * Devices of an ITS (Arm IHI 0069H §5.2): each DeviceID gets an
 * interrupt translation table sized for its events (MAPD Size = EventID
 * bits - 1; GITS_TYPER.ITT_entry_size bytes per event, 256-byte aligned)
 * and its own EventID space, allocated here. The DeviceID of a PCI
 * function comes from the IORT (Arm DEN 0049): root complex -> (SMMU ->)
 * ITS group mapping of its requester id.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/acpi/acpi_iort.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_plan.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/platform.h"

int gic_its_devid(uint32_t rid, uint32_t *dev_id, const char **how)
{
	struct platform *plat = platform_get();
	if (!plat->parsed.has_iort) {
		*dev_id = rid;
		*how = "requester id (no IORT)";
		return 0;
	}
	struct acpi_iort_path path;
	int err = acpi_iort_map_rid(&plat->parsed.iort, 0, rid, &path);
	if (err)
		return err;
	*dev_id = path.device_id;
	*how = path.has_smmu ? "IORT root complex -> SMMUv3 -> ITS" : "IORT root complex -> ITS";
	return 0;
}

static uint32_t its_pow2(uint32_t n)
{
	uint32_t p = 2;
	while (p < n)
		p <<= 1;
	return p;
}

int gic_its_device_get(struct gic_its *its, uint32_t dev_id, uint32_t nevents,
		       struct gic_its_device **out)
{
	struct gic_its_device *free_slot = 0;
	for (unsigned i = 0; i < ITS_MAX_DEVICES; i++) {
		struct gic_its_device *d = &its->dev[i];
		if (d->used && d->dev_id == dev_id) {
			*out = d;
			return 0;
		}
		if (!d->used && !free_slot)
			free_slot = d;
	}
	if (!free_slot)
		return -ENOSPC;
	uint32_t n = its_pow2(nevents > ITS_DEV_EVENTS_MIN ? nevents : ITS_DEV_EVENTS_MIN);
	if (n > ITS_DEV_EVENTS_MAX || n > gic_its_id_count(its->id_bits))
		return -ENOSPC;
	int err = gic_its_dt_ensure(its, dev_id);
	if (err)
		return err;
	uint64_t bytes = (uint64_t)n * its->itt_entry;
	unsigned pages = (unsigned)((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	uint64_t itt = page_alloc(pages);
	if (!itt)
		return -ENOMEM;
	if (its->clean)
		arch_dcache_clean((const void *)(uintptr_t)itt, bytes);
	err = gic_its_mapd(its, dev_id, itt, n, true);
	if (err) {
		page_free(itt, pages);
		return err;
	}
	struct gic_its_device *d = free_slot;
	memset(d, 0, sizeof(*d));
	d->used = true;
	d->dev_id = dev_id;
	d->itt = itt;
	d->itt_pages = pages;
	d->nevents = n;
	irq_idalloc_init(&d->events, d->event_map, 0, n);
	*out = d;
	return 0;
}

void gic_its_device_put(struct gic_its *its, struct gic_its_device *d)
{
	if (!d || !d->used || d->events.used)
		return;
	/* The ITS has read the unmap once the command completed: the ITT is ours again. */
	if (!gic_its_mapd(its, d->dev_id, 0, d->nevents, false))
		page_free(d->itt, d->itt_pages);
	memset(d, 0, sizeof(*d));
}

int gic_its_event_take(struct gic_its_device *d, uint32_t *event)
{
	return irq_idalloc_alloc(&d->events, event);
}

void gic_its_event_give(struct gic_its_device *d, uint32_t event)
{
	irq_idalloc_free(&d->events, event);
}
