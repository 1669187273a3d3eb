/* SPDX-License-Identifier: MIT */
/*
 * pci.loopback: the PCI-MSI and MSI-X bus domains on real (emulated) devices
 * without an interrupt controller: a one-level parent composes messages
 * whose address is a RAM word, so each interrupt the device sends is a
 * memory write of the data token that the test reads back. It checks what
 * the bus levels store and mask, not delivery (msi.* and msix.* do that).
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/pci/dev_edu.h"
#include "drivers/pci/pci_msi.h"
#include "drivers/pci/pci_msix.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/test/dtest.h"
#include "kernel/time.h"
#include "tests/guest/irqtest_dev.h"

#define LOOPBACK_SLOTS 8
#define LOOPBACK_TOKEN 0x5a00u
#define LOOPBACK_WAIT  20000 /* us */

static volatile uint32_t loopback_ram[LOOPBACK_SLOTS] __attribute__((aligned(64)));
static struct irq_domain loopback_domain;

/* Slot = hwirq; the message writes TOKEN | slot into loopback_ram[slot]. */
static int loopback_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	for (uint32_t i = 0; i < nr; i++)
		irq_domain_get_data(d, VIRQ(virq.v + i))->hwirq =
			HWIRQ(virq.v % LOOPBACK_SLOTS + i);
	return virq.v % LOOPBACK_SLOTS + nr <= LOOPBACK_SLOTS ? 0 : -ENOSPC;
}

static int loopback_compose(struct irq_data *data, struct msi_msg *msg)
{
	msi_msg_set_address(msg, IRQ_PADDR((uintptr_t)&loopback_ram[data->hwirq.v]));
	msg->data = LOOPBACK_TOKEN | data->hwirq.v;
	return 0;
}

static const struct irq_domain_ops loopback_ops = {
	.alloc = loopback_alloc,
	.compose = loopback_compose,
};

static bool loopback_wait(unsigned slot)
{
	deadline_t d = deadline_in_us(LOOPBACK_WAIT);
	while (loopback_ram[slot] != (LOOPBACK_TOKEN | slot) && !deadline_passed(d))
		arch_cpu_relax();
	return loopback_ram[slot] == (LOOPBACK_TOKEN | slot);
}

static void loopback_edu(struct dtest_ctx *t)
{
	struct edu_dev edu;
	struct pci_msi_domain md;
	virq_t virq = VIRQ_NONE;
	bool domain = false;
	if (edu_probe(&edu, 0) != 0)
		return;
	int err = pci_msi_domain_create(&md, &loopback_domain, edu.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI domain: %s", errno_name(err)))
		goto out;
	domain = true;
	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .dev = edu.pci};
	err = irq_alloc(&md.domain, 1, &info, &virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		goto out;
	unsigned slot = irq_chain(virq)->parent_data->hwirq.v;
	loopback_ram[slot] = 0;
	err = irq_activate(virq);
	if (!DT_EXPECT(t, err == 0, "irq_activate: %s", errno_name(err)))
		goto out;
	edu_raise(&edu, 1);
	DT_EXPECT(t, loopback_wait(slot), "edu MSI: RAM word holds 0x%x, expected 0x%x",
		  loopback_ram[slot], LOOPBACK_TOKEN | slot);
out:
	if (virq_valid(virq))
		irq_free(virq, 1);
	if (domain)
		pci_msi_domain_remove(&md);
	edu_release(&edu);
}

static void loopback_msix(struct dtest_ctx *t)
{
	struct irqtest_msix_dev nic;
	struct pci_msix_domain mx;
	virq_t virq = VIRQ_NONE;
	bool domain = false;
	if (irqtest_msix_dev_probe(&nic) != 0)
		return;
	int err = pci_msix_domain_create(&mx, &loopback_domain, nic.pci);
	if (!DT_EXPECT(t, err == 0, "PCI-MSI-X domain: %s", errno_name(err)))
		goto out;
	domain = true;
	struct irq_alloc_info info = {.cpu = IRQ_CPU_ANY, .dev = nic.pci, .index = HWIRQ(1)};
	err = irq_alloc(&mx.domain, 1, &info, &virq);
	if (!DT_EXPECT(t, err == 0, "irq_alloc: %s", errno_name(err)))
		goto out;
	unsigned slot = irq_chain(virq)->parent_data->hwirq.v;
	loopback_ram[slot] = 0;
	err = irq_activate(virq);
	if (!DT_EXPECT(t, err == 0, "irq_activate: %s", errno_name(err)))
		goto out;
	irqtest_msix_dev_route(&nic);

	/* Masked from allocation: the raise stays pending in the PBA. */
	struct pci_msix_entry e;
	irqtest_msix_dev_raise(&nic, 1);
	DT_EXPECT(t, !loopback_wait(slot), "masked entry 1 wrote its message");
	pci_msix_read_entry(&mx, 1, &e);
	DT_EXPECT(t, e.masked && e.pending, "masked entry 1: masked=%d pending=%d, want 1 1",
		  e.masked, e.pending);
	/* Unmask: the pending message goes out, the PBA bit clears. */
	DT_EXPECT_EQ(t, irq_unmask(virq), 0);
	DT_EXPECT(t, loopback_wait(slot), "unmasked entry 1: RAM word holds 0x%x, expected 0x%x",
		  loopback_ram[slot], LOOPBACK_TOKEN | slot);
	pci_msix_read_entry(&mx, 1, &e);
	DT_EXPECT(t, !e.masked && !e.pending, "after unmask: masked=%d pending=%d, want 0 0",
		  e.masked, e.pending);
out:
	irqtest_msix_dev_quiesce(&nic);
	if (virq_valid(virq))
		irq_free(virq, 1);
	if (domain)
		pci_msix_domain_remove(&mx);
	irqtest_msix_dev_release(&nic);
}

DTEST(pci_loopback, .name = "pci.loopback",
      .summary = "MSI and MSI-X messages stored by the bus domains reach RAM; masked MSI-X stays "
		 "pending",
      .deadline_ms = 5000)
{
	bool edu = pci_find(PCI_VENDOR_QEMU, PCI_DEVICE_EDU, 0);
	bool nic = pci_find(PCI_VENDOR_INTEL, PCI_DEVICE_IGB, 0) ||
		   pci_find(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E, 0);
	if (!edu && !nic) {
		dtest_skip(t, "neither edu nor an MSI-X test device (igb, e1000e) present");
		return;
	}
	struct irq_domain_info info = {
		.name = "loopback", .kind = IRQ_DOMAIN_KIND_VECTOR, .ops = &loopback_ops};
	int err = irq_domain_create(&loopback_domain, &info);
	if (!DT_EXPECT(t, err == 0, "loopback domain: %s", errno_name(err)))
		return;
	loopback_edu(t);
	loopback_msix(t);
	irq_domain_remove(&loopback_domain);
}
