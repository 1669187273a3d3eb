/* SPDX-License-Identifier: MIT */
/*
 * The ims.* tests' oracle: where the IMS domain must sit and in which mode,
 * read from the platform policy alone (kernel/policy), so each test asserts
 * the placement itself instead of leaving it to the runner's expected facts
 * (ims.parent, ims.mode, policy.ims).
 */
#include "kernel/errno.h"
#include "kernel/msi_parent.h"
#include "kernel/platform.h"
#include "tests/guest/imstest.h"

enum imstest_mode imstest_policy_mode(const struct policy *p)
{
	switch (p->ims) {
	case POLICY_IMS_NATIVE: return IMSTEST_MODE_NATIVE;
	case POLICY_IMS_REMAPPED: return IMSTEST_MODE_REMAPPED;
	case POLICY_IMS_REFUSED: break;
	}
	return p->ims_forced ? IMSTEST_MODE_FORCED : IMSTEST_MODE_REFUSED;
}

const char *imstest_mode_name(enum imstest_mode m)
{
	switch (m) {
	case IMSTEST_MODE_REFUSED: return "refused";
	case IMSTEST_MODE_NATIVE: return "native";
	case IMSTEST_MODE_REMAPPED: return "remapped";
	case IMSTEST_MODE_FORCED: return "forced";
	}
	return "?";
}

/*
 * A remap level (VT-d IRTEs, GIC ITS) sits on a level of its own; the
 * bottom level that composes compatibility-format messages (x86 vectors)
 * has none below it.
 */
static bool imstest_remap_level(const struct irq_domain *d)
{
	return d->parent != NULL;
}

bool imstest_expect_parent(struct dtest_ctx *t, const struct irq_domain *parent)
{
	const struct policy *p = &platform_get()->policy;
	bool remap = p->intremap == POLICY_ON;
	return DT_EXPECT(t, imstest_remap_level(parent) == remap,
			 "IMS parent %s is %s, but the policy turned interrupt remapping %s (%s)",
			 parent->name,
			 imstest_remap_level(parent) ? "a remap level" : "the bottom level",
			 policy_switch_name(p->intremap), p->intremap_reason);
}

bool imstest_expect_placement(struct dtest_ctx *t, const struct imstest *s,
			      const struct irq_domain *parent)
{
	const struct policy *p = &platform_get()->policy;
	enum imstest_mode mode = imstest_policy_mode(p);
	bool ok = DT_EXPECT(t, mode != IMSTEST_MODE_REFUSED,
			    "an IMS domain exists where the policy refuses IMS: %s", p->ims_reason);
	ok &= DT_EXPECT(t, s->im.domain.parent == parent, "the IMS domain sits on %s, not on %s",
			s->im.domain.parent ? s->im.domain.parent->name : "nothing", parent->name);
	ok &= imstest_expect_parent(t, parent);
	/* Native and remapped follow the remapping decision; forced keeps to it too. */
	if (mode == IMSTEST_MODE_NATIVE || mode == IMSTEST_MODE_REMAPPED)
		ok &= DT_EXPECT(t, imstest_remap_level(parent) == (mode == IMSTEST_MODE_REMAPPED),
				"the policy's mode is %s, but IMS sits on %s (%s)",
				imstest_mode_name(mode), parent->name,
				imstest_remap_level(parent) ? "remapped" : "native");
	ok &= DT_EXPECT(t, irq_msi_parent_ims_demonstration() == (mode == IMSTEST_MODE_FORCED),
			"mode %s, but the MSI parent %s a demonstration", imstest_mode_name(mode),
			irq_msi_parent_ims_demonstration() ? "labels it" : "does not label it");
	return ok;
}

bool imstest_expect_refusal(struct dtest_ctx *t, const struct irq_domain *parent, int err,
			    const char *why)
{
	const struct policy *p = &platform_get()->policy;
	enum imstest_mode mode = imstest_policy_mode(p);
	bool ok = DT_EXPECT(t, mode == IMSTEST_MODE_REFUSED,
			    "refused on %s (%s: %s) where the policy's mode is %s", parent->name,
			    errno_name(err), why ? why : "-", imstest_mode_name(mode));
	return imstest_expect_parent(t, parent) && ok;
}
