/* SPDX-License-Identifier: MIT */
#include "support_tool.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

struct tb tool_tb;
static struct tb *const b = &tool_tb;

void dmar_start(uint8_t flags)
{
	tb_init(b, "DMAR", 1);
	tb_u8(b, 38); /* 39-bit host address width */
	tb_u8(b, flags);
	tb_zero(b, 10);
}

void dmar_drhd(uint8_t flags, uint16_t seg, uint64_t base, unsigned scopes)
{
	tb_u16(b, 0);
	tb_u16(b, (uint16_t)(16 + 8 * scopes));
	tb_u8(b, flags);
	tb_u8(b, 0);
	tb_u16(b, seg);
	tb_u64(b, base);
}

void dmar_scope(uint8_t type, uint8_t id, uint8_t bus, uint8_t dev, uint8_t fn)
{
	tb_u8(b, type);
	tb_u8(b, 8);
	tb_u16(b, 0);
	tb_u8(b, id);
	tb_u8(b, bus);
	tb_u8(b, dev);
	tb_u8(b, fn);
}

void iort_start(uint32_t nodes)
{
	tb_init(b, "IORT", 3);
	tb_u32(b, nodes);
	tb_u32(b, 48);
	tb_u32(b, 0);
}

static void node_header(uint8_t type, uint16_t len, uint8_t rev, uint32_t maps, uint32_t map_off)
{
	tb_u8(b, type);
	tb_u16(b, len);
	tb_u8(b, rev);
	tb_u32(b, 0);
	tb_u32(b, maps);
	tb_u32(b, map_off);
}

uint32_t iort_its_group(uint32_t its_id)
{
	uint32_t off = b->len;
	node_header(ACPI_IORT_ITS_GROUP, 24, 1, 0, 0);
	tb_u32(b, 1);
	tb_u32(b, its_id);
	return off;
}

uint32_t iort_rc(uint32_t seg, uint32_t maps)
{
	uint32_t off = b->len;
	node_header(ACPI_IORT_ROOT_COMPLEX, (uint16_t)(36 + 20 * maps), 3, maps, 36);
	tb_u32(b, 1);  /* cache coherent */
	tb_zero(b, 4); /* hints, reserved, memory flags */
	tb_u32(b, 0);  /* ATS */
	tb_u32(b, seg);
	tb_u8(b, 0x40);
	tb_zero(b, 3);
	return off;
}

uint32_t iort_smmuv3(uint64_t base, uint32_t maps)
{
	uint32_t off = b->len;
	node_header(ACPI_IORT_SMMUV3, (uint16_t)(68 + 20 * maps), 4, maps, maps ? 68 : 0);
	tb_u64(b, base);
	tb_zero(b, 8);  /* flags, reserved */
	tb_u64(b, 0);   /* VATOS */
	tb_zero(b, 28); /* model, four GSIVs, proximity, DeviceID index */
	return off;
}

void iort_map(uint32_t in, uint32_t count_minus_one, uint32_t out, uint32_t ref)
{
	tb_u32(b, in);
	tb_u32(b, count_minus_one);
	tb_u32(b, out);
	tb_u32(b, ref);
	tb_u32(b, 0);
}

void mcfg_start(void)
{
	tb_init(b, "MCFG", 1);
	tb_zero(b, 8);
}

void mcfg_entry(uint64_t base, uint16_t seg, uint8_t lo, uint8_t hi)
{
	tb_u64(b, base);
	tb_u16(b, seg);
	tb_u8(b, lo);
	tb_u8(b, hi);
	tb_zero(b, 4);
}

void madt_start(void)
{
	tb_init(b, "APIC", 5);
	tb_u32(b, 0xfee00000);
	tb_u32(b, ACPI_MADT_PCAT_COMPAT);
}

void madt_lapic(uint8_t uid, uint8_t apic_id, uint32_t flags)
{
	tb_u8(b, ACPI_MADT_LAPIC);
	tb_u8(b, 8);
	tb_u8(b, uid);
	tb_u8(b, apic_id);
	tb_u32(b, flags);
}

void madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	tb_u8(b, ACPI_MADT_IOAPIC);
	tb_u8(b, 12);
	tb_u8(b, id);
	tb_u8(b, 0);
	tb_u32(b, addr);
	tb_u32(b, gsi_base);
}

void tool_parse(struct acpi_platform *p, struct findings *f, bool fresh)
{
	if (fresh) {
		acpi_platform_init(p);
		findings_init(f);
	}
	tb_finish(b);
	char sig[5] = {0};
	memcpy(sig, tool_tb.buf, 4);
	assert_int_equal(corpus_parse_table(sig, tool_tb.buf, tool_tb.len, p, f), 0);
	p->has_dmar |= !strcmp(sig, "DMAR");
	p->has_iort |= !strcmp(sig, "IORT");
	p->has_madt |= !strcmp(sig, "APIC");
	p->has_mcfg |= !strcmp(sig, "MCFG");
}
