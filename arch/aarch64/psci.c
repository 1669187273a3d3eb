/* SPDX-License-Identifier: MIT */
/*
 * PSCI calls (Arm DEN 0022, SMC calling convention DEN 0028): function ID
 * in w0, arguments in x1-x3, result in x0, over HVC or SMC. The FADT's
 * ARM boot flags name the conduit; until ACPI is parsed the choice follows
 * the EL (aarch64_psci_set_conduit from acpi.c overrides it): at EL1 HVC (QEMU virt's default), at EL2 SMC (an HVC there would
 * only call ourselves). A conduit with nothing behind it is an undefined
 * instruction, so calls are made under a fault catch.
 */
#include "arch/aarch64/aarch64.h"
#include "kernel/errno.h"

struct psci_args {
	enum psci_conduit conduit;
	uint64_t a[4];
	int64_t ret;
	uint64_t out[4]; /* x0-x3 on return (SMCCC: results in x0-x3) */
};

static void psci_fn(void *arg)
{
	struct psci_args *p = arg;
	register uint64_t x0 __asm__("x0") = p->a[0];
	register uint64_t x1 __asm__("x1") = p->a[1];
	register uint64_t x2 __asm__("x2") = p->a[2];
	register uint64_t x3 __asm__("x3") = p->a[3];

	/* SMCCC v1.0 lets the callee clobber x4-x17 too. */
	if (p->conduit == PSCI_CONDUIT_SMC)
		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
				   "x12", "x13", "x14", "x15", "x16", "x17");
	else
		__asm__ volatile("hvc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "memory", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
				   "x12", "x13", "x14", "x15", "x16", "x17");
	p->ret = (int64_t)x0;
	p->out[0] = x0;
	p->out[1] = x1;
	p->out[2] = x2;
	p->out[3] = x3;
}

static enum psci_conduit psci_conduit;
static const char *psci_conduit_source;

void aarch64_psci_set_conduit(enum psci_conduit c, const char *source)
{
	psci_conduit = c;
	psci_conduit_source = source;
}

enum psci_conduit aarch64_psci_conduit(void)
{
	if (!psci_conduit_source) {
		if (!aarch64_regime.checked)
			aarch64_regime_detect();
		psci_conduit = aarch64_at_el2() ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;
		psci_conduit_source = "default for the EL";
	}
	return psci_conduit;
}

const char *aarch64_psci_conduit_source(void)
{
	aarch64_psci_conduit();
	return psci_conduit_source;
}

const char *aarch64_psci_conduit_name(enum psci_conduit c)
{
	return c == PSCI_CONDUIT_SMC ? "smc" : c == PSCI_CONDUIT_HVC ? "hvc" : "none";
}

int aarch64_psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, int64_t *ret)
{
	struct psci_args p = {.conduit = aarch64_psci_conduit(), .a = {fn, a1, a2, a3}};
	struct arch_fault f;

	if (p.conduit == PSCI_CONDUIT_NONE)
		return -ENODEV;
	if (arch_catch_fault(psci_fn, &p, &f))
		return -EFAULT;
	if (ret)
		*ret = p.ret;
	return 0;
}

int aarch64_smccc_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t out[4])
{
	struct psci_args p = {.conduit = aarch64_psci_conduit(), .a = {fn, a1, a2, a3}};
	struct arch_fault f;

	if (p.conduit == PSCI_CONDUIT_NONE)
		return -ENODEV;
	if (arch_catch_fault(psci_fn, &p, &f))
		return -EFAULT;
	for (int i = 0; i < 4; i++)
		out[i] = p.out[i];
	return 0;
}
