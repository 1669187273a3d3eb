/* SPDX-License-Identifier: MIT */
/*
 * The source-id fields of the IRTE for a function's interrupts (VT-d 9.10:
 * SID 15:0, SQ 17:16, SVT 19:18 of the high qword), from the requester id
 * the bridges above it leave (VT-d 5.1.1), over a synthetic topology.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/iommu/vtd/vtd_irte.h"
#include "drivers/pci/pci.h"
#include "drivers/pci/pci_alias.h"

#define TOPO_MAX 4

static struct pci_dev topo[TOPO_MAX];
static unsigned topo_count;

static struct pci_dev *topo_add(uint8_t bus, uint8_t dev)
{
	struct pci_dev *d = &topo[topo_count++];
	memset(d, 0, sizeof(*d));
	d->addr = (struct pci_addr){0, bus, dev, 0};
	d->header_type = PCI_HEADER_NORMAL;
	return d;
}

/* pcie_type 0: a conventional PCI-to-PCI bridge (no PCIe capability). */
static void topo_bridge(uint8_t bus, uint8_t dev, uint8_t secondary, uint8_t pcie_type)
{
	struct pci_dev *b = topo_add(bus, dev);
	b->header_type = PCI_HEADER_BRIDGE;
	b->secondary_bus = secondary;
	b->subordinate_bus = secondary;
	if (pcie_type) {
		b->pcie_cap = 0x40;
		b->pcie_type = pcie_type;
	}
}

static const struct pci_dev *topo_up(void *ctx, uint16_t segment, uint8_t bus)
{
	(void)ctx;
	for (unsigned i = 0; i < topo_count; i++)
		if (topo[i].header_type == PCI_HEADER_BRIDGE && topo[i].addr.segment == segment &&
		    topo[i].secondary_bus == bus)
			return &topo[i];
	return NULL;
}

static int setup(void **state)
{
	(void)state;
	topo_count = 0;
	return 0;
}

/* The IRTE vtd_irte_prepare writes for d (vector 0x31 to APIC ID 1, xAPIC mode). */
static struct vtd_irte irte_of(const struct pci_dev *d)
{
	struct pci_requester r;
	assert_int_equal(pci_requester_of(d, topo_up, NULL, &r), 0);
	struct vtd_irte_fields src = {0};
	vtd_irte_source(&r, &src);
	struct vtd_irte e;
	assert_int_equal(vtd_irte_prepare(0x31, 1, false, &src, &e), 0);
	/* The low qword does not depend on the source: P, vector 23:16, DST 47:40. */
	assert_int_equal(e.lo, 1ull | 0x31ull << 16 | 1ull << 40);
	return e;
}

#define HI(svt, sq, sid) ((uint64_t)(svt) << 18 | (uint64_t)(sq) << 16 | (sid))

/* Root bus 00:03.0: its own id, all 16 bits (SVT 01b, SQ 00b, SID 0x0018). */
static void test_root_bus(void **state)
{
	struct pci_dev *d = topo_add(0, 3);
	assert_int_equal(irte_of(d).hi, HI(1, 0, 0x0018));
}

/* Behind the PCIe-to-PCI bridge 00:05.0 (secondary 1): buses 1..1 (SVT 10b, SID 0x0101). */
static void test_pcie_to_pci_bridge(void **state)
{
	topo_bridge(0, 5, 1, PCI_EXP_TYPE_PCI_BRIDGE);
	struct pci_dev *d = topo_add(1, 3);
	assert_int_equal(irte_of(d).hi, HI(2, 0, 0x0101));
}

/* Behind the conventional bridge 00:06.0: the bridge's id exactly (SVT 01b, SQ 00b, 0x0030). */
static void test_conventional_bridge(void **state)
{
	topo_bridge(0, 6, 1, 0);
	struct pci_dev *d = topo_add(1, 3);
	assert_int_equal(irte_of(d).hi, HI(1, 0, 0x0030));
}

/*
 * Behind both: PCIe-to-PCI bridge 00:05.0 (secondary 1), then the
 * conventional bridge 01:02.0 (secondary 2): buses 1..2 (SVT 10b, SID 0x0102).
 */
static void test_both_bridges(void **state)
{
	topo_bridge(0, 5, 1, PCI_EXP_TYPE_PCI_BRIDGE);
	topo_bridge(1, 2, 2, 0);
	struct pci_dev *d = topo_add(2, 3);
	assert_int_equal(irte_of(d).hi, HI(2, 0, 0x0102));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_root_bus, setup),
		cmocka_unit_test_setup(test_pcie_to_pci_bridge, setup),
		cmocka_unit_test_setup(test_conventional_bridge, setup),
		cmocka_unit_test_setup(test_both_bridges, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
