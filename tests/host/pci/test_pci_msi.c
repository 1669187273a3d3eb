/* SPDX-License-Identifier: MIT */
/* PCI-MSI bus domain over a fake capability and the irq core's fake parents. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "drivers/pci/pci_msi.h"
#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "tests/host/irq/support_fake.h"
#include "tests/host/pci/support_pci.h"

#define CAP FAKE_PCI_MSI_CAP

static struct pci_msi_domain md;

/* The fake vector level composes 0xfee00000 | cpu << 12, data = vector. */
static struct msi_msg vec_msg(unsigned cpu, unsigned vec)
{
	return (struct msi_msg){.address_lo = 0xfee00000u | cpu << 12, .data = vec};
}

static void setup(bool with_remap, bool addr64, bool maskbit, unsigned log2_max)
{
	fake_stack_setup(with_remap, 8, 8);
	struct pci_dev *dev = fake_pci_msi(addr64, maskbit, log2_max);
	struct irq_domain *parent = with_remap ? &fake_remap.l.domain : &fake_vec.l.domain;
	assert_int_equal(pci_msi_domain_create(&md, parent, dev), 0);
}

static struct irq_alloc_info info_for(irq_cpu_t cpu)
{
	return (struct irq_alloc_info){
		.cpu = cpu, .dev = &fake_pci.dev, .ids = {.rid = pci_dev_rid(&fake_pci.dev)}};
}

static virq_t alloc_ok(irq_cpu_t cpu, uint32_t nr)
{
	struct irq_alloc_info info = info_for(cpu);
	virq_t virq = VIRQ_NONE;
	assert_int_equal(irq_alloc(&md.domain, nr, &info, &virq), 0);
	return virq;
}

static void assert_cap_msg(const struct msi_msg *want, bool enabled)
{
	struct pci_msi_state st;
	pci_msi_read_state(&md, &st);
	assert_int_equal(st.enabled, enabled);
	if (enabled) {
		assert_int_equal(st.msg.address_lo, want->address_lo);
		assert_int_equal(st.msg.address_hi, want->address_hi);
		assert_int_equal(st.msg.data, want->data);
	}
}

/* 64-bit layout: address lo/hi at +4/+8, data at +0xc, mask at +0x10. */
static void test_msi_activate_writes_64(void **state)
{
	setup(false, true, true, 0);
	virq_t virq = alloc_ok(IRQ_CPU(2), 1);
	/* Allocated: masked, not yet enabled. */
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_64) & 1, 1);
	assert_false(fake_cfg16(CAP + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);

	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_ADDRESS_LO), 0xfee02000u);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_ADDRESS_HI), 0);
	assert_int_equal(fake_cfg16(CAP + PCI_MSI_DATA_64), FAKE_VEC_FIRST);
	assert_int_equal(fake_cfg16(CAP + PCI_MSI_FLAGS) &
				 (PCI_MSI_FLAGS_ENABLE | PCI_MSI_FLAGS_QSIZE),
			 PCI_MSI_FLAGS_ENABLE);
	struct msi_msg want = vec_msg(2, FAKE_VEC_FIRST);
	assert_cap_msg(&want, true);

	assert_int_equal(irq_unmask(virq), 0);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_64) & 1, 0);
	assert_int_equal(irq_mask(virq), 0);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_64) & 1, 1);
	assert_int_equal(fake_pci.order_errors, 0);

	assert_int_equal(irq_free(virq, 1), 0);
	assert_false(fake_cfg16(CAP + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_64), 0); /* as found */
	assert_int_equal(pci_msi_domain_remove(&md), 0);
	assert_int_equal(irq_pool_free_count(), IRQ_DATA_POOL_SIZE);
}

/* 32-bit layout: data at +8, mask at +0xc; nothing written past them. */
static void test_msi_activate_writes_32(void **state)
{
	setup(false, false, true, 0);
	virq_t virq = alloc_ok(IRQ_CPU(1), 1);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_ADDRESS_LO), 0xfee01000u);
	assert_int_equal(fake_cfg16(CAP + PCI_MSI_DATA_32), FAKE_VEC_FIRST);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_32), 1);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_PENDING_32), 0);
	assert_int_equal(irq_unmask(virq), 0);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_32), 0);
	assert_int_equal(pci_msi_msg_rejected(&md), 0);
	assert_int_equal(irq_free(virq, 1), 0);
}

/* A remap parent composes its own format: the bus level stores it unchanged. */
static void test_msi_remap_parent(void **state)
{
	setup(true, true, false, 0);
	virq_t virq = alloc_ok(IRQ_CPU_ANY, 1);
	assert_int_equal(irq_activate(virq), 0);
	struct msi_msg want;
	assert_int_equal(irq_msg(virq, &want), 0);
	assert_int_equal(want.address_lo & 0x10, 0x10);
	assert_cap_msg(&want, true);
	assert_int_equal(irq_free(virq, 1), 0);
	assert_int_equal(pci_msi_domain_remove(&md), 0);
}

/* set_affinity: new message written with MSI disabled around the rewrite. */
static void test_msi_set_affinity(void **state)
{
	setup(false, true, true, 0);
	virq_t virq = alloc_ok(IRQ_CPU(0), 1);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_unmask(virq), 0);
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(3)), 0);
	struct msi_msg want = vec_msg(3, FAKE_VEC_FIRST);
	assert_cap_msg(&want, true);
	assert_int_equal(fake_cfg32(CAP + PCI_MSI_MASK_64) & 1, 0); /* still unmasked */
	assert_int_equal(fake_pci.order_errors, 0);

	/* A failed move leaves the old message in place. */
	fake_vec.l.fail[FAKE_OP_COMPOSE] = -EIO;
	assert_int_equal(irq_set_affinity(virq, IRQ_CPU(1)), -EIO);
	assert_cap_msg(&want, true);
	assert_int_equal(irq_free(virq, 1), 0);
}

static void snapshot_cfg(uint8_t *out)
{
	memcpy(out, fake_pci.cfg, PCI_CFG_SIZE);
}

/* Failures below: the capability is as found (disabled, mask bits back), nothing leaked. */
static void test_msi_parent_failures(void **state)
{
	setup(false, true, true, 0);
	uint8_t before[PCI_CFG_SIZE];
	snapshot_cfg(before);
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	struct irq_alloc_info info = info_for(IRQ_CPU(0));
	virq_t virq = VIRQ_NONE;

	fake_vec.l.fail[FAKE_OP_ALLOC] = -ENOSPC;
	assert_int_equal(irq_alloc(&md.domain, 1, &info, &virq), -ENOSPC);
	assert_memory_equal(fake_pci.cfg, before, PCI_CFG_SIZE);
	assert_int_equal(irq_virq_free_count(), virqs);
	assert_int_equal(irq_pool_free_count(), pool);

	enum fake_op ops[] = {FAKE_OP_ACTIVATE, FAKE_OP_COMPOSE};
	for (unsigned k = 0; k < 2; k++) {
		virq = alloc_ok(IRQ_CPU(0), 1);
		fake_vec.l.fail[ops[k]] = -EIO;
		assert_int_equal(irq_activate(virq), -EIO);
		assert_false(fake_cfg16(CAP + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
		assert_int_equal(irq_free(virq, 1), 0);
		assert_memory_equal(fake_pci.cfg, before, PCI_CFG_SIZE);
		assert_int_equal(irq_virq_free_count(), virqs);
		assert_int_equal(irq_pool_free_count(), pool);
	}
	assert_int_equal(fake_pci.order_errors, 0);
	assert_int_equal(pci_msi_domain_remove(&md), 0);
}

/* More vectors than the capability has, a non-power of two, a foreign device. */
static void test_msi_bad_requests(void **state)
{
	setup(false, true, true, 1); /* 2 vectors */
	uint8_t before[PCI_CFG_SIZE];
	snapshot_cfg(before);
	uint32_t pool = irq_pool_free_count();
	struct irq_alloc_info info = info_for(IRQ_CPU(0));
	virq_t virq = VIRQ_NONE;
	assert_int_equal(irq_alloc(&md.domain, 4, &info, &virq), -ENOSPC);
	assert_int_equal(irq_alloc(&md.domain, 3, &info, &virq), -EINVAL);
	struct pci_dev other = fake_pci.dev;
	info.dev = &other;
	assert_int_equal(irq_alloc(&md.domain, 1, &info, &virq), -EINVAL);
	assert_memory_equal(fake_pci.cfg, before, PCI_CFG_SIZE);
	assert_int_equal(irq_pool_free_count(), pool);
	assert_int_equal(fake_vec.l.calls[FAKE_OP_ALLOC], 0); /* refused before the parent */

	/* One group per capability. */
	virq_t first = alloc_ok(IRQ_CPU(0), 1);
	info.dev = &fake_pci.dev;
	assert_int_equal(irq_alloc(&md.domain, 1, &info, &virq), -EBUSY);
	assert_int_equal(pci_msi_domain_remove(&md), -EBUSY);
	assert_int_equal(irq_free(first, 1), 0);
	assert_int_equal(pci_msi_domain_remove(&md), 0);
}

/* Without per-vector masking there is no mask op: the core says it cannot. */
static void test_msi_no_mask(void **state)
{
	setup(false, true, false, 0);
	virq_t virq = alloc_ok(IRQ_CPU(0), 1);
	assert_int_equal(irq_activate(virq), 0);
	assert_int_equal(irq_mask(virq), -EOPNOTSUPP);
	assert_int_equal(irq_unmask(virq), -EOPNOTSUPP);
	assert_true(fake_cfg16(CAP + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(irq_free(virq, 1), 0);
}

/* Multiple Message: 4 consecutive vectors on one CPU; vector 0's message, MME = 2. */
static void test_msi_multiple(void **state)
{
	setup(false, true, true, 2);
	virq_t virq = alloc_ok(IRQ_CPU(1), 4);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(irq_activate(VIRQ(virq.v + i)), 0);
	struct pci_msi_state st;
	pci_msi_read_state(&md, &st);
	assert_true(st.enabled);
	assert_int_equal(st.mme_log2, 2);
	assert_int_equal(st.msg.data, FAKE_VEC_FIRST);
	assert_int_equal(st.mask, 0xf);
	assert_int_equal(irq_unmask(VIRQ(virq.v + 2)), 0);
	pci_msi_read_state(&md, &st);
	assert_int_equal(st.mask, 0xb);
	assert_int_equal(pci_msi_msg_rejected(&md), 0);

	/* Moving one vector breaks the block: MSI is left off, and it is counted. */
	assert_int_equal(irq_set_affinity(VIRQ(virq.v + 1), IRQ_CPU(2)), 0);
	pci_msi_read_state(&md, &st);
	assert_false(st.enabled);
	assert_true(pci_msi_msg_rejected(&md) > 0);
	assert_int_equal(irq_free(virq, 4), 0);
	assert_int_equal(fake_pci.order_errors, 0);
}

/* A 64-bit message on a 32-bit capability cannot be stored: MSI stays off. */
static void test_msi_unstorable(void **state)
{
	setup(true, false, true, 0);
	virq_t virq = alloc_ok(IRQ_CPU(0), 1);
	struct irq_data *bus = irq_chain(virq);
	struct msi_msg big = {.address_lo = 0x1000, .address_hi = 1, .data = 5};
	unsigned long flags = irq_lock();
	assert_int_equal(bus->domain->ops->activate(bus), 0);
	bus->domain->ops->write_msg(bus, &big);
	irq_unlock(flags);
	assert_false(fake_cfg16(CAP + PCI_MSI_FLAGS) & PCI_MSI_FLAGS_ENABLE);
	assert_int_equal(pci_msi_msg_rejected(&md), 1);
	flags = irq_lock();
	bus->domain->ops->deactivate(bus);
	irq_unlock(flags);
	assert_int_equal(irq_free(virq, 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_msi_activate_writes_64),
		cmocka_unit_test(test_msi_activate_writes_32),
		cmocka_unit_test(test_msi_remap_parent),
		cmocka_unit_test(test_msi_set_affinity),
		cmocka_unit_test(test_msi_parent_failures),
		cmocka_unit_test(test_msi_bad_requests),
		cmocka_unit_test(test_msi_no_mask),
		cmocka_unit_test(test_msi_multiple),
		cmocka_unit_test(test_msi_unstorable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
