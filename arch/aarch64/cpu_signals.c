/* SPDX-License-Identifier: MIT */
/*
 * What an arm64 CPU can say about a hypervisor under it: the SMCCC version
 * and the Standard Hypervisor Service UID (SMCCC 1.4, DEN0028, §7.2 and
 * Table 6-4: function 0x8600FF01), called over the PSCI conduit the FADT
 * names. A hypervisor that answers the UID call names itself.
 */
#include <string.h>

#include "arch/aarch64/aarch64.h"
#include "arch/hooks.h"

#define SMCCC_VERSION       0x80000000u
#define SMCCC_HYP_CALL_UID  0x8600ff01u
#define SMCCC_NOT_SUPPORTED 0xffffffffu

void arch_cpu_signals(struct arch_cpu_signals *s)
{
	memset(s, 0, sizeof(*s));
	s->el = aarch64_regime.el;
	enum psci_conduit c = aarch64_psci_conduit();
	s->conduit = aarch64_psci_conduit_name(c);
	uint64_t out[4];
	if (aarch64_smccc_call(SMCCC_VERSION, 0, 0, 0, out))
		return;
	s->smccc = true;
	s->smccc_version = (int32_t)(uint32_t)out[0];
	/* SMCCC_VERSION exists from v1.1; the UID queries from v1.0, so ask either way. */
	if (aarch64_smccc_call(SMCCC_HYP_CALL_UID, 0, 0, 0, out))
		return;
	s->hyp_uid_valid = (uint32_t)out[0] != SMCCC_NOT_SUPPORTED;
	for (int i = 0; i < 4; i++)
		s->hyp_uid[i] = (uint32_t)out[i];
}
