/* SPDX-License-Identifier: MIT */
/* Requester-id aliases behind bridges (drivers/pci/pci_alias.c) over a synthetic topology. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/pci/pci.h"
#include "drivers/pci/pci_alias.h"
#include "kernel/errno.h"

#define TOPO_MAX 8

struct topo {
	struct pci_dev dev[TOPO_MAX];
	unsigned count;
};

static struct topo topo;

static struct pci_dev *topo_add(uint8_t bus, uint8_t dev, uint8_t fn)
{
	struct pci_dev *d = &topo.dev[topo.count++];
	memset(d, 0, sizeof(*d));
	d->addr = (struct pci_addr){0, bus, dev, fn};
	d->header_type = PCI_HEADER_NORMAL;
	return d;
}

/* A bridge at bus:dev.0 to secondary; pcie_type 0 means conventional PCI (no PCIe capability). */
static struct pci_dev *topo_bridge(uint8_t bus, uint8_t dev, uint8_t secondary, uint8_t pcie_type)
{
	struct pci_dev *b = topo_add(bus, dev, 0);
	b->header_type = PCI_HEADER_BRIDGE;
	b->secondary_bus = secondary;
	b->subordinate_bus = secondary;
	if (pcie_type) {
		b->pcie_cap = 0x40;
		b->pcie_type = pcie_type;
	}
	return b;
}

static const struct pci_dev *topo_up(void *ctx, uint16_t segment, uint8_t bus)
{
	struct topo *tp = ctx;
	for (unsigned i = 0; i < tp->count; i++) {
		const struct pci_dev *b = &tp->dev[i];
		if (b->addr.segment == segment && b->header_type == PCI_HEADER_BRIDGE &&
		    b->secondary_bus == bus)
			return b;
	}
	return NULL;
}

static int setup(void **state)
{
	memset(&topo, 0, sizeof(topo));
	return 0;
}

static struct pci_requester of(const struct pci_dev *d)
{
	struct pci_requester r;
	assert_int_equal(pci_requester_of(d, topo_up, &topo, &r), 0);
	return r;
}

#define RID(b, d, f) ((uint16_t)((b) << 8 | (d) << 3 | (f)))

static void test_root_bus(void **state)
{
	struct pci_dev *d = topo_add(0, 3, 0);
	struct pci_requester r = of(d);
	assert_false(r.bus_range);
	assert_int_equal(r.rid, RID(0, 3, 0));
	assert_int_equal(r.alias, RID(0, 3, 0));
	assert_int_equal(r.aliases, 1);
}

/* PCIe root port, switch ports: the id passes unchanged. */
static void test_pcie_ports(void **state)
{
	topo_bridge(0, 0x1c, 2, PCI_EXP_TYPE_ROOT_PORT);
	topo_bridge(2, 0, 3, PCI_EXP_TYPE_UPSTREAM);
	topo_bridge(3, 1, 4, PCI_EXP_TYPE_DOWNSTREAM);
	struct pci_dev *d = topo_add(4, 0, 1);
	struct pci_requester r = of(d);
	assert_false(r.bus_range);
	assert_int_equal(r.rid, RID(4, 0, 1));
	assert_int_equal(r.aliases, 1);
}

/* PCIe-to-PCI bridge: (secondary bus, devfn 0) arrives; only the bus can be verified. */
static void test_pcie_to_pci_bridge(void **state)
{
	topo_bridge(0, 5, 1, PCI_EXP_TYPE_PCI_BRIDGE);
	struct pci_dev *d = topo_add(1, 3, 0);
	struct pci_requester r = of(d);
	assert_true(r.bus_range);
	assert_int_equal(r.bus_first, 1);
	assert_int_equal(r.bus_last, 1);
	assert_int_equal(r.alias, RID(1, 0, 0));
	assert_int_equal(r.aliases, 2);
}

/* Behind a root port, then a PCIe-to-PCI bridge: the bridge's secondary bus. */
static void test_root_port_then_pci_bridge(void **state)
{
	topo_bridge(0, 0x1c, 2, PCI_EXP_TYPE_ROOT_PORT);
	topo_bridge(2, 0, 3, PCI_EXP_TYPE_PCI_BRIDGE);
	struct pci_dev *d = topo_add(3, 4, 0);
	struct pci_requester r = of(d);
	assert_true(r.bus_range);
	assert_int_equal(r.bus_first, 3);
	assert_int_equal(r.bus_last, 3);
	assert_int_equal(r.alias, RID(3, 0, 0));
}

/*
 * Conventional PCI-to-PCI bridge: it takes ownership of the transaction and
 * its own id arrives (VT-d 5.1.1), so exactly that id is verified (Linux's
 * set_msi_sid: a topology alias on another bus).
 */
static void test_conventional_bridge(void **state)
{
	topo_bridge(0, 5, 1, 0);
	struct pci_dev *d = topo_add(1, 3, 0);
	struct pci_requester r = of(d);
	assert_false(r.bus_range);
	assert_int_equal(r.rid, RID(0, 5, 0));
	assert_int_equal(r.alias, RID(0, 5, 0));
	assert_int_equal(r.aliases, 2);
}

/* Two conventional bridges: the one on the root bus owns what arrives. */
static void test_two_conventional_bridges(void **state)
{
	topo_bridge(0, 5, 1, 0);
	topo_bridge(1, 2, 2, 0);
	struct pci_dev *d = topo_add(2, 3, 0);
	struct pci_requester r = of(d);
	assert_false(r.bus_range);
	assert_int_equal(r.rid, RID(0, 5, 0));
	assert_int_equal(r.alias, RID(0, 5, 0));
	assert_int_equal(r.aliases, 3);
}

/*
 * A conventional bridge behind a PCIe-to-PCI bridge: the conventional one
 * gives its own id (01:02.0), the PCIe-to-PCI bridge then (secondary bus 1,
 * devfn 0) or what it forwards: the buses 1..2 are certain.
 */
static void test_conventional_behind_pcie_to_pci(void **state)
{
	topo_bridge(0, 5, 1, PCI_EXP_TYPE_PCI_BRIDGE);
	topo_bridge(1, 2, 2, 0);
	struct pci_dev *d = topo_add(2, 3, 0);
	struct pci_requester r = of(d);
	assert_true(r.bus_range);
	assert_int_equal(r.bus_first, 1);
	assert_int_equal(r.bus_last, 2);
	assert_int_equal(r.alias, RID(1, 0, 0));
	assert_int_equal(r.aliases, 3);
}

/* PCI-to-PCIe bridge (reverse bridge): its own id, exactly (Linux: pci_dev_id of the bridge). */
static void test_pci_to_pcie_bridge(void **state)
{
	topo_bridge(0, 6, 1, PCI_EXP_TYPE_PCIE_BRIDGE);
	struct pci_dev *d = topo_add(1, 0, 0);
	struct pci_requester r = of(d);
	assert_int_equal(r.alias, RID(0, 6, 0));
	assert_false(r.bus_range);
	assert_int_equal(r.rid, RID(0, 6, 0));
}

/* Bus numbers in a cycle never reach a root bus: -EINVAL, not a hang. */
static void test_cycle(void **state)
{
	topo_bridge(1, 0, 2, 0);
	topo_bridge(2, 0, 1, 0);
	struct pci_dev *d = topo_add(2, 3, 0);
	struct pci_requester r;
	assert_int_equal(pci_requester_of(d, topo_up, &topo, &r), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_root_bus, setup),
		cmocka_unit_test_setup(test_pcie_ports, setup),
		cmocka_unit_test_setup(test_pcie_to_pci_bridge, setup),
		cmocka_unit_test_setup(test_root_port_then_pci_bridge, setup),
		cmocka_unit_test_setup(test_conventional_bridge, setup),
		cmocka_unit_test_setup(test_two_conventional_bridges, setup),
		cmocka_unit_test_setup(test_conventional_behind_pcie_to_pci, setup),
		cmocka_unit_test_setup(test_pci_to_pcie_bridge, setup),
		cmocka_unit_test_setup(test_cycle, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
