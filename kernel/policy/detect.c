/* SPDX-License-Identifier: MIT */
#include "kernel/policy/detect.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *platform_kind_name(enum platform_kind k)
{
	switch (k) {
	case PLATFORM_BARE_METAL: return "bare-metal";
	case PLATFORM_VIRTUAL: return "virtual";
	default: return "unknown";
	}
}

__attribute__((format(printf, 4, 5))) static void add(struct detect_result *r, const char *source,
						      bool virt, const char *fmt, ...)
{
	if (r->count >= DETECT_MAX_SIGNALS)
		return;
	struct detect_signal *sig = &r->signal[r->count++];
	sig->source = source;
	sig->virt = virt;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sig->text, sizeof(sig->text), fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 2, 3))) static void reason(struct detect_result *r, const char *fmt,
							 ...)
{
	size_t len = strlen(r->reasons);
	if (len && len + 1 < sizeof(r->reasons))
		r->reasons[len++] = ',', r->reasons[len] = 0;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->reasons + len, sizeof(r->reasons) - len, fmt, ap);
	va_end(ap);
}

static bool smccc_uid_answered(const struct arch_cpu_signals *c)
{
	/* NOT_SUPPORTED is -1 in w0 (SMCCC 1.4 §7.2): UID words all ones. */
	return c->hyp_uid_valid && c->hyp_uid[0] != 0xffffffffu;
}

/* The signals only a hypervisor gives. */
static void strong_signals(const struct platform_signals *s, struct detect_result *r)
{
	const struct arch_cpu_signals *c = &s->cpu;
	if (c->cpuid && c->hypervisor_bit) {
		add(r, "cpuid", true, "CPUID.1:ECX[31] = 1: the hypervisor-present bit");
		reason(r, "cpuid.hypervisor_bit");
	}
	if (c->cpuid && c->hv_signature[0]) {
		add(r, "cpuid", true, "CPUID 0x%x signature \"%s\" (max leaf 0x%x)", c->hv_leaf,
		    c->hv_signature, c->hv_max_leaf);
		reason(r, "cpuid.signature=%s", c->hv_signature);
	}
	const struct acpi_platform *a = s->acpi;
	if (a && a->has_fadt && a->fadt.hv_status == ACPI_FADT_HV_PRESENT) {
		add(r, "fadt", true,
		    "FADT hypervisor vendor identity \"%s\" (offset 268, ACPI 6.0+)",
		    a->fadt.hypervisor_vendor);
		reason(r, "fadt.hypervisor_vendor=%s", a->fadt.hypervisor_vendor);
	}
	for (unsigned i = 0; i < s->vtd_count; i++) {
		const struct signals_vtd_unit *u = &s->vtd[i];
		if (u->answered && (u->cap & VTD_CAP_CM)) {
			add(r, "vtd", true,
			    "unit 0x%llx CAP.CM = 1: caching mode, which only a virtual IOMMU sets",
			    (unsigned long long)u->base);
			reason(r, "vtd.caching_mode");
			break;
		}
	}
	if (smccc_uid_answered(c)) {
		add(r, "smccc", true, "hypervisor service UID %08x-%08x-%08x-%08x over %s",
		    c->hyp_uid[0], c->hyp_uid[1], c->hyp_uid[2], c->hyp_uid[3], c->conduit);
		reason(r, "smccc.hypervisor_uid");
	}
}

/* What was looked at and said nothing: the ground for "bare metal". */
static void quiet_signals(const struct platform_signals *s, struct detect_result *r,
			  unsigned *readable)
{
	const struct arch_cpu_signals *c = &s->cpu;
	const struct acpi_platform *a = s->acpi;
	if (c->cpuid && !c->hypervisor_bit && !c->hv_signature[0]) {
		add(r, "cpuid", false,
		    "CPUID.1:ECX[31] = 0 and no signature in 0x40000000-0x4000FF00");
		(*readable)++;
	}
	if (a && a->has_fadt && a->fadt.hv_status == ACPI_FADT_HV_ZERO) {
		add(r, "fadt", false, "FADT hypervisor vendor identity is zero");
		(*readable)++;
	} else if (a && a->has_fadt && a->fadt.hv_status == ACPI_FADT_HV_SHORT) {
		add(r, "fadt", false,
		    "FADT revision %u ends before the hypervisor vendor field (ACPI 6.0+)",
		    a->fadt.revision);
	} else if (a && a->has_fadt && a->fadt.hv_status == ACPI_FADT_HV_NO_FIELD) {
		add(r, "fadt", false,
		    "FADT revision %u has no hypervisor vendor field (FADT revision 6+); bytes "
		    "268-275 ignored",
		    a->fadt.revision);
	}
	if (s->vtd_read && s->vtd_count && !signals_vtd_caching_mode(s)) {
		add(r, "vtd", false, "no remapping unit in caching mode (CAP.CM = 0)");
		(*readable)++;
	}
	if (c->smccc && !smccc_uid_answered(c)) {
		if (c->smccc_version < 0)
			add(r, "smccc", false,
			    "no hypervisor service UID over %s (SMCCC_VERSION not supported)",
			    c->conduit);
		else
			add(r, "smccc", false, "no hypervisor service UID over %s (SMCCC %u.%u)",
			    c->conduit, (unsigned)c->smccc_version >> 16,
			    (unsigned)c->smccc_version & 0xffff);
		(*readable)++;
	}
}

void detect_platform(const struct platform_signals *s, struct detect_result *r)
{
	memset(r, 0, sizeof(*r));
	strong_signals(s, r);
	bool virt = r->count > 0;
	unsigned readable = 0;
	quiet_signals(s, r, &readable);
	if (s->oem_hint[0])
		add(r, "acpi", false,
		    "table OEM IDs %s name an emulator: a hint, not trusted alone", s->oem_hint);

	if (virt) {
		r->kind = PLATFORM_VIRTUAL;
		snprintf(r->summary, sizeof(r->summary), "a virtual machine: %s", r->reasons);
		return;
	}
	/*
	 * The CPU's own answer is the signal that cannot be missing on x86; on
	 * arm64 the FADT field or SMCCC must have been readable.
	 */
	bool enough = s->arch == SIGNALS_ARCH_X86_64 ? s->cpu.cpuid : readable > 0;
	if (!enough) {
		r->kind = PLATFORM_UNKNOWN;
		reason(r, s->arch == SIGNALS_ARCH_X86_64 ? "cpuid.not_read"
							 : "no_fadt_hypervisor_field_no_smccc");
		snprintf(r->summary, sizeof(r->summary),
			 "unknown: the signals that could tell a VM (%s) were not available",
			 s->arch == SIGNALS_ARCH_X86_64 ? "CPUID"
							: "FADT hypervisor vendor, SMCCC UID");
		return;
	}
	r->kind = PLATFORM_BARE_METAL;
	reason(r, "no_hypervisor_signal");
	if (s->oem_hint[0])
		reason(r, "hint.acpi_oem=%s", s->oem_hint);
	snprintf(r->summary, sizeof(r->summary),
		 "bare metal as far as this platform tells: no signal says VM%s%s. "
		 "A guest that cannot see the hypervisor's signals cannot be told apart from "
		 "bare metal",
		 s->oem_hint[0] ? "; left: table OEM IDs " : "", s->oem_hint);
}
