/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_ivrs.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_ivrs_checks.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define IVRS_FIXED     48u /* header + IVinfo + 8 reserved */
#define IVHD_10_HEADER 24u /* §5.2.2.2 */
#define IVHD_11_HEADER 40u /* §5.2.2.4: adds the EFR images */
#define IVMD_LENGTH    32u /* §5.2.3 */
#define IOMMU_MMIO     0x4000u
#define PAGE_4K        0xfffu

static bool ivrs_is_ivhd(uint8_t type)
{
	return type == 0x10 || type == 0x11 || type == 0x40;
}

static void ivrs_ivhd(const struct acpi_cursor *c, uint32_t off, uint16_t blen, struct acpi_ivrs *v,
		      struct findings *f)
{
	uint8_t type = acpi_u8(c, off);
	uint32_t header = type == 0x10 ? IVHD_10_HEADER : IVHD_11_HEADER;
	if (blen < header) {
		finding_add_check(f, IVRS_CHECK(IVHD_LENGTH_SHORT), FINDING_ERROR, "IVRS", off + 2,
				  "IVHD type 0x%02x length %u is below its %u-byte header", type,
				  blen, header);
		return;
	}
	if (v->ivhd_count >= ACPI_IVRS_MAX_IVHD) {
		v->overflow = true;
		return;
	}
	unsigned index = v->ivhd_count++;
	struct acpi_ivrs_ivhd *d = &v->ivhd[index];
	d->offset = off;
	d->type = type;
	d->flags = acpi_u8(c, off + 1);
	d->device_id = acpi_u16(c, off + 4);
	d->capability_offset = acpi_u16(c, off + 6);
	d->base = acpi_u64(c, off + 8);
	d->segment = acpi_u16(c, off + 16);
	d->info = acpi_u16(c, off + 18);
	d->attributes = acpi_u32(c, off + 20);
	if (type == 0x10) {
		d->xtsup = d->attributes & ACPI_IVRS_FEAT_XTSUP;
		d->gasup = d->attributes & ACPI_IVRS_FEAT_GASUP;
	} else {
		d->efr = acpi_u64(c, off + 24);
		d->efr2 = acpi_u64(c, off + 32);
		d->xtsup = d->efr & ACPI_IVRS_EFR_XTSUP;
		d->gasup = d->efr & ACPI_IVRS_EFR_GASUP;
	}
	if (!d->base)
		finding_add_check(f, IVRS_CHECK(IVHD_BASE_ZERO), FINDING_ERROR, "IVRS", off + 8,
				  "IVHD for IOMMU %04x:%02x:%02x.%u has base address 0 (§5.2.2.2)",
				  d->segment, d->device_id >> 8, (d->device_id >> 3) & 31,
				  d->device_id & 7);
	else if (d->base & (IOMMU_MMIO - 1))
		finding_add_check(f, IVRS_CHECK(IVHD_BASE_UNALIGNED), FINDING_ERROR, "IVRS",
				  off + 8,
				  "IVHD base address 0x%llx is not 16 KiB aligned (the register "
				  "block is 16 KiB, §3.1)",
				  (unsigned long long)d->base);
	acpi_ivrs_entries(c, off + header, off + blen, index, v, f);
}

static void ivrs_ivmd(const struct acpi_cursor *c, uint32_t off, uint16_t blen, struct acpi_ivrs *v,
		      struct findings *f)
{
	uint8_t type = acpi_u8(c, off);
	if (blen != IVMD_LENGTH)
		finding_add_check(
			f, IVRS_CHECK(IVMD_LENGTH_INVALID), FINDING_ERROR, "IVRS", off + 2,
			"IVMD type 0x%02x length %u: an IVMD is 32 bytes (§5.2.3)", type, blen);
	if (blen < IVMD_LENGTH)
		return;
	struct acpi_ivrs_ivmd m = {
		.offset = off,
		.type = type,
		.flags = acpi_u8(c, off + 1),
		.device_start = acpi_u16(c, off + 4),
		.device_end = acpi_u16(c, off + 4),
		.start = acpi_u64(c, off + 16),
		.length = acpi_u64(c, off + 24),
	};
	if (type == 0x20) {
		m.device_start = 0;
		m.device_end = 0xffff;
	} else if (type == 0x22) {
		m.device_end = acpi_u16(c, off + 6);
		if (m.device_end < m.device_start)
			finding_add_check(
				f, IVRS_CHECK(IVMD_RANGE_REVERSED), FINDING_ERROR, "IVRS", off + 6,
				"IVMD range ends at device 0x%04x, below its start 0x%04x",
				m.device_end, m.device_start);
	}
	if (!(m.flags & (ACPI_IVRS_IVMD_UNITY | ACPI_IVRS_IVMD_EXCL)))
		finding_add_check(f, IVRS_CHECK(IVMD_NO_ACTION), FINDING_INFO, "IVRS", off + 1,
				  "IVMD flags 0x%02x set neither Unity nor ExclusionRange (§5.2.3)",
				  m.flags);
	else if ((m.start | m.length) & PAGE_4K)
		finding_add_check(f, IVRS_CHECK(IVMD_UNALIGNED), FINDING_WARNING, "IVRS", off + 16,
				  "IVMD range 0x%llx+0x%llx is not 4 KiB aligned (§5.2.3)",
				  (unsigned long long)m.start, (unsigned long long)m.length);
	if (v->ivmd_count >= ACPI_IVRS_MAX_IVMD)
		v->overflow = true;
	else
		v->ivmd[v->ivmd_count++] = m;
}

/* A special entry that repeats an earlier one (same variety and handle) in an IVHD in use. */
static void ivrs_duplicates(const struct acpi_ivrs *v, struct findings *f)
{
	for (unsigned i = 0; i < v->special_count; i++) {
		const struct acpi_ivrs_special *s = &v->special[i];
		if (!v->ivhd[s->ivhd].used)
			continue;
		const struct acpi_ivrs_special *first =
			acpi_ivrs_special_find(v, s->variety, s->handle);
		if (first == s)
			continue;
		bool same = first->bdf == s->bdf && first->segment == s->segment;
		finding_add_check(
			f, IVRS_CHECK(SPECIAL_DUPLICATE), same ? FINDING_INFO : FINDING_WARNING,
			"IVRS", s->offset,
			"%s %u is named again (%02x:%02x.%u; first at 0x%x: %02x:%02x.%u)",
			s->variety == ACPI_IVRS_SPECIAL_IOAPIC ? "IOAPIC" : "HPET", s->handle,
			s->bdf >> 8, (s->bdf >> 3) & 31, s->bdf & 7, first->offset, first->bdf >> 8,
			(first->bdf >> 3) & 31, first->bdf & 7);
	}
}

int acpi_ivrs_parse(const uint8_t *data, uint32_t len, struct acpi_ivrs *v, struct findings *f)
{
	memset(v, 0, sizeof(*v));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "IVRS", IVRS_FIXED, &c, &h, f);
	if (err)
		return err;
	v->revision = h.revision;
	v->length = c.len;
	v->ivinfo = acpi_u32(&c, 36);
	/*
	 * Linux (get_highest_supported_ivhd_type): the type used is that of the
	 * last IVHD for the first IVHD's device, up to the first block above 40h.
	 */
	bool choosing = true, have_first = false;
	uint16_t first_device = 0;
	bool ivhd40 = false;
	uint32_t off = IVRS_FIXED;
	while (off < c.len) {
		if (c.len - off < 4) {
			finding_add_check(f, IVRS_CHECK(TRAILING_BYTES), FINDING_ERROR, "IVRS", off,
					  "%u stray bytes at the end: a block header is 4 bytes",
					  c.len - off);
			v->truncated = true;
			break;
		}
		uint8_t type = acpi_u8(&c, off);
		uint16_t blen = acpi_u16(&c, off + 2);
		if (blen < 4 || blen > c.len - off) {
			finding_add_check(f, IVRS_CHECK(BLOCK_LENGTH_INVALID), FINDING_ERROR,
					  "IVRS", off + 2,
					  "block type 0x%02x length %u does not fit the %u bytes "
					  "left; walk stopped",
					  type, blen, c.len - off);
			v->truncated = true;
			break;
		}
		choosing &= type <= 0x40;
		if (ivrs_is_ivhd(type)) {
			uint16_t device = blen >= 6 ? acpi_u16(&c, off + 4) : 0;
			if (!have_first) {
				have_first = true;
				first_device = device;
			}
			if (choosing && device == first_device)
				v->target_type = type;
			ivhd40 |= type == 0x40;
			ivrs_ivhd(&c, off, blen, v, f);
		} else if (type >= 0x20 && type <= 0x22) {
			ivrs_ivmd(&c, off, blen, v, f);
		} else {
			v->unknown_count++;
			finding_add_check(f, IVRS_CHECK(BLOCK_TYPE_UNKNOWN), FINDING_INFO, "IVRS",
					  off,
					  "block type 0x%02x (%u bytes) is not an IVHD (10h, 11h, "
					  "40h) or IVMD (20h-22h) (§5.2)",
					  type, blen);
		}
		off += blen;
	}
	for (unsigned i = 0; i < v->ivhd_count; i++) {
		v->ivhd[i].used = v->ivhd[i].type == v->target_type;
		v->iommu_count += v->ivhd[i].used;
	}
	if (!have_first)
		finding_add_check(f, IVRS_CHECK(NO_IVHD), FINDING_ERROR, "IVRS", FINDING_NO_OFFSET,
				  "no IVHD block: the table describes no IOMMU (§5.2.2)");
	if (ivhd40 && v->revision < 2)
		finding_add_check(f, IVRS_CHECK(REVISION_TYPE), FINDING_INFO, "IVRS", 8,
				  "revision %u has an IVHD type 40h: revision 1 describes types "
				  "10h and 11h only, 2 adds 40h (§5.2.1)",
				  v->revision);
	if (v->overflow)
		finding_add_check(f, IVRS_CHECK(PARSER_OVERFLOW), FINDING_WARNING, "IVRS",
				  FINDING_NO_OFFSET,
				  "more than %u IVHDs, %u special devices or %u IVMDs; only the "
				  "first are stored",
				  ACPI_IVRS_MAX_IVHD, ACPI_IVRS_MAX_SPECIAL, ACPI_IVRS_MAX_IVMD);
	ivrs_duplicates(v, f);
	return 0;
}

const struct acpi_ivrs_special *acpi_ivrs_special_find(const struct acpi_ivrs *v, uint8_t variety,
						       uint8_t handle)
{
	for (unsigned i = 0; i < v->special_count; i++) {
		const struct acpi_ivrs_special *s = &v->special[i];
		if (v->ivhd[s->ivhd].used && s->variety == variety && s->handle == handle)
			return s;
	}
	return 0;
}

bool acpi_ivrs_x2apic_mode(const struct acpi_ivrs *v)
{
	if (!v->iommu_count)
		return false;
	for (unsigned i = 0; i < v->ivhd_count; i++) {
		const struct acpi_ivrs_ivhd *d = &v->ivhd[i];
		if (d->used && (d->type == 0x10 || !d->gasup || !d->xtsup))
			return false;
	}
	return true;
}
