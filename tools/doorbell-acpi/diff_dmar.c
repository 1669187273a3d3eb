/* SPDX-License-Identifier: MIT */
/*
 * --diff of the DMAR (VT-d spec §8): flags, host address width, remapping
 * units with their device scopes (§8.3.1), RMRR, ATSR, RHSA, ANDD, SATC
 * and SIDP structures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tools/doorbell-acpi/acpi_diff.h"

/* A scope as a reader would name it: type and bus:dev.fn (the path hop by hop when longer). */
static void scope_desc(const struct acpi_dmar_scope *s, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s", acpi_dmar_scope_type_name(s->type));
	if (s->type == ACPI_DMAR_SCOPE_IOAPIC || s->type == ACPI_DMAR_SCOPE_HPET ||
	    s->type == ACPI_DMAR_SCOPE_ACPI_NAMESPACE)
		n += snprintf(buf + n, len - (size_t)n, " %u", s->enumeration_id);
	n += snprintf(buf + n, len - (size_t)n, " %02x:", s->start_bus);
	for (unsigned k = 0; k < s->path_count && k < ACPI_DMAR_MAX_PATH && (size_t)n < len; k++)
		n += snprintf(buf + n, len - (size_t)n, "%s%02x.%x", k ? "->" : "", s->path[k].dev,
			      s->path[k].fn);
	if (s->path_truncated && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "...");
}

static void scope_items(const struct acpi_dmar *d, const struct acpi_dmar_scopes *sc,
			const char *owner, int parent, struct diff_items *l)
{
	for (unsigned i = 0; i < sc->count && sc->first + i < d->scope_count; i++) {
		char desc[64], key[DIFF_KEY_LEN];
		scope_desc(&d->scope[sc->first + i], desc, sizeof(desc));
		snprintf(key, sizeof(key), "%s scope %s", owner, desc);
		diff_item(l, parent, key, "%s", "");
	}
}

/* All scopes of a structure, joined: what an RMRR, SATC or SIDP is for. */
static void scopes_joined(const struct acpi_dmar *d, const struct acpi_dmar_scopes *sc, char *buf,
			  size_t len)
{
	size_t n = 0;
	buf[0] = 0;
	for (unsigned i = 0; i < sc->count && sc->first + i < d->scope_count && n < len; i++) {
		char desc[64];
		scope_desc(&d->scope[sc->first + i], desc, sizeof(desc));
		n += (size_t)snprintf(buf + n, len - n, "%s%s", i ? "," : "", desc);
	}
	if (!sc->count)
		snprintf(buf, len, "(no scope)");
}

static bool has_drhd_at(const struct acpi_dmar *d, uint16_t seg, uint64_t base)
{
	for (unsigned i = 0; i < d->drhd_count; i++)
		if (d->drhd[i].segment == seg && d->drhd[i].reg_base == base)
			return true;
	return false;
}

/* The k-th unit of its segment whose base the other version does not have. */
static unsigned unmatched_rank(const struct acpi_dmar *d, const struct acpi_dmar *o, unsigned idx)
{
	unsigned k = 0;
	for (unsigned i = 0; i < idx; i++)
		if (d->drhd[i].segment == d->drhd[idx].segment &&
		    !has_drhd_at(o, d->drhd[i].segment, d->drhd[i].reg_base))
			k++;
	return k;
}

static int unmatched_at_rank(const struct acpi_dmar *d, const struct acpi_dmar *o, uint16_t seg,
			     unsigned rank)
{
	for (unsigned i = 0; i < d->drhd_count; i++)
		if (d->drhd[i].segment == seg && !has_drhd_at(o, seg, d->drhd[i].reg_base) &&
		    unmatched_rank(d, o, i) == rank)
			return (int)i;
	return -1;
}

/*
 * A unit is named by its segment and register base. When the base moved,
 * the units of a segment that the other version lacks are paired in table
 * order and both take the old version's base as their name, so that the
 * move reads as one '~' line.
 */
static uint64_t drhd_name_base(const struct acpi_dmar *d, const struct acpi_dmar *o, bool is_new,
			       unsigned idx)
{
	const struct acpi_dmar_drhd *u = &d->drhd[idx];
	if (!is_new || has_drhd_at(o, u->segment, u->reg_base))
		return u->reg_base;
	int j = unmatched_at_rank(o, d, u->segment, unmatched_rank(d, o, idx));
	return j < 0 ? u->reg_base : o->drhd[j].reg_base;
}

static void drhd_items(const struct acpi_dmar *d, const struct acpi_dmar *o, bool is_new,
		       struct diff_items *l)
{
	for (unsigned i = 0; i < d->drhd_count; i++) {
		const struct acpi_dmar_drhd *u = &d->drhd[i];
		char key[DIFF_KEY_LEN];
		snprintf(key, sizeof(key), "DRHD %04x@0x%" PRIx64, u->segment,
			 drhd_name_base(d, o, is_new, i));
		char size[24] = "";
		if (u->size)
			snprintf(size, sizeof(size), " %u pages", 1u << (u->size & 15));
		int idx = diff_item(
			l, -1, key, "reg 0x%" PRIx64 "%s%s", u->reg_base,
			u->flags & ACPI_DMAR_DRHD_INCLUDE_PCI_ALL ? " INCLUDE_PCI_ALL" : "", size);
		diff_note(l, idx, "(%u scopes)", u->scopes.count);
		scope_items(d, &u->scopes, key, idx, l);
	}
}

static void dmar_other_items(const struct acpi_dmar *d, struct diff_items *l)
{
	char key[DIFF_KEY_LEN], scopes[DIFF_KEY_LEN];
	for (unsigned i = 0; i < d->rmrr_count; i++) {
		const struct acpi_dmar_rmrr *r = &d->rmrr[i];
		scopes_joined(d, &r->scopes, scopes, sizeof(scopes));
		snprintf(key, sizeof(key), "RMRR %04x for %.70s", r->segment, scopes);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "0x%" PRIx64 "-0x%" PRIx64, r->base, r->limit);
	}
	for (unsigned i = 0; i < d->atsr_count; i++) {
		const struct acpi_dmar_atsr *a = &d->atsr[i];
		snprintf(key, sizeof(key), "ATSR %04x", a->segment);
		diff_unique_key(l, key, sizeof(key));
		int idx = diff_item(l, -1, key, "%s",
				    a->flags & ACPI_DMAR_ATSR_ALL_PORTS ? "ALL_PORTS"
									: "listed ports");
		scope_items(d, &a->scopes, key, idx, l);
	}
	for (unsigned i = 0; i < d->satc_count; i++) {
		const struct acpi_dmar_satc *s = &d->satc[i];
		scopes_joined(d, &s->scopes, scopes, sizeof(scopes));
		snprintf(key, sizeof(key), "SATC %04x for %.70s", s->segment, scopes);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "%s",
			  s->flags & ACPI_DMAR_SATC_ATC_REQUIRED ? "ATC_REQUIRED" : "ATC optional");
	}
	for (unsigned i = 0; i < d->sidp_count; i++) {
		const struct acpi_dmar_satc *s = &d->sidp[i];
		scopes_joined(d, &s->scopes, scopes, sizeof(scopes));
		snprintf(key, sizeof(key), "SIDP %04x for %.70s", s->segment, scopes);
		diff_unique_key(l, key, sizeof(key));
		diff_item(l, -1, key, "%s", "");
	}
	for (unsigned i = 0; i < d->rhsa_count; i++) {
		snprintf(key, sizeof(key), "RHSA 0x%" PRIx64, d->rhsa[i].reg_base);
		diff_item(l, -1, key, "proximity domain %u", d->rhsa[i].proximity_domain);
	}
	for (unsigned i = 0; i < d->andd_count; i++) {
		snprintf(key, sizeof(key), "ANDD %u", d->andd[i].device_number);
		diff_item(l, -1, key, "%s", d->andd[i].name);
	}
}

void diff_dmar_items(const struct acpi_platform *p, const struct acpi_platform *other, bool is_new,
		     struct diff_items *l)
{
	const struct acpi_dmar *d = &p->dmar;
	diff_item(l, -1, "host address width", "%u bits", d->host_address_width + 1u);
	drhd_items(d, &other->dmar, is_new, l);
	dmar_other_items(d, l);
}
