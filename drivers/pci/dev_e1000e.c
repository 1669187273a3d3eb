/* SPDX-License-Identifier: MIT */
#include "drivers/pci/dev_e1000e.h"

#include <string.h>

#include "drivers/pci/pci_mmio.h"
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/time.h"

static void e1000e_write(const struct e1000e_dev *n, unsigned reg, uint32_t v)
{
	pci_mmio_write32(n->regs + reg, v);
}

static uint32_t e1000e_read(const struct e1000e_dev *n, unsigned reg)
{
	return pci_mmio_read32(n->regs + reg);
}

int e1000e_probe(struct e1000e_dev *n, unsigned instance)
{
	memset(n, 0, sizeof(*n));
	n->pci = pci_dev_open_mmio(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E, instance, &n->regs,
				   &n->cmd_saved);
	if (!n->pci)
		return -ENODEV;
	n->ctrl_ext_saved = e1000e_read(n, E1000E_CTRL_EXT);
	n->ivar_saved = e1000e_read(n, E1000E_IVAR);
	return 0;
}

void e1000e_msix_route(struct e1000e_dev *n)
{
	e1000e_write(n, E1000E_IMC, 0xffffffffu);
	(void)e1000e_read(n, E1000E_ICR);
	e1000e_write(n, E1000E_IVAR, E1000E_IVAR_ROUTE);
	e1000e_write(n, E1000E_CTRL_EXT, E1000E_CTRL_EXT_MSIX);
	e1000e_write(n, E1000E_IAM, 0);
	/* Auto-clear the MSI-X causes: each raise is one interrupt, no ICR read. */
	e1000e_write(n, E1000E_EIAC, E1000E_MSIX_CAUSES);
	e1000e_write(n, E1000E_IMS, E1000E_MSIX_CAUSES);
}

void e1000e_raise(const struct e1000e_dev *n, unsigned vector)
{
	e1000e_write(n, E1000E_ICS, 1u << (E1000E_CAUSE_SHIFT + vector));
}

/* Several EITR intervals (500 x 256 ns = 128 us each, 82574 §10.2.4.2), wall time. */
#define E1000E_QUIESCE_US 5000

void e1000e_quiesce(struct e1000e_dev *n)
{
	if (!n->pci)
		return;
	e1000e_write(n, E1000E_IMC, 0xffffffffu);
	deadline_t end = deadline_in_us(E1000E_QUIESCE_US);
	while (!deadline_passed(end))
		arch_cpu_relax();
}

void e1000e_release(struct e1000e_dev *n)
{
	if (!n->pci)
		return;
	e1000e_write(n, E1000E_IMC, 0xffffffffu);
	e1000e_write(n, E1000E_EIAC, 0);
	(void)e1000e_read(n, E1000E_ICR);
	e1000e_write(n, E1000E_IVAR, n->ivar_saved);
	e1000e_write(n, E1000E_CTRL_EXT, n->ctrl_ext_saved);
	pci_write16(n->pci, PCI_COMMAND, n->cmd_saved);
	n->pci = 0;
}
