/* SPDX-License-Identifier: MIT */
/* PCI-MSI-X bus domain over a fake table BAR and the irq core's fake parents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/pci/pci_msix.h"
#include "kernel/errno.h"
#include "tests/host/irq/support_fake.h"
#include "tests/host/pci/support_pci.h"

#define CAP     FAKE_PCI_MSIX_CAP
#define ENTRIES 5

static struct pci_msix_domain mx;

static void setup(bool with_remap)
{
	fake_stack_setup(with_remap, 8, 8);
	struct pci_dev *dev = fake_pci_msix(ENTRIES);
	struct irq_domain *parent = with_remap ? &fake_remap.l.domain : &fake_vec.l.domain;
	assert_int_equal(pci_msix_domain_create(&mx, parent, dev), 0);
}

static struct irq_alloc_info info_at(irq_cpu_t cpu, uint32_t index)
{
	return (struct irq_alloc_info){.cpu = cpu,
				       .dev = &fake_pci.dev,
				       .ids = {.rid = pci_dev_rid(&fake_pci.dev)},
				       .index = HWIRQ(index)};
}

static virq_t alloc_ok(irq_cpu_t cpu, uint32_t index, uint32_t nr)
{
	struct irq_alloc_info info = info_at(cpu, index);
	virq_t virq = VIRQ_NONE;
	assert_int_equal(irq_alloc(&mx.domain, nr, &info, &virq), 0);
	return virq;
}

static bool entry_masked(unsigned entry)
{
	return fake_msix_word(entry, PCI_MSIX_ENTRY_VECTOR_CTRL) & PCI_MSIX_ENTRY_CTRL_MASKBIT;
}

static void assert_entry_msg(unsigned entry, const struct msi_msg *want)
{
	assert_int_equal(fake_msix_word(entry, PCI_MSIX_ENTRY_ADDR_LO), want->address_lo);
	assert_int_equal(fake_msix_word(entry, PCI_MSIX_ENTRY_ADDR_HI), want->address_hi);
	assert_int_equal(fake_msix_word(entry, PCI_MSIX_ENTRY_DATA), want->data);
}

static uint16_t control(void)
{
	return fake_cfg16(CAP + PCI_MSIX_FLAGS);
}

/* Entries index..index+nr-1 get the messages; enable at the first activation. */
static void test_msix_activate_writes(void **state)
{
	setup(false);
	virq_t virq = alloc_ok(IRQ_CPU(2), 1, 3);
	for (unsigned e = 0; e < ENTRIES; e++)
		assert_true(entry_masked(e));
	assert_false(control() & PCI_MSIX_FLAGS_ENABLE);

	for (uint32_t i = 0; i < 3; i++)
		assert_int_equal(irq_activate(VIRQ(virq.v + i)), 0);
	assert_int_equal(control() & (PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL),
			 PCI_MSIX_FLAGS_ENABLE);
	for (uint32_t i = 0; i < 3; i++) {
		struct msi_msg want = {.address_lo = 0xfee02000u, .data = FAKE_VEC_FIRST + i};
		assert_entry_msg(1 + i, &want);
		assert_true(entry_masked(1 + i)); /* until unmasked */
		struct pci_msix_entry got;
		assert_int_equal(pci_msix_read_entry(&mx, 1 + i, &got), 0);
		assert_true(msi_msg_eq(&got.msg, &want));
	}
	struct msi_msg zero = {0};
	assert_entry_msg(0, &zero);
	assert_entry_msg(4, &zero);

	assert_int_equal(irq_unmask(VIRQ(virq.v + 1)), 0);
	assert_false(entry_masked(2));
	assert_true(entry_masked(1));
	assert_int_equal(irq_mask(VIRQ(virq.v + 1)), 0);
	assert_true(entry_masked(2));
	assert_int_equal(fake_pci.order_errors, 0);

	assert_int_equal(irq_free(virq, 3), 0);
	for (unsigned e = 0; e < ENTRIES; e++) {
		assert_true(entry_masked(e));
		assert_entry_msg(e, &zero);
	}
	assert_false(control() & PCI_MSIX_FLAGS_ENABLE);
	assert_int_equal(pci_msix_domain_remove(&mx), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE);
}

/* set_affinity rewrites the entry masked, then unmasks it again. */
static void test_msix_set_affinity(void **state)
{
	setup(false);
	virq_t virq = alloc_ok(IRQ_CPU(0), 0, 1);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_unmask(virq), 0);
	assert_false(entry_masked(0));
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(3)), 0);
	struct msi_msg want = {.address_lo = 0xfee03000u, .data = FAKE_VEC_FIRST};
	assert_entry_msg(0, &want);
	assert_false(entry_masked(0));
	assert_int_equal(fake_pci.order_errors, 0); /* never rewritten unmasked */

	/* A failed move: the entry keeps its message and stays unmasked. */
	fake_vec.l.fail[FAKE_OP_SET_AFFINITY] = -ENOSPC;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), -ENOSPC);
	assert_entry_msg(0, &want);
	assert_false(entry_masked(0));

	/* Masked entries stay masked across a move. */
	assert_int_equal(irq_mask(virq), 0);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), 0);
	assert_true(entry_masked(0));
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(fake_pci.order_errors, 0);
}

/* A remap parent's message is stored unchanged. */
static void test_msix_remap_parent(void **state)
{
	setup(true);
	virq_t virq = alloc_ok(IRQ_CPU_ANY, 4, 1);
	assert_int_equal(irq_activate(virq), 0);
	struct msi_msg want;
	assert_int_equal(irq_msg(virq, &want), 0);
	assert_entry_msg(4, &want);
	assert_int_equal(irq_free(virq, 1), 0);
}

/* Failures below leave every entry masked, MSI-X off, nothing leaked. */
static void test_msix_parent_failures(void **state)
{
	setup(false);
	uint8_t cfg[PCI_CFG_SIZE], bar[FAKE_PCI_BAR_SIZE];
	memcpy(cfg, fake_pci.cfg, sizeof(cfg));
	memcpy(bar, fake_pci.bar, sizeof(bar));
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	struct irq_alloc_info info = info_at(IRQ_CPU(0), 0);
	virq_t virq = VIRQ_NONE;

	fake_vec.l.fail[FAKE_OP_ALLOC] = -ENOSPC;
	assert_int_equal(irq_alloc(&mx.domain, 2, &info, &virq), -ENOSPC);
	assert_int_equal(fake_pci.mmio_writes, 0);
	assert_memory_equal(fake_pci.cfg, cfg, sizeof(cfg));

	enum fake_op ops[] = {FAKE_OP_ACTIVATE, FAKE_OP_COMPOSE};
	for (unsigned k = 0; k < 2; k++) {
		virq = alloc_ok(IRQ_CPU(0), 0, 2);
		fake_vec.l.fail[ops[k]] = -EIO;
		assert_int_equal(irq_activate(virq), -EIO);
		assert_false(control() & PCI_MSIX_FLAGS_ENABLE);
		assert_true(entry_masked(0));
		assert_int_equal(irq_free(virq, 2), 0);
		assert_memory_equal(fake_pci.cfg, cfg, sizeof(cfg));
		assert_memory_equal(fake_pci.bar, bar, sizeof(bar));
		assert_int_equal(irq_virq_free_count(), virqs);
		assert_int_equal(irq_pool_free_count(), pool);
	}
	assert_int_equal(fake_pci.order_errors, 0);
	assert_int_equal(pci_msix_domain_remove(&mx), 0);
}

/* Index past the table, a range running past it, a taken entry, a foreign device. */
static void test_msix_bad_requests(void **state)
{
	setup(false);
	struct irq_alloc_info info = info_at(IRQ_CPU(0), ENTRIES);
	virq_t virq = VIRQ_NONE;
	assert_int_equal(irq_alloc(&mx.domain, 1, &info, &virq), -EINVAL);
	info.index = HWIRQ(3);
	assert_int_equal(irq_alloc(&mx.domain, 3, &info, &virq), -EINVAL);
	info.index = HWIRQ(0xffffffffu);
	assert_int_equal(irq_alloc(&mx.domain, 2, &info, &virq), -EINVAL);
	struct pci_dev other = fake_pci.dev;
	info = info_at(IRQ_CPU(0), 0);
	info.dev = &other;
	assert_int_equal(irq_alloc(&mx.domain, 1, &info, &virq), -EINVAL);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_ALLOC], 0);

	virq_t held = alloc_ok(IRQ_CPU(0), 2, 2);
	info = info_at(IRQ_CPU(0), 3);
	assert_int_equal(irq_alloc(&mx.domain, 1, &info, &virq), -EBUSY);
	assert_int_equal(pci_msix_domain_remove(&mx), -EBUSY);
	assert_int_equal(irq_free(held, 2), 0);
	assert_int_equal(pci_msix_domain_remove(&mx), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE);
}

/* The PBA bit and Vector Control read back through the helper. */
static void test_msix_read_entry(void **state)
{
	setup(false);
	struct pci_msix_entry e;
	fake_msix_set_pending(3, true);
	assert_int_equal(pci_msix_read_entry(&mx, 3, &e), 0);
	assert_true(e.pending);
	assert_true(e.masked);
	assert_int_equal(pci_msix_read_entry(&mx, 2, &e), 0);
	assert_false(e.pending);
	assert_int_equal(pci_msix_read_entry(&mx, ENTRIES, &e), -EINVAL);
}

/* Deactivation masks the entry; reactivation restores what the core asked for. */
static void test_msix_deactivate(void **state)
{
	setup(false);
	virq_t virq = alloc_ok(IRQ_CPU(1), 0, 2);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_activate(VIRQ(virq.v + 1)), 0);
	assert_int_equal(irq_unmask(virq), 0);
	assert_int_equal(irq_deactivate(virq), 0);
	assert_true(entry_masked(0));
	assert_true(control() & PCI_MSIX_FLAGS_ENABLE); /* entry 1 still active */
	assert_int_equal(irq_deactivate(VIRQ(virq.v + 1)), 0);
	assert_false(control() & PCI_MSIX_FLAGS_ENABLE);
	assert_int_equal(irq_activate(virq), 0);
	assert_false(entry_masked(0));
	assert_int_equal(irq_free(virq, 2), 0);
	assert_int_equal(fake_pci.order_errors, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msix_activate_writes),
		cmocka_unit_test(test_msix_set_affinity),
		cmocka_unit_test(test_msix_remap_parent),
		cmocka_unit_test(test_msix_parent_failures),
		cmocka_unit_test(test_msix_bad_requests),
		cmocka_unit_test(test_msix_read_entry),
		cmocka_unit_test(test_msix_deactivate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
