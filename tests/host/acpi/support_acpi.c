/* SPDX-License-Identifier: MIT */
#include "support_acpi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drivers/acpi/acpi_platform.h"
#include "drivers/acpi/acpi_tables.h"
#include "kernel/errno.h"

void tb_init(struct tb *b, const char *sig, uint8_t rev)
{
	memset(b, 0, sizeof(*b));
	memcpy(b->buf, sig, 4);
	b->buf[8] = rev;
	memcpy(b->buf + 10, "DOORBL", 6);
	memcpy(b->buf + 16, "TESTTABL", 8);
	b->buf[24] = 1;
	memcpy(b->buf + 28, "DBTS", 4);
	b->buf[32] = 1;
	b->len = 36;
}

void tb_set8(struct tb *b, uint32_t off, uint8_t v)
{
	b->buf[off] = v;
}

void tb_set16(struct tb *b, uint32_t off, uint16_t v)
{
	b->buf[off] = (uint8_t)v;
	b->buf[off + 1] = (uint8_t)(v >> 8);
}

void tb_set32(struct tb *b, uint32_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b->buf[off + i] = (uint8_t)(v >> (8 * i));
}

void tb_u8(struct tb *b, uint8_t v)
{
	b->buf[b->len++] = v;
}

void tb_u16(struct tb *b, uint16_t v)
{
	tb_set16(b, b->len, v);
	b->len += 2;
}

void tb_u32(struct tb *b, uint32_t v)
{
	tb_set32(b, b->len, v);
	b->len += 4;
}

void tb_u64(struct tb *b, uint64_t v)
{
	tb_u32(b, (uint32_t)v);
	tb_u32(b, (uint32_t)(v >> 32));
}

void tb_zero(struct tb *b, uint32_t n)
{
	memset(b->buf + b->len, 0, n);
	b->len += n;
}

void tb_str(struct tb *b, const char *s)
{
	size_t n = strlen(s) + 1;
	memcpy(b->buf + b->len, s, n);
	b->len += (uint32_t)n;
}

void tb_checksum(struct tb *b)
{
	uint32_t l = b->buf[4] | b->buf[5] << 8 | b->buf[6] << 16 | (uint32_t)b->buf[7] << 24;
	if (l > b->len)
		l = b->len;
	b->buf[9] = 0;
	b->buf[9] = (uint8_t)(0x100 - acpi_checksum(b->buf, l));
}

void tb_finish(struct tb *b)
{
	tb_set32(b, 4, b->len);
	tb_checksum(b);
}

unsigned nfind(const struct findings *f, enum finding_severity sev)
{
	return f->by_severity[sev];
}

const struct finding *find_at(const struct findings *f, enum finding_severity sev, uint32_t off)
{
	for (unsigned i = 0; i < f->count; i++)
		if (f->item[i].severity == sev && f->item[i].offset == off)
			return &f->item[i];
	return NULL;
}

bool find_text(const struct findings *f, const char *needle)
{
	for (unsigned i = 0; i < f->count; i++)
		if (strstr(f->item[i].text, needle))
			return true;
	return false;
}

void show_findings(const struct findings *f)
{
	findings_print(f);
}

uint8_t *read_file(const char *path, uint32_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) != 0) {
		fclose(fp);
		return NULL;
	}
	long n = ftell(fp);
	rewind(fp);
	if (n < 0 || n > (1 << 24)) {
		fclose(fp);
		return NULL;
	}
	uint8_t *p = malloc(n ? (size_t)n : 1);
	if (p && fread(p, 1, (size_t)n, fp) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(fp);
	*len = (uint32_t)n;
	return p;
}

int corpus_parse_table(const char *sig, const uint8_t *data, uint32_t len,
		       struct acpi_platform *plat, struct findings *f)
{
	if (!strcmp(sig, "APIC"))
		return acpi_madt_parse(data, len, &plat->madt, f);
	if (!strcmp(sig, "DMAR"))
		return acpi_dmar_parse(data, len, &plat->dmar, f);
	if (!strcmp(sig, "FACP"))
		return acpi_fadt_parse(data, len, &plat->fadt, f);
	if (!strcmp(sig, "IORT"))
		return acpi_iort_parse(data, len, &plat->iort, f);
	if (!strcmp(sig, "IVRS"))
		return acpi_ivrs_parse(data, len, &plat->ivrs, f);
	if (!strcmp(sig, "MCFG"))
		return acpi_mcfg_parse(data, len, &plat->mcfg, f);
	return -ENOENT;
}
