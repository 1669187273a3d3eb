/* SPDX-License-Identifier: MIT */
#include "tests/guest/imstest.h"

#include <string.h>

#include "arch/hooks.h"
#include "drivers/pci/pci.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/msi_parent.h"
#include "kernel/report.h"

static struct imstest session;

struct imstest *imstest_get(void)
{
	return &session;
}

#define IMSTEST_PROBE_SLOT (IMSTEST_SLOTS - 1)

/* One slot with the ids of msi: does the device's fire arrive? Everything undone. */
static int imstest_try_ids(struct dtest_ctx *t, struct imstest *s, const struct msi_dev *msi)
{
	struct irq_alloc_info info = {.cpu = IRQ_CPU(0),
				      .dev = &s->dev,
				      .ids = msi->ids,
				      .index = HWIRQ(IMSTEST_PROBE_SLOT)};
	struct irqtest_counter c = {0};
	virq_t virq;
	int err = irq_alloc(&s->im.domain, 1, &info, &virq);
	if (err)
		return err;
	irq_set_handler(virq, irqtest_handler, &c);
	err = irq_activate(virq);
	if (!err)
		err = irq_unmask(virq);
	if (!err) {
		int r = ims_edu_fire(&s->dev, IMSTEST_PROBE_SLOT);
		err = r == 1 ? (irqtest_wait(&c, 1, IMSTEST_SETTLE_US) ? 1 : 0) : r < 0 ? r : -EIO;
	}
	irq_free(virq, 1);
	return err;
}

/*
 * Which DeviceID do the device's own writes carry? The platform's (the
 * IORT's for its RID; on x86 the RID, which VT-d checks only for real
 * MSIs); on QEMU's arm virt an edu DMA reaches the ITS as DeviceID 0
 * (docs/platform.md, "ITS DeviceID 0"). Try the record as the platform filled it, then with the
 * DeviceID overridden to 0, and keep the first that delivers in s->msi (an
 * IOMMU still translates the writes in the device's own stream: the rid
 * stays); a mismatch is a platform finding.
 */
static bool imstest_find_dma_rid(struct dtest_ctx *t, struct imstest *s)
{
	uint32_t rid = pci_dev_rid(s->dev.edu.pci);
	const uint32_t candidates[2] = {s->msi.ids.device_id, 0};
	for (unsigned i = 0; i < 2; i++) {
		struct msi_dev msi = s->msi;
		if (i)
			msi_dev_set_device_id(&msi, candidates[i]);
		int r = imstest_try_ids(t, s, &msi);
		if (r < 0)
			return DT_EXPECT(t, false, "probe of requester id 0x%x: %s", candidates[i],
					 errno_name(r));
		if (r == 1) {
			s->msi = msi;
			s->dma_rid = candidates[i];
			fact("ims.dma_rid", "0x%x", candidates[i]);
			if (i)
				kprintf("# ims: platform finding: the device's own writes (RID "
					"0x%x) "
					"arrive as requester id 0x%x; slots are mapped for 0x%x, "
					"so "
					"any bus master writing as 0x%x can raise them\n",
					rid, candidates[i], candidates[i], candidates[i]);
			return true;
		}
		if (candidates[0] == 0)
			break;
	}
	return DT_EXPECT(t, false,
			 "the device's writes were delivered neither as its RID 0x%x "
			 "nor as 0",
			 rid);
}

bool imstest_open(struct dtest_ctx *t, struct imstest *s)
{
	memset(s, 0, sizeof(*s));
	struct pci_dev *edu = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, 0);
	if (!edu || msi_dev_prepare(&s->msi, edu)) {
		dtest_skip(t, IRQTEST_NO_DOMAIN);
		return false;
	}
	struct irq_domain *parent = s->msi.parent;
	const char *why = NULL;
	/* The policy first: a refused platform costs no device time. */
	int err = irq_domain_supports(parent, IRQ_FEATURE_IMS, &why);
	if (err) {
		if (imstest_expect_refusal(t, parent, err, why))
			dtest_skip(t, "IMS refused on %s: %s", parent->name, why);
		return false;
	}
	err = ims_edu_open(&s->dev, 0, IMSTEST_SLOTS, &why);
	if (err) {
		/* A missing or clamping device is the platform's state, not a failure. */
		dtest_skip(t, "virtual IMS device: %s (%s)", why, errno_name(err));
		return false;
	}
	s->have_dev = true;
	err = ims_domain_create(&s->im, parent, ims_edu_storage(&s->dev), &why);
	if (!DT_EXPECT(t, err == 0, "IMS domain on %s: %s (%s)", parent->name, errno_name(err),
		       why ? why : "-"))
		return false;
	s->have_domain = true;
	imstest_label(s);
	if (!imstest_expect_placement(t, s, parent))
		return false;
	return imstest_find_dma_rid(t, s);
}

void imstest_label(const struct imstest *s)
{
	const struct irq_domain *p = s->im.domain.parent;
	if (irq_msi_parent_ims_demonstration())
		kprintf("# IMS on %s in forced mode: a demonstration against the policy's "
			"refusal; it holds for emulated devices only (docs/architecture.md, "
			"\"Forced mode\")\n",
			p ? p->name : "-");
}

void imstest_close(struct imstest *s)
{
	for (uint32_t i = 0; i < IMSTEST_SLOTS; i++)
		if (virq_valid(s->virq[i]))
			irq_free(s->virq[i], 1);
	memset(s->virq, 0, sizeof(s->virq));
	if (s->have_domain)
		ims_domain_remove(&s->im);
	if (s->have_dev)
		ims_edu_close(&s->dev);
	s->have_domain = s->have_dev = false;
}

bool imstest_slot(struct dtest_ctx *t, struct imstest *s, uint32_t slot, unsigned cpu)
{
	struct irq_alloc_info info = {
		.cpu = IRQ_CPU(cpu),
		.dev = &s->dev,
		.ids = s->msi.ids, /* with the DeviceID found by imstest_open */
		.index = HWIRQ(slot),
	};
	int err = irq_alloc(&s->im.domain, 1, &info, &s->virq[slot]);
	if (!DT_EXPECT(t, err == 0, "slot %u: irq_alloc: %s", slot, errno_name(err)))
		return false;
	irq_set_handler(s->virq[slot], irqtest_handler, &s->counter[slot]);
	err = irq_activate(s->virq[slot]);
	if (!DT_EXPECT(t, err == 0, "slot %u: irq_activate: %s", slot, errno_name(err)))
		return false;
	err = irq_unmask(s->virq[slot]);
	return DT_EXPECT(t, err == 0 && s->im.store.mask_errors == 0,
			 "slot %u: irq_unmask: %s (%u mask errors)", slot, errno_name(err),
			 s->im.store.mask_errors);
}

static void imstest_diag_slot(struct dtest_ctx *t, struct imstest *s, uint32_t slot)
{
	struct ims_edu_slot st;
	int err = ims_edu_read_slot(&s->dev, slot, &st);
	if (err) {
		dtest_diag(t, "slot %u: read back failed: %s", slot, errno_name(err));
		return;
	}
	dtest_diag(t, "slot %u stored: address 0x%08x_%08x data 0x%08x control 0x%x", slot,
		   st.msg.address_hi, st.msg.address_lo, st.msg.data, st.ctrl);
	struct msi_msg want;
	if (virq_valid(s->virq[slot]) && !irq_msg(s->virq[slot], &want))
		dtest_diag(t, "slot %u composed: address 0x%08x_%08x data 0x%08x (virq %u)", slot,
			   want.address_hi, want.address_lo, want.data, s->virq[slot].v);
}

bool imstest_fire(struct dtest_ctx *t, struct imstest *s, uint32_t slot, uint64_t want,
		  const char *label)
{
	int r = ims_edu_fire(&s->dev, slot);
	if (!DT_EXPECT(t, r == 1, "%s: slot %u: fire: %s", label, slot,
		       r == 0 ? "held (masked)" : errno_name(r)))
		return false;
	if (irqtest_wait(&s->counter[slot], want, IRQTEST_WAIT_US))
		return true;
	imstest_diag_slot(t, s, slot);
	return DT_EXPECT(t, false, "%s: slot %u: interrupt %llu never arrived", label, slot,
			 (unsigned long long)want);
}

bool imstest_check_stored(struct dtest_ctx *t, struct imstest *s, uint32_t slot,
			  struct ims_edu_slot *out)
{
	struct msi_msg want;
	int err = irq_msg(s->virq[slot], &want);
	if (!DT_EXPECT(t, err == 0, "slot %u: no composed message: %s", slot, errno_name(err)))
		return false;
	err = ims_edu_read_slot(&s->dev, slot, out);
	if (!DT_EXPECT(t, err == 0, "slot %u: read back: %s", slot, errno_name(err)))
		return false;
	if (msi_msg_eq(&out->msg, &want))
		return true;
	imstest_diag_slot(t, s, slot);
	return DT_EXPECT(t, false, "slot %u: the device holds another message than composed", slot);
}

uint64_t imstest_total(const struct imstest *s)
{
	uint64_t n = 0;
	for (uint32_t i = 0; i < IMSTEST_SLOTS; i++)
		n += irqtest_hits(&s->counter[i]);
	for (unsigned c = 0; c < arch_cpu_count() && c < IRQ_MAX_CPUS; c++)
		n += irq_unexpected_count(IRQ_CPU(c)) + irq_spurious_count(IRQ_CPU(c));
	return n;
}

uint64_t imstest_forged_shot(struct dtest_ctx *t, struct imstest *s, uint32_t slot,
			     uint32_t control, const char *label, const struct msi_msg *msg)
{
	struct ims_edu_slot f = {.msg = *msg, .ctrl = 0};
	int err = ims_edu_store_slot(&s->dev, slot, &f);
	if (!DT_EXPECT(t, err == 0, "%s: storing the forged slot: %s", label, errno_name(err)))
		return 0;
	uint64_t total = imstest_total(s);
	int r = ims_edu_fire(&s->dev, slot);
	DT_EXPECT(t, r == 1, "%s: the device did not post the forged slot: %d", label, r);
	/* The fire returns once edu's write is done: take it before the control can merge with it. */
	irqtest_take_pending();
	uint64_t want = irqtest_hits(&s->counter[control]) + 1;
	bool arrived = imstest_fire(t, s, control, want, "the live slot fired after a forged one");
	uint64_t got = imstest_total(s) - total - (arrived ? 1 : 0);
	kprintf("# forged IMS slot, %s 0x%08x_%08x/0x%08x: %s\n", label, msg->address_hi,
		msg->address_lo, msg->data, got ? "DELIVERED" : "not delivered");
	return got;
}
