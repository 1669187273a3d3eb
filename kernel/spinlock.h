/* SPDX-License-Identifier: MIT */
/* A test-and-set spinlock on compiler atomics (both arches, host too). */
#ifndef DOORBELL_SPINLOCK_H
#define DOORBELL_SPINLOCK_H

#include <stdbool.h>

#if defined(__x86_64__)
#define spin_relax() __asm__ volatile("pause")
#elif defined(__aarch64__)
#define spin_relax() __asm__ volatile("yield")
#else
#define spin_relax() ((void)0)
#endif

struct spinlock {
	volatile int locked;
};

static inline void spin_lock(struct spinlock *l)
{
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
			spin_relax();
	}
}

static inline bool spin_trylock(struct spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void spin_unlock(struct spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif
