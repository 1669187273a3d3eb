/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_memmap_check.h"

static const struct finding_check dmar_rmrr_not_reserved = {
	"dmar.rmrr-not-reserved",
	"\"DMAR: [Firmware Bug]: No firmware reserved region can cover this RMRR [0x...-0x...], "
	"contact BIOS vendor for fixes\" and \"[Firmware Bug]: Your BIOS is broken; bad RMRR\" "
	"(arch_rmrr_sanity_check accepts only E820 reserved or NVS); the kernel is tainted "
	"(TAINT_FIRMWARE_WORKAROUND, 'I') and the RMRR is still identity-mapped, so RAM the page "
	"allocator hands out stays a device's DMA target",
	0};
static const struct finding_check iort_rmr_not_reserved = {
	"iort.rmr-not-reserved",
	"no check: iort_get_rmrs makes each range an IOMMU_RESV_DIRECT region of its streams, "
	"identity-mapped in their domain, without looking at the memory map; RAM the page "
	"allocator hands out stays a device's DMA target",
	0};

bool acpi_memmap_type_reserved(uint32_t type)
{
	switch (type) {
	case MEM_RESERVED:
	case MEM_RT_CODE:
	case MEM_RT_DATA:
	case MEM_ACPI_NVS:
	case MEM_MMIO:
	case MEM_MMIO_PORT:
	case MEM_PAL_CODE: return true;
	default: return false;
	}
}

bool acpi_memmap_type_os(uint32_t type)
{
	switch (type) {
	case MEM_LOADER_CODE:
	case MEM_LOADER_DATA:
	case MEM_BS_CODE:
	case MEM_BS_DATA:
	case MEM_CONVENTIONAL:
	case MEM_ACPI_RECLAIM:
	case MEM_PERSISTENT: return true;
	default: return false;
	}
}

const char *acpi_memmap_type_name(uint32_t type)
{
	static const char *const names[] = {
		"EfiReservedMemoryType",
		"EfiLoaderCode",
		"EfiLoaderData",
		"EfiBootServicesCode",
		"EfiBootServicesData",
		"EfiRuntimeServicesCode",
		"EfiRuntimeServicesData",
		"EfiConventionalMemory",
		"EfiUnusableMemory",
		"EfiACPIReclaimMemory",
		"EfiACPIMemoryNVS",
		"EfiMemoryMappedIO",
		"EfiMemoryMappedIOPortSpace",
		"EfiPalCode",
		"EfiPersistentMemory",
	};
	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "unknown";
}

/* Exclusive end of a descriptor, saturated at the top of the address space. */
static uint64_t region_end(const struct mem_region *r)
{
	uint64_t room = (UINT64_MAX - r->base) / 4096;
	return r->pages > room ? UINT64_MAX : r->base + r->pages * 4096;
}

void acpi_memmap_cover(const struct mem_region *regions, unsigned count, uint64_t base,
		       uint64_t size, struct acpi_memmap_cover *out)
{
	*out = (struct acpi_memmap_cover){.os_type = -1};
	uint64_t end = size > UINT64_MAX - base ? UINT64_MAX : base + size;
	uint64_t at = base;
	while (at < end) {
		/* The piece [at, stop) lies in one descriptor (the first holding at) or in none. */
		int holder = -1;
		uint64_t stop = end;
		for (unsigned i = 0; i < count; i++) {
			uint64_t rb = regions[i].base, re = region_end(&regions[i]);
			if (rb <= at && at < re && holder < 0) {
				holder = (int)i;
				if (re < stop)
					stop = re;
			} else if (rb > at && rb < stop) {
				stop = rb;
			}
		}
		uint64_t n = stop - at;
		uint32_t type = holder < 0 ? UINT32_MAX : regions[holder].type;
		if (holder >= 0 && acpi_memmap_type_reserved(type)) {
			out->reserved += n;
		} else if (holder >= 0 && acpi_memmap_type_os(type)) {
			if (out->os_type < 0) {
				out->os_type = (int)type;
				out->os_base = at;
			}
			out->os += n;
		} else {
			out->other += n;
		}
		at = stop;
	}
}

/*
 * One range: an error when the OS may reuse part of it, else not_mapped
 * when part of it is unusable or in no descriptor.
 */
static void check_range(const struct finding_check *check, enum finding_severity not_mapped,
			const char *source, const char *what, uint32_t offset, uint64_t base,
			uint64_t size, const struct mem_region *regions, unsigned count,
			struct findings *f)
{
	struct acpi_memmap_cover c;
	acpi_memmap_cover(regions, count, base, size, &c);
	unsigned long long first = base, last = base + (size - 1);
	if (c.os)
		finding_add_check(f, check, FINDING_ERROR, source, offset,
				  "%s 0x%llx-0x%llx: 0x%llx bytes in memory the OS reuses after "
				  "ExitBootServices (%s from 0x%llx; UEFI 2.10 §7.2)",
				  what, first, last, (unsigned long long)c.os,
				  acpi_memmap_type_name((uint32_t)c.os_type),
				  (unsigned long long)c.os_base);
	else if (c.other)
		finding_add_check(f, check, not_mapped, source, offset,
				  "%s 0x%llx-0x%llx: 0x%llx bytes unusable or in no memory map "
				  "descriptor, not reserved by the firmware (UEFI 2.10 §7.2)",
				  what, first, last, (unsigned long long)c.other);
}

void acpi_memmap_check(const struct acpi_platform *p, const struct mem_region *regions,
		       unsigned count, struct findings *f)
{
	if (!p || !regions || !count)
		return;
	/* VT-d §8.4: the RMRR's limit is inclusive; a reversed one is dmar.rmrr-reversed. */
	for (unsigned i = 0; p->has_dmar && i < p->dmar.rmrr_count; i++) {
		const struct acpi_dmar_rmrr *r = &p->dmar.rmrr[i];
		if (r->limit < r->base)
			continue;
		uint64_t size = r->limit - r->base + 1;
		check_range(&dmar_rmrr_not_reserved, FINDING_WARNING, "DMAR", "RMRR", r->offset,
			    r->base, size ? size : UINT64_MAX, regions, count, f);
	}
	/* DEN 0049E.d §3.1.1.9; Linux reads RMR nodes from revision 5 (E.d) only. */
	const struct acpi_iort *io = &p->iort;
	if (!p->has_iort || io->revision < ACPI_IORT_REVISION_RMR)
		return;
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		if (n->type != ACPI_IORT_RMR)
			continue;
		for (unsigned k = 0; k < n->u.rmr.count; k++) {
			unsigned idx = n->u.rmr.first + k;
			if (idx >= io->rmr_range_count)
				break;
			const struct acpi_iort_rmr_range *x = &io->rmr_range[idx];
			if (!x->length)
				continue;
			check_range(&iort_rmr_not_reserved, FINDING_INFO, "IORT", "RMR range",
				    n->offset, x->base, x->length, regions, count, f);
		}
	}
}
