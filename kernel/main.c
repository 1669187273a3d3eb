/* SPDX-License-Identifier: MIT */
/* kernel_main: from the boot stage's hand-off (EFI or multiboot) to the verdict. */
#include <stdio.h>
#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"
#include "drivers/pci/pci.h"
#include "drivers/video/fbcon_pixel.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/console_init.h"
#include "kernel/exit.h"
#include "kernel/kernel.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/msi_parent.h"
#include "kernel/platform.h"
#include "kernel/platform_drivers.h"
#include "kernel/platform_gap.h"
#include "kernel/report.h"
#include "kernel/test/dtest.h"
#include "kernel/test/dtest_needs.h"
#include "kernel/time.h"

#define DOORBELL_VERSION "0.1"

static struct boot_info *boot;

const struct boot_info *kernel_boot_info(void)
{
	return boot;
}

static void *identity_map(paddr_t phys, uint64_t len)
{
	(void)len;
	return (void *)(uintptr_t)phys;
}

static void report_boot_facts(const struct boot_info *bi)
{
	fact("arch", "%s", arch_name);
	fact("doorbell.version", "%s", DOORBELL_VERSION);
	fact("config", "%s", config_get_or("config", "none"));
	fact("boot.path", "%s", bi->boot_path == BOOT_PATH_MULTIBOOT ? "multiboot" : "uefi");
	fact("boot.efi_memory_descriptors", "%u", bi->efi_map_descriptors);
	fact("boot.exit_boot_services_tries", "%u", bi->exit_boot_services_tries);
	fact("boot.rsdp", "0x%llx", (unsigned long long)bi->rsdp_phys);
	fact("boot.image", "0x%llx+0x%llx", (unsigned long long)bi->image_base,
	     (unsigned long long)bi->image_size);
	fact("boot.acpi_files", "%u", bi->acpi_file_count);
	fact("fb.format", "%s", fbcon_format_name(bi->fb.format));
	if (bi->fb.format != BOOT_FB_NONE)
		fact("fb.mode", "%ux%u stride %u", bi->fb.width, bi->fb.height, bi->fb.stride);
	else
		fact("fb.mode", "none");
	fact("fb.base", "0x%llx+0x%llx", (unsigned long long)bi->fb.base,
	     (unsigned long long)bi->fb.size);
	fact("fb.console", "%s", console_screen_state());
	fact("mem.free_pages", "%llu", (unsigned long long)page_alloc_free_pages());
	fact("mem.zones", "%u", page_alloc_zone_count());
	fact("timer.hz", "%llu", (unsigned long long)arch_counter_hz());
	fact("boot.efi_to_kernel_us", "%llu",
	     (unsigned long long)time_ticks_to_us(bi->ebs_counter - bi->boot_counter));
}

/*
 * The platform the known gaps are checked against: the runner names the
 * emulator and its version (qemu_version=); a run without that (a real
 * machine, a USB stick booted by hand) is an unnamed platform, where every
 * gap observation is a failure.
 */
static void kernel_named_platform(struct dtest_platform *p)
{
	const char *v = config_get("qemu_version");
	uint32_t version;
	if (v && !platform_version_parse(v, &version)) {
		p->platform = (struct platform_id){.name = "QEMU", .version = version};
		fact("platform.named", "QEMU %s", v);
		return;
	}
	if (v)
		kprintf("# config: qemu_version=%s is not a version: the platform is unnamed\n", v);
	fact("platform.named", "none");
}

void kernel_main(struct boot_info *bi)
{
	boot = bi;
	arch_early_init(bi);
	int bad_config = config_parse((const char *)bi->config.data, bi->config.size);
	console_screen_init(&bi->fb);
	console_init(0);

	kprintf("TAP version 14\n");
	kprintf("# doorbell %s on %s: interrupt-delivery test harness\n", DOORBELL_VERSION,
		arch_name);
	if (bi->magic != BOOT_INFO_MAGIC)
		panic("boot_info magic 0x%llx is wrong", (unsigned long long)bi->magic);
	if (bad_config)
		kprintf("# config: %d malformed line(s) ignored\n", bad_config);
	if (!bi->config.size)
		kprintf(bi->boot_path == BOOT_PATH_MULTIBOOT
				? "# config: no module named config; defaults apply\n"
				: "# config: no \\doorbell\\config on the ESP; defaults apply\n");
	if (bi->cmdline)
		kprintf("# boot: command line \"%s\"\n", bi->cmdline);

	if (!page_alloc_init(bi->regions, bi->region_count, 0x100000, identity_map))
		panic("no conventional memory above 1 MiB for the page allocator");
	int err = arch_mmu_init(bi);
	if (err)
		panic("own page tables: %d", err);
	console_screen_map(&bi->fb);
	platform_acpi_load(bi);
	struct platform *plat = platform_get();
	arch_acpi_init(plat->have_acpi ? &plat->acpi : 0);
	arch_timer_init(bi);
	platform_detect();
	unsigned cpus = arch_smp_init(plat->have_acpi ? &plat->acpi : 0,
				      plat->policy.x2apic == POLICY_ON, plat->policy.apic_id_limit);
	const struct platform_drivers *drv = &arch_platform_drivers;
	drv->remap_init(); /* on the bottom domain; off (and said why) on any failure */
	msi_parent_init(); /* the IMS policy, as the gate of every MSI parent */

	report_boot_facts(bi);
	fact("cpu.online", "%u", cpus);
	fact("acpi.overrides", "%u", plat->overrides_applied);
	platform_report();
	drv->remap_report();
	findings_print(&plat->findings);

	struct dtest_platform p = {
		.arch = drv->dtest_arch,
		.cpus = cpus,
	};
	pci_init(plat->have_acpi ? &plat->acpi : 0);
	pci_report();
	if (drv->iommu_init)
		drv->iommu_init(); /* the streams of the PCI functions found; off (and why) on failure */
	if (drv->iommu_report)
		drv->iommu_report();
	/* Table checks that need the PCI functions: printed here, counted below. */
	static struct findings late;
	findings_init(&late);
	if (drv->pci_checks && plat->have_acpi)
		drv->pci_checks(&plat->parsed, &late);
	findings_print(&late);
	/* Every finding of the run so far: ACPI, detection, PCI, tables against PCI. */
	const struct findings *pf = pci_findings();
	static const struct {
		const char *key;
		enum finding_severity sev;
	} counts[] = {{"findings.errors", FINDING_ERROR},
		      {"findings.warnings", FINDING_WARNING},
		      {"findings.info", FINDING_INFO}};
	for (unsigned i = 0; i < 3; i++)
		fact(counts[i].key, "%u",
		     plat->findings.by_severity[counts[i].sev] + late.by_severity[counts[i].sev] +
			     (pf ? pf->by_severity[counts[i].sev] : 0));

	dtest_needs_fill(&p);
	p.bench = config_get_bool("bench", false);
	p.stress = config_get_bool("stress", false);
	const char *screen = config_get("screen");
	p.screen = screen && !strcmp(screen, "wait");
	kernel_named_platform(&p);
	int verdict = dtest_run_all(&p, config_get("tests"));
	kernel_exit((enum verdict)verdict);
}
