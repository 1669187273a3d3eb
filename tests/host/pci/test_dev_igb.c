/* SPDX-License-Identifier: MIT */
/* The igb driver's register encodings and its recipe, against registers in a fake BAR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/pci/dev_igb.h"
#include "kernel/errno.h"
#include "tests/host/pci/support_pci.h"

/* 82576 datasheet §8.8 / Linux igb e1000_regs.h offsets and GPIE bits. */
static void test_offsets(void **state)
{
	(void)state;
	assert_int_equal(IGB_GPIE, 0x1514);
	assert_int_equal(IGB_EICS, 0x1520);
	assert_int_equal(IGB_EIMS, 0x1524);
	assert_int_equal(IGB_EIMC, 0x1528);
	assert_int_equal(IGB_EIAC, 0x152c);
	assert_int_equal(IGB_EIAM, 0x1530);
	assert_int_equal(IGB_EICR, 0x1580);
	assert_int_equal(IGB_EITR(0), 0x1680);
	assert_int_equal(IGB_EITR(IGB_EITR_COUNT - 1), 0x16e0);
	assert_int_equal(IGB_GPIE_MSIX_MODE, 0x10);
	assert_int_equal(IGB_GPIE_PBA, 0x80000000u);
	assert_int_equal(IGB_GPIE_EIAME, 0x40000000u);
}

static void test_vector_bits(void **state)
{
	(void)state;
	assert_int_equal(igb_vector_bits(0, 1), 0x1);
	assert_int_equal(igb_vector_bits(3, 1), 0x8);
	assert_int_equal(igb_vector_bits(9, 1), 0x200);
	assert_int_equal(igb_vector_bits(0, IGB_MSIX_VECTORS), 0x3ff);
	assert_int_equal(igb_vector_bits(2, 3), 0x1c);
	/* Nothing past the PF's 10 vectors, and no empty range. */
	assert_int_equal(igb_vector_bits(10, 1), 0);
	assert_int_equal(igb_vector_bits(0, 11), 0);
	assert_int_equal(igb_vector_bits(5, 6), 0);
	assert_int_equal(igb_vector_bits(0, 0), 0);
	assert_int_equal(igb_vector_bits(~0u, 2), 0);
}

static void test_gpie(void **state)
{
	(void)state;
	assert_int_equal(igb_gpie_msix(0), 0x80000010u);
	/* NSICR kept, auto-masking (EIAME) dropped: an unmask must not be needed per interrupt. */
	assert_int_equal(igb_gpie_msix(IGB_GPIE_NSICR | IGB_GPIE_EIAME), 0x80000011u);
	assert_int_equal(igb_gpie_msix(igb_gpie_msix(0)), igb_gpie_msix(0));
}

static void test_probe_absent(void **state)
{
	(void)state;
	struct igb_dev n;
	fake_pci_device(PCI_VENDOR_INTEL, PCI_DEVICE_E1000E);
	assert_int_equal(igb_probe(&n, 0), -ENODEV);
	assert_null(n.pci);
	fake_pci_device(PCI_VENDOR_INTEL, PCI_DEVICE_IGB);
	assert_int_equal(igb_probe(&n, 1), -ENODEV);
	fake_pci.dev.bar[0].assigned = false;
	assert_int_equal(igb_probe(&n, 0), -ENODEV);
	fake_pci.dev.bar[0].assigned = true;
	fake_pci.dev.bar[0].type = PCI_BAR_IO;
	assert_int_equal(igb_probe(&n, 0), -ENODEV);
	igb_release(&n); /* nothing probed: nothing written */
	assert_int_equal(fake_pci.mmio_writes, 0);
}

static void test_route_raise_release(void **state)
{
	(void)state;
	struct igb_dev n;
	fake_pci_device(PCI_VENDOR_INTEL, PCI_DEVICE_IGB);
	uint32_t gpie0 = IGB_GPIE_NSICR | IGB_GPIE_EIAME;
	fake_bar32_set(IGB_GPIE, gpie0);
	for (unsigned i = 0; i < IGB_EITR_COUNT; i++)
		fake_bar32_set(IGB_EITR(i), 500); /* left by someone else */
	assert_int_equal(igb_probe(&n, 0), 0);
	assert_ptr_equal(n.pci, &fake_pci.dev);
	uint16_t cmd = fake_cfg16(PCI_COMMAND);
	assert_true(cmd & PCI_COMMAND_MEMORY);
	assert_true(cmd & PCI_COMMAND_MASTER);

	unsigned writes = fake_pci.mmio_writes;
	assert_int_equal(igb_msix_route(&n, 0), -EINVAL);
	assert_int_equal(igb_msix_route(&n, IGB_MSIX_VECTORS + 1), -EINVAL);
	assert_int_equal(fake_pci.mmio_writes, writes);

	assert_int_equal(igb_msix_route(&n, IGB_MSIX_VECTORS), 0);
	assert_int_equal(n.vectors, IGB_MSIX_VECTORS);
	assert_int_equal(fake_bar32(IGB_GPIE), 0x80000011u);
	assert_int_equal(fake_bar32(IGB_IMC), 0xffffffffu);
	assert_int_equal(fake_bar32(IGB_EIAC), 0x3ff);
	assert_int_equal(fake_bar32(IGB_EIMS), 0x3ff);
	for (unsigned i = 0; i < IGB_MSIX_VECTORS; i++)
		assert_int_equal(fake_bar32(IGB_EITR(i)), 0);          /* throttling off */
	assert_int_equal(fake_bar32(IGB_EITR(IGB_MSIX_VECTORS)), 500); /* not a PF vector */

	igb_raise(&n, 7);
	assert_int_equal(fake_bar32(IGB_EICS), 0x80);
	igb_raise(&n, 0);
	assert_int_equal(fake_bar32(IGB_EICS), 0x1);

	igb_release(&n);
	assert_null(n.pci);
	assert_int_equal(fake_bar32(IGB_GPIE), gpie0);
	assert_int_equal(fake_bar32(IGB_EIMC), 0xffffffffu);
	assert_int_equal(fake_bar32(IGB_EIAC), 0);
	assert_int_equal(fake_cfg16(PCI_COMMAND), 0);
	writes = fake_pci.mmio_writes;
	igb_release(&n);
	assert_int_equal(fake_pci.mmio_writes, writes);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_vector_bits),
		cmocka_unit_test(test_gpie),
		cmocka_unit_test(test_probe_absent),
		cmocka_unit_test(test_route_raise_release),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
