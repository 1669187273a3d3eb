/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_madt.h"

#include <string.h>

#include "drivers/acpi/acpi_cursor.h"
#include "drivers/acpi/acpi_madt_checks.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

#define MADT_FIXED 44u

/* Lengths of each structure type, ACPI 6.5 §5.2.12 (min, max). */
struct madt_len {
	uint8_t min, max;
	const char *name;
};

static const struct madt_len madt_lens[] = {
	[ACPI_MADT_LAPIC] = {8, 8, "Local APIC"},
	[ACPI_MADT_IOAPIC] = {12, 12, "I/O APIC"},
	[ACPI_MADT_ISO] = {10, 10, "Interrupt Source Override"},
	[ACPI_MADT_NMI_SOURCE] = {8, 8, "NMI Source"},
	[ACPI_MADT_LAPIC_NMI] = {6, 6, "Local APIC NMI"},
	[ACPI_MADT_LAPIC_OVERRIDE] = {12, 12, "Local APIC Address Override"},
	[ACPI_MADT_IOSAPIC] = {16, 16, "I/O SAPIC"},
	[ACPI_MADT_LSAPIC] = {16, 255, "Local SAPIC"},
	[ACPI_MADT_PLATFORM_INT] = {16, 16, "Platform Interrupt Sources"},
	[ACPI_MADT_X2APIC] = {16, 16, "Local x2APIC"},
	[ACPI_MADT_X2APIC_NMI] = {12, 12, "Local x2APIC NMI"},
	/* 76 in ACPI 5.1/6.0, 80 from 6.0 errata/6.3 (SPE), 82 in 6.5 (TRBE). */
	[ACPI_MADT_GICC] = {76, 82, "GICC"},
	[ACPI_MADT_GICD] = {24, 24, "GICD"},
	[ACPI_MADT_GIC_MSI_FRAME] = {24, 24, "GIC MSI Frame"},
	[ACPI_MADT_GICR] = {16, 16, "GICR"},
	[ACPI_MADT_GIC_ITS] = {20, 20, "GIC ITS"},
	[ACPI_MADT_MP_WAKEUP] = {16, 24, "Multiprocessor Wakeup"},
};

#define MADT_KNOWN (sizeof(madt_lens) / sizeof(madt_lens[0]))

static void madt_store_lapic(struct acpi_madt *m, struct acpi_madt_lapic *arr, unsigned *count,
			     uint32_t uid, uint32_t id, uint32_t flags)
{
	if (*count >= ACPI_MADT_MAX_CPUS) {
		m->overflow = true;
		return;
	}
	arr[*count].uid = uid;
	arr[*count].apic_id = id;
	arr[*count].flags = flags;
	(*count)++;
}

static void madt_store_nmi(struct acpi_madt *m, uint8_t type, uint32_t uid, uint16_t flags,
			   uint8_t lint)
{
	if (m->nmi_count >= ACPI_MADT_MAX_NMI) {
		m->overflow = true;
		return;
	}
	struct acpi_madt_nmi *n = &m->nmi[m->nmi_count++];
	n->type = type;
	n->uid = uid;
	n->flags = flags;
	n->lint = lint;
}

static void madt_parse_gicc(const struct acpi_cursor *c, struct acpi_madt *m, uint32_t off,
			    uint8_t len)
{
	if (m->gicc_count >= ACPI_MADT_MAX_CPUS) {
		m->overflow = true;
		return;
	}
	struct acpi_madt_gicc *g = &m->gicc[m->gicc_count++];
	g->length = len;
	g->offset = off;
	g->cpu_interface = acpi_u32(c, off + 4);
	g->uid = acpi_u32(c, off + 8);
	g->flags = acpi_u32(c, off + 12);
	g->perf_gsiv = acpi_u32(c, off + 20);
	g->base = acpi_u64(c, off + 32);
	g->gicv = acpi_u64(c, off + 40);
	g->gich = acpi_u64(c, off + 48);
	g->vgic_maint_gsiv = acpi_u32(c, off + 56);
	g->gicr_base = acpi_u64(c, off + 60);
	g->mpidr = acpi_u64(c, off + 68);
}

static void madt_parse_entry(const struct acpi_cursor *c, struct acpi_madt *m, uint8_t type,
			     uint32_t off, uint8_t len, struct findings *f)
{
	switch (type) {
	case ACPI_MADT_LAPIC:
		madt_store_lapic(m, m->lapic, &m->lapic_count, acpi_u8(c, off + 2),
				 acpi_u8(c, off + 3), acpi_u32(c, off + 4));
		break;
	case ACPI_MADT_X2APIC:
		madt_store_lapic(m, m->x2apic, &m->x2apic_count, acpi_u32(c, off + 12),
				 acpi_u32(c, off + 4), acpi_u32(c, off + 8));
		break;
	case ACPI_MADT_IOAPIC:
		if (m->ioapic_count >= ACPI_MADT_MAX_IOAPIC) {
			m->overflow = true;
			break;
		}
		m->ioapic[m->ioapic_count].id = acpi_u8(c, off + 2);
		m->ioapic[m->ioapic_count].address = acpi_u32(c, off + 4);
		m->ioapic[m->ioapic_count].gsi_base = acpi_u32(c, off + 8);
		m->ioapic[m->ioapic_count].offset = off;
		m->ioapic_count++;
		if (acpi_u8(c, off + 3))
			finding_add_check(
				f, MADT_CHECK(RESERVED_NONZERO), FINDING_WARNING, "APIC", off + 3,
				"I/O APIC reserved byte is 0x%02x, must be 0 (ACPI §5.2.12.3)",
				acpi_u8(c, off + 3));
		break;
	case ACPI_MADT_ISO: {
		if (m->iso_count >= ACPI_MADT_MAX_ISO) {
			m->overflow = true;
			break;
		}
		struct acpi_madt_iso *s = &m->iso[m->iso_count++];
		s->bus = acpi_u8(c, off + 2);
		s->source = acpi_u8(c, off + 3);
		s->gsi = acpi_u32(c, off + 4);
		s->flags = acpi_u16(c, off + 8);
		if (s->bus)
			finding_add_check(f, MADT_CHECK(ISO_BUS_NOT_ISA), FINDING_WARNING, "APIC",
					  off + 2,
					  "interrupt source override bus %u: must be 0 (ISA, ACPI "
					  "§5.2.12.5)",
					  s->bus);
		break;
	}
	case ACPI_MADT_NMI_SOURCE:
		madt_store_nmi(m, type, acpi_u32(c, off + 4), acpi_u16(c, off + 2), 0);
		break;
	case ACPI_MADT_LAPIC_NMI:
		madt_store_nmi(m, type, acpi_u8(c, off + 2), acpi_u16(c, off + 3),
			       acpi_u8(c, off + 5));
		break;
	case ACPI_MADT_X2APIC_NMI:
		madt_store_nmi(m, type, acpi_u32(c, off + 4), acpi_u16(c, off + 2),
			       acpi_u8(c, off + 8));
		break;
	case ACPI_MADT_LAPIC_OVERRIDE: m->lapic_override = acpi_u64(c, off + 4); break;
	case ACPI_MADT_GICC: madt_parse_gicc(c, m, off, len); break;
	case ACPI_MADT_GICD:
		if (m->gicd_count >= ACPI_MADT_MAX_GICD) {
			m->overflow = true;
			break;
		}
		m->gicd[m->gicd_count].gic_id = acpi_u32(c, off + 4);
		m->gicd[m->gicd_count].base = acpi_u64(c, off + 8);
		m->gicd[m->gicd_count].gsiv_base = acpi_u32(c, off + 16);
		m->gicd[m->gicd_count].version = acpi_u8(c, off + 20);
		m->gicd_count++;
		break;
	case ACPI_MADT_GICR:
		if (m->gicr_count >= ACPI_MADT_MAX_GICR) {
			m->overflow = true;
			break;
		}
		m->gicr[m->gicr_count].base = acpi_u64(c, off + 4);
		m->gicr[m->gicr_count].length = acpi_u32(c, off + 12);
		m->gicr[m->gicr_count].offset = off;
		m->gicr_count++;
		break;
	case ACPI_MADT_GIC_ITS:
		if (m->its_count >= ACPI_MADT_MAX_ITS) {
			m->overflow = true;
			break;
		}
		m->its[m->its_count].its_id = acpi_u32(c, off + 4);
		m->its[m->its_count].base = acpi_u64(c, off + 8);
		m->its[m->its_count].offset = (uint32_t)off;
		m->its_count++;
		break;
	case ACPI_MADT_GIC_MSI_FRAME: m->msi_frame_count++; break;
	default: m->other_count++; break;
	}
}

/* ACPI 6.5 §5.2.12.3: each I/O APIC has its own I/O APIC ID. */
static void madt_check_ioapic_ids(const struct acpi_madt *m, struct findings *f)
{
	for (unsigned i = 1; i < m->ioapic_count; i++)
		for (unsigned j = 0; j < i; j++)
			if (m->ioapic[j].id == m->ioapic[i].id) {
				finding_add_check(
					f, MADT_CHECK(IOAPIC_ID_DUPLICATE), FINDING_ERROR, "APIC",
					m->ioapic[i].offset + 2,
					"I/O APICs at 0x%x (GSI %u) and 0x%x (GSI %u) both "
					"have I/O APIC ID %u (ACPI §5.2.12.3)",
					m->ioapic[j].address, m->ioapic[j].gsi_base,
					m->ioapic[i].address, m->ioapic[i].gsi_base,
					m->ioapic[i].id);
				break;
			}
}

int acpi_madt_parse(const uint8_t *data, uint32_t len, struct acpi_madt *m, struct findings *f)
{
	memset(m, 0, sizeof(*m));
	struct acpi_cursor c;
	struct acpi_header h;
	int err = acpi_table_open(data, len, "APIC", MADT_FIXED, &c, &h, f);
	if (err)
		return err;
	m->revision = h.revision;
	m->length = c.len;
	m->lapic_address = acpi_u32(&c, 36);
	m->flags = acpi_u32(&c, 40);
	if (m->flags & ~ACPI_MADT_PCAT_COMPAT)
		finding_add_check(
			f, MADT_CHECK(FLAGS_RESERVED), FINDING_WARNING, "APIC", 40,
			"flags 0x%08x: bits 31:1 are reserved and must be 0 (ACPI §5.2.12)",
			m->flags);

	uint32_t off = MADT_FIXED;
	while (off < c.len) {
		if (c.len - off < 2) {
			finding_add_check(
				f, MADT_CHECK(TRAILING_BYTES), FINDING_ERROR, "APIC", off,
				"1 stray byte at the end: a structure header is 2 bytes (ACPI "
				"§5.2.12)");
			m->truncated = true;
			break;
		}
		uint8_t type = acpi_u8(&c, off), slen = acpi_u8(&c, off + 1);
		if (slen < 2) {
			finding_add_check(
				f, MADT_CHECK(STRUCT_LENGTH_INVALID), FINDING_ERROR, "APIC",
				off + 1,
				"structure type %u has length %u: must be at least 2; walk "
				"stopped",
				type, slen);
			m->truncated = true;
			break;
		}
		if (slen > c.len - off) {
			finding_add_check(
				f, MADT_CHECK(STRUCT_OVERRUN), FINDING_ERROR, "APIC", off + 1,
				"structure type %u of length %u runs %u bytes past the table's "
				"end (%u); walk stopped",
				type, slen, slen - (c.len - off), c.len);
			m->truncated = true;
			break;
		}
		m->entry_count++;
		if (type < MADT_KNOWN) {
			const struct madt_len *l = &madt_lens[type];
			if (slen < l->min) {
				finding_add_check(
					f, MADT_CHECK(STRUCT_LENGTH_SHORT), FINDING_ERROR, "APIC",
					off + 1,
					"%s (type %u) length %u, must be %u (ACPI §5.2.12); "
					"skipped",
					l->name, type, slen, l->min);
				off += slen;
				continue;
			}
			if (slen > l->max && l->min == l->max)
				finding_add_check(
					f, MADT_CHECK(STRUCT_LENGTH_WRONG), FINDING_WARNING, "APIC",
					off + 1,
					"%s (type %u) length %u, must be %u (ACPI §5.2.12)",
					l->name, type, slen, l->min);
			else if (slen > l->max)
				finding_add_check(
					f, MADT_CHECK(STRUCT_LENGTH_WRONG), FINDING_WARNING, "APIC",
					off + 1,
					"%s (type %u) length %u, must be %u to %u (ACPI §5.2.12)",
					l->name, type, slen, l->min, l->max);
			madt_parse_entry(&c, m, type, off, slen, f);
		} else {
			m->unknown_count++;
			finding_add_check(f, MADT_CHECK(STRUCT_TYPE_UNKNOWN), FINDING_INFO, "APIC",
					  off,
					  "structure type 0x%02x (%s) skipped by its length %u",
					  type, type >= 0x80 ? "OEM" : "reserved", slen);
		}
		off += slen;
	}
	if (m->gicd_count > 1)
		finding_add_check(f, MADT_CHECK(GICD_MULTIPLE), FINDING_WARNING, "APIC",
				  FINDING_NO_OFFSET,
				  "%u GICD structures: ACPI §5.2.12.15 allows one", m->gicd_count);
	madt_check_ioapic_ids(m, f);
	if (m->overflow)
		finding_add_check(
			f, MADT_CHECK(PARSER_OVERFLOW), FINDING_WARNING, "APIC", FINDING_NO_OFFSET,
			"more entries than this parser stores; counts are of those stored");
	return 0;
}
