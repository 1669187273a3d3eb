/* SPDX-License-Identifier: MIT */
/*
 * The multiboot entry's C half (x86_64; arch/x86_64/mb_entry.asm calls it
 * in long mode on the identity map of the first 4 GiB). It fills struct
 * boot_info as the EFI stage does, from what a Multiboot 0.6.96 loader
 * (QEMU's -kernel on SeaBIOS) hands over: the memory map from the mmap
 * (types translated to the EFI codes the kernel reads), the ACPI RSDP found
 * in the BIOS area (ACPI 6.5 §5.2.5.1), the command line, and from the
 * modules the guest config (a module named "config") and ACPI table
 * overrides (every other module). No firmware services exist on this path.
 */
#include <stdbool.h>
#include <string.h>

#include "arch/hooks.h"
#include "boot/handoff.h"

#define MB_LOADER_MAGIC 0x2badb002u
#define MB_INFO_MEM     (1u << 0)
#define MB_INFO_CMDLINE (1u << 2)
#define MB_INFO_MODS    (1u << 3)
#define MB_INFO_MMAP    (1u << 6)
#define MB_MMAP_RAM     1
#define MB_MMAP_ACPI    3
#define MB_MMAP_NVS     4
#define MB_MMAP_BAD     5

#define PAGE     4096ull
#define LOW_TOP  0xa0000ull /* conventional memory below the legacy video area */
#define BUSY_MAX 48

struct mb_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_mmap {
	uint32_t size; /* of the rest of the entry */
	uint64_t addr, len;
	uint32_t type;
} __attribute__((packed));

struct mb_module {
	uint32_t start, end, string, reserved;
};

struct range {
	uint64_t base, end;
	uint32_t type;
};

extern const uint8_t __mb_load_start[], __mb_bss_end[];
__attribute__((noreturn)) void multiboot_main(uint32_t magic, uint32_t info_phys);

static struct boot_info mb_boot;
static struct mem_region mb_regions[BOOT_MAX_REGIONS];
static struct range busy[BUSY_MAX]; /* what the loader placed in RAM, sorted, page granular */
static unsigned busy_count;

static void *phys(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

/* Marks [base, base + len) as holding something the kernel reads: not free memory. */
static void busy_add(uint64_t base, uint64_t len, uint32_t type)
{
	if (!len || busy_count == BUSY_MAX)
		return;
	struct range r = {base & ~(PAGE - 1), (base + len + PAGE - 1) & ~(PAGE - 1), type};
	unsigned k = busy_count++;
	while (k > 0 && busy[k - 1].base > r.base) {
		busy[k] = busy[k - 1];
		k--;
	}
	busy[k] = r;
}

static void region_add(struct boot_info *bi, uint64_t base, uint64_t end, uint32_t type)
{
	if (end <= base || bi->region_count == BOOT_MAX_REGIONS)
		return;
	struct mem_region r = {.base = base, .pages = (end - base) / PAGE, .type = type};
	uint32_t k = bi->region_count++;
	while (k > 0 && bi->regions[k - 1].base > r.base) {
		bi->regions[k] = bi->regions[k - 1];
		k--;
	}
	bi->regions[k] = r;
}

/* Free RAM [base, end) (whole pages) with the busy ranges cut out as loader code / data. */
static void region_add_free(struct boot_info *bi, uint64_t base, uint64_t end)
{
	for (unsigned i = 0; i < busy_count && base < end; i++) {
		const struct range *b = &busy[i];
		if (b->end <= base || b->base >= end)
			continue;
		region_add(bi, base, b->base, MEM_CONVENTIONAL);
		uint64_t cut = b->end < end ? b->end : end;
		region_add(bi, b->base > base ? b->base : base, cut, b->type);
		base = cut;
	}
	region_add(bi, base, end, MEM_CONVENTIONAL);
}

/*
 * An available entry gets only the pages no region holds yet: the other
 * types are added first, so where the firmware's entries overlap, memory
 * it also calls reserved or ACPI is never handed out as free.
 */
static void region_add_ram(struct boot_info *bi, uint64_t base, uint64_t end)
{
	static struct range pieces[BOOT_MAX_REGIONS + 1];
	unsigned n = 0;
	base = (base + PAGE - 1) & ~(PAGE - 1);
	end &= ~(PAGE - 1);
	for (uint32_t i = 0; i < bi->region_count && base < end; i++) {
		const struct mem_region *r = &bi->regions[i];
		uint64_t rend = r->base + r->pages * PAGE;
		if (rend <= base || r->base >= end)
			continue;
		if (r->base > base)
			pieces[n++] = (struct range){base, r->base, 0};
		base = rend;
	}
	if (base < end)
		pieces[n++] = (struct range){base, end, 0};
	for (unsigned i = 0; i < n; i++)
		region_add_free(bi, pieces[i].base, pieces[i].end);
}

static uint32_t mb_type(uint32_t t)
{
	switch (t) {
	case MB_MMAP_RAM: return MEM_CONVENTIONAL;
	case MB_MMAP_ACPI: return MEM_ACPI_RECLAIM;
	case MB_MMAP_NVS: return MEM_ACPI_NVS;
	case MB_MMAP_BAD: return MEM_UNUSABLE;
	}
	return MEM_RESERVED;
}

/* Adds the entry when its kind (available or not) is the pass's. */
static void mb_add_entry(struct boot_info *bi, uint64_t base, uint64_t len, uint32_t mb, bool ram)
{
	uint32_t type = mb_type(mb);
	if ((type == MEM_CONVENTIONAL) != ram)
		return;
	if (ram)
		region_add_ram(bi, base, base + len);
	else /* whole pages, rounded outwards */
		region_add(bi, base & ~(PAGE - 1), (base + len + PAGE - 1) & ~(PAGE - 1), type);
}

/* Other entries the firmware gave overlapping: the later one starts where the earlier ends. */
static void regions_disjoin(struct boot_info *bi)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < bi->region_count; i++) {
		struct mem_region r = bi->regions[i];
		if (n) {
			const struct mem_region *p = &bi->regions[n - 1];
			uint64_t pend = p->base + p->pages * PAGE, end = r.base + r.pages * PAGE;
			if (r.base < pend) {
				if (end <= pend)
					continue;
				r.pages = (end - pend) / PAGE;
				r.base = pend;
			}
		}
		bi->regions[n++] = r;
	}
	bi->region_count = n;
}

/* Two passes: the entries that are not available memory, then the available ones around them. */
static void mb_memory_map(struct boot_info *bi, const struct mb_info *mi)
{
	for (int ram = 0; ram < 2; ram++) {
		if (mi->flags & MB_INFO_MMAP) {
			for (uint32_t off = 0; off + sizeof(struct mb_mmap) <= mi->mmap_length;) {
				const struct mb_mmap *e = phys(mi->mmap_addr + off);
				mb_add_entry(bi, e->addr, e->len, e->type, ram);
				off += e->size + sizeof(e->size);
			}
		} else if ((mi->flags & MB_INFO_MEM) && ram) {
			mb_add_entry(bi, 0, (uint64_t)mi->mem_lower << 10, MB_MMAP_RAM, true);
			mb_add_entry(bi, 0x100000, (uint64_t)mi->mem_upper << 10, MB_MMAP_RAM,
				     true);
		}
		if (!ram)
			regions_disjoin(bi);
	}
}

/* x86: the highest free page below the legacy video area for the AP trampoline. */
static uint64_t mb_low_page(const struct boot_info *bi)
{
	uint64_t best = 0;
	for (uint32_t i = 0; i < bi->region_count; i++) {
		const struct mem_region *r = &bi->regions[i];
		uint64_t end = r->base + r->pages * PAGE;
		if (end > LOW_TOP)
			end = LOW_TOP;
		/* not page 0: a SIPI vector of 0 is legal but the real-mode IVT lives there */
		if (r->type == MEM_CONVENTIONAL && end >= r->base + PAGE && end >= 2 * PAGE)
			best = end - PAGE;
	}
	return best;
}

/* Marks one page of a conventional region as loader data (the EFI path's AllocatePages). */
static void region_take_page(struct boot_info *bi, uint64_t page)
{
	for (uint32_t i = 0; i < bi->region_count; i++) {
		struct mem_region r = bi->regions[i];
		uint64_t end = r.base + r.pages * PAGE;
		if (r.type != MEM_CONVENTIONAL || page < r.base || page >= end)
			continue;
		bi->region_count--;
		for (uint32_t k = i; k < bi->region_count; k++)
			bi->regions[k] = bi->regions[k + 1];
		region_add(bi, r.base, page, MEM_CONVENTIONAL);
		region_add(bi, page, page + PAGE, MEM_LOADER_DATA);
		region_add(bi, page + PAGE, end, MEM_CONVENTIONAL);
		return;
	}
}

static uint8_t sum(const uint8_t *p, uint32_t n)
{
	uint8_t s = 0;
	while (n--)
		s += *p++;
	return s;
}

static bool rsdp_valid(const uint8_t *p)
{
	if (memcmp(p, "RSD PTR ", 8) || sum(p, 20))
		return false;
	uint32_t len;
	memcpy(&len, p + 20, sizeof(len));
	return p[15] < 2 || (len >= 36 && len <= 4096 && !sum(p, len));
}

static uint64_t rsdp_scan(uint64_t base, uint64_t len)
{
	for (uint64_t a = base & ~15ull; a + 20 <= base + len; a += 16)
		if (rsdp_valid(phys(a)))
			return a;
	return 0;
}

/* ACPI 6.5 §5.2.5.1: the first KiB of the EBDA (its segment at 0x40E), then 0xE0000-0xFFFFF. */
static void mb_find_rsdp(struct boot_info *bi)
{
	uint16_t ebda_seg;
	memcpy(&ebda_seg, phys(0x40e), sizeof(ebda_seg));
	uint64_t ebda = (uint64_t)ebda_seg << 4, rsdp = 0;
	if (ebda >= 0x400 && ebda < LOW_TOP)
		rsdp = rsdp_scan(ebda, 1024);
	if (!rsdp)
		rsdp = rsdp_scan(0xe0000, 0x20000);
	bi->rsdp_phys = rsdp;
	bi->rsdp_from_acpi20 = rsdp && ((const uint8_t *)phys(rsdp))[15] >= 2;
}

/* A module's file name: the last path element of the string's first word. */
static void module_name(char *out, size_t size, const char *s)
{
	const char *start = s, *p = s;
	for (; *p && *p != ' '; p++)
		if (*p == '/')
			start = p + 1;
	size_t n = (size_t)(p - start) < size - 1 ? (size_t)(p - start) : size - 1;
	memcpy(out, start, n);
	out[n] = 0;
}

static void mb_modules(struct boot_info *bi, const struct mb_info *mi)
{
	const struct mb_module *m = phys(mi->mods_addr);
	for (uint32_t i = 0; i < mi->mods_count; i++) {
		struct boot_file f = {.data = phys(m[i].start), .size = m[i].end - m[i].start};
		module_name(f.name, sizeof(f.name), m[i].string ? phys(m[i].string) : "");
		if (!strcmp(f.name, "config"))
			bi->config = f;
		else if (bi->acpi_file_count < BOOT_MAX_ACPI_FILES)
			bi->acpi_files[bi->acpi_file_count++] = f;
	}
}

/* Everything the loader put in memory that the kernel still reads: the image and the info. */
static void mb_busy(const struct mb_info *mi, uint64_t image, uint64_t image_end)
{
	busy_add(image, image_end - image, MEM_LOADER_CODE);
	busy_add((uintptr_t)mi, sizeof(*mi), MEM_LOADER_DATA);
	if (mi->flags & MB_INFO_CMDLINE)
		busy_add(mi->cmdline, strlen(phys(mi->cmdline)) + 1, MEM_LOADER_DATA);
	if (mi->flags & MB_INFO_MMAP)
		busy_add(mi->mmap_addr, mi->mmap_length, MEM_LOADER_DATA);
	if (!(mi->flags & MB_INFO_MODS))
		return;
	const struct mb_module *m = phys(mi->mods_addr);
	busy_add(mi->mods_addr, mi->mods_count * sizeof(*m), MEM_LOADER_DATA);
	for (uint32_t i = 0; i < mi->mods_count; i++) {
		busy_add(m[i].start, m[i].end - m[i].start, MEM_LOADER_DATA);
		if (m[i].string)
			busy_add(m[i].string, strlen(phys(m[i].string)) + 1, MEM_LOADER_DATA);
	}
}

void multiboot_main(uint32_t magic, uint32_t info_phys)
{
	struct boot_info *bi = &mb_boot;
	bi->boot_counter = arch_counter_read();
	bi->magic = BOOT_INFO_MAGIC;
	bi->boot_path = BOOT_PATH_MULTIBOOT;
	bi->regions = mb_regions;
	bi->image_base = (uintptr_t)__mb_load_start;
	bi->image_size = (uintptr_t)(__mb_bss_end - __mb_load_start);
	if (magic != MB_LOADER_MAGIC)
		bi->magic = 0; /* kernel_main stops with the reason */
	const struct mb_info *mi = phys(info_phys);
	if (bi->magic) {
		mb_busy(mi, bi->image_base, bi->image_base + bi->image_size);
		mb_memory_map(bi, mi);
		if (mi->flags & MB_INFO_CMDLINE)
			bi->cmdline = phys(mi->cmdline);
		if (mi->flags & MB_INFO_MODS)
			mb_modules(bi, mi);
	}
	mb_find_rsdp(bi);
	bi->low_page = mb_low_page(bi);
	if (bi->low_page)
		region_take_page(bi, bi->low_page);
	bi->ebs_counter = arch_counter_read();
	kernel_main(bi);
}
