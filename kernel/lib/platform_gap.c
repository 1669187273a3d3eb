/* SPDX-License-Identifier: MIT */
/* The table of known platform gaps and the rule that decides where one applies. */
#include <stdio.h>
#include <string.h>

#include "kernel/errno.h"
#include "kernel/platform_gap.h"

/*
 * Each range is what was observed (docs/platform-findings.md): `last` is the
 * newest version the gap was seen on, not a guess at when it will be fixed.
 */
static const struct platform_gap platform_gaps[GAP_COUNT] = {
	[GAP_VTD_CFI_IGNORED] = {"qemu-vtd-cfi", "QEMU", PLATFORM_VERSION(7, 2, 0),
				 PLATFORM_VERSION(10, 0, 0),
				 "intel-iommu ignores GCMD.CFI: compatibility-format interrupts "
				 "pass with CFI clear (VT-d §5.1.2.1)"},
	[GAP_VTD_NO_IR_FAULT_RECORD] = {"qemu-vtd-ir-fault-record", "QEMU",
					PLATFORM_VERSION(7, 2, 0), PLATFORM_VERSION(8, 1, 0),
					"intel-iommu records no interrupt-remapping fault "
					"(VT-d §7.1.3; recorded from QEMU 8.2)"},
	[GAP_VTD_SVT_BUS_REVERSED] = {"qemu-vtd-svt-bus", "QEMU", PLATFORM_VERSION(7, 2, 0),
				      PLATFORM_VERSION(10, 0, 0),
				      "intel-iommu reads an SVT=2 bus range reversed "
				      "(VT-d §9.10: SID[15:8] is the first bus)"},
	[GAP_E1000E_MSIX_DUP_UNPACED] =
		{"qemu-e1000e-msix-dup", "QEMU", PLATFORM_VERSION(7, 2, 0),
		 PLATFORM_VERSION(10, 0, 0),
		 "e1000e's throttle timer repeats an MSI-X interrupt once it "
		 "has postponed one (raises not paced in virtual time: no "
		 "icount)"},
	[GAP_E1000E_MSIX_DUP_ALWAYS] = {"qemu-e1000e-msix-dup-always", "QEMU",
					PLATFORM_VERSION(8, 0, 0), PLATFORM_VERSION(10, 0, 0),
					"e1000e's throttle timer sends a second MSI-X interrupt "
					"after every raise, also under icount (from QEMU 8.0)"},
	[GAP_ITS_CPU_WRITE_DEVICE_ID] = {"qemu-its-cpu-devid", "QEMU", PLATFORM_VERSION(7, 2, 0),
					 PLATFORM_VERSION(10, 0, 0),
					 "the ITS takes a CPU store to GITS_TRANSLATER as "
					 "DeviceID 0 (no requester id)"},
	[GAP_ITS_DMA_DEVICE_ID] = {"qemu-its-dma-devid", "QEMU", PLATFORM_VERSION(7, 2, 0),
				   PLATFORM_VERSION(10, 0, 0),
				   "a device's DMA writes reach the ITS as DeviceID 0, not the "
				   "IORT's DeviceID for its RID"},
	[GAP_VTD_IOAPIC_SID_UNCHECKED] =
		{"qemu-vtd-ioapic-sid", "QEMU", PLATFORM_VERSION(7, 2, 0),
		 PLATFORM_VERSION(10, 0, 0),
		 "the I/O APIC's interrupt requests carry no source-id, so "
		 "intel-iommu verifies none for them (VT-d §9.10: SVT 1 "
		 "must block a request from another SID)"},
	[GAP_HPET_FSB_BYPASS] = {"qemu-hpet-fsb-bypass", "QEMU", PLATFORM_VERSION(7, 2, 0),
				 PLATFORM_VERSION(10, 0, 0),
				 "the HPET writes its FSB messages straight to memory, past "
				 "intel-iommu: a remappable message is never remapped (VT-d "
				 "§5.1.4)"},
};

const struct platform_gap *platform_gap_get(enum platform_gap_id id)
{
	return (unsigned)id < GAP_COUNT ? &platform_gaps[id] : NULL;
}

static uint32_t platform_version_series(uint32_t v)
{
	return v & ~0xffu;
}

bool platform_gap_applies(enum platform_gap_id id, const struct platform_id *p)
{
	const struct platform_gap *g = platform_gap_get(id);
	if (!g || !p || !p->name || strcmp(p->name, g->platform))
		return false;
	uint32_t v = platform_version_series(p->version);
	return v >= platform_version_series(g->first) && v <= platform_version_series(g->last);
}

static int platform_version_part(const char **s, uint32_t max, uint32_t *out)
{
	uint32_t n = 0;
	const char *p = *s;
	if (*p < '0' || *p > '9')
		return -EINVAL;
	while (*p >= '0' && *p <= '9') {
		n = n * 10 + (uint32_t)(*p++ - '0');
		if (n > max)
			return -EINVAL;
	}
	*s = p;
	*out = n;
	return 0;
}

int platform_version_parse(const char *text, uint32_t *version)
{
	uint32_t part[3] = {0, 0, 0};
	const char *s = text;
	if (!s)
		return -EINVAL;
	for (unsigned i = 0; i < 3; i++) {
		if (platform_version_part(&s, i ? 255 : 65535, &part[i]))
			return -EINVAL;
		if (*s == '\0' && i >= 1)
			break;
		if (*s != '.' || i == 2)
			return -EINVAL;
		s++;
	}
	*version = PLATFORM_VERSION(part[0], part[1], part[2]);
	return 0;
}

void platform_gap_range(enum platform_gap_id id, char *buf, unsigned len)
{
	const struct platform_gap *g = platform_gap_get(id);
	if (!g) {
		snprintf(buf, len, "?");
		return;
	}
	if (platform_version_series(g->first) == platform_version_series(g->last))
		snprintf(buf, len, "%s %u.%u", g->platform, g->first >> 16, (g->first >> 8) & 0xff);
	else
		snprintf(buf, len, "%s %u.%u-%u.%u", g->platform, g->first >> 16,
			 (g->first >> 8) & 0xff, g->last >> 16, (g->last >> 8) & 0xff);
}

void platform_id_format(const struct platform_id *p, char *buf, unsigned len)
{
	if (!p || !p->name)
		snprintf(buf, len, "an unnamed platform");
	else
		snprintf(buf, len, "%s %u.%u.%u", p->name, p->version >> 16,
			 (p->version >> 8) & 0xff, p->version & 0xff);
}
