/* SPDX-License-Identifier: MIT */
/*
 * The one place that chooses the parent of MSI bus domains: the remap
 * domain when interrupt remapping is up, else the arch's bottom domain.
 * The bus domains themselves stay agnostic (DESIGN §1).
 */
#ifndef DOORBELL_MSI_PARENT_H
#define DOORBELL_MSI_PARENT_H

struct irq_domain;

/* NULL when the platform has no interrupt domain. */
struct irq_domain *irq_msi_parent(void);

#endif
