/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_rmrr.h"

#include "kernel/console.h"
#include "kernel/mm/dma_reserve.h"
#include "kernel/report.h"

static const struct finding_check vtd_rmrr_in_use = {
	"vtd.rmrr-in-use",
	"no counterpart: Linux identity-maps the RMRR without taking its RAM from the page "
	"allocator (see dmar.rmrr-not-reserved)",
	0};

static uint64_t vtd_rmrr_pages_kept;
static unsigned vtd_rmrr_refused;

/* One RMRR [base, last]: what an earlier RMRR or IORT range reserved is skipped (dma_reserve). */
static void vtd_rmrr_claim_one(const struct acpi_dmar_rmrr *r, struct findings *f)
{
	uint64_t kept = 0, busy = 0;
	if (dma_reserve(r->base, r->limit, &kept, &busy))
		return; /* reversed, or its last page is the top one: the parser's findings */
	unsigned long long b = r->base, l = r->limit;
	if (kept)
		kprintf("# vtd: RMRR 0x%llx-0x%llx: %llu page(s) of conventional memory kept out "
			"of doorbell's allocator\n",
			b, l, (unsigned long long)kept);
	vtd_rmrr_pages_kept += kept;
	if (!busy)
		return;
	vtd_rmrr_refused++;
	kprintf("# vtd: RMRR 0x%llx-0x%llx: %llu page(s) already doorbell's (allocated before "
		"the DMAR was read, or a zone's bitmap): its own data may sit where the device "
		"writes\n",
		b, l, (unsigned long long)busy);
	finding_add_check(f, &vtd_rmrr_in_use, FINDING_WARNING, "DMAR", r->offset,
			  "RMRR 0x%llx-0x%llx: %llu page(s) already in doorbell's use; the "
			  "device may DMA over doorbell's own data",
			  b, l, (unsigned long long)busy);
}

void vtd_rmrr_claim(const struct acpi_platform *a, struct findings *f)
{
	if (!a->has_dmar)
		return;
	for (unsigned i = 0; i < a->dmar.rmrr_count && i < ACPI_DMAR_MAX_RMRR; i++)
		vtd_rmrr_claim_one(&a->dmar.rmrr[i], f);
}

void vtd_rmrr_report(void)
{
	if (vtd_rmrr_pages_kept)
		fact("vtd.rmrr_pages_kept", "%llu", (unsigned long long)vtd_rmrr_pages_kept);
	if (vtd_rmrr_refused)
		fact("vtd.rmrr_refused", "%u", vtd_rmrr_refused);
}
