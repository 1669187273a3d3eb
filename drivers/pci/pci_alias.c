/* SPDX-License-Identifier: MIT */
/* Requester-id aliases (Linux: drivers/pci/search.c pci_for_each_dma_alias, set_msi_sid). */
#include "drivers/pci/pci_alias.h"

#include <string.h>

#include "drivers/pci/pci.h"
#include "kernel/errno.h"

#define BUS_OF(rid) ((uint8_t)((rid) >> 8))

struct pci_alias_walk {
	const struct pci_dev *owner; /* the function or bridge that owns the last alias */
	uint16_t alias;
	unsigned count, busmatch;
};

static void pci_alias_add(struct pci_alias_walk *w, const struct pci_dev *owner, uint16_t alias)
{
	if (w->count == 0 || BUS_OF(alias) == BUS_OF(w->alias))
		w->busmatch++;
	w->owner = owner;
	w->alias = alias;
	w->count++;
}

static bool pci_alias_is_bridge(const struct pci_dev *b)
{
	return (b->header_type & PCI_HEADER_TYPE_MASK) == PCI_HEADER_BRIDGE;
}

int pci_requester_of(const struct pci_dev *d, pci_upstream_fn up, void *ctx,
		     struct pci_requester *out)
{
	struct pci_alias_walk w = {0};
	memset(out, 0, sizeof(*out));
	pci_alias_add(&w, d, pci_dev_rid(d));
	const struct pci_dev *cur = d;
	for (unsigned depth = 0;; depth++) {
		const struct pci_dev *b = up(ctx, cur->addr.segment, cur->addr.bus);
		if (!b || !pci_alias_is_bridge(b))
			break; /* a root bus */
		if (depth == PCI_ALIAS_MAX_DEPTH || b == cur)
			return -EINVAL;
		if (b->pcie_cap) {
			switch (b->pcie_type) {
			case PCI_EXP_TYPE_ROOT_PORT:
			case PCI_EXP_TYPE_UPSTREAM:
			case PCI_EXP_TYPE_DOWNSTREAM:
				break; /* PCIe all the way: the id passes unchanged */
			case PCI_EXP_TYPE_PCI_BRIDGE:
				/* The bridge takes ownership: (secondary bus, devfn 0). */
				pci_alias_add(&w, b, (uint16_t)(b->secondary_bus << 8));
				break;
			default: /* PCI-to-PCIe bridge and anything else: the bridge's own id */
				pci_alias_add(&w, b, pci_dev_rid(b));
				break;
			}
		} else {
			/* Conventional PCI-to-PCI bridge: its own id arrives upstream. */
			pci_alias_add(&w, b, pci_dev_rid(b));
		}
		cur = b;
	}
	out->alias = w.alias;
	out->aliases = w.count;
	uint8_t dev_bus = d->addr.bus, owner_bus = w.owner->addr.bus;
	if (BUS_OF(w.alias) != owner_bus) {
		/*
		 * A PCIe-to-PCI(-X) bridge's alias (secondary bus, devfn 0): the
		 * bridge may also forward the function's own id (VT-d 5.1.1), so
		 * only the buses from the alias's to the function's are certain.
		 */
		out->bus_range = true;
		out->bus_first = BUS_OF(w.alias);
		out->bus_last = dev_bus;
	} else if (w.count >= 2 && w.busmatch == w.count) {
		/* Several ids on one bus (proxy ids): only that bus is certain. */
		out->bus_range = true;
		out->bus_first = dev_bus;
		out->bus_last = dev_bus;
	} else if (owner_bus != dev_bus) {
		/*
		 * A conventional PCI bridge (or PCI-to-PCIe bridge) upstream: it
		 * takes ownership of the transaction and its own requester id is
		 * the one that arrives (VT-d 5.1.1), verified exactly.
		 */
		out->rid = w.alias;
	} else {
		out->rid = pci_dev_rid(d);
	}
	return 0;
}
