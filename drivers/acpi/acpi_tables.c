/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_tables.h"

#include <string.h>

#include "kernel/errno.h"

void acpi_tables_init(struct acpi_tables *t)
{
	memset(t, 0, sizeof(*t));
}

uint8_t acpi_checksum(const uint8_t *data, uint32_t len)
{
	uint8_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + data[i]);
	return sum;
}

static void acpi_copy_id(char *dst, const uint8_t *src, unsigned n)
{
	memcpy(dst, src, n);
	dst[n] = '\0';
}

bool acpi_header_read(const uint8_t *data, uint32_t len, struct acpi_header *h)
{
	if (!data || len < ACPI_HEADER_SIZE)
		return false;
	acpi_copy_id(h->sig, data, 4);
	h->length = acpi_le32(data + 4);
	h->revision = data[8];
	h->checksum = data[9];
	acpi_copy_id(h->oem_id, data + 10, 6);
	acpi_copy_id(h->oem_table_id, data + 16, 8);
	h->oem_revision = acpi_le32(data + 24);
	acpi_copy_id(h->creator_id, data + 28, 4);
	h->creator_revision = acpi_le32(data + 32);
	return true;
}

/* A signature is four characters from [A-Z0-9_] (ACPI 6.5 §5.2.6; some vendors use lower case). */
static bool acpi_sig_valid(const uint8_t *s)
{
	for (int i = 0; i < 4; i++) {
		uint8_t ch = s[i];
		bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			  (ch >= '0' && ch <= '9') || ch == '_' || ch == ' ';
		if (!ok)
			return false;
	}
	return true;
}

int acpi_table_open(const uint8_t *data, uint32_t len, const char *sig, uint32_t min_len,
		    struct acpi_cursor *c, struct acpi_header *h, struct findings *f)
{
	struct acpi_header tmp;
	if (!h)
		h = &tmp;
	*c = acpi_cursor_make(NULL, 0);
	if (!acpi_header_read(data, len, h))
		return -EINVAL;
	if (memcmp(h->sig, sig, 4) != 0)
		return -EINVAL;
	if (h->length < ACPI_HEADER_SIZE) {
		finding_add(
			f, FINDING_ERROR, sig, 4,
			"length field %u is smaller than the 36-byte table header (ACPI §5.2.6)",
			h->length);
		return -EINVAL;
	}
	uint32_t n = h->length;
	if (n > len) {
		finding_add(f, FINDING_ERROR, sig, 4,
			    "length field %u runs past the %u bytes available; parsing %u bytes",
			    h->length, len, len);
		n = len;
	}
	*c = acpi_cursor_make(data, n);
	if (n < min_len) {
		finding_add(f, FINDING_ERROR, sig, 4,
			    "table is %u bytes, shorter than the %u bytes of its fixed fields", n,
			    min_len);
		return -EBADMSG;
	}
	return 0;
}

static const struct acpi_table *acpi_table_by_phys(const struct acpi_tables *t, uint64_t phys)
{
	for (unsigned i = 0; i < t->count; i++)
		if (t->table[i].phys == phys && phys)
			return &t->table[i];
	return NULL;
}

/* Appends an entry; the caller has checked the bytes. */
static int acpi_tables_append(struct acpi_tables *t, const uint8_t *data, uint32_t length,
			      uint64_t phys, bool checksum_ok, struct findings *f)
{
	if (t->count >= ACPI_MAX_TABLES) {
		finding_add(f, FINDING_WARNING, "RSDT", FINDING_NO_OFFSET,
			    "more than %u tables: %.4s at 0x%llx not listed", ACPI_MAX_TABLES,
			    (const char *)data, (unsigned long long)phys);
		return -ENOSPC;
	}
	struct acpi_table *e = &t->table[t->count++];
	memset(e, 0, sizeof(*e));
	acpi_copy_id(e->sig, data, 4);
	e->phys = phys;
	e->data = data;
	e->length = length;
	e->checksum_ok = checksum_ok;
	return 0;
}

static bool acpi_is_facs(const uint8_t *data)
{
	return memcmp(data, "FACS", 4) == 0;
}

/*
 * Checks a table held in a buffer of len bytes; returns its length via
 * *length, or -EINVAL. The FACS has no standard header: signature and
 * length only, no checksum (ACPI 6.5 §5.2.10).
 */
static int acpi_table_check(const uint8_t *data, uint32_t len, uint32_t *length, bool *sum_ok,
			    struct findings *f)
{
	if (!data || len < 8 || !acpi_sig_valid(data))
		return -EINVAL;
	uint32_t l = acpi_le32(data + 4);
	char sig[5];
	acpi_copy_id(sig, data, 4);
	if (acpi_is_facs(data)) {
		if (l < ACPI_FACS_MIN_SIZE || l > len)
			return -EINVAL;
		*length = l;
		*sum_ok = true;
		return 0;
	}
	if (len < ACPI_HEADER_SIZE || l < ACPI_HEADER_SIZE || l > len)
		return -EINVAL;
	*length = l;
	*sum_ok = acpi_checksum(data, l) == 0;
	if (!*sum_ok)
		finding_add(f, FINDING_ERROR, sig, 9,
			    "checksum byte 0x%02x: the %u bytes sum to 0x%02x, must sum to 0 (ACPI "
			    "§5.2.6)",
			    data[9], l, acpi_checksum(data, l));
	return 0;
}

int acpi_tables_add(struct acpi_tables *t, const uint8_t *data, uint32_t len, struct findings *f)
{
	uint32_t length;
	bool ok;
	int err = acpi_table_check(data, len, &length, &ok, f);
	if (err)
		return err;
	return acpi_tables_append(t, data, length, 0, ok, f);
}

int acpi_tables_override(struct acpi_tables *t, const uint8_t *data, uint32_t len,
			 struct findings *f)
{
	uint32_t length;
	bool ok;
	int err = acpi_table_check(data, len, &length, &ok, f);
	if (err)
		return err;
	char sig[5];
	acpi_copy_id(sig, data, 4);
	for (unsigned i = 0; i < t->count; i++) {
		struct acpi_table *e = &t->table[i];
		if (memcmp(e->sig, sig, 4) != 0)
			continue;
		finding_add(f, FINDING_INFO, sig, FINDING_NO_OFFSET,
			    "table at 0x%llx (%u bytes) replaced by an override (%u bytes)",
			    (unsigned long long)e->phys, e->length, length);
		e->phys = 0;
		e->data = data;
		e->length = length;
		e->checksum_ok = ok;
		e->overridden = true;
		return 0;
	}
	err = acpi_tables_append(t, data, length, 0, ok, f);
	if (err)
		return err;
	t->table[t->count - 1].overridden = true;
	finding_add(f, FINDING_INFO, sig, FINDING_NO_OFFSET,
		    "table added by an override (%u bytes)", length);
	return 0;
}

const struct acpi_table *acpi_table_find(const struct acpi_tables *t, const char *sig,
					 unsigned instance)
{
	for (unsigned i = 0; i < t->count; i++) {
		if (strncmp(t->table[i].sig, sig, 4) != 0)
			continue;
		if (instance-- == 0)
			return &t->table[i];
	}
	return NULL;
}

unsigned acpi_table_count(const struct acpi_tables *t, const char *sig)
{
	unsigned n = 0;
	for (unsigned i = 0; i < t->count; i++)
		if (strncmp(t->table[i].sig, sig, 4) == 0)
			n++;
	return n;
}

/* Maps the table at phys: its first 8 bytes, then its length. NULL when unusable. */
static const uint8_t *acpi_map_table(acpi_map_fn map, void *ctx, uint64_t phys, uint32_t *length,
				     const char *who, uint32_t who_off, struct findings *f)
{
	if (!phys) {
		finding_add(f, FINDING_ERROR, who, who_off, "table address is 0");
		return NULL;
	}
	const uint8_t *p = map(ctx, phys, 8);
	if (!p) {
		finding_add(f, FINDING_ERROR, who, who_off, "table at 0x%llx cannot be mapped",
			    (unsigned long long)phys);
		return NULL;
	}
	uint32_t l = acpi_le32(p + 4);
	uint32_t min = acpi_is_facs(p) ? ACPI_FACS_MIN_SIZE : ACPI_HEADER_SIZE;
	if (!acpi_sig_valid(p) || l < min || l > ACPI_TABLE_MAX_LEN) {
		finding_add(
			f, FINDING_ERROR, who, who_off,
			"table at 0x%llx has signature %02x%02x%02x%02x and length %u: not a table",
			(unsigned long long)phys, p[0], p[1], p[2], p[3], l);
		return NULL;
	}
	p = map(ctx, phys, l);
	if (!p) {
		finding_add(f, FINDING_ERROR, who, who_off,
			    "table at 0x%llx (%u bytes) cannot be mapped", (unsigned long long)phys,
			    l);
		return NULL;
	}
	/* The memory may have changed between the two maps: check again. */
	if (acpi_le32(p + 4) != l)
		return NULL;
	*length = l;
	return p;
}

static void acpi_tables_add_phys(struct acpi_tables *t, acpi_map_fn map, void *ctx, uint64_t phys,
				 const char *who, uint32_t who_off, const char *want,
				 struct findings *f)
{
	if (acpi_table_by_phys(t, phys))
		return;
	uint32_t length = 0;
	const uint8_t *p = acpi_map_table(map, ctx, phys, &length, who, who_off, f);
	if (!p)
		return;
	if (want && memcmp(p, want, 4) != 0) {
		finding_add(f, FINDING_ERROR, who, who_off,
			    "table at 0x%llx has signature %.4s, expected %s",
			    (unsigned long long)phys, (const char *)p, want);
		return;
	}
	uint32_t l;
	bool ok;
	if (acpi_table_check(p, length, &l, &ok, f) == 0)
		acpi_tables_append(t, p, l, phys, ok, f);
}

/* FADT: DSDT (36+4), FIRMWARE_CTRL (36), X_FIRMWARE_CTRL (132), X_DSDT (140); ACPI 6.5 §5.2.9. */
static void acpi_tables_add_fadt_refs(struct acpi_tables *t, acpi_map_fn map, void *ctx,
				      struct findings *f)
{
	const struct acpi_table *fadt = acpi_table_find(t, "FACP", 0);
	if (!fadt)
		return;
	struct acpi_cursor c = acpi_cursor_make(fadt->data, fadt->length);
	uint32_t dsdt32 = acpi_u32(&c, 40), facs32 = acpi_u32(&c, 36);
	uint64_t xdsdt = 0, xfacs = 0;
	bool has_xfacs = acpi_get64(&c, 132, &xfacs);
	bool has_xdsdt = acpi_get64(&c, 140, &xdsdt);
	uint64_t dsdt = (has_xdsdt && xdsdt) ? xdsdt : dsdt32;
	uint64_t facs = (has_xfacs && xfacs) ? xfacs : facs32;
	if (has_xdsdt && xdsdt && dsdt32 && xdsdt != dsdt32)
		finding_add(f, FINDING_WARNING, "FACP", 140,
			    "X_DSDT 0x%llx and DSDT 0x%x differ; X_DSDT is used (ACPI §5.2.9)",
			    (unsigned long long)xdsdt, dsdt32);
	if (has_xfacs && xfacs && facs32 && xfacs != facs32)
		finding_add(f, FINDING_WARNING, "FACP", 132,
			    "X_FIRMWARE_CTRL 0x%llx and FIRMWARE_CTRL 0x%x differ; only one may be "
			    "non-zero (ACPI §5.2.9)",
			    (unsigned long long)xfacs, facs32);
	if (dsdt)
		acpi_tables_add_phys(t, map, ctx, dsdt, "FACP", (has_xdsdt && xdsdt) ? 140 : 40,
				     "DSDT", f);
	if (facs)
		acpi_tables_add_phys(t, map, ctx, facs, "FACP", (has_xfacs && xfacs) ? 132 : 36,
				     "FACS", f);
}

/* Reads the root table; returns its bytes or NULL. */
static const uint8_t *acpi_tables_root(struct acpi_tables *t, acpi_map_fn map, void *ctx,
				       uint64_t phys, const char *sig, uint32_t *length,
				       struct findings *f)
{
	const uint8_t *p =
		acpi_map_table(map, ctx, phys, length, "RSDP", sig[0] == 'X' ? 24 : 16, f);
	if (!p)
		return NULL;
	if (memcmp(p, sig, 4) != 0 || *length < ACPI_HEADER_SIZE) {
		finding_add(f, FINDING_ERROR, "RSDP", sig[0] == 'X' ? 24 : 16,
			    "%s address 0x%llx points at signature %02x%02x%02x%02x", sig,
			    (unsigned long long)phys, p[0], p[1], p[2], p[3]);
		return NULL;
	}
	return p;
}

int acpi_tables_load(struct acpi_tables *t, uint64_t rsdp_phys, acpi_map_fn map, void *ctx,
		     struct findings *f)
{
	acpi_tables_init(t);
	t->rsdp_phys = rsdp_phys;
	const uint8_t *r = rsdp_phys ? map(ctx, rsdp_phys, ACPI_RSDP_V1_SIZE) : NULL;
	if (!r || memcmp(r, "RSD PTR ", 8) != 0) {
		finding_add(f, FINDING_ERROR, "RSDP", 0, "no \"RSD PTR \" signature at 0x%llx",
			    (unsigned long long)rsdp_phys);
		return -EINVAL;
	}
	/* ACPI 6.5 §5.2.5.3: checksum over the first 20 bytes; extended over Length. */
	t->rsdp_checksum_ok = acpi_checksum(r, ACPI_RSDP_V1_SIZE) == 0;
	if (!t->rsdp_checksum_ok)
		finding_add(f, FINDING_ERROR, "RSDP", 8,
			    "checksum of the first 20 bytes is 0x%02x, must be 0 (ACPI §5.2.5.3)",
			    acpi_checksum(r, ACPI_RSDP_V1_SIZE));
	acpi_copy_id(t->oem_id, r + 9, 6);
	t->rsdp_revision = r[15];
	uint32_t rsdt = acpi_le32(r + 16);
	uint64_t xsdt = 0;
	if (t->rsdp_revision >= 2) {
		const uint8_t *r2 = map(ctx, rsdp_phys, ACPI_RSDP_V2_SIZE);
		uint32_t rlen = r2 ? acpi_le32(r2 + 20) : 0;
		if (r2 && rlen >= ACPI_RSDP_V2_SIZE && rlen <= 4096)
			r2 = map(ctx, rsdp_phys, rlen);
		if (!r2 || rlen < ACPI_RSDP_V2_SIZE || rlen > 4096) {
			finding_add(f, FINDING_ERROR, "RSDP", 20,
				    "revision %u RSDP with length %u (must be at least 36)",
				    t->rsdp_revision, rlen);
		} else {
			t->rsdp_ext_checksum_ok = acpi_checksum(r2, rlen) == 0;
			if (!t->rsdp_ext_checksum_ok)
				finding_add(f, FINDING_ERROR, "RSDP", 32,
					    "extended checksum over %u bytes is 0x%02x, must be 0 "
					    "(ACPI §5.2.5.3)",
					    rlen, acpi_checksum(r2, rlen));
			xsdt = acpi_le64(r2 + 24);
		}
	} else if (t->rsdp_revision != 0) {
		finding_add(f, FINDING_WARNING, "RSDP", 15,
			    "revision %u: ACPI defines 0 (ACPI 1.0) and 2 (ACPI 2.0+)",
			    t->rsdp_revision);
	}

	const uint8_t *root = NULL;
	uint32_t root_len = 0;
	unsigned entry_size = 8;
	if (xsdt) {
		root = acpi_tables_root(t, map, ctx, xsdt, "XSDT", &root_len, f);
		if (root) {
			t->used_xsdt = true;
			t->root_phys = xsdt;
		} else if (rsdt) {
			finding_add(f, FINDING_WARNING, "RSDP", 16,
				    "XSDT unusable: falling back to the RSDT at 0x%x", rsdt);
		}
	}
	if (!root && rsdt) {
		root = acpi_tables_root(t, map, ctx, rsdt, "RSDT", &root_len, f);
		entry_size = 4;
		t->root_phys = rsdt;
	}
	if (!root) {
		finding_add(f, FINDING_ERROR, "RSDP", FINDING_NO_OFFSET, "no usable XSDT or RSDT");
		return -EFAULT;
	}
	const char *rsig = t->used_xsdt ? "XSDT" : "RSDT";
	t->root_checksum_ok = acpi_checksum(root, root_len) == 0;
	if (!t->root_checksum_ok)
		finding_add(f, FINDING_ERROR, rsig, 9,
			    "checksum: the %u bytes sum to 0x%02x, must sum to 0 (ACPI §5.2.6)",
			    root_len, acpi_checksum(root, root_len));
	if ((root_len - ACPI_HEADER_SIZE) % entry_size)
		finding_add(f, FINDING_WARNING, rsig, 4,
			    "length %u leaves a partial %u-byte entry after the header", root_len,
			    entry_size);
	unsigned n = (root_len - ACPI_HEADER_SIZE) / entry_size;
	for (unsigned i = 0; i < n; i++) {
		uint32_t off = ACPI_HEADER_SIZE + i * entry_size;
		uint64_t phys = entry_size == 8 ? acpi_le64(root + off) : acpi_le32(root + off);
		if (acpi_table_by_phys(t, phys)) {
			finding_add(f, FINDING_WARNING, rsig, off, "table at 0x%llx listed twice",
				    (unsigned long long)phys);
			continue;
		}
		acpi_tables_add_phys(t, map, ctx, phys, rsig, off, NULL, f);
	}
	acpi_tables_add_fadt_refs(t, map, ctx, f);
	return 0;
}
