/* SPDX-License-Identifier: MIT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/errno.h"
#include "kernel/irq/irq_cpu.h"
#include "tests/host/irq/support_fake.h"

struct fake_vector fake_vec;
struct fake_remap fake_remap;
struct fake_bus fake_bus;

/* --- fake arch ------------------------------------------------------------ */

static uint64_t fake_online;
static int fake_lock_depth;
static uint32_t fake_lock_bad;

static irq_cpumask_t fake_online_mask(void)
{
	return (irq_cpumask_t){.bits = fake_online};
}

static unsigned long fake_lock(void)
{
	if (fake_lock_depth++ != 0)
		fake_lock_bad++; /* the core's lock is not recursive */
	return 0x5a;
}

static void fake_unlock(unsigned long flags)
{
	if (flags != 0x5a || --fake_lock_depth != 0)
		fake_lock_bad++;
}

static int fake_irq_depth;

/* Local interrupts off, nested: the descriptor and bus locks. */
static unsigned long fake_irq_save(void)
{
	return (unsigned long)fake_irq_depth++;
}

static void fake_irq_restore(unsigned long flags)
{
	if (--fake_irq_depth != (int)flags)
		fake_lock_bad++; /* restored out of order */
}

static const struct irq_cpu_ops fake_cpu_ops = {
	.online_mask = fake_online_mask,
	.lock = fake_lock,
	.unlock = fake_unlock,
	.irq_save = fake_irq_save,
	.irq_restore = fake_irq_restore,
};

void fake_cpu_install(uint64_t online_bits)
{
	fake_online = online_bits;
	fake_lock_depth = 0;
	fake_irq_depth = 0;
	fake_lock_bad = 0;
	irq_cpu_set_ops(&fake_cpu_ops);
}

void fake_cpu_set_online(uint64_t online_bits)
{
	fake_online = online_bits;
}

uint32_t fake_lock_errors(void)
{
	return fake_lock_bad;
}

bool fake_lock_held(void)
{
	return fake_lock_depth > 0;
}

int fake_irq_off_depth(void)
{
	return fake_irq_depth;
}

/* Every op must run with the core lock held. */
static int fake_take_fail(struct fake_level *l, enum fake_op op)
{
	if (!fake_lock_held())
		fake_lock_bad++;
	l->calls[op]++;
	int err = l->fail[op];
	l->fail[op] = 0;
	return err;
}

/* --- vector level -------------------------------------------------------- */

static void fake_vec_release(virq_t virq, irq_cpu_t cpu, uint32_t vec)
{
	assert_int_equal(irq_domain_revmap_clear(&fake_vec.l.domain, cpu, HWIRQ(vec), virq), 0);
	assert_int_equal(irq_matrix_free(&fake_vec.matrix, cpu, vec), 0);
}

static int fake_vec_take(virq_t virq, irq_cpu_t want, irq_cpu_t *cpu, uint32_t *vec)
{
	int err;
	if (irq_cpu_eq(want, IRQ_CPU_ANY))
		err = irq_matrix_alloc_any(&fake_vec.matrix, irq_cpu_online_mask(), cpu, vec);
	else {
		err = irq_matrix_alloc(&fake_vec.matrix, want, vec);
		*cpu = want;
	}
	if (err)
		return err;
	err = irq_domain_revmap_set(&fake_vec.l.domain, *cpu, HWIRQ(*vec), virq);
	if (err)
		irq_matrix_free(&fake_vec.matrix, *cpu, *vec);
	return err;
}

/* All or nothing for this level: undo the first done of the range. */
static void fake_vec_undo(struct irq_domain *d, virq_t virq, uint32_t done)
{
	for (uint32_t i = 0; i < done; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		fake_vec_release(data->virq, data->cpu, data->hwirq.v);
	}
}

static int fake_vec_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	int err = fake_take_fail(&fake_vec.l, FAKE_OP_ALLOC);
	if (err)
		return err;
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		irq_cpu_t cpu;
		uint32_t vec;
		err = fake_vec_take(data->virq, info->cpu, &cpu, &vec);
		if (err) {
			fake_vec_undo(d, virq, i);
			return err;
		}
		data->hwirq = HWIRQ(vec);
		data->cpu = cpu;
		data->chip_data = &fake_vec.irq[data->virq.v];
		memset(data->chip_data, 0, sizeof(struct fake_vec_irq));
	}
	/* The bottom has no parent: "late" means after its own vectors. */
	err = fake_take_fail(&fake_vec.l, FAKE_OP_ALLOC_LATE);
	if (err)
		fake_vec_undo(d, virq, nr);
	return err;
}

static void fake_vec_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	if (!fake_lock_held())
		fake_lock_bad++;
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		fake_vec_release(data->virq, data->cpu, data->hwirq.v);
	}
}

static int fake_level_activate(struct fake_level *l)
{
	int err = fake_take_fail(l, FAKE_OP_ACTIVATE);
	if (!err)
		l->activate_count++;
	return err;
}

static int fake_vec_activate(struct irq_data *data)
{
	return fake_level_activate(&fake_vec.l);
}

static void fake_vec_deactivate(struct irq_data *data)
{
	fake_vec.l.activate_count--;
}

static int fake_vec_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	struct fake_vec_irq *st = data->chip_data;
	irq_cpu_t new_cpu;
	uint32_t new_vec;

	int err = fake_take_fail(&fake_vec.l, FAKE_OP_SET_AFFINITY);
	if (!err)
		err = fake_vec_take(data->virq, cpu, &new_cpu, &new_vec);
	if (err)
		return err;
	/* The old vector stays mapped: an interrupt in flight still lands. */
	st->old_cpu = data->cpu;
	st->old_vec = data->hwirq.v;
	st->staged = true;
	data->cpu = new_cpu;
	data->hwirq = HWIRQ(new_vec);
	return IRQ_SET_AFFINITY_UPDATE_MSG;
}

static void fake_vec_commit(struct irq_data *data)
{
	struct fake_vec_irq *st = data->chip_data;
	assert_true(st->staged);
	fake_vec_release(data->virq, st->old_cpu, st->old_vec);
	st->staged = false;
}

static void fake_vec_revert(struct irq_data *data)
{
	struct fake_vec_irq *st = data->chip_data;
	assert_true(st->staged);
	fake_vec_release(data->virq, data->cpu, data->hwirq.v);
	data->cpu = st->old_cpu;
	data->hwirq = HWIRQ(st->old_vec);
	st->staged = false;
}

/* x86 compatibility format: destination in address bits 19:12, vector in data. */
static int fake_vec_compose(struct irq_data *data, struct msi_msg *msg)
{
	int err = fake_take_fail(&fake_vec.l, FAKE_OP_COMPOSE);
	if (err)
		return err;
	msg->address_hi = 0;
	msg->address_lo = 0xfee00000u | (data->cpu.v << 12);
	msg->data = data->hwirq.v;
	return 0;
}

static int fake_vec_show(const struct irq_data *data, char *buf, size_t size)
{
	return snprintf(buf, size, "cpu %u vec 0x%x", data->cpu.v, data->hwirq.v);
}

static const struct irq_domain_ops fake_vec_ops = {
	.alloc = fake_vec_alloc,
	.free = fake_vec_free,
	.activate = fake_vec_activate,
	.deactivate = fake_vec_deactivate,
	.set_affinity = fake_vec_set_affinity,
	.set_affinity_commit = fake_vec_commit,
	.set_affinity_revert = fake_vec_revert,
	.compose = fake_vec_compose,
	.show = fake_vec_show,
};

/* --- remap level --------------------------------------------------------- */

static int fake_remap_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			    const struct irq_alloc_info *info)
{
	uint32_t first;
	int err = fake_take_fail(&fake_remap.l, FAKE_OP_ALLOC);
	if (err)
		return err;
	err = irq_idalloc_alloc_range(&fake_remap.ids, nr, 1, &first);
	if (err)
		return err;
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (!err)
		err = fake_take_fail(&fake_remap.l, FAKE_OP_ALLOC_LATE);
	if (err) {
		/* Own entries only: the core frees the parent. */
		irq_idalloc_free_range(&fake_remap.ids, first, nr);
		return err;
	}
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		data->hwirq = HWIRQ(first + i);
	}
	return 0;
}

static void fake_remap_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		/* The parent is still allocated: an entry goes before its target. */
		assert_non_null(irq_domain_get_data(d->parent, data->virq));
		assert_true(irq_domain_get_data(d->parent, data->virq)->flags & IRQ_DATA_ALLOCATED);
		memset(&fake_remap.irte[data->hwirq.v], 0, sizeof(struct fake_irte));
		assert_int_equal(irq_idalloc_free(&fake_remap.ids, data->hwirq.v), 0);
	}
}

static void fake_remap_write(struct irq_data *data)
{
	struct fake_irte *e = &fake_remap.irte[data->hwirq.v];
	e->present = true;
	e->cpu = data->parent_data->cpu;
	e->vec = data->parent_data->hwirq.v;
}

static int fake_remap_activate(struct irq_data *data)
{
	/* Parent first: the vector must be active before the entry points at it. */
	assert_true(data->parent_data->flags & IRQ_DATA_ACTIVATED);
	int err = fake_level_activate(&fake_remap.l);
	if (!err)
		fake_remap_write(data);
	return err;
}

static void fake_remap_deactivate(struct irq_data *data)
{
	fake_remap.l.activate_count--;
	memset(&fake_remap.irte[data->hwirq.v], 0, sizeof(struct fake_irte));
}

static int fake_remap_set_affinity(struct irq_data *data, irq_cpu_t cpu)
{
	int err = fake_take_fail(&fake_remap.l, FAKE_OP_SET_AFFINITY);
	if (err)
		return err;
	/* The vector level below has staged the new target already. */
	assert_true(irq_cpu_eq(data->parent_data->cpu, cpu));
	fake_remap.old[data->hwirq.v] = fake_remap.irte[data->hwirq.v];
	if (data->flags & IRQ_DATA_ACTIVATED)
		fake_remap_write(data);
	return fake_remap.affinity_result;
}

static void fake_remap_commit(struct irq_data *data)
{
}

static void fake_remap_revert(struct irq_data *data)
{
	fake_remap.irte[data->hwirq.v] = fake_remap.old[data->hwirq.v];
}

/* VT-d remappable format: handle in address bits 19:5, bit 4 = remappable. */
static int fake_remap_compose(struct irq_data *data, struct msi_msg *msg)
{
	int err = fake_take_fail(&fake_remap.l, FAKE_OP_COMPOSE);
	if (err)
		return err;
	msg->address_hi = 0;
	msg->address_lo = 0xfee00000u | (data->hwirq.v << 5) | 0x10;
	msg->data = 0;
	return 0;
}

static const struct irq_domain_ops fake_remap_ops = {
	.alloc = fake_remap_alloc,
	.free = fake_remap_free,
	.activate = fake_remap_activate,
	.deactivate = fake_remap_deactivate,
	.set_affinity = fake_remap_set_affinity,
	.set_affinity_commit = fake_remap_commit,
	.set_affinity_revert = fake_remap_revert,
	.compose = fake_remap_compose,
};

/* --- bus level ----------------------------------------------------------------- */

static int fake_bus_alloc(struct irq_domain *d, virq_t virq, uint32_t nr,
			  const struct irq_alloc_info *info)
{
	int err = fake_take_fail(&fake_bus.l, FAKE_OP_ALLOC);
	if (err)
		return err;
	if (info->index.v + nr > FAKE_BUS_SLOTS)
		return -EINVAL;
	for (uint32_t i = 0; i < nr; i++)
		if (fake_bus.used[info->index.v + i])
			return -EBUSY;
	err = irq_domain_alloc_parent(d, virq, nr, info);
	if (!err)
		err = fake_take_fail(&fake_bus.l, FAKE_OP_ALLOC_LATE);
	if (err)
		return err;
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		data->hwirq = HWIRQ(info->index.v + i);
		fake_bus.used[data->hwirq.v] = true;
		fake_bus.masked[data->hwirq.v] = true;
	}
	return 0;
}

static void fake_bus_free(struct irq_domain *d, virq_t virq, uint32_t nr)
{
	for (uint32_t i = 0; i < nr; i++) {
		struct irq_data *data = irq_domain_get_data(d, VIRQ(virq.v + i));
		fake_bus.used[data->hwirq.v] = false;
		fake_bus.masked[data->hwirq.v] = false;
		memset(&fake_bus.msg[data->hwirq.v], 0, sizeof(struct msi_msg));
	}
}

static int fake_bus_activate(struct irq_data *data)
{
	return fake_level_activate(&fake_bus.l);
}

static void fake_bus_deactivate(struct irq_data *data)
{
	fake_bus.l.activate_count--;
}

static int fake_bus_write_msg(struct irq_data *data, const struct msi_msg *msg)
{
	int err = fake_take_fail(&fake_bus.l, FAKE_OP_WRITE_MSG);
	if (err)
		return err; /* the device keeps what it had */
	fake_bus.msg[data->hwirq.v] = *msg;
	fake_bus.write_count++;
	return 0;
}

static void fake_bus_mask(struct irq_data *data)
{
	fake_bus.masked[data->hwirq.v] = true;
}

static void fake_bus_unmask(struct irq_data *data)
{
	fake_bus.masked[data->hwirq.v] = false;
}

static const struct irq_domain_ops fake_bus_ops = {
	.alloc = fake_bus_alloc,
	.free = fake_bus_free,
	.activate = fake_bus_activate,
	.deactivate = fake_bus_deactivate,
	.write_msg = fake_bus_write_msg,
	.mask = fake_bus_mask,
	.unmask = fake_bus_unmask,
};

/* --- set-up and snapshots ------------------------------------------------------ */

void fake_stack_setup(bool with_remap, uint32_t vec_cap, uint32_t remap_cap)
{
	fake_cpu_install((1u << FAKE_CPUS) - 1);
	irq_core_reset();
	memset(&fake_vec, 0, sizeof(fake_vec));
	memset(&fake_remap, 0, sizeof(fake_remap));
	memset(&fake_bus, 0, sizeof(fake_bus));
	assert_int_equal(
		irq_matrix_init(&fake_vec.matrix, FAKE_VEC_FIRST, FAKE_VEC_FIRST + vec_cap), 0);
	assert_true(remap_cap <= FAKE_REMAP_MAX);
	irq_idalloc_init(&fake_remap.ids, fake_remap.id_map, 0, remap_cap);
	fake_remap.affinity_result = IRQ_SET_AFFINITY_DONE;

	struct irq_domain_info vec = {
		.name = "vector",
		.kind = IRQ_DOMAIN_KIND_VECTOR,
		.features = IRQ_FEATURE_IMS,
		.ops = &fake_vec_ops,
		.revmap = fake_vec.revmap,
		.revmap_size = FAKE_REVMAP_SIZE,
		.revmap_cpus = FAKE_CPUS,
	};
	assert_int_equal(irq_domain_create(&fake_vec.l.domain, &vec), 0);
	struct irq_domain *parent = &fake_vec.l.domain;
	if (with_remap) {
		struct irq_domain_info remap = {
			.name = "remap",
			.kind = IRQ_DOMAIN_KIND_REMAP,
			.features = IRQ_FEATURE_IMS,
			.parent = parent,
			.ops = &fake_remap_ops,
		};
		assert_int_equal(irq_domain_create(&fake_remap.l.domain, &remap), 0);
		parent = &fake_remap.l.domain;
	}
	struct irq_domain_info bus = {
		.name = "bus",
		.kind = IRQ_DOMAIN_KIND_BUS,
		.parent = parent,
		.ops = &fake_bus_ops,
	};
	assert_int_equal(irq_domain_create(&fake_bus.l.domain, &bus), 0);
}

struct irq_domain *fake_top(void)
{
	return &fake_bus.l.domain;
}

uint32_t fake_bus_slot(virq_t virq)
{
	struct irq_data *top = irq_chain(virq);
	assert_non_null(top);
	return top->hwirq.v;
}

struct irq_alloc_info fake_info(irq_cpu_t cpu, uint32_t index)
{
	return (struct irq_alloc_info){.cpu = cpu, .ids = {.rid = 0x10}, .index = HWIRQ(index)};
}

void fake_snapshot_take(struct fake_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->matrix = fake_vec.matrix;
	memcpy(s->revmap, fake_vec.revmap, sizeof(s->revmap));
	memcpy(s->id_map, fake_remap.id_map, sizeof(s->id_map));
	s->ids_used = fake_remap.ids.used;
	memcpy(s->irte, fake_remap.irte, sizeof(s->irte));
	memcpy(s->bus_used, fake_bus.used, sizeof(s->bus_used));
	memcpy(s->bus_msg, fake_bus.msg, sizeof(s->bus_msg));
	s->bus_writes = fake_bus.write_count;
	struct fake_level *levels[3] = {&fake_vec.l, &fake_remap.l, &fake_bus.l};
	for (int i = 0; i < 3; i++) {
		s->active[i] = levels[i]->activate_count;
		s->irq_count[i] = levels[i]->domain.irq_count;
	}
	s->virq_free = irq_virq_free_count();
	s->pool_free = irq_pool_free_count();
}

#define FAKE_SNAP_EQ(field)                                                                        \
	do {                                                                                       \
		if (memcmp(&a->field, &b->field, sizeof(a->field)) != 0)                           \
			fail_msg("state differs after rollback: %s", #field);                      \
	} while (0)

void fake_snapshot_assert_equal(const struct fake_snapshot *a, const struct fake_snapshot *b)
{
	FAKE_SNAP_EQ(matrix);
	FAKE_SNAP_EQ(revmap);
	FAKE_SNAP_EQ(id_map);
	FAKE_SNAP_EQ(ids_used);
	FAKE_SNAP_EQ(irte);
	FAKE_SNAP_EQ(bus_used);
	FAKE_SNAP_EQ(bus_msg);
	FAKE_SNAP_EQ(bus_writes);
	FAKE_SNAP_EQ(active);
	FAKE_SNAP_EQ(irq_count);
	FAKE_SNAP_EQ(virq_free);
	FAKE_SNAP_EQ(pool_free);
	assert_int_equal(fake_lock_errors(), 0);
}

virq_t fake_alloc(irq_cpu_t cpu, uint32_t index, uint32_t nr)
{
	struct irq_alloc_info info = fake_info(cpu, index);
	virq_t virq = VIRQ_NONE;
	assert_int_equal(irq_alloc(fake_top(), nr, &info, &virq), 0);
	assert_true(virq_valid(virq));
	return virq;
}

struct irq_data *fake_vec_data(virq_t virq)
{
	unsigned long flags = irq_lock();
	struct irq_data *data = irq_domain_get_data(&fake_vec.l.domain, virq);
	irq_unlock(flags);
	assert_non_null(data);
	return data;
}
