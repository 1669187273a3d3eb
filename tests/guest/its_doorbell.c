/* SPDX-License-Identifier: MIT */
/*
 * its.doorbell: the messages the devices hold point at the doorbell as each
 * device reaches it, read back from the devices themselves (edu's MSI
 * capability, the MSI-X test device's table: igb, else e1000e): GITS_TRANSLATER when nothing
 * translates the device's writes (no SMMU, bypass); under an SMMUv3 stage-1
 * context an IOVA in the context's MSI window (0x08000000-0x080FFFFF) that
 * its tables map onto GITS_TRANSLATER's page. Freeing the interrupts gives
 * the window slot back: the IOVA no longer translates. Behind a nested unit
 * whose host put the doorbell in the stream's RMR window, the device holds
 * an address in that window, which stays mapped (IORT: an RMR range is
 * never unmapped) and took no slot.
 */
#include "drivers/iommu/smmuv3/smmuv3.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/itstest.h"

/* After the last interrupt of rid is gone, its context maps no doorbell at addr. */
static void its_doorbell_gone(struct dtest_ctx *t, const char *label, uint32_t rid, uint64_t addr)
{
	struct smmuv3_ctx *c = smmuv3_ctx_for_rid(smmuv3_get(), rid);
	if (!c)
		return; /* untranslated: nothing was mapped */
	if (smmuv3_ctx_rmr_covers(c, addr)) {
		DT_EXPECT(t, c->msi_count == 0,
			  "%s: %u window slots in use with the doorbell in the RMR window", label,
			  c->msi_count);
		return;
	}
	DT_EXPECT(t, smmuv3_pgt_lookup(&c->pgt, addr, 0, 0) == -ENOENT && c->msi_count == 0,
		  "%s: IOVA 0x%llx still translates after the interrupts were freed (%u window "
		  "slots in use)",
		  label, (unsigned long long)addr, c->msi_count);
}

DTEST(its_doorbell, .name = "its.doorbell",
      .summary = "edu's MSI and the MSI-X test device's entries hold GITS_TRANSLATER, or behind "
		 "an SMMU context an IOVA in its MSI window mapped onto it",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_MSIX_DEV | DTEST_NEED_ITS,
      .deadline_ms = 5000)
{
	if (!itstest_domain(t))
		return;
	struct irqtest_msi s;
	struct irqtest_msix x;
	bool have_x = false;
	uint64_t msi_addr = 0, msix_addr = 0;
	uint32_t edu_rid = 0, nic_rid = 0;
	const char *nic = "MSI-X test device";
	if (!irqtest_msi_open(t, &s, 0))
		goto out;
	edu_rid = pci_dev_rid(s.edu.pci);
	struct pci_msi_state st;
	pci_msi_read_state(&s.md, &st);
	msi_addr = msi_msg_address(&st.msg).v;
	fact("its.doorbell_addr", "0x%llx", (unsigned long long)msi_addr);
	itstest_expect_doorbell(t, "edu MSI capability", edu_rid, msi_addr);

	have_x = true;
	if (!irqtest_msix_open(t, &x, 2, 0, true))
		goto out;
	nic_rid = pci_dev_rid(x.dev.pci);
	nic = irqtest_msix_dev_name(&x.dev);
	for (unsigned i = 0; i < x.nr; i++) {
		struct pci_msix_entry e;
		int err = pci_msix_read_entry(&x.mx, i, &e);
		if (!DT_EXPECT(t, err == 0, "MSI-X entry %u: %s", i, errno_name(err)))
			continue;
		uint64_t a = msi_msg_address(&e.msg).v;
		itstest_expect_doorbell(t, nic, nic_rid, a);
		if (i == 0)
			msix_addr = a;
		else
			DT_EXPECT_EQ(t, a, msix_addr); /* one window slot per doorbell page */
	}
	fact("its.doorbell_msix_addr", "0x%llx", (unsigned long long)msix_addr);
out:
	if (have_x)
		irqtest_msix_close(&x);
	irqtest_msi_close(&s);
	if (msi_addr)
		its_doorbell_gone(t, "edu", edu_rid, msi_addr);
	if (msix_addr)
		its_doorbell_gone(t, nic, nic_rid, msix_addr);
}
