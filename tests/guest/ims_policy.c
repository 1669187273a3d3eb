/* SPDX-License-Identifier: MIT */
/*
 * ims.policy: creating the IMS domain asks the parent chain, and the answer
 * is the platform policy's (docs/architecture.md, "The opt-in rule"): created where the opt-in rule allows
 * IMS (or in forced mode, a demonstration), refused with -EOPNOTSUPP and the
 * policy's own reason otherwise, leaving nothing behind.
 */
#include <string.h>

#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/msi_parent.h"
#include "kernel/platform.h"
#include "kernel/report.h"
#include "tests/guest/imstest.h"

static bool ims_policy_registered(const struct irq_domain *d)
{
	for (struct irq_domain *it = irq_domain_first(); it; it = it->next)
		if (it == d)
			return true;
	return false;
}

DTEST(ims_policy, .name = "ims.policy",
      .summary = "IMS domain creation follows the opt-in rule: created, or -EOPNOTSUPP with "
		 "the policy's reason and nothing left behind",
      .needs = DTEST_NEED_EDU, .deadline_ms = 10000)
{
	struct imstest *s = imstest_get();
	memset(s, 0, sizeof(*s));
	struct pci_dev *edu = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, 0);
	struct msi_dev msi;
	struct irq_domain *parent = edu && !msi_dev_prepare(&msi, edu) ? msi.parent : 0;
	if (!parent) {
		fact("ims.domain", "none");
		dtest_skip(t, IRQTEST_NO_DOMAIN);
		return;
	}
	const struct policy *p = &platform_get()->policy;
	bool may = policy_ims_may_create(p);
	const char *why = NULL;
	int err = ims_edu_open(&s->dev, 0, IMSTEST_SLOTS, &why);
	if (err) {
		fact("ims.domain", "no-device");
		fact("ims.device_error", "%s", errno_name(err));
		dtest_skip(t, "virtual IMS device: %s (%s)", why, errno_name(err));
		return;
	}
	s->have_dev = true;
	fact("ims.slots", "%u", s->dev.slot_count);
	fact("ims.dma_probe", "0x%llx read 0x%08x", (unsigned long long)s->dev.probe_addr,
	     s->dev.probe_seen);

	uint32_t virqs_before = irq_virq_free_count(), pool_before = irq_pool_free_count();
	err = ims_domain_create(&s->im, parent, ims_edu_storage(&s->dev), &why);
	fact("ims.parent", "%s", parent->name);
	if (err) {
		fact("ims.domain", "refused");
		fact("ims.reason", "%s", why ? why : "-");
		kprintf("# ims.policy: IMS domain refused on %s: %s\n", parent->name, why);
		DT_EXPECT(t, !may, "refused (%s: %s) where the policy allows IMS", errno_name(err),
			  why ? why : "-");
		imstest_expect_refusal(t, parent, err, why);
		DT_EXPECT(t, err == -EOPNOTSUPP, "refusal is %s, want EOPNOTSUPP", errno_name(err));
		DT_EXPECT(t, why && !strcmp(why, p->ims_reason),
			  "refusal reason \"%s\" is not the policy's \"%s\"", why ? why : "-",
			  p->ims_reason);
		DT_EXPECT(t, !ims_policy_registered(&s->im.domain),
			  "a refused domain is registered");
		DT_EXPECT_EQ(t, irq_virq_free_count(), virqs_before);
		DT_EXPECT_EQ(t, irq_pool_free_count(), pool_before);
	} else {
		s->have_domain = true;
		bool demo = irq_msi_parent_ims_demonstration();
		fact("ims.domain", "created");
		fact("ims.mode", "%s", demo ? "demonstration" : policy_ims_name(p->ims));
		DT_EXPECT(t, may, "created where the policy refuses IMS: %s", p->ims_reason);
		DT_EXPECT(t, ims_policy_registered(&s->im.domain), "created but not registered");
		DT_EXPECT(t, s->im.domain.parent == parent, "IMS domain's parent is not %s",
			  parent->name);
		imstest_expect_placement(t, s, parent);
		imstest_label(s);
	}
	imstest_close(s);
}
