/* SPDX-License-Identifier: MIT */
/*
 * Fake arch and fake levels for the irq core's host tests:
 *   bus     records write_msg per slot, masks; no compose
 *   remap   own entry table (tiny), remappable-format compose, absorbs moves (DONE)
 *   vector  per-CPU vectors from an irq_matrix (tiny), per-CPU reverse map
 * Each level fails its next call of an op on request (fail[FAKE_OP_*] = -errno).
 */
#ifndef DOORBELL_TESTS_IRQ_SUPPORT_FAKE_H
#define DOORBELL_TESTS_IRQ_SUPPORT_FAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/irq/irq.h"
#include "kernel/irq/irq_idalloc.h"
#include "kernel/irq/irq_matrix.h"

enum fake_op {
	FAKE_OP_ALLOC,      /* fail before allocating anything */
	FAKE_OP_ALLOC_LATE, /* fail after the parent succeeded */
	FAKE_OP_ACTIVATE,
	FAKE_OP_SET_AFFINITY,
	FAKE_OP_COMPOSE,
	FAKE_OP_WRITE_MSG, /* the bus level's device write */
	FAKE_OP_COUNT,
};

#define FAKE_CPUS        4
#define FAKE_VEC_FIRST   0x30
#define FAKE_REVMAP_SIZE 256
#define FAKE_REMAP_MAX   128
#define FAKE_BUS_SLOTS   128

struct fake_level {
	struct irq_domain domain;
	int fail[FAKE_OP_COUNT]; /* consumed by the next call */
	uint32_t calls[FAKE_OP_COUNT];
	uint32_t activate_count; /* currently active interrupts */
};

struct fake_vec_irq {
	irq_cpu_t old_cpu; /* valid while a move is staged */
	uint32_t old_vec;
	bool staged;
};

struct fake_vector {
	struct fake_level l;
	struct irq_matrix matrix;
	virq_t revmap[FAKE_CPUS * FAKE_REVMAP_SIZE];
	struct fake_vec_irq irq[IRQ_NR_VIRQS];
};

struct fake_irte {
	bool present;
	irq_cpu_t cpu;
	uint32_t vec;
};

struct fake_remap {
	struct fake_level l;
	struct irq_idalloc ids;
	uint64_t id_map[IRQ_IDALLOC_WORDS(FAKE_REMAP_MAX)];
	struct fake_irte irte[FAKE_REMAP_MAX];
	struct fake_irte old[FAKE_REMAP_MAX]; /* while a move is staged */
	int affinity_result;                  /* what set_affinity answers on success */
};

struct fake_bus {
	struct fake_level l;
	bool used[FAKE_BUS_SLOTS];
	struct msi_msg msg[FAKE_BUS_SLOTS];
	bool masked[FAKE_BUS_SLOTS];
	uint32_t write_count; /* write_msg calls, all slots */
};

extern struct fake_vector fake_vec;
extern struct fake_remap fake_remap;
extern struct fake_bus fake_bus;

/* Fake arch: FAKE_CPUS CPUs, online as given; the lock checks nesting. */
void fake_cpu_install(uint64_t online_bits);
void fake_cpu_set_online(uint64_t online_bits);
/* Lock misuse seen so far (nested or unbalanced); tests assert 0. */
uint32_t fake_lock_errors(void);
bool fake_lock_held(void);
/* How many irq_save calls are not restored yet (descriptor and bus locks). */
int fake_irq_off_depth(void);

/*
 * Reset the core and build bus -> [remap ->] vector with vec_cap vectors per
 * CPU and remap_cap remap entries; all CPUs online.
 */
void fake_stack_setup(bool with_remap, uint32_t vec_cap, uint32_t remap_cap);
/* The top (bus) domain. */
struct irq_domain *fake_top(void);

/* Bus slot of virq (the bus level's hwirq). */
uint32_t fake_bus_slot(virq_t virq);

/* Everything the levels and the core own, to compare before/after a failure. */
struct fake_snapshot {
	struct irq_matrix matrix;
	virq_t revmap[FAKE_CPUS * FAKE_REVMAP_SIZE];
	uint64_t id_map[IRQ_IDALLOC_WORDS(FAKE_REMAP_MAX)];
	uint32_t ids_used;
	struct fake_irte irte[FAKE_REMAP_MAX];
	bool bus_used[FAKE_BUS_SLOTS];
	struct msi_msg bus_msg[FAKE_BUS_SLOTS];
	uint32_t bus_writes;
	uint32_t active[3];
	uint32_t irq_count[3];
	uint32_t virq_free;
	uint32_t pool_free;
};

void fake_snapshot_take(struct fake_snapshot *s);
/* Asserts (cmocka) that nothing differs; names the first field that does. */
void fake_snapshot_assert_equal(const struct fake_snapshot *a, const struct fake_snapshot *b);

/* info for one allocation: any CPU, bus index. */
struct irq_alloc_info fake_info(irq_cpu_t cpu, uint32_t index);
/* Allocate nr at the top (bus index = index), asserting success. */
virq_t fake_alloc(irq_cpu_t cpu, uint32_t index, uint32_t nr);
/* Vector-level entry of virq's chain. */
struct irq_data *fake_vec_data(virq_t virq);

#endif
