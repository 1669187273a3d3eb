/* SPDX-License-Identifier: MIT */
/*
 * smmu.msi: the MSI doorbell API as the ITS remap domain will use it. A
 * stand-in remap level (a RAM page plays GITS_TRANSLATER) asks
 * iommu_msi_map for the address edu must write, the PCI-MSI bus domain
 * stores it unchanged, and edu's MSI, translated by the SMMU, lands on the
 * doorbell page. With the doorbell unmapped the MSI lands nowhere and an
 * F_TRANSLATION event names edu's StreamID and the IOVA (issue 7 §5,
 * "a doorbell not mapped in the SMMU").
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/iommu/iommu_msi.h"
#include "drivers/pci/pci_msi.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/time.h"
#include "tests/guest/smmu_test.h"

#define MSI_DOORBELL_OFF 0x40u /* GITS_TRANSLATER sits at 0x40 of its page */
#define MSI_TOKEN        0x5a17u
#define MSI_WAIT_US      20000u
#define MSI_NO_SMMU_RID  0x100u /* bus 1: QEMU's IORT sends it straight to the ITS */

static struct irq_domain msi_stub_domain;
static uint32_t msi_stub_rid;
static uint64_t msi_stub_doorbell, msi_stub_iova;
static bool msi_stub_mapped;
static int msi_stub_map_err;

static int msi_stub_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	irq_domain_get_data(d, virq)->hwirq = HWIRQ(0);
	msi_stub_rid = pci_dev_rid(info->dev);
	return nr == 1 ? 0 : -ENOSPC;
}

/* What the ITS will do: the doorbell's address as this device must write it. */
static int msi_stub_activate(struct irq_data *data)
{
	msi_stub_map_err = iommu_msi_map(msi_stub_rid, msi_stub_doorbell, &msi_stub_iova);
	msi_stub_mapped = msi_stub_map_err == 0;
	return msi_stub_map_err;
}

static void msi_stub_deactivate(struct irq_data *data)
{
	if (msi_stub_mapped)
		iommu_msi_unmap(msi_stub_rid, msi_stub_doorbell);
	msi_stub_mapped = false;
}

static int msi_stub_compose(struct irq_data *data, struct msi_msg *msg)
{
	msi_msg_set_address(msg, IRQ_PADDR(msi_stub_iova));
	msg->data = MSI_TOKEN;
	return 0;
}

static const struct irq_domain_ops msi_stub_ops = {
	.alloc = msi_stub_alloc,
	.activate = msi_stub_activate,
	.deactivate = msi_stub_deactivate,
	.compose = msi_stub_compose,
};

static bool msi_wait_word(volatile uint32_t *w, uint32_t want)
{
	deadline_t d = deadline_in_us(MSI_WAIT_US);
	while (*w != want && !deadline_passed(d))
		arch_cpu_relax();
	return *w == want;
}

/* The API alone: slots, sharing, the device attribute, references, the absent case. */
static void msi_api(struct dtest_ctx *t, struct smmu_test *x, struct smmuv3_ctx *c, uint64_t db)
{
	uint64_t a = 0, b = 0, phys = 0, pte = 0;
	DT_EXPECT(t, iommu_msi_translated(x->rid),
		  "edu's stream has a context but reads as bypass");
	DT_EXPECT_EQ(t, iommu_msi_map(x->rid, db, &a), 0);
	DT_EXPECT_GE(t, a, SMMUV3_MSI_WINDOW_BASE);
	DT_EXPECT_LT(t, a, SMMUV3_MSI_WINDOW_BASE + SMMUV3_MSI_WINDOW_SIZE);
	DT_EXPECT_EQ(t, a & 0xfff, MSI_DOORBELL_OFF);
	DT_EXPECT_EQ(t, iommu_msi_map(x->rid, db, &b), 0);
	DT_EXPECT_EQ(t, b, a); /* one slot per doorbell page */
	DT_EXPECT_EQ(t, smmuv3_pgt_lookup(&c->pgt, a, &phys, &pte), 0);
	DT_EXPECT_EQ(t, phys, db);
	DT_EXPECT_EQ(t, (pte >> 2) & 7, SMMUV3_PGT_ATTR_DEVICE);
	DT_EXPECT_EQ(t, iommu_msi_unmap(x->rid, db), 0);
	DT_EXPECT_EQ(t, smmuv3_pgt_lookup(&c->pgt, a, 0, 0), 0); /* one reference left */
	DT_EXPECT_EQ(t, iommu_msi_unmap(x->rid, db), 0);
	DT_EXPECT_EQ(t, smmuv3_pgt_lookup(&c->pgt, a, 0, 0), -ENOENT);
	DT_EXPECT_EQ(t, iommu_msi_unmap(x->rid, db), -ENOENT);
	DT_EXPECT_EQ(t, c->refs, 1 + (smmuv3_mode() == SMMUV3_MODE_S1));
	/* No SMMU on the way: the physical doorbell comes back. */
	uint64_t p = 0;
	DT_EXPECT(t, !iommu_msi_translated(MSI_NO_SMMU_RID), "RID 0x%x reads as translated",
		  MSI_NO_SMMU_RID);
	DT_EXPECT_EQ(t, iommu_msi_map(MSI_NO_SMMU_RID, db, &p), 0);
	DT_EXPECT_EQ(t, p, db);
}

static void msi_deliver(struct dtest_ctx *t, struct smmu_test *x, volatile uint32_t *word)
{
	struct pci_msi_domain md;
	virq_t virq = VIRQ_NONE;
	int err = pci_msi_domain_create(&md, &msi_stub_domain, x->edu.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI domain: %s", errno_name(err)))
		return;
	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .dev = x->edu.pci};
	err = irq_alloc(&md.domain, 1, &info, &virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		goto out;
	*word = 0;
	err = irq_activate(virq);
	if (!DT_EXPECT(t, err == 0, "irq_activate: %s", errno_name(err)))
		goto out;
	struct msi_msg m;
	DT_EXPECT_EQ(t, irq_msg(virq, &m), 0);
	DT_EXPECT_EQ(t, msi_msg_address(&m).v, msi_stub_iova); /* the bus level stored the IOVA */
	DT_EXPECT_EQ(t, m.data, MSI_TOKEN);
	edu_raise(&x->edu, 1);
	DT_EXPECT(t, msi_wait_word(word, MSI_TOKEN),
		  "MSI through IOVA 0x%llx: doorbell word holds 0x%x, want 0x%x",
		  (unsigned long long)msi_stub_iova, *word, MSI_TOKEN);

	/* The doorbell leaves the SMMU; the device still holds the IOVA. */
	DT_EXPECT_EQ(t, iommu_msi_unmap(x->rid, msi_stub_doorbell), 0);
	msi_stub_mapped = false;
	*word = 0;
	smmuv3_evtq_drain(x->s);
	uint64_t since = x->s->events.total;
	edu_raise(&x->edu, 1);
	struct smmuv3_event ev;
	err = smmuv3_evtq_wait(x->s, since, SMMUV3_EVT_F_TRANSLATION, x->sid, true, msi_stub_iova,
			       100000, &ev);
	DT_EXPECT(t, err == 0, "no F_TRANSLATION for StreamID 0x%x at IOVA 0x%llx: %s", x->sid,
		  (unsigned long long)msi_stub_iova, errno_name(err));
	if (!err) {
		DT_EXPECT_EQ(t, ev.sid, x->rid);
		DT_EXPECT_EQ(t, ev.addr, msi_stub_iova);
		DT_EXPECT_EQ(t, ev.rnw, 0);
	}
	DT_EXPECT_EQ(t, *word, 0);
out:
	if (virq_valid(virq))
		irq_free(virq, 1);
	pci_msi_domain_remove(&md);
}

DTEST(smmu_msi, .name = "smmu.msi",
      .summary = "iommu_msi_map puts a doorbell page in the 1 MiB MSI window; edu's MSI to that "
		 "IOVA lands on it; unmapped, it gives F_TRANSLATION",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_SMMU | DTEST_NEED_EDU, .deadline_ms = 3000)
{
	struct smmu_test x;
	struct smmuv3_ctx *c = 0;
	bool domain = false;
	if (!smmu_test_open(t, &x, 1))
		goto out;
	int err = smmuv3_ctx_get(x.s, x.sid, &c);
	if (!DT_EXPECT(t, err == 0, "context for StreamID 0x%x: %s", x.sid, errno_name(err)))
		goto out;
	uint64_t db = x.page[0] + MSI_DOORBELL_OFF;
	msi_api(t, &x, c, db);

	struct irq_domain_info info = {
		.name = "msi-stub", .kind = IRQ_DOMAIN_KIND_REMAP, .ops = &msi_stub_ops};
	err = irq_domain_create(&msi_stub_domain, &info);
	if (!DT_EXPECT(t, err == 0, "stand-in remap domain: %s", errno_name(err)))
		goto out;
	domain = true;
	msi_stub_doorbell = db;
	msi_deliver(t, &x, (volatile uint32_t *)(uintptr_t)db);
	DT_EXPECT_EQ(t, c->msi_count, 0);
out:
	if (domain)
		irq_domain_remove(&msi_stub_domain);
	if (c)
		smmuv3_ctx_put(c);
	smmu_test_close(&x);
}
