/* SPDX-License-Identifier: MIT */
/*
 * arm64 internals shared by the files of arch/aarch64. Nothing outside
 * arch/aarch64 includes this: kernel/ and drivers/ use arch/hooks.h.
 */
#ifndef DOORBELL_ARCH_AARCH64_H
#define DOORBELL_ARCH_AARCH64_H

#include <stdbool.h>
#include <stdint.h>

#include "arch/hooks.h"

#define read_sysreg(r)                                                                             \
	({                                                                                         \
		uint64_t __v;                                                                      \
		__asm__ volatile("mrs %0, " #r : "=r"(__v));                                       \
		__v;                                                                               \
	})
#define write_sysreg(r, v) __asm__ volatile("msr " #r ", %0" ::"r"((uint64_t)(v)) : "memory")
#define isb()              __asm__ volatile("isb" ::: "memory")
#define dsb(opt)           __asm__ volatile("dsb " #opt ::: "memory")

/*
 * The translation regime the kernel runs in. The UEFI application is
 * entered at EL1 (default QEMU virt) or at EL2 (virtualization=on, some
 * real machines). At EL2 we keep running at EL2 and use the _EL2 registers;
 * with HCR_EL2.E2H set (VHE) the EL2&0 regime has the EL1 layouts.
 */
struct aarch64_regime {
	unsigned el;  /* 1 or 2 */
	bool vhe;     /* EL2 with HCR_EL2.E2H = 1 */
	bool checked; /* aarch64_regime_detect ran */
};
extern struct aarch64_regime aarch64_regime;
void aarch64_regime_detect(void);
static inline bool aarch64_at_el2(void)
{
	return aarch64_regime.el == 2;
}

/* Exception frame built by vectors.S; layout fixed by FRAME_* there. */
struct aarch64_frame {
	uint64_t x[31];
	uint64_t sp; /* SP of the interrupted context */
	uint64_t elr;
	uint64_t spsr;
	uint64_t esr;
	uint64_t far;
};
_Static_assert(sizeof(struct aarch64_frame) == 36 * 8, "frame layout (vectors.S)");

/* Vector kinds passed by vectors.S: (source group << 2) | type. */
enum aarch64_vec_type { VEC_SYNC = 0, VEC_IRQ = 1, VEC_FIQ = 2, VEC_SERROR = 3 };
enum aarch64_vec_source {
	VEC_CUR_SP0 = 0,   /* current EL, SP_EL0 (the kernel's normal mode) */
	VEC_CUR_SPX = 1,   /* current EL, SP_ELx (inside a handler, or before early init) */
	VEC_LOWER_A64 = 2, /* lower EL, AArch64 */
	VEC_LOWER_A32 = 3, /* lower EL, AArch32 */
};

/* vectors.S */
extern const char aarch64_vectors_el1[];
extern const char aarch64_vectors_el2[];
/* Moves the caller onto SP_EL0 (same value) and points SP_ELx at exc_stack_top. */
void aarch64_stack_setup(uint64_t exc_stack_top);
void aarch64_exception(uint64_t kind, struct aarch64_frame *frame);

/* catch.S / fault.c */
struct aarch64_catch {
	uint64_t regs[13]; /* x19-x28, x29, x30, sp: saved by catch.S */
	struct aarch64_catch *prev;
	struct arch_fault *fault;
	unsigned depth; /* exception nesting depth when armed */
};
_Static_assert(__builtin_offsetof(struct aarch64_catch, prev) == 13 * 8, "catch layout (catch.S)");
int aarch64_catch_call(struct aarch64_catch *rec, void (*fn)(void *), void *arg);
__attribute__((noreturn)) void aarch64_catch_resume(struct aarch64_catch *rec);
/*
 * Called by the dispatcher: true when an armed catch took the fault (the
 * frame now returns into aarch64_catch_resume; *depth is set so that the
 * dispatcher's decrement restores the depth the catch was armed at).
 */
bool aarch64_catch_take(struct aarch64_frame *frame, unsigned *depth);

/* exceptions.c */
const char *aarch64_ec_name(unsigned ec);
void aarch64_exceptions_set_image(uint64_t base);
unsigned aarch64_exception_depth(void);
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
/* FAR_ELx holds the faulting address only for some classes (D13.2 FAR_EL1). */
bool aarch64_far_valid(uint64_t esr);
#define SPSR_BTYPE (3ull << 10)
#define SPSR_IL    (1ull << 20)
#define SPSR_SS    (1ull << 21)

/* mmu.c: true when addr lies in a region the memory map calls RAM. */
bool aarch64_mmu_is_ram(uint64_t addr);
/* An address our tables leave unmapped (for the dabt fault case). */
uint64_t aarch64_mmu_unmapped_addr(void);
/* mmu.S */
void aarch64_mmu_switch_el1(uint64_t ttbr0, uint64_t tcr, uint64_t mair);
void aarch64_mmu_switch_el2(uint64_t ttbr0, uint64_t tcr, uint64_t mair);

/* psci.c / semihosting.c */
enum psci_conduit { PSCI_CONDUIT_NONE = 0, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC };
/* 0 when the call returned (x0 in *ret), -EFAULT when the conduit trapped. */
int aarch64_psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, int64_t *ret);
/* An SMCCC call over the PSCI conduit with x0-x3 returned in out: 0, -ENODEV, -EFAULT. */
int aarch64_smccc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t out[4]);
enum psci_conduit aarch64_psci_conduit(void);
void aarch64_psci_set_conduit(enum psci_conduit c, const char *source);
const char *aarch64_psci_conduit_source(void);
const char *aarch64_psci_conduit_name(enum psci_conduit c);
bool aarch64_semihosting_present(void);
/* Returns only when semihosting is absent or refused. */
void aarch64_semihosting_exit(int code);

#endif
