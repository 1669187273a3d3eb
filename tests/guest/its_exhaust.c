/* SPDX-License-Identifier: MIT */
/*
 * its.exhaust: a device's EventIDs run out at the size its ITT was mapped
 * with: the next irq_alloc fails with -ENOSPC from the ITS level and
 * leaves nothing behind (virqs, chain entries, LPIs, the device's events);
 * freeing everything unmaps the device, and a fresh allocation maps it
 * again. Uses a RID no device has (bus 0, device 31, function 7).
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/msi_parent.h"
#include "tests/guest/itstest.h"

#define ITS_EXHAUST_RID 0x00ffu

static const struct gic_its_device *its_exhaust_dev(const struct gic_its *its, uint32_t dev_id)
{
	for (unsigned i = 0; i < ITS_MAX_DEVICES; i++)
		if (its->dev[i].used && its->dev[i].dev_id == dev_id)
			return &its->dev[i];
	return 0;
}

DTEST(its_exhaust, .name = "its.exhaust",
      .summary = "EventIDs of one device run out with -ENOSPC and nothing left allocated",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_ITS, .deadline_ms = 5000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	uint32_t dev_id;
	const char *how;
	int err = gic_its_devid(ITS_EXHAUST_RID, &dev_id, &how);
	if (!DT_EXPECT(t, err == 0, "DeviceID of RID 0x%x: %s", ITS_EXHAUST_RID, errno_name(err)))
		return;
	DT_EXPECT(t, !its_exhaust_dev(d->its, dev_id), "DeviceID 0x%x is mapped already", dev_id);
	struct msi_dev msi;
	msi_dev_prepare_rid(&msi, 0, ITS_EXHAUST_RID); /* the ids only: the domain is its0 */
	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .ids = msi.ids};
	virq_t first;
	err = irq_alloc(&d->domain, ITS_DEV_EVENTS_MIN, &info, &first);
	if (!DT_EXPECT(t, err == 0, "%u events: %s", ITS_DEV_EVENTS_MIN, errno_name(err)))
		return;
	const struct gic_its_device *dev = its_exhaust_dev(d->its, dev_id);
	DT_EXPECT(t,
		  dev && dev->nevents == ITS_DEV_EVENTS_MIN &&
			  dev->events.used == ITS_DEV_EVENTS_MIN,
		  "device 0x%x: ITT of %u events, %u used", dev_id, dev ? dev->nevents : 0,
		  dev ? dev->events.used : 0);
	/* Round robin: the allocations went to every online CPU. */
	irq_cpumask_t seen = {0};
	for (unsigned i = 0; i < ITS_DEV_EVENTS_MIN; i++)
		irq_cpumask_set(&seen, irq_chain(VIRQ(first.v + i))->parent_data->cpu);
	DT_EXPECT_EQ(t, __builtin_popcountll(seen.bits), arch_cpu_count());

	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	virq_t more;
	err = irq_alloc(&d->domain, 1, &info, &more);
	DT_EXPECT(t, err == -ENOSPC, "event %u of an ITT of %u: %s, expected -ENOSPC",
		  ITS_DEV_EVENTS_MIN + 1, ITS_DEV_EVENTS_MIN, errno_name(err));
	DT_EXPECT_EQ(t, irq_virq_free_count(), virqs);
	DT_EXPECT_EQ(t, irq_pool_free_count(), pool);
	DT_EXPECT_EQ(t, dev ? dev->events.used : 0, ITS_DEV_EVENTS_MIN);

	DT_EXPECT_EQ(t, irq_free(first, ITS_DEV_EVENTS_MIN), 0);
	DT_EXPECT(t, !its_exhaust_dev(d->its, dev_id), "DeviceID 0x%x still mapped after the free",
		  dev_id);
	err = irq_alloc(&d->domain, 1, &info, &more);
	DT_EXPECT(t, err == 0, "one event after the free: %s", errno_name(err));
	if (!err)
		irq_free(more, 1);
	DT_EXPECT_EQ(t, d->its->stall_count, 0);
	DT_EXPECT_EQ(t, d->its->timeout_count, 0);
}
