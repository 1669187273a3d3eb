/* SPDX-License-Identifier: MIT */
/*
 * The one place that chooses the parent of MSI bus domains: the remap
 * domain when interrupt remapping is up, else the arch's bottom domain.
 * The bus domains themselves stay agnostic (DESIGN §1).
 */
#ifndef DOORBELL_MSI_PARENT_H
#define DOORBELL_MSI_PARENT_H

struct irq_domain;

#include <stdbool.h>

/*
 * NULL when the platform has no interrupt domain. The platform's IMS policy
 * is attached to it as its gate (irq_domain_supports).
 */
struct irq_domain *irq_msi_parent(void);
/* True when IMS is used against the policy's refusal (ims=force): label it a demonstration. */
bool irq_msi_parent_ims_demonstration(void);

#endif
