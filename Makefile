# doorbell: one top Makefile.
#   make                 build build/$(ARCH)/doorbell.efi (ARCH=x86_64 default, or aarch64)
#   make mb              build build/x86_64/doorbell.mb, the multiboot image (x86_64; QEMU -kernel)
#   make all-arch        build both EFI binaries
#   make image           build/doorbell.img: a GPT USB stick image with both binaries (README)
#   make run             boot CONFIG (default: the ARCH's default configuration) and show the TAP report
#   make test            layering and format check, host unit tests, fuzz smoke, every boot configuration
#   make host-test       host unit tests only
#   make corpus-golden   rewrite tests/host/acpi/corpus_findings.golden (the corpus findings by id)
#   make fuzz            run every fuzz target for FUZZ_SECONDS
#   make bench           benchmarks, figures in build/bench.json
#   make lava-job        write the LAVA job of CONFIG (build/lava/<config>@<qemu>/job.yaml)
#   make lava            run each arch's default configuration through LAVA's lava-run and check
#   make format / check  clang-format the tree / check formatting and layering
#   make clean

ARCH ?= x86_64
CONFIG ?=
QEMU_EXTRA ?=
ACPI_TABLES ?=
TESTS ?=
QEMU ?= 7.2
SMP ?=
CPU ?=
JOBS ?= 2
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 30

BUILD := build
TOP := $(CURDIR)
PYTHON := python3
SETUP := tools/setup.sh

.DEFAULT_GOAL := efi
.SUFFIXES:
.DELETE_ON_ERROR:
.PHONY: efi mb all-arch image run test host-test host-build corpus-golden fuzz fuzz-build bench format check clean setup \
	setup-host setup-x86_64 setup-aarch64 tables lava lava-job

ifeq ($(filter $(ARCH),x86_64 aarch64),)
$(error ARCH must be x86_64 or aarch64, not '$(ARCH)')
endif

# ---------------------------------------------------------------------------
# Set-up: tools/setup.sh installs what is missing (idempotent, quick when done).
# Targets that need tools depend on a stamp that re-runs it when the script changes.

SETUP_STAMP_host := $(BUILD)/.setup-host
SETUP_STAMP_x86_64 := $(BUILD)/.setup-x86_64
SETUP_STAMP_aarch64 := $(BUILD)/.setup-aarch64
SETUP_STAMP_qemu10 := $(BUILD)/.setup-qemu10
SETUP_STAMP_lava := $(BUILD)/.setup-lava

$(BUILD)/.setup-%: $(SETUP)
	@mkdir -p $(BUILD)
	@BUILD=$(TOP)/$(BUILD) bash $(SETUP) $*
	@touch $@

setup: $(SETUP_STAMP_x86_64) $(SETUP_STAMP_aarch64) $(SETUP_STAMP_qemu10)

# ---------------------------------------------------------------------------
# Sources. Shared logic is built for the guest and for the host.

LIB_SRCS := $(wildcard kernel/lib/*.c)
ACPI_SRCS := $(wildcard drivers/acpi/*.c)
IRQ_SRCS := $(wildcard kernel/irq/*.c)
MM_SRCS := $(wildcard kernel/mm/*.c)
POLICY_SRCS := $(wildcard kernel/policy/*.c)

# The arch is chosen at build time: each image links only its arch's platform drivers
# (arch/<arch>/platform_drivers.c is the table kernel/ reaches them through) and the
# guest tests that drive them.
DRIVER_SRCS_x86_64 := $(wildcard drivers/iommu/vtd/*.c drivers/ioapic/*.c drivers/hpet/*.c) \
	drivers/serial/uart16550.c
DRIVER_SRCS_aarch64 := $(wildcard drivers/irqchip/*.c drivers/iommu/smmuv3/*.c) drivers/serial/pl011.c
GUEST_TEST_SRCS_x86_64 := $(wildcard tests/guest/vtd*.c tests/guest/ioapic*.c tests/guest/hpet*.c) tests/guest/bench_vtd.c tests/guest/ims_forged.c
GUEST_TEST_SRCS_aarch64 := $(filter-out tests/guest/smmu_msi_absent.c,$(wildcard tests/guest/its*.c \
	tests/guest/smmu_*.c tests/guest/nested_*.c)) tests/guest/ims_forged_its.c

# The boot stages: the EFI stage in every EFI image; the multiboot entry (its C half and the
# 32-bit stub) only in the x86_64 multiboot image.
EFI_BOOT_SRCS := $(wildcard boot/efi_*.c)
MB_BOOT_SRCS := boot/multiboot.c
MB_BOOT_ASM := arch/x86_64/mb_entry.asm

GUEST_COMMON_SRCS := $(wildcard kernel/*.c kernel/libc/*.c kernel/test/*.c drivers/pci/*.c \
	drivers/iommu/*.c drivers/ims/*.c drivers/video/*.c) \
	$(filter-out $(GUEST_TEST_SRCS_x86_64) $(GUEST_TEST_SRCS_aarch64),$(wildcard tests/guest/*.c)) \
	$(LIB_SRCS) $(ACPI_SRCS) $(IRQ_SRCS) $(MM_SRCS) $(POLICY_SRCS)

GUEST_SRCS_x86_64 := $(wildcard arch/x86_64/*.c) $(DRIVER_SRCS_x86_64) $(GUEST_TEST_SRCS_x86_64)
GUEST_ASM_x86_64 := $(filter-out $(MB_BOOT_ASM),$(wildcard arch/x86_64/*.asm))
GUEST_SRCS_aarch64 := $(wildcard arch/aarch64/*.c) $(DRIVER_SRCS_aarch64) $(GUEST_TEST_SRCS_aarch64)
GUEST_ASM_aarch64 := $(wildcard arch/aarch64/*.S)

# ---------------------------------------------------------------------------
# Guest toolchain: clang + ld.lld + GNU-EFI.

CC := clang
LD := ld.lld
NASM := nasm

GUEST_WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-pointer-sign
GUEST_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-stack-protector -fpic -fvisibility=hidden \
	-fshort-wchar -fno-omit-frame-pointer -fno-strict-aliasing -nostdlibinc \
	-isystem kernel/libc/include -I. -DDOORBELL_GUEST $(GUEST_WARN)

EFI_INC_x86_64 := /usr/include/efi
EFI_LIB_x86_64 := /usr/lib
EFI_INC_aarch64 := $(BUILD)/gnu-efi-aarch64/usr/include/efi
EFI_LIB_aarch64 := $(BUILD)/gnu-efi-aarch64/usr/lib

CFLAGS_x86_64 := --target=x86_64-linux-gnu -mno-red-zone -mgeneral-regs-only -DGNU_EFI_USE_MS_ABI
CFLAGS_aarch64 := --target=aarch64-linux-gnu -mgeneral-regs-only -mstrict-align

G := $(BUILD)/$(ARCH)
EFI := $(G)/doorbell.efi
EFI_SO := $(G)/doorbell.so
EFI_INC := $(EFI_INC_$(ARCH))
EFI_LIB := $(EFI_LIB_$(ARCH))
ARCH_CFLAGS := $(CFLAGS_$(ARCH)) -isystem $(EFI_INC) -isystem $(EFI_INC)/$(ARCH) -isystem $(EFI_INC)/protocol

GUEST_SRCS := $(GUEST_COMMON_SRCS) $(GUEST_SRCS_$(ARCH))
GUEST_OBJS := $(GUEST_SRCS:%.c=$(G)/obj/%.o) $(patsubst %,$(G)/obj/%.o,$(GUEST_ASM_$(ARCH)))
EFI_OBJS := $(GUEST_OBJS) $(EFI_BOOT_SRCS:%.c=$(G)/obj/%.o)
MB_OBJS := $(GUEST_OBJS) $(MB_BOOT_SRCS:%.c=$(G)/obj/%.o) $(G)/obj/$(MB_BOOT_ASM).o
MB := $(BUILD)/x86_64/doorbell.mb

efi: $(EFI)

mb:
	@$(MAKE) --no-print-directory ARCH=x86_64 $(MB)

all-arch:
	@$(MAKE) --no-print-directory ARCH=x86_64 efi
	@$(MAKE) --no-print-directory ARCH=aarch64 efi

# The USB stick image, for dd onto a stick (README, "Booting a real machine from a USB stick").
image: all-arch
	@$(PYTHON) tools/mkimage.py --build $(BUILD)

$(G)/obj/%.o: %.c $(SETUP_STAMP_$(ARCH))
	@mkdir -p $(dir $@)
	@echo "  CC      $(ARCH) $<"
	@$(CC) $(GUEST_CFLAGS) $(ARCH_CFLAGS) -MMD -MP -c $< -o $@

$(G)/obj/%.asm.o: %.asm $(SETUP_STAMP_$(ARCH))
	@mkdir -p $(dir $@)
	@echo "  NASM    $<"
	@$(NASM) -f elf64 -g -MD $(@:.o=.d) -MP -I arch/x86_64/ $< -o $@

$(G)/obj/%.S.o: %.S $(SETUP_STAMP_$(ARCH))
	@mkdir -p $(dir $@)
	@echo "  AS      $(ARCH) $<"
	@$(CC) $(GUEST_CFLAGS) $(ARCH_CFLAGS) -MMD -MP -c $< -o $@

LDFLAGS_COMMON := -nostdlib -znocombreloc -z norelro -shared -Bsymbolic --no-undefined --apply-dynamic-relocs \
	--build-id=sha1

$(BUILD)/x86_64/doorbell.so: $(EFI_OBJS) linker/x86_64.lds
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS_COMMON) -T linker/x86_64.lds $(EFI_LIB)/crt0-efi-x86_64.o $(EFI_OBJS) \
		$(EFI_LIB)/libgnuefi.a -o $@

# GNU objcopy writes the PE image (llvm-objcopy 14 cannot).
$(BUILD)/x86_64/doorbell.efi: $(BUILD)/x86_64/doorbell.so
	@echo "  OBJCOPY $@"
	@objcopy -j .text -j .sdata -j .data -j .dynamic -j .dynsym -j .rel -j .rela -j '.rel.*' \
		-j '.rela.*' -j .reloc --target efi-app-x86_64 --subsystem=10 $< $@
	@if [ -f tools/check_efi.py ]; then $(PYTHON) tools/check_efi.py x86_64 $@; fi

$(BUILD)/aarch64/doorbell.so: $(EFI_OBJS) linker/aarch64.lds
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS_COMMON) -T linker/aarch64.lds $(EFI_LIB)/crt0-efi-aarch64.o $(EFI_OBJS) \
		$(EFI_LIB)/libgnuefi.a -o $@

# The crt0 carries a hand-made PE header: copy the sections flat, then pad
# to a multiple of 512 bytes (EDK2 refuses the image otherwise).
$(BUILD)/aarch64/doorbell.efi: $(BUILD)/aarch64/doorbell.so
	@echo "  OBJCOPY $@"
	@llvm-objcopy --allow-broken-links -O binary -j .text -j .sdata -j .data -j .dynamic -j .rodata \
		-j .rel -j .rela -j '.rel.*' -j '.rela.*' -j .areloc -j .reloc $< $@
	@truncate -s %512 $@
	@if [ -f tools/check_efi.py ]; then $(PYTHON) tools/check_efi.py aarch64 $@; fi

# The multiboot image: the same objects, a static link at 1 MiB (linker/x86_64-multiboot.lds),
# then flat: QEMU's -kernel loads it by the header's address fields.
$(BUILD)/x86_64/doorbell.mb.elf: $(MB_OBJS) linker/x86_64-multiboot.lds
	@echo "  LD      $@"
	@$(LD) -nostdlib -static --no-pie --no-undefined \
		-T linker/x86_64-multiboot.lds $(MB_OBJS) -o $@

$(BUILD)/x86_64/doorbell.mb: $(BUILD)/x86_64/doorbell.mb.elf
	@echo "  OBJCOPY $@"
	@llvm-objcopy -O binary $< $@

-include $(EFI_OBJS:.o=.d) $(if $(filter x86_64,$(ARCH)),$(MB_OBJS:.o=.d))

# ---------------------------------------------------------------------------
# Host builds of the shared logic: unit tests (cmocka), fuzz targets, tools.
# A host test lives in tests/host/<component>/test_*.c and links the
# component's sources, those of its HOST_DEPS and kernel/lib.

H := $(BUILD)/host
HOST_CC := clang
HOST_WARN := -Wall -Wextra -Werror -Wno-unused-parameter -Wshadow -Wno-pointer-sign
HOST_CFLAGS := -std=gnu11 -O1 -g -fno-omit-frame-pointer -I. -DDOORBELL_HOST $(HOST_WARN)
HOST_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined

SRCS_lib := $(LIB_SRCS) tests/host/support/console_host.c
SRCS_acpi := $(ACPI_SRCS)
SRCS_irq := $(IRQ_SRCS)
SRCS_mm := $(MM_SRCS) kernel/irq/irq_idalloc.c
SRCS_policy := $(POLICY_SRCS)
# The multiboot entry's translation: the test includes boot/multiboot.c for its static functions
# (a prerequisite, not compiled on its own).
SRCS_boot :=
HOST_DEPS_boot :=
HOST_INCLUDED := boot/multiboot.c
$(H)/tests/boot/test_multiboot: boot/multiboot.c boot/handoff.h
# The pure parts of the x86 arch (no hardware access): MSI compose, APIC-ID map, vector domain.
SRCS_x86 := arch/x86_64/x86_msi.c arch/x86_64/apic_map.c arch/x86_64/vector_domain.c
HOST_DEPS_x86 := irq
# The bus domains and the igb driver over a fake config space and BAR (tests/host/pci/support_pci.c).
SRCS_pci := drivers/pci/pci_dev.c drivers/pci/pci_msi.c drivers/pci/pci_msix.c drivers/pci/pci_alias.c \
	drivers/pci/dev_igb.c
# VT-d interrupt remapping without a unit: IRTE and message encoding, invalidation descriptors,
# unit selection by device scope; the unit, queue and table code against registers in host memory
# and faked arch hooks (tests/host/vtd/support_vtd.c, which also stands in for vtd_mmio.c: the
# registers are host memory, with a model of their write semantics in support_vtd_hw.c).
SRCS_vtd := drivers/iommu/vtd/vtd_irte.c drivers/iommu/vtd/vtd_qi_desc.c drivers/iommu/vtd/vtd_scope.c \
	drivers/iommu/vtd/vtd_unit.c drivers/iommu/vtd/vtd_probe.c drivers/iommu/vtd/vtd_qi.c \
	drivers/iommu/vtd/vtd_ir.c drivers/iommu/vtd/vtd_fault.c drivers/iommu/vtd/vtd_takeover.c \
	drivers/iommu/vtd/vtd_scope_special.c drivers/iommu/vtd/vtd_scope_check.c kernel/time.c drivers/pci/pci_alias.c
HOST_DEPS_vtd := mm acpi
HOST_HELPERS_vtd := tests/host/acpi/support_acpi.c
# The pure parts of the I/O APIC and HPET drivers: redirection entries from messages, route choice.
SRCS_ioapic := drivers/ioapic/ioapic_rte.c drivers/hpet/hpet_route.c
HOST_DEPS_ioapic :=
# The pure parts of the SMMUv3 driver: STE/CD/command/event encodings (stage 1 and stage 2), ID
# registers, stage-1 and stage-2 page tables, the ASID and VMID allocators.
SRCS_smmuv3 := drivers/iommu/smmuv3/smmuv3_desc.c drivers/iommu/smmuv3/smmuv3_caps.c \
	drivers/iommu/smmuv3/smmuv3_pgtable.c drivers/iommu/smmuv3/smmuv3_pgt_walk.c \
	drivers/iommu/smmuv3/smmuv3_tags.c \
	drivers/iommu/smmuv3/smmuv3_s2_desc.c drivers/iommu/smmuv3/smmuv3_s2_pgtable.c \
	kernel/irq/irq_idalloc.c
HOST_DEPS_smmuv3 :=
# The GICv3 ITS without an ITS: the table registers' attribute fallback, ID-space and table sizes,
# and the command queue against registers in host memory, consumed by a fake ITS in arch_cpu_relax
# (tests/host/its/support_its.c).
SRCS_its := drivers/irqchip/gic_baser_attr.c drivers/irqchip/gic_its_plan.c drivers/irqchip/gic_its_cmd.c \
	kernel/time.c
HOST_DEPS_its := mm
# The pure parts of the arm64 arch: CTR_EL0's cache line size.
SRCS_arm64 := arch/aarch64/cache_ctr.c
HOST_DEPS_arm64 :=
# The IMS bus domain over the irq core's fake levels and a fake slot store.
SRCS_ims := drivers/ims/ims_domain.c
HOST_DEPS_ims := irq
HOST_HELPERS_ims := tests/host/irq/support_fake.c
# The CPU bookkeeping both arches share (online mask, count, the irq core's CPU ops, calls) and
# arch_cpu_call's mailbox, with the monotonic clock as the counter and a fake current CPU and kick
# (tests/host/smp/support_smp.c).
SRCS_smp := kernel/smp.c kernel/cpu_mailbox.c kernel/time.c
HOST_DEPS_smp := irq
# The pure half of the per-device MSI parent: ids from an IORT path, the parent from the candidates.
SRCS_msi := kernel/msi_parent_pick.c
HOST_DEPS_msi :=
# The framebuffer console's pure logic: the font, pixel formats, drawing into a buffer in memory,
# the text ring, the live grid and its drawing, and the last screen (the sink itself, drivers/video/fbcon.c, is guest-only).
SRCS_fbcon := drivers/video/fbcon_font.c drivers/video/fbcon_glyph.c drivers/video/fbcon_pixel.c \
	drivers/video/fbcon_surface.c drivers/video/fbcon_text.c drivers/video/fbcon_final.c \
	drivers/video/fbcon_grid.c drivers/video/fbcon_rows.c drivers/video/fbcon_live.c
HOST_DEPS_fbcon :=
# The DMA mapping front end (identity, or a backend's pages) over a fake backend.
SRCS_dma := kernel/dma.c
HOST_DEPS_dma :=
# doorbell-acpi's pure logic: --diff (the tables' meaning compared) and --coverage (the unit of
# each requester id), with the VT-d scope resolution they share with the guest.
TOOL_ACPI_PURE := $(filter-out tools/doorbell-acpi/%_cmd.c,$(wildcard tools/doorbell-acpi/acpi_diff.c \
	tools/doorbell-acpi/diff_*.c tools/doorbell-acpi/coverage*.c tools/doorbell-acpi/tool_lines.c))
SRCS_tool := $(TOOL_ACPI_PURE) drivers/iommu/vtd/vtd_scope.c
HOST_DEPS_tool := acpi
HOST_HELPERS_tool := tests/host/acpi/support_acpi.c
HOST_DEPS_acpi :=
HOST_DEPS_policy := acpi
HOST_DEPS_irq :=
HOST_DEPS_mm :=
HOST_DEPS_lib :=
HOST_DEPS_pci := irq
# Helpers of another component's tests that a component reuses (the irq core's fake levels).
HOST_HELPERS_pci := tests/host/irq/support_fake.c

HOST_TEST_SRCS := $(wildcard tests/host/*/test_*.c)
HOST_TESTS := $(patsubst tests/host/%.c,$(H)/tests/%,$(HOST_TEST_SRCS))
comp_of = $(word 1,$(subst /, ,$(patsubst $(H)/tests/%,%,$(1))))
comp_srcs = $(SRCS_lib) $(SRCS_$(1)) $(foreach d,$(HOST_DEPS_$(1)),$(SRCS_$(d)))
comp_helpers = $(wildcard tests/host/$(1)/support_*.c) $(HOST_HELPERS_$(1))

# Each test is one compiler call over several sources, so it depends on every header (a header
# change rebuilds the host tests).
HOST_HEADERS := $(wildcard kernel/*.h kernel/*/*.h kernel/*/*/*.h drivers/*/*.h drivers/*/*/*.h \
	arch/*.h tests/host/*/*.h)

.SECONDEXPANSION:
$(H)/tests/%: tests/host/%.c $$(call comp_srcs,$$(call comp_of,$$@)) \
		$$(call comp_helpers,$$(call comp_of,$$@)) $(HOST_HEADERS) $(SETUP_STAMP_host)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) $(HOST_SAN) -DCORPUS_DIR='"$(TOP)/../shared/corpus/acpi"' \
		-DTOP_DIR='"$(TOP)"' $(filter-out $(HOST_INCLUDED),$(filter %.c,$^)) -lcmocka -o $@

# ACPI table variants (tools/acpi/*.asl) compiled by iasl. The timeout
# matters: iasl 20200925 loops on some malformed input.
ACPI_AML := $(patsubst tools/acpi/%.asl,$(BUILD)/acpi/%.aml,$(wildcard tools/acpi/*.asl))
$(BUILD)/acpi/%.aml: tools/acpi/%.asl $(SETUP_STAMP_host)
	@mkdir -p $(dir $@)
	@echo "  IASL    $<"
	@timeout 60 iasl -p $(basename $@) $< >/dev/null

# IORT variants with RMR nodes, which iasl 20200925 cannot compile: written by a script.
IORT_RMR_AML := $(patsubst %,$(BUILD)/acpi/iort-rmr-%.aml,ok reserved old msi ram)
$(BUILD)/acpi/iort-rmr-%.aml: tools/acpi/iort_rmr.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@python3 $< $* $@

# The arm64 FADT with a blank hypervisor vendor (a VM that hides itself), also written by a script.
FADT_ARM_AML := $(BUILD)/acpi/fadt-arm-novendor.aml
$(BUILD)/acpi/fadt-arm-%.aml: tools/acpi/fadt_arm.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@python3 $< $* $@

tables: $(ACPI_AML) $(IORT_RMR_AML) $(FADT_ARM_AML)

host-build: $(HOST_TESTS) $(H)/doorbell-acpi tables

host-test: host-build
	@$(PYTHON) tools/matrix.py --host-only --build $(BUILD)

# The corpus golden file (tests/host/acpi/corpus_findings.golden): findings over the firmware
# corpus by check id. host-test fails on a difference; this writes the file anew.
corpus-golden: $(H)/tests/acpi/test_corpus_golden
	@DOORBELL_GOLDEN_UPDATE=1 $<

# The firmware engineer's command: tables in, findings and verdict out.
TOOL_ACPI_SRCS := $(wildcard tools/doorbell-acpi/*.c)
$(H)/doorbell-acpi: $(TOOL_ACPI_SRCS) drivers/iommu/vtd/vtd_scope.c $(call comp_srcs,policy) \
		$(SETUP_STAMP_host)
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@if [ -n "$(TOOL_ACPI_SRCS)" ]; then \
		$(HOST_CC) $(HOST_CFLAGS) $(filter %.c,$^) -o $@; \
	else printf '#!/bin/sh\necho "doorbell-acpi: not built yet" >&2; exit 2\n' > $@; chmod +x $@; fi

# libFuzzer targets: tests/fuzz/fuzz_*.c, each linked with every shared component.
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZERS := $(patsubst tests/fuzz/%.c,$(H)/fuzz/%,$(FUZZ_SRCS))
FUZZ_LIB_SRCS := $(call comp_srcs,policy) $(SRCS_tool)

$(H)/fuzz/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(FUZZ_LIB_SRCS) $(SETUP_STAMP_host)
	@mkdir -p $(dir $@)
	@echo "  FUZZCC  $@"
	@$(HOST_CC) $(HOST_CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
		$(filter %.c,$^) -o $@

fuzz-build: $(FUZZERS)

fuzz: fuzz-build
	@$(PYTHON) tools/fuzz.py --build $(BUILD) --seconds $(FUZZ_SECONDS) --jobs $(JOBS)

# ---------------------------------------------------------------------------
# Running.

RUN_SETUP := $(SETUP_STAMP_$(ARCH)) $(if $(filter 10.0,$(QEMU)),$(SETUP_STAMP_qemu10))

run: $(RUN_SETUP) efi $(if $(filter x86_64,$(ARCH)),mb)
	@$(PYTHON) tools/run.py --build $(BUILD) --arch $(ARCH) --qemu $(QEMU) $(if $(CONFIG),--config $(CONFIG)) \
		$(if $(TESTS),--tests '$(TESTS)') $(if $(ACPI_TABLES),--acpi-tables '$(ACPI_TABLES)') \
		$(if $(ACPI_DUMP),--acpi-dump $(ACPI_DUMP)) $(if $(SMP),--smp $(SMP)) $(if $(CPU),--cpu '$(CPU)') \
		--qemu-extra '$(QEMU_EXTRA)' --show

test: setup
	@$(MAKE) --no-print-directory check
	@$(MAKE) --no-print-directory -j$(JOBS) ARCH=x86_64 efi mb
	@$(MAKE) --no-print-directory -j$(JOBS) ARCH=aarch64 efi
	@$(MAKE) --no-print-directory -j$(JOBS) host-build fuzz-build
	@$(PYTHON) tools/matrix.py --build $(BUILD) --jobs $(JOBS) --fuzz-seconds $(FUZZ_SMOKE_SECONDS)

# LAVA (tools/lava/README.md): the job of one configuration, or both arches' defaults run through
# LAVA's own dispatcher (lava-run, installed by `tools/setup.sh lava`) and held to the runner.
LAVA_CONFIG_ARCH = $(if $(CONFIG),$(shell $(PYTHON) tools/run.py --list | awk '$$1 == "$(CONFIG)" { print $$2 }'),$(ARCH))

lava-job: setup
	@$(MAKE) --no-print-directory ARCH=$(or $(LAVA_CONFIG_ARCH),$(ARCH)) efi
	@$(PYTHON) tools/lava.py job --build $(BUILD) --qemu $(QEMU) $(if $(CONFIG),--config $(CONFIG),--arch $(ARCH)) \
		$(if $(BOARD),--board) $(if $(OUT),--out $(OUT))

lava: setup $(SETUP_STAMP_lava)
	@$(MAKE) --no-print-directory -j$(JOBS) ARCH=x86_64 efi
	@$(MAKE) --no-print-directory -j$(JOBS) ARCH=aarch64 efi
	@$(PYTHON) tools/lava.py run --build $(BUILD) --qemu $(QEMU) $(if $(CONFIG),--config $(CONFIG))

bench: setup
	@$(MAKE) --no-print-directory ARCH=x86_64 efi mb
	@$(PYTHON) tools/bench.py --build $(BUILD)

# ---------------------------------------------------------------------------
# Housekeeping.

FORMAT_SRCS = $(shell git ls-files '*.c' '*.h' 2>/dev/null)

format:
	@clang-format -i $(FORMAT_SRCS)

check:
	@clang-format --dry-run --Werror $(FORMAT_SRCS)
	@$(PYTHON) tools/check_layers.py

clean:
	rm -rf $(BUILD)/x86_64 $(BUILD)/aarch64 $(BUILD)/host $(BUILD)/results $(BUILD)/esp $(BUILD)/doorbell.img
