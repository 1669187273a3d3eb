/* SPDX-License-Identifier: MIT */
/*
 * The one place that chooses the parent of MSI bus domains: the remap
 * domain when interrupt remapping is up (VT-d, GIC ITS), else the arch's
 * bottom domain when it composes messages itself (x86 vectors).
 * The bus domains themselves stay agnostic (docs/architecture.md,
 * "The interrupt domain stack").
 */
#ifndef DOORBELL_MSI_PARENT_H
#define DOORBELL_MSI_PARENT_H

#include <stdbool.h>

struct irq_domain;

/*
 * NULL when the platform has no domain that can compose an MSI (arm64
 * without an ITS). The platform's IMS policy is attached to it as its gate
 * (irq_domain_supports).
 */
struct irq_domain *irq_msi_parent(void);
/* Why irq_msi_parent() is NULL (for a SKIP reason). */
const char *irq_msi_parent_absent_reason(void);
/* True when IMS is used against the policy's refusal (ims=force): label it a demonstration. */
bool irq_msi_parent_ims_demonstration(void);

#endif
