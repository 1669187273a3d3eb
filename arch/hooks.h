/* SPDX-License-Identifier: MIT */
/*
 * The one interface kernel/ and drivers/ use to reach architecture code.
 * Each arch under arch/<name>/ implements every hook; a missing one fails
 * at link time.
 */
#ifndef DOORBELL_ARCH_HOOKS_H
#define DOORBELL_ARCH_HOOKS_H

#include <stdbool.h>
#include <stdint.h>

struct boot_info;
struct acpi_tables;

/* --- bring-up, called in this order by kernel_main --------------------- */

/* Own descriptor tables / vector base and exception handlers. */
void arch_early_init(const struct boot_info *bi);
/* Own identity page tables: RAM cacheable, everything else device memory. */
int arch_mmu_init(const struct boot_info *bi);
/* Calibrate the counter used for deadlines. */
void arch_timer_init(const struct boot_info *bi);
/*
 * Take what the arch needs from the firmware's ACPI tables (x86: the PM
 * timer; arm64: the PSCI conduit). Called after arch_mmu_init, before
 * arch_timer_init; t is NULL when the firmware gave no ACPI.
 */
void arch_acpi_init(const struct acpi_tables *t);

/* --- memory management ------------------------------------------------- */

/* True when the CPU translates through the tables arch_mmu_init built. */
bool arch_mmu_is_own(void);
/* Physical address of the root translation table in use. */
uint64_t arch_mmu_root(void);
/*
 * Map [phys, phys + size) as device memory where arch_mmu_init's tables do
 * not cover it (a 64-bit BAR the firmware placed above the identity map):
 * 0, -ERANGE past what the tables can address, -ENOMEM. Only adds entries
 * that were absent; what was mapped stays as it was.
 */
int arch_mmio_map(uint64_t phys, uint64_t size);

/* --- time ----------------------------------------------------------------- */

uint64_t arch_counter_read(void);
uint64_t arch_counter_hz(void);

/* A clock independent of the counter, used to cross-check it. */
struct arch_refclock {
	const char *name;
	uint64_t hz;
	uint64_t (*read)(void);
};
/* NULL when the platform has no second clock. */
const struct arch_refclock *arch_refclock(void);

/* --- CPU ------------------------------------------------------------------- */

void arch_cpu_relax(void);
/* Halt until the next interrupt (or forever with interrupts masked). */
void arch_cpu_halt(void);
/* Order this CPU's prior memory writes before later ones (device DMA). */
void arch_wmb(void);
void arch_mb(void);
/*
 * Make len bytes at p, written by this CPU, visible to a device that does
 * not snoop the caches (clean to the point of coherency). arm64: dc cvac,
 * dsb. x86: DMA snoops, except a VT-d unit with ECAP.C = 0 reading its
 * tables: clflush per line between fences.
 */
void arch_dcache_clean(const void *p, uint64_t len);
/*
 * arch_dcache_clean over many ranges with one barrier: _lines for each range
 * (the maintenance only), then _done once, which orders the maintenance before
 * later accesses (arm64: dsb sy; x86: mfence, _lines issuing one before its
 * clflushes as well).
 */
void arch_dcache_clean_lines(const void *p, uint64_t len);
void arch_dcache_clean_done(void);
/*
 * Clean and invalidate len bytes at p to the point of coherency, so that
 * the CPU's next read of them fetches what a device that does not snoop the
 * caches wrote meanwhile (a non-coherent SMMU's event queue). arm64: dc
 * civac, dsb. x86: clflush, which writes back and invalidates.
 */
void arch_dcache_clean_inval(const void *p, uint64_t len);
/*
 * Store to a device register (naturally aligned, mapped as device memory)
 * so that every earlier write of this CPU to ordinary memory (a DMA
 * descriptor, a buffer, an MSI-X message in RAM) is observable by the
 * device before the store: a register write that starts DMA or raises an
 * interrupt then never overtakes the data (Linux's writel). arm64: DMB
 * OSHST before the store (Arm ARM B2.3, the ordering of accesses to Normal
 * and Device memory is not implied); x86: a compiler barrier only (stores
 * are not reordered with other stores, SDM Vol. 3A §8.2.2).
 */
void arch_mmio_write32(uint64_t phys, uint32_t v);
void arch_mmio_write64(uint64_t phys, uint64_t v);
/*
 * Store 16 bytes at p (16-byte aligned, ordinary memory) as one single-copy
 * atomic write: a device reading them sees the old or the new 16 bytes,
 * never half of each. True when stored; false (nothing written) when the CPU
 * has no such store. x86: lock cmpxchg16b (CPUID.1:ECX[13]); arm64: ldxp/stxp.
 */
bool arch_store128(volatile void *p, uint64_t lo, uint64_t hi);

/* --- CPUs and interrupt delivery ----------------------------------------- */

struct irq_domain;
struct irq_matrix;

/*
 * Bring up this CPU's interrupt controller, the bottom interrupt domain and
 * every other enabled CPU that the MADT lists (t may be NULL: one CPU).
 * Called once by kernel_main after arch_timer_init. x2apic_allowed is the
 * platform policy's answer (x86: the local APIC leaves xAPIC mode only
 * when it is true; a firmware's x2APIC mode is taken back to xAPIC when it
 * is false; other arches ignore it). CPUs whose hardware id exceeds
 * apic_id_limit are not started (x86: what interrupts can reach without
 * remapping in x2APIC mode, the policy's limit). Returns the number of CPUs
 * online; the reasons for any that did not start are printed.
 */
unsigned arch_smp_init(const struct acpi_tables *t, bool x2apic_allowed, uint32_t apic_id_limit);
/* CPUs online; their logical indexes are 0 .. count-1 (0 = the boot CPU). */
unsigned arch_cpu_count(void);
/* Logical index of the calling CPU. */
unsigned arch_cpu_current(void);
/*
 * Run fn(arg) on logical CPU cpu (the caller's own included) and wait up to
 * timeout_us for it to return: 0, -EINVAL (not online), -ETIMEDOUT. Both
 * arches answer it and arch_cpu_count with kernel/smp.h.
 */
int arch_cpu_call(unsigned cpu, void (*fn)(void *), void *arg, uint64_t timeout_us);
/*
 * Wake logical CPU cpu (online, not the caller) so that its idle loop runs
 * the call kernel/smp.c posted to it (x86: a fixed IPI on vector 0xFD;
 * arm64: SGI 0): 0 or -errno (nothing sent).
 */
int arch_cpu_kick(unsigned cpu);
/* Local interrupt enable / disable on the calling CPU. */
void arch_irq_enable(void);
void arch_irq_disable(void);
/*
 * Disable local interrupts and return the previous state, which
 * arch_irq_restore puts back (nests: a driver lock shared with its
 * interrupt handler, taken by code that may run with interrupts on).
 */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
/*
 * Wait for one interrupt with interrupts enabled, without the race between
 * enabling and halting (x86: sti; hlt), and return with them disabled.
 */
void arch_irq_wait(void);
/*
 * Sleep the calling CPU until the arch counter reaches counter_deadline
 * (x86: a one-shot local APIC timer and HLT). It may return earlier: callers
 * loop on their own condition. Device interrupts are held off meanwhile
 * (x86: TPR; they stay pending and arrive later), so it may be called with
 * interrupts disabled and the irq core lock held. Under -icount a halt lets
 * QEMU skip to its next timer event, so a device timer (an edu DMA)
 * completes at once instead of after a busy wait (docs/platform.md, "icount").
 */
void arch_sleep_until(uint64_t counter_deadline);
/* The bottom interrupt domain (x86 vector domain, arm64 LPI domain); NULL when absent. */
struct irq_domain *arch_irq_domain(void);
/*
 * The bottom domain's per-CPU id matrix (x86: device vectors), NULL when it
 * has none. Not locked: use it with irq_lock() held (kernel/irq/irq_cpu.h).
 */
struct irq_matrix *arch_irq_matrix(void);
/*
 * Send hwirq of the bottom domain to logical CPU cpu as an inter-processor
 * interrupt (x86: a fixed IPI with that vector): 0, -EINVAL (CPU not online,
 * hwirq not in the bottom domain's range), -ETIMEDOUT (not sent),
 * -EOPNOTSUPP (no IPIs on this arch yet).
 */
int arch_irq_send_ipi(unsigned cpu, uint32_t hwirq);
/*
 * The domain that owns wired interrupts: a bottom domain whose hwirq is the
 * GSIV (ACPI's global system interrupt number, as the IORT and MADT give it),
 * passed to irq_alloc as irq_alloc_info.index; info.cpu is the target (ANY:
 * the boot CPU). Wired lines compose no message. arm64: the GICv3 SPI domain
 * (INTIDs 32 up to GICD_TYPER.ITLinesNumber's top, at most 1019; edge
 * triggered). NULL when there is none: x86_64 has none (its GSIVs belong to
 * the I/O APIC, a bus domain over the remap or vector domain: drivers/ioapic/).
 */
struct irq_domain *arch_wired_irq_domain(void);
/*
 * Make wired interrupt gsiv pending at the interrupt controller as if its
 * line had pulsed (arm64: GICD_ISPENDR), for tests: 0, -EINVAL (gsiv outside
 * the wired domain's range), -EOPNOTSUPP (no wired domain).
 */
int arch_wired_irq_raise(uint32_t gsiv);
/*
 * What the interrupt controller holds for wired interrupt gsiv (tests, debug
 * view), in no controller's terms: the driver says which registers it reads.
 */
struct arch_wired_irq_hw {
	bool enabled;     /* delivered when it fires */
	bool pending;     /* waiting to be taken */
	bool edge;        /* edge-triggered (true) or level */
	bool normal;      /* taken as an ordinary IRQ (not a fast, secure or NMI one) */
	uint8_t priority; /* the controller's priority value */
	uint64_t target;  /* the target CPU's hardware ID, as arch_cpu_hw_id() reads it */
};
/* 0 with *hw filled, -EINVAL (outside the range), -EOPNOTSUPP (no wired domain). */
int arch_wired_irq_hw(uint32_t gsiv, struct arch_wired_irq_hw *hw);
/* The calling CPU's hardware ID as its interrupt controller reads it (x86 APIC ID, arm64 MPIDR affinity). */
uint64_t arch_cpu_hw_id(void);

/* --- what the CPU says about the platform (detection) ------------------- */

struct arch_cpu_signals {
	/* x86 CPUID */
	bool cpuid;            /* the fields below were read */
	bool hypervisor_bit;   /* CPUID.1:ECX[31] */
	char hv_signature[13]; /* first hypervisor leaf with a signature; "" when none */
	uint32_t hv_leaf;      /* where it was found: 0x40000000 + n * 0x100 */
	uint32_t hv_max_leaf;  /* its EAX */
	bool hv_ext_dest_id;   /* KVM_FEATURE_MSI_EXT_DEST_ID (leaf + 1, EAX bit 15) */
	bool x2apic;           /* CPUID.1:ECX[21] */
	bool x2apic_enabled;   /* IA32_APIC_BASE.EXTD already set */
	uint32_t x2apic_id;    /* IA32_X2APIC_APICID when x2apic_enabled */
	/* arm64 SMCCC over the PSCI conduit */
	bool smccc;            /* probed */
	const char *conduit;   /* "hvc", "smc" or "none" */
	int32_t smccc_version; /* SMCCC_VERSION's answer; negative: NOT_SUPPORTED */
	bool hyp_uid_valid;    /* the hypervisor service UID call answered */
	uint32_t hyp_uid[4];
	unsigned el; /* exception level doorbell runs at */
};
/* Fill s (zeroed first) with this CPU's signals. */
void arch_cpu_signals(struct arch_cpu_signals *s);

/* --- port I/O ------------------------------------------------------------- */

/* x86 I/O space. Arches without one read all-ones and drop writes. */
uint8_t arch_pio_read8(uint16_t port);
void arch_pio_write8(uint16_t port, uint8_t v);
uint32_t arch_pio_read32(uint16_t port);
void arch_pio_write32(uint16_t port, uint32_t v);

/* --- faults ------------------------------------------------------------- */

/* What an exception looked like; fields are arch-specific numbers. */
struct arch_fault {
	uint64_t vector; /* x86: IDT vector; arm64: ESR_EL1.EC */
	uint64_t code;   /* x86: error code; arm64: ESR_EL1 */
	uint64_t addr;   /* x86: CR2; arm64: FAR_EL1 */
	uint64_t pc;     /* RIP / ELR_EL1 */
};

/*
 * Run fn(arg) with fault catching armed on this CPU. Returns 0 when fn
 * returned normally, 1 when it faulted (and *f describes the fault).
 * Faults outside a catch print a register dump and end the run as a
 * harness error.
 */
int arch_catch_fault(void (*fn)(void *), void *arg, struct arch_fault *f);

/* Read a device register that may abort: 0, or -EFAULT when it aborted. */
int arch_probe_read32(uint64_t phys, uint32_t *val);

/* Faults each arch can raise on purpose, with what must be observed. */
struct arch_fault_case {
	const char *name;         /* "ud", "pf", ... */
	void (*raise)(void *arg); /* raises the fault */
	uint64_t vector;          /* expected arch_fault.vector */
	bool check_addr;          /* compare arch_fault.addr with addr */
	uint64_t addr;
};
/* Table of cases, ending with a zeroed entry. */
const struct arch_fault_case *arch_fault_cases(void);

/* --- exit ------------------------------------------------------------------- */

enum exit_method {
	EXIT_METHOD_HALT = 0, /* real machine: print, then halt */
	EXIT_METHOD_QEMU,     /* isa-debug-exit (x86), semihosting (arm64) */
	EXIT_METHOD_RESET,    /* reset the machine */
	EXIT_METHOD_POWEROFF, /* ACPI / PSCI power off */
};

/* Ends the run with a verdict from kernel/exit.h. Never returns. */
__attribute__((noreturn)) void arch_exit(int verdict, enum exit_method m);

/* Short name of this arch, as in ARCH= ("x86_64", "aarch64"), for reports only. */
extern const char arch_name[];

/* --- the bare interrupt path (harness cost benchmark) ---------------------- */

/*
 * One vector outside the irq core, counted and acknowledged by the arch's
 * entry code alone: what an interrupt costs with no domain, descriptor or
 * lock, against which bench.msi_bare measures the whole stack.
 * arch_irq_bare_open composes the message that reaches it on cpu (a
 * device writes it as it is: nothing remaps it); -EOPNOTSUPP where an MSI
 * needs the remap hardware to arrive at all (arm64: the ITS).
 */
struct msi_msg;
int arch_irq_bare_open(unsigned cpu, struct msi_msg *msg);
uint64_t arch_irq_bare_count(void);
void arch_irq_bare_close(void);

/* --- the platform drivers this image links ------------------------------- */

/*
 * The table of this arch's platform drivers (kernel/platform_drivers.h):
 * what kernel/ calls where it needs "the remap unit of this platform".
 */
struct platform_drivers;
extern const struct platform_drivers arch_platform_drivers;

#endif
