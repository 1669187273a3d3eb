/* SPDX-License-Identifier: MIT */
/*
 * The platform policy (docs/architecture.md, "The opt-in rule"): may IMS be used, x2APIC, interrupt
 * remapping. Each answer comes with its reason.
 *
 * IMS, the opt-in rule:  allowed = !virt || virt->supports(IMS)
 *   supports(IMS) is true only on an explicit signal: the experimental DMAR
 *   bit (not in the VT-d spec; position configurable) or a hypervisor
 *   feature bit (none is defined today). An unknown platform counts as a VM.
 * The opt-out reading (allowed unless firmware forbids it; no flag forbids
 * it today) is evaluated beside it and disagreements are reported.
 */
#ifndef DOORBELL_POLICY_POLICY_H
#define DOORBELL_POLICY_POLICY_H

#include "kernel/policy/detect.h"

enum policy_ims {
	POLICY_IMS_REFUSED = 0,
	POLICY_IMS_NATIVE,   /* allowed; messages in compatibility format */
	POLICY_IMS_REMAPPED, /* allowed; through the remap domain (IRTE or ITS) */
};

enum policy_switch {
	POLICY_NONE = 0, /* does not apply to this arch */
	POLICY_OFF,
	POLICY_ON,
};

#define POLICY_REASON_LEN 200

struct policy {
	enum policy_ims ims;
	char ims_reason[POLICY_REASON_LEN];
	bool ims_opt_in; /* the explicit signal was seen */
	bool ims_forced; /* test configuration: domain created against a refusal */
	enum policy_ims ims_optout;
	char ims_optout_reason[POLICY_REASON_LEN];
	enum policy_switch x2apic;
	char x2apic_reason[POLICY_REASON_LEN];
	/* CPUs with a larger APIC ID are not started (Linux: x2apic_set_max_apicid). */
	uint32_t apic_id_limit;
	enum policy_switch intremap;
	char intremap_reason[POLICY_REASON_LEN];
	/* Remapping in x2APIC mode (IRTA.EIME, 32-bit destinations); NONE without remapping. */
	enum policy_switch intremap_eim;
	char intremap_eim_reason[POLICY_REASON_LEN];
};

#define POLICY_APIC_ID_NO_LIMIT 0xffffffffu

void policy_decide(const struct platform_signals *s, const struct detect_result *d,
		   struct policy *p);

/*
 * The x2APIC decision, after interrupt remapping (policy_x2apic.c): fills
 * intremap_eim, x2apic and apic_id_limit. Called by policy_decide.
 */
void policy_decide_x2apic(const struct platform_signals *s, struct policy *p);

/* AMD (policy_amd.c): true when the IVRS, not a DMAR, describes the remapping hardware. */
bool policy_amd_applies(const struct platform_signals *s);
/* Interrupt remapping from the IVRS and MADT; called by policy_decide when it applies. */
void policy_decide_intremap_amd(const struct platform_signals *s, struct policy *p);

/* The opt-in rule's "virt->supports(IMS)": the explicit signal alone. */
bool policy_virt_supports_ims(const struct platform_signals *s);

/* True when the IMS domain may be created (allowed, or forced for a demonstration). */
bool policy_ims_may_create(const struct policy *p);

const char *policy_ims_name(enum policy_ims ims);      /* native|remapped|refused */
const char *policy_switch_name(enum policy_switch sw); /* on|off|none */

#endif
