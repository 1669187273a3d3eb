/* SPDX-License-Identifier: MIT */
/* The x86 vector domain against the real irq core, with a fake set of CPUs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arch/x86_64/vector_domain.h"
#include "kernel/errno.h"
#include "kernel/irq/irq.h"
#include "kernel/irq/irq_cpu.h"

#define CPUS 4

static struct x86_apic_map map;
static struct x86_vector_domain vd;
static uint64_t online = (1u << CPUS) - 1;

static irq_cpumask_t fake_online(void)
{
	return (irq_cpumask_t){online};
}

static unsigned long fake_lock(void)
{
	return 0;
}

static void fake_unlock(unsigned long flags)
{
}

static const struct irq_cpu_ops fake_ops = {
	.online_mask = fake_online, .lock = fake_lock, .unlock = fake_unlock};

/* CPUs 0..3 with APIC IDs 0, 2, 4 and (last) apic3. */
static void setup(uint32_t apic3, bool ext_dest)
{
	irq_core_reset();
	irq_cpu_set_ops(&fake_ops);
	online = (1u << CPUS) - 1;
	x86_apic_map_init(&map);
	x86_apic_map_add(&map, 0);
	x86_apic_map_add(&map, 2);
	x86_apic_map_add(&map, 4);
	x86_apic_map_add(&map, apic3);
	assert_int_equal(x86_vector_domain_create(&vd, &map, ext_dest), 0);
}

/* A bus level that stores the message (PCI-MSI's role): compose failures are its errors. */
static struct irq_domain bus;

static int bus_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
		     const struct irq_alloc_info *info)
{
	return irq_domain_alloc_parent(d, virq, nr, info);
}

static int bus_write(struct irq_data *data, const struct msi_msg *msg)
{
	return 0;
}

static const struct irq_domain_ops bus_ops = {.alloc = bus_alloc, .write_msg = bus_write};

static virq_t alloc_bus_on(irq_cpu_t cpu)
{
	struct irq_domain_info bi = {
		.name = "bus", .kind = IRQ_DOMAIN_KIND_BUS, .parent = &vd.domain, .ops = &bus_ops};
	memset(&bus, 0, sizeof(bus));
	assert_int_equal(irq_domain_create(&bus, &bi), 0);
	struct irq_alloc_info info = {.cpu = cpu};
	virq_t v;
	assert_int_equal(irq_alloc(&bus, 1, &info, &v), 0);
	return v;
}

static virq_t alloc_on(irq_cpu_t cpu)
{
	struct irq_alloc_info info = {.cpu = cpu};
	virq_t v;
	assert_int_equal(irq_alloc(&vd.domain, 1, &info, &v), 0);
	return v;
}

static void test_alloc_deliver_compose(void **state)
{
	setup(6, false);
	virq_t a = alloc_on(IRQ_CPU(1));
	virq_t b = alloc_on(IRQ_CPU(1));
	virq_t c = alloc_on(IRQ_CPU(2));
	struct irq_data *da = irq_chain(a);
	assert_int_equal(da->cpu.v, 1);
	assert_int_equal(da->hwirq.v, X86_VECTOR_FIRST);
	assert_int_equal(irq_chain(b)->hwirq.v, X86_VECTOR_FIRST + 1);
	assert_int_equal(irq_chain(c)->hwirq.v, X86_VECTOR_FIRST); /* same vector, other CPU */

	/* Delivery: (cpu, vector) finds the virq; the same vector elsewhere is unexpected. */
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(1), HWIRQ(0x20)), 0);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(2), HWIRQ(0x20)), 0);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(0), HWIRQ(0x20)), -ENOENT);
	assert_int_equal(irq_count(a, IRQ_CPU(1)), 1);
	assert_int_equal(irq_count(c, IRQ_CPU(2)), 1);
	assert_int_equal(irq_unexpected_count(IRQ_CPU(0)), 1);

	/* Compose: 0xFEE00000 | APIC ID << 12, data = vector. */
	assert_int_equal(irq_activate(b), 0);
	struct msi_msg m;
	assert_int_equal(irq_msg(b, &m), 0);
	assert_int_equal(m.address_lo, 0xfee02000u);
	assert_int_equal(m.data, 0x21);

	char buf[48];
	x86_vector_domain_ops.show(irq_chain(b), buf, sizeof(buf));
	assert_string_equal(buf, "cpu 1 vec 0x21");

	assert_int_equal(irq_free(a, 1), 0);
	assert_int_equal(irq_free(b, 1), 0);
	assert_int_equal(irq_free(c, 1), 0);
	for (unsigned i = 0; i < CPUS; i++)
		assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(i)), 0);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(1), HWIRQ(0x20)), -ENOENT);
}

/* The target as data for remap levels (Linux irq_cfg): the full 32-bit APIC ID. */
static void test_target_as_data(void **state)
{
	setup(0x12345, false);
	virq_t v = alloc_on(IRQ_CPU(3));
	struct irq_target t;
	assert_int_equal(x86_vector_domain_ops.get_target(irq_chain(v), &t), 0);
	assert_int_equal(t.cpu.v, 3);
	assert_int_equal(t.vector, X86_VECTOR_FIRST);
	assert_int_equal(t.dest_id, 0x12345);
	/* A level above reads it through the core's helper. */
	struct irq_data child = {.parent_data = irq_chain(v)};
	memset(&t, 0, sizeof(t));
	assert_int_equal(irq_domain_parent_target(&child, &t), 0);
	assert_int_equal(t.dest_id, 0x12345);
	assert_int_equal(irq_domain_parent_target(irq_chain(v), &t), -EINVAL); /* nothing below */
	/* The compatibility format cannot carry it. */
	struct msi_msg m;
	assert_int_equal(x86_vector_domain_ops.compose(irq_chain(v), &m), -EINVAL);
	/* After a move the target follows the staged routing. */
	assert_int_equal(x86_vector_domain_ops.set_affinity(irq_chain(v), IRQ_CPU(1)),
			 IRQ_SET_AFFINITY_UPDATE_MSG);
	assert_int_equal(irq_domain_parent_target(&child, &t), 0);
	assert_int_equal(t.cpu.v, 1);
	assert_int_equal(t.dest_id, 2);
	x86_vector_domain_ops.set_affinity_commit(irq_chain(v));
	assert_int_equal(irq_free(v, 1), 0);
}

static void test_any_offline_full(void **state)
{
	setup(6, false);
	/* ANY spreads over the online CPUs, least loaded first. */
	online = 0x5; /* CPUs 0 and 2 */
	virq_t v[4];
	for (int i = 0; i < 4; i++)
		v[i] = alloc_on(IRQ_CPU_ANY);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(0)), 2);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(1)), 0);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(2)), 2);
	for (int i = 0; i < 4; i++)
		irq_free(v[i], 1);

	/* Offline target: -EINVAL. */
	struct irq_alloc_info info = {.cpu = IRQ_CPU(1)};
	virq_t x;
	assert_int_equal(irq_alloc(&vd.domain, 1, &info, &x), -EINVAL);
	/* The level itself refuses an offline CPU too (not only the core). */
	online = 0xf;
	virq_t y = alloc_on(IRQ_CPU(1));
	online = 0x1;
	assert_int_equal(x86_vector_domain_ops.set_affinity(irq_chain(y), IRQ_CPU(1)), -EINVAL);
	online = 0xf;
	irq_free(y, 1);

	/* A full CPU: -ENOSPC, and a group that does not fit leaves nothing behind. */
	uint32_t free3 = irq_matrix_free_count(&vd.matrix, IRQ_CPU(3));
	for (uint32_t vec = X86_VECTOR_FIRST; vec < X86_VECTOR_END - 1; vec++)
		assert_int_equal(irq_matrix_reserve(&vd.matrix, IRQ_CPU(3), vec), 0);
	assert_int_equal(irq_matrix_free_count(&vd.matrix, IRQ_CPU(3)), 1);
	uint32_t virqs = irq_virq_free_count(), pool = irq_pool_free_count();
	info.cpu = IRQ_CPU(3);
	assert_int_equal(irq_alloc(&vd.domain, 2, &info, &x), -ENOSPC);
	assert_int_equal(irq_matrix_free_count(&vd.matrix, IRQ_CPU(3)), 1);
	assert_int_equal(irq_virq_free_count(), virqs);
	assert_int_equal(irq_pool_free_count(), pool);
	virq_t last = alloc_on(IRQ_CPU(3));
	assert_int_equal(irq_chain(last)->hwirq.v, X86_VECTOR_END - 1);
	assert_int_equal(irq_alloc(&vd.domain, 1, &info, &x), -ENOSPC);
	irq_free(last, 1);
	for (uint32_t vec = X86_VECTOR_FIRST; vec < X86_VECTOR_END - 1; vec++)
		assert_int_equal(irq_matrix_unreserve(&vd.matrix, IRQ_CPU(3), vec), 0);
	assert_int_equal(irq_matrix_free_count(&vd.matrix, IRQ_CPU(3)), free3);
}

static void test_affinity(void **state)
{
	setup(300, false); /* CPU 3's APIC ID cannot be named without the extended ID */
	virq_t v = alloc_bus_on(IRQ_CPU(1));
	assert_int_equal(irq_activate(v), 0);
	struct msi_msg before, m;
	assert_int_equal(irq_msg(v, &before), 0);

	/* Offline and unencodable targets: refused, the old route intact. */
	online = 0x7;
	assert_int_equal(irq_set_affinity(v, IRQ_CPU(3)), -EINVAL);
	online = 0xf;
	assert_int_equal(irq_set_affinity(v, IRQ_CPU(3)), -EINVAL); /* compose fails: reverted */
	assert_int_equal(irq_chain(v)->parent_data->cpu.v, 1);
	assert_int_equal(irq_chain(v)->parent_data->hwirq.v, 0x20);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(3)), 0);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(1)), 1);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(3), HWIRQ(0x20)), -ENOENT);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(1), HWIRQ(0x20)), 0);
	assert_int_equal(irq_msg(v, &m), 0);
	assert_true(msi_msg_eq(&m, &before));

	/* A move to CPU 2: new vector there, message recomposed, old vector released. */
	virq_t other = alloc_on(IRQ_CPU(2)); /* takes 0x20 on CPU 2 */
	assert_int_equal(irq_set_affinity(v, IRQ_CPU(2)), 0);
	assert_int_equal(irq_chain(v)->parent_data->cpu.v, 2);
	assert_int_equal(irq_chain(v)->parent_data->hwirq.v, 0x21);
	assert_int_equal(irq_msg(v, &m), 0);
	assert_int_equal(m.address_lo, 0xfee04000u);
	assert_int_equal(m.data, 0x21);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(1)), 0);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(1), HWIRQ(0x20)), -ENOENT);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(2), HWIRQ(0x21)), 0);
	assert_int_equal(irq_count(v, IRQ_CPU(2)), 1);
	irq_free(v, 1);
	irq_free(other, 1);
	for (unsigned i = 0; i < CPUS; i++)
		assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(i)), 0);
}

static void test_ext_dest(void **state)
{
	setup(300, true);
	virq_t v = alloc_on(IRQ_CPU(3));
	assert_int_equal(irq_activate(v), 0);
	struct msi_msg m;
	assert_int_equal(irq_msg(v, &m), 0);
	assert_int_equal(m.address_lo, 0xfee00000u | (300 & 0xff) << 12 | (300 >> 8) << 5);
	irq_free(v, 1);

	/* Without it, activation of a stored message to that CPU fails and leaves it inactive. */
	setup(300, false);
	v = alloc_bus_on(IRQ_CPU(3));
	assert_int_equal(irq_activate(v), -EINVAL);
	assert_false(irq_state(v) & IRQ_STATE_ACTIVATED);
	irq_free(v, 1);
	/* Nobody stores a message (raised by IPI): active, with no message. */
	v = alloc_on(IRQ_CPU(3));
	assert_int_equal(irq_activate(v), 0);
	assert_int_not_equal(irq_msg(v, &m), 0);
	assert_int_equal(irq_handle(&vd.domain, IRQ_CPU(3), HWIRQ(0x20)), 0);
	irq_free(v, 1);
	assert_int_equal(irq_matrix_allocated_count(&vd.matrix, IRQ_CPU(3)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_deliver_compose),
		cmocka_unit_test(test_target_as_data),
		cmocka_unit_test(test_any_offline_full),
		cmocka_unit_test(test_affinity),
		cmocka_unit_test(test_ext_dest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
