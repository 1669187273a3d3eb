/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_rmrr.h"

#include "kernel/console.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/report.h"

static const struct finding_check vtd_rmrr_in_use = {
	"vtd.rmrr-in-use",
	"no counterpart: Linux identity-maps the RMRR without taking its RAM from the page "
	"allocator (see dmar.rmrr-not-reserved)",
	0};

static uint64_t vtd_rmrr_pages_kept;
static unsigned vtd_rmrr_refused;

/* One RMRR, or those sharing pages merged: bytes [base, last]. */
struct vtd_rmrr_span {
	uint64_t base, last;
	uint64_t first_page, last_page; /* addresses of the first and last page */
	uint32_t offset;                /* the first RMRR's DMAR offset */
};

static void vtd_rmrr_claim_span(const struct vtd_rmrr_span *s, struct findings *f)
{
	uint64_t kept = 0, busy = 0;
	if (page_alloc_claim_span_free(s->base, s->last, &kept, &busy))
		return; /* its last page is the top one: nothing doorbell could hand out */
	unsigned long long b = s->base, l = s->last;
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
	finding_add_check(f, &vtd_rmrr_in_use, FINDING_WARNING, "DMAR", s->offset,
			  "RMRR 0x%llx-0x%llx: %llu page(s) already in doorbell's use; the "
			  "device may DMA over doorbell's own data",
			  b, l, (unsigned long long)busy);
}

void vtd_rmrr_claim(const struct acpi_platform *a, struct findings *f)
{
	if (!a->has_dmar)
		return;
	static struct vtd_rmrr_span s[ACPI_DMAR_MAX_RMRR];
	unsigned n = 0;
	/* By base (insertion: at most ACPI_DMAR_MAX_RMRR), reversed ones left out. */
	for (unsigned i = 0; i < a->dmar.rmrr_count && i < ACPI_DMAR_MAX_RMRR; i++) {
		const struct acpi_dmar_rmrr *r = &a->dmar.rmrr[i];
		if (r->limit < r->base)
			continue;
		unsigned j = n++;
		for (; j && s[j - 1].base > r->base; j--)
			s[j] = s[j - 1];
		s[j] = (struct vtd_rmrr_span){r->base, r->limit,
					      r->base & ~(uint64_t)(PAGE_SIZE - 1),
					      r->limit & ~(uint64_t)(PAGE_SIZE - 1), r->offset};
	}
	/* RMRRs sharing a page claim it once: the later one would find it taken. */
	for (unsigned i = 0; i < n;) {
		struct vtd_rmrr_span m = s[i++];
		for (; i < n && s[i].first_page <= m.last_page; i++) {
			if (s[i].last > m.last) {
				m.last = s[i].last;
				m.last_page = s[i].last_page;
			}
		}
		vtd_rmrr_claim_span(&m, f);
	}
}

void vtd_rmrr_report(void)
{
	if (vtd_rmrr_pages_kept)
		fact("vtd.rmrr_pages_kept", "%llu", (unsigned long long)vtd_rmrr_pages_kept);
	if (vtd_rmrr_refused)
		fact("vtd.rmrr_refused", "%u", vtd_rmrr_refused);
}
