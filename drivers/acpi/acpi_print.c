/* SPDX-License-Identifier: MIT */
#include "drivers/acpi/acpi_print.h"

#include "kernel/console.h"

#define FACT "# fact "

void acpi_print_table_facts(const struct acpi_tables *t)
{
	if (t->rsdp_phys) {
		kprintf(FACT "acpi.rsdp=0x%llx\n", (unsigned long long)t->rsdp_phys);
		kprintf(FACT "acpi.rsdp_revision=%u\n", t->rsdp_revision);
		kprintf(FACT "acpi.oem_id=%s\n", t->oem_id[0] ? t->oem_id : "none");
		kprintf(FACT "acpi.root=%s\n", t->used_xsdt ? "XSDT" : "RSDT");
	}
	kprintf(FACT "acpi.table_count=%u\n", t->count);
	kputs(FACT "acpi.tables=");
	for (unsigned i = 0; i < t->count; i++)
		kprintf("%s%s%s", i ? "," : "", t->table[i].sig,
			t->table[i].overridden ? "(override)" : "");
	kputs(t->count ? "\n" : "none\n");
}

static void acpi_print_dmar(const struct acpi_platform *p)
{
	kprintf(FACT "dmar.count=%u\n", p->dmar_count);
	if (!p->has_dmar) {
		static const char *const keys[] = {"flags",
						   "intr_remap",
						   "x2apic_opt_out",
						   "dma_ctrl_platform_opt_in",
						   "experimental_ims_opt_in",
						   "host_address_width",
						   "drhd_count",
						   "drhd_bases",
						   "rmrr_count",
						   "atsr_count",
						   "satc_count",
						   "sidp_count"};
		for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			kprintf(FACT "dmar.%s=none\n", keys[i]);
		return;
	}
	const struct acpi_dmar *d = &p->dmar;
	kprintf(FACT "dmar.flags=0x%02x\n", d->flags);
	kprintf(FACT "dmar.intr_remap=%u\n", acpi_dmar_flag(d, 0));
	kprintf(FACT "dmar.x2apic_opt_out=%u\n", acpi_dmar_flag(d, 1));
	kprintf(FACT "dmar.dma_ctrl_platform_opt_in=%u\n", acpi_dmar_flag(d, 2));
	/* Not a VT-d flag: a reserved bit read as an IMS opt-in signal. */
	kprintf(FACT "dmar.experimental_ims_bit=%u\n", p->dmar_ims_bit);
	kprintf(FACT "dmar.experimental_ims_opt_in=%u\n", acpi_platform_dmar_ims_opt_in(p));
	kprintf(FACT "dmar.host_address_width=%u\n", d->host_address_width + 1u);
	kprintf(FACT "dmar.drhd_count=%u\n", d->drhd_count);
	kputs(FACT "dmar.drhd_bases=");
	for (unsigned i = 0; i < d->drhd_count; i++)
		kprintf("%s0x%llx", i ? "," : "", (unsigned long long)d->drhd[i].reg_base);
	kputs(d->drhd_count ? "\n" : "none\n");
	kprintf(FACT "dmar.rmrr_count=%u\n", d->rmrr_count);
	kprintf(FACT "dmar.atsr_count=%u\n", d->atsr_count);
	kprintf(FACT "dmar.satc_count=%u\n", d->satc_count);
	kprintf(FACT "dmar.sidp_count=%u\n", d->sidp_count);
}

static void acpi_print_iort(const struct acpi_platform *p)
{
	kprintf(FACT "iort.present=%u\n", p->has_iort);
	if (!p->has_iort) {
		static const char *const keys[] = {
			"revision",       "its_groups", "named_components",
			"root_complexes", "smmuv2",     "smmuv3",
			"pmcg",           "rmr",        "rid0_device_id"};
		for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			kprintf(FACT "iort.%s=none\n", keys[i]);
		return;
	}
	const struct acpi_iort *io = &p->iort;
	kprintf(FACT "iort.revision=%u\n", io->revision);
	kprintf(FACT "iort.its_groups=%u\n", io->type_count[ACPI_IORT_ITS_GROUP]);
	kprintf(FACT "iort.named_components=%u\n", io->type_count[ACPI_IORT_NAMED_COMPONENT]);
	kprintf(FACT "iort.root_complexes=%u\n", io->type_count[ACPI_IORT_ROOT_COMPLEX]);
	kprintf(FACT "iort.smmuv2=%u\n", io->type_count[ACPI_IORT_SMMU]);
	kprintf(FACT "iort.smmuv3=%u\n", io->type_count[ACPI_IORT_SMMUV3]);
	kprintf(FACT "iort.pmcg=%u\n", io->type_count[ACPI_IORT_PMCG]);
	kprintf(FACT "iort.rmr=%u\n", io->type_count[ACPI_IORT_RMR]);
	struct acpi_iort_path path;
	if (acpi_iort_map_rid(io, 0, 0, &path) == 0)
		kprintf(FACT "iort.rid0_device_id=0x%x\n", path.device_id);
	else
		kprintf(FACT "iort.rid0_device_id=none\n");
}

static void acpi_print_fadt(const struct acpi_platform *p)
{
	if (!p->has_fadt) {
		static const char *const keys[] = {
			"revision",       "hypervisor_vendor", "hypervisor_vendor_status",
			"psci_compliant", "psci_use_hvc",      "hw_reduced"};
		for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			kprintf(FACT "fadt.%s=none\n", keys[i]);
		return;
	}
	const struct acpi_fadt *fa = &p->fadt;
	kprintf(FACT "fadt.revision=%u.%u\n", fa->revision, fa->minor_revision);
	kprintf(FACT "fadt.hypervisor_vendor=%s\n",
		fa->hv_status == ACPI_FADT_HV_PRESENT ? fa->hypervisor_vendor : "none");
	kprintf(FACT "fadt.hypervisor_vendor_status=%s\n", acpi_fadt_hv_status_name(fa->hv_status));
	kprintf(FACT "fadt.psci_compliant=%u\n", fa->psci_compliant);
	kprintf(FACT "fadt.psci_use_hvc=%u\n", fa->psci_use_hvc);
	kprintf(FACT "fadt.hw_reduced=%u\n", (fa->flags & ACPI_FADT_HW_REDUCED_ACPI) != 0);
}

static void acpi_print_madt(const struct acpi_platform *p)
{
	if (!p->has_madt) {
		static const char *const keys[] = {"lapic", "x2apic", "ioapic",      "iso",  "nmi",
						   "gicc",  "gicd",   "gic_version", "gicr", "its"};
		for (unsigned i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			kprintf(FACT "madt.%s=none\n", keys[i]);
		return;
	}
	const struct acpi_madt *m = &p->madt;
	kprintf(FACT "madt.lapic=%u\n", m->lapic_count);
	kprintf(FACT "madt.x2apic=%u\n", m->x2apic_count);
	kprintf(FACT "madt.ioapic=%u\n", m->ioapic_count);
	kprintf(FACT "madt.iso=%u\n", m->iso_count);
	kprintf(FACT "madt.nmi=%u\n", m->nmi_count);
	kprintf(FACT "madt.gicc=%u\n", m->gicc_count);
	kprintf(FACT "madt.gicd=%u\n", m->gicd_count);
	if (m->gicd_count)
		kprintf(FACT "madt.gic_version=%u\n", m->gicd[0].version);
	else
		kprintf(FACT "madt.gic_version=none\n");
	kprintf(FACT "madt.gicr=%u\n", m->gicr_count);
	kprintf(FACT "madt.its=%u\n", m->its_count);
}

static void acpi_print_mcfg(const struct acpi_platform *p)
{
	if (!p->has_mcfg) {
		kprintf(FACT "mcfg.entries=none\n");
		kprintf(FACT "mcfg.ecam=none\n");
		return;
	}
	kprintf(FACT "mcfg.entries=%u\n", p->mcfg.entry_count);
	kputs(FACT "mcfg.ecam=");
	for (unsigned i = 0; i < p->mcfg.entry_count; i++) {
		const struct acpi_mcfg_entry *e = &p->mcfg.entry[i];
		kprintf("%s%u:%02x-%02x@0x%llx", i ? "," : "", e->segment, e->bus_start, e->bus_end,
			(unsigned long long)e->base);
	}
	kputs(p->mcfg.entry_count ? "\n" : "none\n");
}

void acpi_print_facts(const struct acpi_platform *p)
{
	acpi_print_dmar(p);
	acpi_print_iort(p);
	acpi_print_fadt(p);
	acpi_print_madt(p);
	acpi_print_mcfg(p);
	acpi_print_ivrs(p);
	/* The HPET number is what a DMAR HPET scope names (IA-PC HPET §3.2.4). */
	if (p->has_hpet)
		kprintf(FACT "hpet.number=%u\n", p->hpet.number);
	else
		kprintf(FACT "hpet.number=none\n");
	if (p->has_spcr) {
		kprintf(FACT "spcr.interface_type=%u\n", p->spcr.interface_type);
		kprintf(FACT "spcr.base=0x%llx\n", (unsigned long long)p->spcr.base.address);
	} else {
		kprintf(FACT "spcr.interface_type=none\n");
	}
}

void acpi_print_dump(const char *sig, uint64_t phys, const uint8_t *data, uint32_t len)
{
	kprintf("%.4s @ 0x%016llX\n", sig, (unsigned long long)phys);
	for (uint32_t off = 0; off < len; off += 16) {
		char line[96];
		unsigned n = 0;
		uint32_t k = len - off < 16 ? len - off : 16;
		static const char hex[] = "0123456789ABCDEF";
		for (uint32_t i = 0; i < 16; i++) {
			if (i < k) {
				line[n++] = hex[data[off + i] >> 4];
				line[n++] = hex[data[off + i] & 15];
				line[n++] = ' ';
			} else {
				line[n++] = ' ';
				line[n++] = ' ';
				line[n++] = ' ';
			}
		}
		line[n++] = ' ';
		for (uint32_t i = 0; i < k; i++) {
			uint8_t ch = data[off + i];
			line[n++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '.';
		}
		line[n] = '\0';
		/* acpidump prints the offset as "%8.4X". */
		if (off < 0x10000)
			kprintf("    %04X: %s\n", off, line);
		else if (off < 0x100000)
			kprintf("   %05X: %s\n", off, line);
		else
			kprintf("  %06X: %s\n", off, line);
	}
	kputs("\n");
}

void acpi_print_dump_all(const struct acpi_tables *t)
{
	for (unsigned i = 0; i < t->count; i++)
		acpi_print_dump(t->table[i].sig, t->table[i].phys, t->table[i].data,
				t->table[i].length);
}
