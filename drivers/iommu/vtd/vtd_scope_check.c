/* SPDX-License-Identifier: MIT */
#include "drivers/iommu/vtd/vtd_scope_check.h"

#include "drivers/pci/pci_regs.h"

#define PCI_BASE_CLASS_BRIDGE 0x06

static const struct finding_check scope_type_mismatch = {
	"dmar.scope-type-mismatch",
	"\"DMAR: Device scope type does not match for 0000:bb:dd.f\": dmar_insert_dev_scope "
	"returns -EINVAL, dmar_dev_scope_init fails and intel_iommu_init stops: no DMA "
	"remapping for any device (interrupt remapping, set up earlier, stays)",
	0};
static const struct finding_check scope_no_device = {
	"dmar.scope-no-device",
	"silent: the scope's slot stays empty and matches no device; a function that appears "
	"there later (hotplug) is attached to the unit then",
	0};

enum vtd_scope_fit vtd_scope_fit(uint8_t scope_type, int rid, int header_type, int base_class)
{
	if (scope_type != ACPI_DMAR_SCOPE_PCI_ENDPOINT && scope_type != ACPI_DMAR_SCOPE_PCI_BRIDGE)
		return VTD_SCOPE_FIT_NOT_PCI;
	if (rid < 0 || header_type < 0)
		return VTD_SCOPE_FIT_NO_DEVICE;
	bool normal = (header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_NORMAL;
	if (scope_type == ACPI_DMAR_SCOPE_PCI_ENDPOINT)
		return normal ? VTD_SCOPE_FIT_OK : VTD_SCOPE_FIT_WRONG_TYPE;
	return normal && base_class != PCI_BASE_CLASS_BRIDGE ? VTD_SCOPE_FIT_WRONG_TYPE
							     : VTD_SCOPE_FIT_OK;
}

/* The segment of the structure holding s, and its name; -1 for a structure without scopes. */
static int owner_segment(const struct acpi_dmar *d, const struct acpi_dmar_scope *s,
			 const char **name)
{
	unsigned i = s->owner_index;
	*name = acpi_dmar_type_name(s->owner_type);
	switch (s->owner_type) {
	case ACPI_DMAR_TYPE_DRHD: return i < d->drhd_count ? d->drhd[i].segment : -1;
	case ACPI_DMAR_TYPE_RMRR: return i < d->rmrr_count ? d->rmrr[i].segment : -1;
	case ACPI_DMAR_TYPE_ATSR: return i < d->atsr_count ? d->atsr[i].segment : -1;
	case ACPI_DMAR_TYPE_SATC: return i < d->satc_count ? d->satc[i].segment : -1;
	case ACPI_DMAR_TYPE_SIDP: return i < d->sidp_count ? d->sidp[i].segment : -1;
	default: return -1;
	}
}

void vtd_scope_check(const struct acpi_dmar *d, const struct vtd_scope_pci *pci,
		     const struct vtd_scope_fn *fn, struct findings *f)
{
	for (unsigned i = 0; i < d->scope_count && i < ACPI_DMAR_MAX_SCOPES; i++) {
		const struct acpi_dmar_scope *s = &d->scope[i];
		const char *owner;
		int seg = owner_segment(d, s, &owner);
		/* A truncated or empty path is the parser's finding already. */
		if (seg < 0 || !s->path_count || s->path_truncated)
			continue;
		int rid = vtd_scope_resolve(s, (uint16_t)seg, pci);
		int header = rid < 0 ? -1 : fn->header_type(fn->ctx, (uint16_t)seg, (uint16_t)rid);
		int cls = header < 0 ? -1 : fn->base_class(fn->ctx, (uint16_t)seg, (uint16_t)rid);
		const struct acpi_dmar_path *last = &s->path[s->path_count - 1];
		const char *kind = s->type == ACPI_DMAR_SCOPE_PCI_ENDPOINT ? "PCI endpoint"
									   : "PCI sub-hierarchy";
		switch (vtd_scope_fit(s->type, rid, header, cls)) {
		case VTD_SCOPE_FIT_NO_DEVICE:
			if (rid < 0)
				finding_add_check(
					f, &scope_no_device, FINDING_INFO, "DMAR", s->offset,
					"%s %s scope (start bus 0x%02x, %u path elements, last "
					"%02x.%x): the path crosses a function that is no bridge "
					"or "
					"is absent, it reaches no device (VT-d §8.3.1)",
					owner, kind, s->start_bus, s->path_count, last->dev & 0x1f,
					last->fn & 7);
			else
				finding_add_check(
					f, &scope_no_device, FINDING_INFO, "DMAR", s->offset,
					"%s %s scope names %04x:%02x:%02x.%x, where no PCI "
					"function answers (VT-d §8.3.1)",
					owner, kind, seg, rid >> 8, (rid >> 3) & 0x1f, rid & 7);
			break;
		case VTD_SCOPE_FIT_WRONG_TYPE:
			finding_add_check(f, &scope_type_mismatch, FINDING_ERROR, "DMAR", s->offset,
					  "%s %s scope (type 0x%02x) names %04x:%02x:%02x.%x, "
					  "%s (header type %d, class 0x%02x) (VT-d §8.3.1)",
					  owner, kind, s->type, seg, rid >> 8, (rid >> 3) & 0x1f,
					  rid & 7,
					  s->type == ACPI_DMAR_SCOPE_PCI_ENDPOINT
						  ? "which is no endpoint"
						  : "an endpoint, not a bridge",
					  header & PCI_HEADER_TYPE_MASK, cls);
			break;
		default: break;
		}
	}
}
