/* SPDX-License-Identifier: MIT */
/*
 * Known platform gaps: places where a named platform, in a named range of
 * versions, does something other than the specification says, and where
 * doorbell therefore reports a TODO instead of a failure. A gap is a
 * checked claim: it applies only on that platform and only in the versions
 * it was observed on. Anywhere else (a newer QEMU, a real machine, a run
 * whose platform is not named) the same observation is a failure
 * (docs/runner.md, "TODOs").
 */
#ifndef DOORBELL_PLATFORM_GAP_H
#define DOORBELL_PLATFORM_GAP_H

#include <stdbool.h>
#include <stdint.h>

/* major.minor.micro in one number; gaps compare major.minor only. */
#define PLATFORM_VERSION(major, minor, micro)                                                      \
	((uint32_t)(major) << 16 | (uint32_t)(minor) << 8 | (uint32_t)(micro))

enum platform_gap_id {
	GAP_VTD_CFI_IGNORED,          /* GCMD.CFI has no effect */
	GAP_VTD_NO_IR_FAULT_RECORD,   /* IR faults are not recorded */
	GAP_VTD_SVT_BUS_REVERSED,     /* SVT = 2 bus range read the wrong way round */
	GAP_E1000E_MSIX_DUP_UNPACED,  /* e1000e repeats MSI-X interrupts without icount */
	GAP_E1000E_MSIX_DUP_ALWAYS,   /* e1000e repeats MSI-X interrupts even under icount */
	GAP_ITS_CPU_WRITE_DEVICE_ID,  /* a CPU store to GITS_TRANSLATER carries a DeviceID */
	GAP_ITS_DMA_DEVICE_ID,        /* a device's DMA writes reach the ITS as DeviceID 0 */
	GAP_VTD_IOAPIC_SID_UNCHECKED, /* the I/O APIC's requests carry no source-id to verify */
	GAP_HPET_FSB_BYPASS,          /* the HPET's FSB messages do not pass the IOMMU */
	GAP_COUNT
};

struct platform_gap {
	const char *id;       /* short stable name, e.g. "qemu-vtd-cfi" */
	const char *platform; /* "QEMU" */
	uint32_t first, last; /* the versions it was observed on (major.minor, inclusive) */
	const char *what;     /* one line: the gap */
};

/* The platform a run is on, as the runner names it (none on a real machine). */
struct platform_id {
	const char *name; /* "QEMU", or NULL: not a named platform */
	uint32_t version; /* PLATFORM_VERSION(); 0 when name is NULL */
};

const struct platform_gap *platform_gap_get(enum platform_gap_id id);
/* True when gap `id` is known on platform `p` (its name and version in range). */
bool platform_gap_applies(enum platform_gap_id id, const struct platform_id *p);
/* "7.2", "10.0.2" -> PLATFORM_VERSION(); 0 or -EINVAL. */
int platform_version_parse(const char *text, uint32_t *version);
/* "QEMU 7.2-10.0" into buf. */
void platform_gap_range(enum platform_gap_id id, char *buf, unsigned len);
/* "QEMU 10.0.2", or "an unnamed platform" into buf. */
void platform_id_format(const struct platform_id *p, char *buf, unsigned len);

#endif
