/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_dmar.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_dmar_checks.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define DMAR_FIXED   48u /* header + HAW + flags + 10 reserved (VT-d §8.1) */
#define SCOPE_HEADER 6u  /* type, length, flags, reserved, enumeration id, start bus */

static const char *const dmar_type_names[] = {"DRHD", "RMRR", "ATSR", "RHSA",
					      "ANDD", "SATC", "SIDP"};
/* Smallest length of each structure type: its fixed fields (VT-d §8.3-§8.8). */
static const uint16_t dmar_min_len[] = {16, 24, 8, 20, 9, 8, 8};

const char *acpi_dmar_type_name(unsigned type)
{
	return type < sizeof(dmar_type_names) / sizeof(dmar_type_names[0]) ? dmar_type_names[type]
									   : "unknown";
}

const char *acpi_dmar_scope_type_name(unsigned type)
{
	switch (type) {
	case ACPI_DMAR_SCOPE_PCI_ENDPOINT: return "pci-endpoint";
	case ACPI_DMAR_SCOPE_PCI_BRIDGE: return "pci-bridge";
	case ACPI_DMAR_SCOPE_IOAPIC: return "ioapic";
	case ACPI_DMAR_SCOPE_HPET: return "hpet";
	case ACPI_DMAR_SCOPE_ACPI_NAMESPACE: return "acpi-namespace";
	}
	return "unknown";
}

bool acpi_dmar_flag(const struct acpi_dmar *d, unsigned bit)
{
	return bit < 8 && (d->flags >> bit) & 1u;
}

/* Device scopes in [start, end) of the structure at soff (VT-d §8.3.1). */
static struct acpi_dmar_scopes dmar_parse_scopes(const struct acpi_cursor *c, struct acpi_dmar *d,
						 uint32_t start, uint32_t end, uint8_t owner_type,
						 unsigned owner_index, uint32_t soff,
						 struct findings *f)
{
	struct acpi_dmar_scopes r = {(uint16_t)d->scope_count, 0};
	const char *owner = acpi_dmar_type_name(owner_type);
	uint32_t off = start;
	while (off < end) {
		if (end - off < 2) {
			finding_add_check(
				f, DMAR_CHECK(SCOPE_STRAY_BYTE), FINDING_ERROR, "DMAR", off,
				"%s at 0x%x: 1 stray byte after its device scopes (a scope is at "
				"least 6 bytes, VT-d §8.3.1)",
				owner, soff);
			break;
		}
		uint8_t type = acpi_u8(c, off), len = acpi_u8(c, off + 1);
		if (len < SCOPE_HEADER) {
			finding_add_check(
				f, DMAR_CHECK(SCOPE_LENGTH_SHORT), FINDING_ERROR, "DMAR", off + 1,
				"%s at 0x%x: device scope length %u, must be at least 6 (VT-d "
				"§8.3.1)",
				owner, soff, len);
			break;
		}
		if (len > end - off) {
			finding_add_check(
				f, DMAR_CHECK(SCOPE_OVERRUN), FINDING_ERROR, "DMAR", off + 1,
				"%s at 0x%x: device scope of length %u runs %u bytes past the "
				"structure's end at 0x%x",
				owner, soff, len, len - (end - off), end);
			break;
		}
		if ((len - SCOPE_HEADER) % 2)
			finding_add_check(
				f, DMAR_CHECK(SCOPE_PATH_ODD), FINDING_ERROR, "DMAR", off + 1,
				"device scope length %u: the path must be whole 2-byte (device, "
				"function) pairs (VT-d §8.3.1)",
				len);
		if (type < ACPI_DMAR_SCOPE_PCI_ENDPOINT || type > ACPI_DMAR_SCOPE_ACPI_NAMESPACE)
			finding_add_check(
				f, DMAR_CHECK(SCOPE_TYPE_RESERVED), FINDING_WARNING, "DMAR", off,
				"device scope type %u is reserved (VT-d §8.3.1 defines 1-5)", type);
		if (acpi_u8(c, off + 3))
			finding_add_check(
				f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", off + 3,
				"device scope reserved byte is 0x%02x, must be 0 (VT-d §8.3.1)",
				acpi_u8(c, off + 3));
		if (d->scope_count >= ACPI_DMAR_MAX_SCOPES) {
			d->overflow = true;
		} else {
			struct acpi_dmar_scope *s = &d->scope[d->scope_count++];
			memset(s, 0, sizeof(*s));
			s->type = type;
			s->length = len;
			s->flags = acpi_u8(c, off + 2);
			s->enumeration_id = acpi_u8(c, off + 4);
			s->start_bus = acpi_u8(c, off + 5);
			s->owner_type = owner_type;
			s->owner_index = (uint16_t)owner_index;
			s->offset = off;
			unsigned pairs = (len - SCOPE_HEADER) / 2;
			s->path_count = (uint8_t)pairs;
			s->path_truncated = pairs > ACPI_DMAR_MAX_PATH;
			for (unsigned i = 0; i < pairs && i < ACPI_DMAR_MAX_PATH; i++) {
				s->path[i].dev = acpi_u8(c, off + SCOPE_HEADER + 2 * i);
				s->path[i].fn = acpi_u8(c, off + SCOPE_HEADER + 2 * i + 1);
			}
			if (pairs == 0)
				finding_add_check(
					f, DMAR_CHECK(SCOPE_NO_PATH), FINDING_ERROR, "DMAR",
					off + 1,
					"device scope has no path: at least one (device, function) "
					"pair is required (VT-d §8.3.1)");
			r.count++;
		}
		off += len;
	}
	return r;
}

static void dmar_parse_drhd(const struct acpi_cursor *c, struct acpi_dmar *d, uint32_t off,
			    uint32_t end, struct findings *f)
{
	if (d->drhd_count >= ACPI_DMAR_MAX_DRHD) {
		d->overflow = true;
		return;
	}
	unsigned i = d->drhd_count++;
	struct acpi_dmar_drhd *u = &d->drhd[i];
	u->offset = off;
	u->flags = acpi_u8(c, off + 4);
	u->size = acpi_u8(c, off + 5);
	u->segment = acpi_u16(c, off + 6);
	u->reg_base = acpi_u64(c, off + 8);
	if (u->flags & ~ACPI_DMAR_DRHD_INCLUDE_PCI_ALL)
		finding_add_check(
			f, DMAR_CHECK(DRHD_FLAGS_RESERVED), FINDING_WARNING, "DMAR", off + 4,
			"DRHD flags 0x%02x: bits 7:1 are reserved and must be 0 (VT-d §8.3)",
			u->flags);
	if (u->size & 0xf0)
		finding_add_check(
			f, DMAR_CHECK(DRHD_SIZE_RESERVED), FINDING_WARNING, "DMAR", off + 5,
			"DRHD size byte 0x%02x: bits 7:4 are reserved and must be 0 (VT-d §8.3)",
			u->size);
	if (!u->reg_base)
		finding_add_check(f, DMAR_CHECK(DRHD_BASE_ZERO), FINDING_ERROR, "DMAR", off + 8,
				  "DRHD register base is 0: it must be the unit's register address "
				  "(VT-d §8.3)");
	else if (u->reg_base & 0xfff)
		finding_add_check(f, DMAR_CHECK(DRHD_BASE_UNALIGNED), FINDING_ERROR, "DMAR",
				  off + 8,
				  "DRHD register base 0x%llx is not 4 KiB aligned (VT-d §8.3)",
				  (unsigned long long)u->reg_base);
	u->scopes = dmar_parse_scopes(c, d, off + 16, end, ACPI_DMAR_TYPE_DRHD, i, off, f);
	if (!(u->flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL))
		return;
	for (unsigned k = 0; k < u->scopes.count; k++) {
		const struct acpi_dmar_scope *s = &d->scope[u->scopes.first + k];
		if (s->type == ACPI_DMAR_SCOPE_PCI_ENDPOINT ||
		    s->type == ACPI_DMAR_SCOPE_PCI_BRIDGE)
			finding_add_check(
				f, DMAR_CHECK(INCLUDE_ALL_PCI_SCOPE), FINDING_WARNING, "DMAR",
				s->offset,
				"DRHD with INCLUDE_PCI_ALL lists a %s scope: such a unit's "
				"scope holds only IOAPIC, HPET and ACPI namespace devices "
				"(VT-d §8.3)",
				acpi_dmar_scope_type_name(s->type));
	}
}

static void dmar_parse_rmrr(const struct acpi_cursor *c, struct acpi_dmar *d, uint32_t off,
			    uint32_t end, struct findings *f)
{
	if (d->rmrr_count >= ACPI_DMAR_MAX_RMRR) {
		d->overflow = true;
		return;
	}
	unsigned i = d->rmrr_count++;
	struct acpi_dmar_rmrr *r = &d->rmrr[i];
	r->offset = off;
	r->segment = acpi_u16(c, off + 6);
	r->base = acpi_u64(c, off + 8);
	r->limit = acpi_u64(c, off + 16);
	if (acpi_u16(c, off + 4))
		finding_add_check(f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", off + 4,
				  "RMRR reserved field is 0x%04x, must be 0 (VT-d §8.4)",
				  acpi_u16(c, off + 4));
	/* VT-d §8.4: base 4 KiB aligned, limit + 1 a multiple of 4 KiB. */
	if (r->base & 0xfff)
		finding_add_check(f, DMAR_CHECK(RMRR_UNALIGNED), FINDING_ERROR, "DMAR", off + 8,
				  "RMRR base 0x%llx is not 4 KiB aligned (VT-d §8.4)",
				  (unsigned long long)r->base);
	if ((r->limit + 1) & 0xfff)
		finding_add_check(
			f, DMAR_CHECK(RMRR_UNALIGNED), FINDING_ERROR, "DMAR", off + 16,
			"RMRR limit 0x%llx: limit + 1 must be a multiple of 4 KiB (VT-d §8.4)",
			(unsigned long long)r->limit);
	if (r->base > r->limit)
		finding_add_check(
			f, DMAR_CHECK(RMRR_REVERSED), FINDING_ERROR, "DMAR", off + 8,
			"RMRR base 0x%llx is above its limit 0x%llx (VT-d §8.4: base <= limit)",
			(unsigned long long)r->base, (unsigned long long)r->limit);
	r->scopes = dmar_parse_scopes(c, d, off + 24, end, ACPI_DMAR_TYPE_RMRR, i, off, f);
	if (!r->scopes.count && off + 24 == end)
		finding_add_check(
			f, DMAR_CHECK(RMRR_NO_SCOPE), FINDING_WARNING, "DMAR", off,
			"RMRR has no device scope: it must name the devices using the region "
			"(VT-d §8.4)");
}

/* ATSR, SATC and SIDP: flags/reserved, segment, scopes at +8. */
static void dmar_parse_seg_scoped(const struct acpi_cursor *c, struct acpi_dmar *d, uint8_t type,
				  uint32_t off, uint32_t end, struct findings *f)
{
	uint8_t flags = acpi_u8(c, off + 4);
	uint16_t seg = acpi_u16(c, off + 6);
	unsigned i;
	struct acpi_dmar_scopes *scopes;
	if (type == ACPI_DMAR_TYPE_ATSR) {
		if (d->atsr_count >= ACPI_DMAR_MAX_ATSR) {
			d->overflow = true;
			return;
		}
		i = d->atsr_count++;
		d->atsr[i].offset = off;
		d->atsr[i].flags = flags;
		d->atsr[i].segment = seg;
		scopes = &d->atsr[i].scopes;
	} else {
		struct acpi_dmar_satc *arr = type == ACPI_DMAR_TYPE_SATC ? d->satc : d->sidp;
		unsigned *count = type == ACPI_DMAR_TYPE_SATC ? &d->satc_count : &d->sidp_count;
		if (*count >= ACPI_DMAR_MAX_SATC) {
			d->overflow = true;
			return;
		}
		i = (*count)++;
		arr[i].offset = off;
		arr[i].flags = type == ACPI_DMAR_TYPE_SATC ? flags : 0;
		arr[i].segment = seg;
		scopes = &arr[i].scopes;
	}
	uint8_t known = type == ACPI_DMAR_TYPE_SIDP ? 0 : 1;
	if (flags & ~known)
		finding_add_check(
			f, DMAR_CHECK(STRUCT_FLAGS_RESERVED), FINDING_WARNING, "DMAR", off + 4,
			"%s flags/reserved byte 0x%02x: only bit 0 is defined%s (VT-d §8)",
			acpi_dmar_type_name(type), flags,
			type == ACPI_DMAR_TYPE_SIDP ? " for other types; SIDP has none" : "");
	if (acpi_u8(c, off + 5))
		finding_add_check(f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", off + 5,
				  "%s reserved byte is 0x%02x, must be 0 (VT-d §8)",
				  acpi_dmar_type_name(type), acpi_u8(c, off + 5));
	*scopes = dmar_parse_scopes(c, d, off + 8, end, type, i, off, f);
}

static void dmar_parse_rhsa(const struct acpi_cursor *c, struct acpi_dmar *d, uint32_t off,
			    struct findings *f)
{
	if (d->rhsa_count >= ACPI_DMAR_MAX_RHSA) {
		d->overflow = true;
		return;
	}
	struct acpi_dmar_rhsa *r = &d->rhsa[d->rhsa_count++];
	r->offset = off;
	r->reg_base = acpi_u64(c, off + 8);
	r->proximity_domain = acpi_u32(c, off + 16);
	if (acpi_u32(c, off + 4))
		finding_add_check(f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", off + 4,
				  "RHSA reserved field is 0x%08x, must be 0 (VT-d §8.6)",
				  acpi_u32(c, off + 4));
}

static void dmar_parse_andd(const struct acpi_cursor *c, struct acpi_dmar *d, uint32_t off,
			    uint32_t end, struct findings *f)
{
	if (d->andd_count >= ACPI_DMAR_MAX_ANDD) {
		d->overflow = true;
		return;
	}
	struct acpi_dmar_andd *a = &d->andd[d->andd_count++];
	a->offset = off;
	a->device_number = acpi_u8(c, off + 7);
	if (!acpi_cursor_zero(c, off + 4, 3))
		finding_add_check(f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", off + 4,
				  "ANDD reserved bytes must be 0 (VT-d §8.7)");
	unsigned n = 0;
	bool terminated = false;
	for (uint32_t p = off + 8; p < end; p++) {
		uint8_t ch = acpi_u8(c, p);
		if (!ch) {
			terminated = true;
			break;
		}
		if (n + 1 < sizeof(a->name))
			a->name[n++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
	}
	a->name[n] = '\0';
	if (terminated && !n)
		finding_add_check(f, DMAR_CHECK(ANDD_NAME_EMPTY), FINDING_WARNING, "DMAR", off + 8,
				  "ANDD object name is empty: it must be the fully qualified ACPI "
				  "namespace path of the device (VT-d §8.7)");
	if (!terminated)
		finding_add_check(
			f, DMAR_CHECK(ANDD_NAME_UNTERMINATED), FINDING_WARNING, "DMAR", off + 8,
			"ANDD object name is not NUL-terminated within the structure (VT-d "
			"§8.7)");
}

/* VT-d §8.3: one INCLUDE_PCI_ALL unit per segment, and it is the last DRHD of that segment. */
static void dmar_check_include_all(struct acpi_dmar *d, struct findings *f)
{
	for (unsigned i = 0; i < d->drhd_count; i++) {
		const struct acpi_dmar_drhd *u = &d->drhd[i];
		if (!(u->flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL))
			continue;
		for (unsigned j = 0; j < i; j++) {
			if (d->drhd[j].segment == u->segment &&
			    (d->drhd[j].flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL)) {
				finding_add_check(
					f, DMAR_CHECK(INCLUDE_ALL_DUPLICATE), FINDING_ERROR, "DMAR",
					u->offset,
					"second DRHD with INCLUDE_PCI_ALL for segment %u (first "
					"at 0x%x): at most one per segment (VT-d §8.3)",
					u->segment, d->drhd[j].offset);
				break;
			}
		}
		for (unsigned j = i + 1; j < d->drhd_count; j++) {
			if (d->drhd[j].segment == u->segment) {
				finding_add_check(
					f, DMAR_CHECK(INCLUDE_ALL_NOT_LAST), FINDING_ERROR, "DMAR",
					u->offset,
					"DRHD with INCLUDE_PCI_ALL for segment %u is followed by "
					"the DRHD at 0x%x of the same segment: it must be the "
					"last one (VT-d §8.3)",
					u->segment, d->drhd[j].offset);
				break;
			}
		}
	}
}

static void dmar_check_rmrrs(struct acpi_dmar *d, struct findings *f)
{
	unsigned width = d->host_address_width + 1u;
	for (unsigned i = 0; i < d->rmrr_count && width < 64; i++) {
		const struct acpi_dmar_rmrr *r = &d->rmrr[i];
		/* VT-d §8.1: HAW is the DMA physical addressability of the platform. */
		if (r->limit >> width)
			finding_add_check(
				f, DMAR_CHECK(RMRR_BEYOND_HAW), FINDING_WARNING, "DMAR",
				r->offset + 16,
				"RMRR limit 0x%llx is beyond the %u-bit host address width "
				"(VT-d §8.1, §8.4)",
				(unsigned long long)r->limit, width);
	}
	for (unsigned i = 1; i < d->rmrr_count; i++) {
		const struct acpi_dmar_rmrr *a = &d->rmrr[i - 1], *b = &d->rmrr[i];
		if (b->base < a->base)
			finding_add_check(
				f, DMAR_CHECK(RMRR_ORDER), FINDING_INFO, "DMAR", b->offset,
				"RMRR base 0x%llx is below the previous RMRR's 0x%llx: RMRRs "
				"not in address order",
				(unsigned long long)b->base, (unsigned long long)a->base);
	}
	for (unsigned i = 0; i < d->rmrr_count; i++) {
		const struct acpi_dmar_rmrr *a = &d->rmrr[i];
		if (a->base > a->limit)
			continue;
		for (unsigned j = i + 1; j < d->rmrr_count; j++) {
			const struct acpi_dmar_rmrr *b = &d->rmrr[j];
			if (b->base > b->limit || a->segment != b->segment)
				continue;
			if (a->base <= b->limit && b->base <= a->limit &&
			    !(a->base == b->base && a->limit == b->limit))
				finding_add_check(f, DMAR_CHECK(RMRR_OVERLAP), FINDING_WARNING,
						  "DMAR", b->offset,
						  "RMRR 0x%llx-0x%llx overlaps the RMRR at 0x%x "
						  "(0x%llx-0x%llx)",
						  (unsigned long long)b->base,
						  (unsigned long long)b->limit, a->offset,
						  (unsigned long long)a->base,
						  (unsigned long long)a->limit);
		}
	}
}

/*
 * VT-d §8.3.1: an IOAPIC scope's enumeration ID is the I/O APIC ID, an HPET
 * scope's the HPET number; each device is under one unit (DRHD scopes only).
 * The same ID again under the same unit (one scope per HPET comparator, as
 * some firmware writes) is reported once, as an info.
 */
static void dmar_check_scope_ids(struct acpi_dmar *d, struct findings *f)
{
	for (unsigned i = 0; i < d->scope_count; i++) {
		const struct acpi_dmar_scope *a = &d->scope[i];
		if (a->owner_type != ACPI_DMAR_TYPE_DRHD ||
		    (a->type != ACPI_DMAR_SCOPE_IOAPIC && a->type != ACPI_DMAR_SCOPE_HPET))
			continue;
		bool io = a->type == ACPI_DMAR_SCOPE_IOAPIC;
		const char *what = io ? "I/O APIC ID" : "HPET number";
		const struct acpi_dmar_scope *first = 0;
		unsigned same_unit = 0, total = 0;
		for (unsigned j = 0; j < d->scope_count; j++) {
			const struct acpi_dmar_scope *b = &d->scope[j];
			if (b->owner_type != ACPI_DMAR_TYPE_DRHD || b->type != a->type ||
			    b->enumeration_id != a->enumeration_id)
				continue;
			if (j < i && !first)
				first = b;
			if (b->owner_index == a->owner_index) {
				same_unit += j < i;
				total++;
			}
		}
		if (!first)
			continue;
		if (first->owner_index != a->owner_index)
			finding_add_check(
				f,
				io ? DMAR_CHECK(IOAPIC_SCOPE_DUPLICATE)
				   : DMAR_CHECK(HPET_SCOPE_DUPLICATE),
				FINDING_WARNING, "DMAR", a->offset,
				"%s %u is under the DRHD at 0x%x and again under the DRHD at 0x%x: "
				"one unit per device (VT-d §8.3.1)",
				what, a->enumeration_id, d->drhd[first->owner_index].offset,
				d->drhd[a->owner_index].offset);
		else if (same_unit == 1)
			finding_add_check(
				f,
				io ? DMAR_CHECK(IOAPIC_SCOPE_REPEATED)
				   : DMAR_CHECK(HPET_SCOPE_REPEATED),
				FINDING_INFO, "DMAR", a->offset,
				"%s %u has %u device scopes under the DRHD at 0x%x (paths differ); "
				"one names the device (VT-d §8.3.1)",
				what, a->enumeration_id, total, d->drhd[a->owner_index].offset);
	}
}

static void dmar_check_rhsa(struct acpi_dmar *d, struct findings *f)
{
	for (unsigned i = 0; i < d->rhsa_count; i++) {
		bool found = false;
		for (unsigned j = 0; j < d->drhd_count && !found; j++)
			found = d->drhd[j].reg_base == d->rhsa[i].reg_base;
		if (!found && !d->overflow)
			finding_add_check(
				f, DMAR_CHECK(RHSA_NO_DRHD), FINDING_WARNING, "DMAR",
				d->rhsa[i].offset + 8,
				"RHSA register base 0x%llx matches no DRHD (VT-d §8.6: it "
				"names a DRHD's register base)",
				(unsigned long long)d->rhsa[i].reg_base);
	}
}

int acpi_dmar_parse(const uint8_t *data, uint32_t len, struct acpi_dmar *d, struct findings *f)
{
	memset(d, 0, sizeof(*d));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "DMAR", DMAR_FIXED, &c, &h, f);
	if (err)
		return err;
	d->revision = h.revision;
	d->length = c.len;
	d->host_address_width = acpi_u8(&c, 36);
	d->flags = acpi_u8(&c, 37);
	if (d->flags & ACPI_DMAR_FLAGS_RESERVED)
		finding_add_check(
			f, DMAR_CHECK(FLAGS_RESERVED), FINDING_WARNING, "DMAR", 37,
			"flags 0x%02x: bits 7:3 are reserved and must be 0 (VT-d §8.1 defines "
			"INTR_REMAP, X2APIC_OPT_OUT, DMA_CTRL_PLATFORM_OPT_IN)",
			d->flags);
	/* VT-d §8.1: HAW is N-1 for N bits of DMA addressability; below a page is nonsense. */
	if (d->host_address_width < 11)
		finding_add_check(f, DMAR_CHECK(HAW_INVALID), FINDING_ERROR, "DMAR", 36,
				  "host address width %u bits (field %u): not even one 4 KiB page "
				  "is addressable (VT-d §8.1)",
				  d->host_address_width + 1u, d->host_address_width);
	else if (d->host_address_width > 63)
		finding_add_check(
			f, DMAR_CHECK(HAW_ABOVE_64), FINDING_WARNING, "DMAR", 36,
			"host address width %u bits (field %u): DMA addresses are at most "
			"64 bits (VT-d §8.1)",
			d->host_address_width + 1u, d->host_address_width);
	if (!acpi_cursor_zero(&c, 38, 10))
		finding_add_check(f, DMAR_CHECK(RESERVED_NONZERO), FINDING_WARNING, "DMAR", 38,
				  "reserved bytes 38-47 must be 0 (VT-d §8.1)");

	int last_type = -1;
	uint32_t off = DMAR_FIXED;
	while (off < c.len) {
		if (c.len - off < 4) {
			finding_add_check(
				f, DMAR_CHECK(TRAILING_BYTES), FINDING_ERROR, "DMAR", off,
				"%u stray bytes at the end: a remapping structure header is 4 "
				"bytes (VT-d §8.2)",
				c.len - off);
			d->truncated = true;
			break;
		}
		uint16_t type = acpi_u16(&c, off), slen = acpi_u16(&c, off + 2);
		if (slen < 4) {
			finding_add_check(
				f, DMAR_CHECK(STRUCT_LENGTH_INVALID), FINDING_ERROR, "DMAR",
				off + 2, "%s structure length %u: must be at least 4; walk stopped",
				acpi_dmar_type_name(type), slen);
			d->truncated = true;
			break;
		}
		if (slen > c.len - off) {
			finding_add_check(
				f, DMAR_CHECK(STRUCT_OVERRUN), FINDING_ERROR, "DMAR", off + 2,
				"%s structure length %u runs %u bytes past the table's end (%u); "
				"walk stopped",
				acpi_dmar_type_name(type), slen, slen - (c.len - off), c.len);
			d->truncated = true;
			break;
		}
		d->structure_count++;
		uint32_t end = off + slen;
		if (type <= ACPI_DMAR_TYPE_SIDP) {
			if ((int)type < last_type)
				finding_add_check(
					f, DMAR_CHECK(STRUCT_ORDER), FINDING_WARNING, "DMAR", off,
					"%s after %s: structures must be reported in numerical "
					"order of type (VT-d §8.2)",
					acpi_dmar_type_name(type), acpi_dmar_type_name(last_type));
			else
				last_type = type;
		}
		if (type <= ACPI_DMAR_TYPE_SIDP && slen < dmar_min_len[type]) {
			finding_add_check(
				f, DMAR_CHECK(STRUCT_LENGTH_SHORT), FINDING_ERROR, "DMAR", off + 2,
				"%s structure length %u is below its %u bytes of fixed fields "
				"(VT-d §8); skipped",
				acpi_dmar_type_name(type), slen, dmar_min_len[type]);
			off = end;
			continue;
		}
		switch (type) {
		case ACPI_DMAR_TYPE_DRHD: dmar_parse_drhd(&c, d, off, end, f); break;
		case ACPI_DMAR_TYPE_RMRR: dmar_parse_rmrr(&c, d, off, end, f); break;
		case ACPI_DMAR_TYPE_RHSA:
			dmar_parse_rhsa(&c, d, off, f);
			if (slen != 20)
				finding_add_check(f, DMAR_CHECK(RHSA_LENGTH), FINDING_WARNING,
						  "DMAR", off + 2,
						  "RHSA length %u, expected 20 (VT-d §8.6)", slen);
			break;
		case ACPI_DMAR_TYPE_ANDD: dmar_parse_andd(&c, d, off, end, f); break;
		case ACPI_DMAR_TYPE_ATSR:
		case ACPI_DMAR_TYPE_SATC:
		case ACPI_DMAR_TYPE_SIDP:
			dmar_parse_seg_scoped(&c, d, (uint8_t)type, off, end, f);
			break;
		default:
			d->unknown_count++;
			finding_add_check(
				f, DMAR_CHECK(STRUCT_TYPE_UNKNOWN), FINDING_INFO, "DMAR", off,
				"remapping structure type %u is not known here; skipped by its "
				"length %u",
				type, slen);
			break;
		}
		off = end;
	}
	if (d->overflow)
		finding_add_check(
			f, DMAR_CHECK(PARSER_OVERFLOW), FINDING_WARNING, "DMAR", FINDING_NO_OFFSET,
			"more structures or device scopes than this parser stores; counts are "
			"of those stored");
	dmar_check_include_all(d, f);
	dmar_check_rmrrs(d, f);
	dmar_check_rhsa(d, f);
	dmar_check_scope_ids(d, f);
	if (!d->drhd_count && !d->truncated)
		finding_add_check(
			f, DMAR_CHECK(NO_DRHD), FINDING_ERROR, "DMAR", FINDING_NO_OFFSET,
			"no DRHD: at least one remapping unit per PCI segment is required "
			"(VT-d §8.3)");
	return 0;
}
