/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_iort.h"
#include "drivers/acpi/acpi_iort_cross.h"

static const struct finding_check iort_mem_access_inconsistent = {
	"iort.memory-access-inconsistent",
	"not read for DMA coherency: Linux takes it from the device's _CCA object "
	"(acpi_get_dma_attr), so a _CCA that disagrees with the IORT goes unnoticed",
	0};
static const struct finding_check iort_mem_addr_limit_zero = {
	"iort.memory-address-limit-zero",
	"\"[Firmware Bug]: Named component missing memory address limit\" (root complex: "
	"\"Root complex missing memory address limit\"): no bus DMA limit is set, the device "
	"keeps the DMA mask its driver asks for",
	0};
static const struct finding_check iort_node_revision = {
	"iort.node-revision-above-table",
	"reads each node by its own revision: SMMUv3 nodes of revision 5 or later use the "
	"DeviceID-valid flag, older ones the all-GSIVs rule",
	0};
static const struct finding_check iort_smmuv3_deviceid_mapping = {
	"iort.smmuv3-deviceid-mapping",
	"the index Linux uses (node revision 1-4: unless all four GSIVs are set; 5 and later: "
	"when the DeviceID-valid flag is set) past the mappings: \"[Firmware Bug]: ... ID mapping "
	"index overflows valid mappings\"; a mapping that is not a single mapping gives no "
	"output (iort_node_get_id): either way the SMMU's MSIs find no ITS",
	0};

#define SMMUV3_REVISION_DEVICEID_FLAG 5u /* E.e */
#define IORT_REVISION_EE              6u

/*
 * DEN 0049E.d §3.1.1.4 (memory access properties, shared by root
 * complexes, §3.1.1.5): CCA 1 is a fully coherent device, which needs a
 * coherent path to memory (CPM); DACS describes the attributes on that
 * path and means nothing without it; CCA values above 1 are reserved.
 */
static void iort_mem_access(const struct acpi_iort_node *n, const struct acpi_iort_mem_access *m,
			    uint32_t cca_off, struct findings *f)
{
	const char *what = 0;
	if (m->cca > 1)
		what = "CCA values other than 0 and 1 are reserved";
	else if (m->cca == 1 && !(m->flags & ACPI_IORT_MAF_CPM))
		what = "CCA 1 (fully coherent) without CPM";
	else if ((m->flags & ACPI_IORT_MAF_DACS) && !(m->flags & ACPI_IORT_MAF_CPM))
		what = "DACS without CPM: DACS describes a coherent path there is not";
	if (what)
		finding_add_check(f, &iort_mem_access_inconsistent, FINDING_WARNING, "IORT",
				  n->offset + cca_off,
				  "%s node at 0x%x: CCA %u, memory access flags 0x%02x: %s (DEN "
				  "0049E.d §3.1.1.4)",
				  acpi_iort_type_name(n->type), n->offset, m->cca, m->flags, what);
}

/* DEN 0049 §3.1.1.4/§3.1.1.5: the memory address size limit is the device's address width. */
static void iort_mem_limit(const struct acpi_iort_node *n, uint8_t limit, uint32_t off,
			   struct findings *f)
{
	if (!limit)
		finding_add_check(f, &iort_mem_addr_limit_zero, FINDING_WARNING, "IORT",
				  n->offset + off,
				  "%s node at 0x%x: memory address size limit 0 bits: the device "
				  "could address no memory (DEN 0049 §3.1.1.4, §3.1.1.5)",
				  acpi_iort_type_name(n->type), n->offset);
}

/*
 * DEN 0049E.e §3.1.1.7: node revision 5 brought the DeviceID-valid flag;
 * before it the DeviceID mapping index (from node revision 1) is valid
 * unless all four interrupts are wired. The mapping it names carries the
 * SMMU's own MSIs: a single mapping.
 */
static void iort_smmuv3(const struct acpi_iort *io, const struct acpi_iort_node *n,
			struct findings *f)
{
	if (n->revision >= SMMUV3_REVISION_DEVICEID_FLAG && io->revision < IORT_REVISION_EE)
		finding_add_check(f, &iort_node_revision, FINDING_WARNING, "IORT", n->offset + 3,
				  "SMMUv3 node at 0x%x has revision %u (IORT E.e or later) in an "
				  "IORT of revision %u (E.e is revision 6)",
				  n->offset, n->revision, io->revision);
	if (n->revision < 1 || n->length < 68)
		return;
	const typeof(n->u.smmuv3) *s = &n->u.smmuv3;
	bool used = n->revision >= SMMUV3_REVISION_DEVICEID_FLAG
			    ? (s->flags & ACPI_IORT_SMMUV3_DEVICEID_VALID) != 0
			    : !(s->event_gsiv && s->pri_gsiv && s->gerr_gsiv && s->sync_gsiv);
	if (!used)
		return;
	if (s->deviceid_index >= n->mapping_count) {
		/* With the flag set, the parser reports this (iort.smmuv3-deviceid-index). */
		if (!(s->flags & ACPI_IORT_SMMUV3_DEVICEID_VALID))
			finding_add_check(
				f, &iort_smmuv3_deviceid_mapping, FINDING_ERROR, "IORT",
				n->offset + 64,
				"SMMUv3 node at 0x%x (revision %u, not all interrupts wired): "
				"DeviceID mapping index %u, but the node has %u mappings (DEN "
				"0049 §3.1.1.7)",
				n->offset, n->revision, s->deviceid_index, n->mapping_count);
		return;
	}
	if (s->deviceid_index >= n->map_count)
		return;
	const struct acpi_iort_mapping *m = &io->mapping[n->map_first + s->deviceid_index];
	if (!(m->flags & ACPI_IORT_ID_SINGLE_MAPPING))
		finding_add_check(f, &iort_smmuv3_deviceid_mapping, FINDING_ERROR, "IORT",
				  m->offset + 16,
				  "SMMUv3 node at 0x%x: DeviceID mapping index %u names a mapping "
				  "that is not a single mapping (DEN 0049 §3.1.1.7)",
				  n->offset, s->deviceid_index);
}

void acpi_iort_props_check(const struct acpi_iort *io, struct findings *f)
{
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		switch (n->type) {
		case ACPI_IORT_NAMED_COMPONENT:
			iort_mem_access(n, &n->u.nc.mem, 20, f);
			iort_mem_limit(n, n->u.nc.mem_addr_limit, 28, f);
			break;
		case ACPI_IORT_ROOT_COMPLEX:
			iort_mem_access(n, &n->u.rc.mem, 16, f);
			/* The field exists from node revision 1 (issue D). */
			if (n->revision >= 1 && n->length >= 33)
				iort_mem_limit(n, n->u.rc.mem_addr_limit, 32, f);
			break;
		case ACPI_IORT_SMMUV3: iort_smmuv3(io, n, f); break;
		}
	}
}
