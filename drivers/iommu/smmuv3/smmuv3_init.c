/* SPDX-License-Identifier: MIT */
/*
 * Boot wiring of the SMMUv3: the first SMMUv3 node of the IORT, probed,
 * checked, built and enabled as the config's `smmu=` says (off | bypass |
 * s1 | nested | s2; bypass by default). nested and s2 first build the host
 * part's stage-2 domain (smmuv3_s2.h) and hand it the RMR ranges with
 * Device attributes as doorbell windows. Streams of the PCI functions behind it get the
 * default, StreamIDs of RMR nodes (IORT revision 5 or later) bypass, every
 * other StreamID aborts. RMR ranges in conventional memory are first kept
 * out of the page allocator; a node whose pages doorbell already uses is
 * refused (no bypass, no identity mapping). Any failure is printed and left as a finding; the
 * unit then stays as the firmware handed it over and the run goes on.
 */
#include <stdio.h>
#include <string.h>

#include "drivers/iommu/smmuv3/smmuv3.h"
#include "drivers/iommu/smmuv3/smmuv3_regs.h"
#include "drivers/pci/pci.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "kernel/mm/dma_reserve.h"
#include "kernel/platform.h"
#include "kernel/report.h"

static struct smmuv3 smmuv3_unit;
static bool smmuv3_tried, smmuv3_probed, smmuv3_up;
static enum smmuv3_mode smmuv3_cfg_mode = SMMUV3_MODE_BYPASS;
static char smmuv3_reason[200] = "not probed (no SMMUv3 driver on this arch)";
static unsigned smmuv3_node_count, smmuv3_in_use, smmuv3_rmr_streams, smmuv3_rmr_ranges;
static unsigned smmuv3_rmr_refused;
static uint32_t smmuv3_rmr_refused_at[SMMUV3_MAX_RMR]; /* the first refused nodes' offsets */
static uint64_t smmuv3_rmr_pages_kept;
static const char *smmuv3_rmr_state = "none";
static struct smmuv3_s2 smmuv3_host_s2;

static const struct acpi_iort *smmuv3_iort(void)
{
	struct platform *p = platform_get();
	return p->parsed.has_iort ? &p->parsed.iort : 0;
}

int smmuv3_rid_to_sid(const struct smmuv3 *s, uint32_t rid, uint32_t *sid)
{
	const struct acpi_iort *io = smmuv3_iort();
	struct acpi_iort_path path;
	if (!io)
		return -ENOENT;
	/* The walk may stop after the SMMU (no ITS behind it): the StreamID is known by then. */
	acpi_iort_map_rid(io, 0, rid, &path);
	if (!path.has_smmu || path.smmu_node != s->iort_node)
		return -ENOENT;
	*sid = path.stream_id;
	return 0;
}

/* Largest StreamID any root complex, named component or RMR node sends to node. */
static uint32_t smmuv3_max_sid(const struct acpi_iort *io, unsigned node)
{
	uint32_t max = 0;
	for (unsigned i = 0; i < io->mapping_count; i++) {
		const struct acpi_iort_mapping *m = &io->mapping[i];
		if (m->output_node != node)
			continue;
		uint64_t last = m->output_base;
		if (!(m->flags & ACPI_IORT_ID_SINGLE_MAPPING))
			last += m->id_count;
		if (last > 0xffffffffull)
			last = 0xffffffffull;
		if (last > max)
			max = (uint32_t)last;
	}
	return max;
}

static void smmuv3_fail(const char *what, int err)
{
	struct platform *p = platform_get();
	snprintf(smmuv3_reason, sizeof(smmuv3_reason), "unit 0x%llx: %s failed: %s",
		 (unsigned long long)smmuv3_unit.base, what, errno_name(err));
	kprintf("# smmuv3: %s; the unit is left disabled\n", smmuv3_reason);
	finding_add(&p->findings, FINDING_ERROR, "SMMU0", FINDING_NO_OFFSET, "%s failed (%s)", what,
		    errno_name(err));
}

/* Streams of the PCI functions behind the unit. */
static void smmuv3_track_pci(struct smmuv3 *s, int base_config)
{
	for (unsigned i = 0; i < pci_dev_count(); i++) {
		uint32_t sid;
		if (smmuv3_rid_to_sid(s, pci_dev_rid(pci_dev_get(i)), &sid) ||
		    !smmuv3_ste_get(s, sid) || s->stream_count >= SMMUV3_MAX_STREAMS)
			continue;
		struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
		if (!st) {
			st = &s->stream[s->stream_count++];
			memset(st, 0, sizeof(*st));
			st->sid = sid;
		}
		st->in_use = true;
		st->base_config = base_config;
		smmuv3_in_use++;
	}
}

static void smmuv3_rmr_add(struct smmuv3 *s, uint32_t sid, const struct acpi_iort *io,
			   const struct acpi_iort_node *n)
{
	struct smmuv3_stream *st = smmuv3_stream_find(s, sid);
	if (!st) {
		if (s->stream_count >= SMMUV3_MAX_STREAMS || !smmuv3_ste_get(s, sid))
			return;
		st = &s->stream[s->stream_count++];
		memset(st, 0, sizeof(*st));
		st->sid = sid;
	}
	if (!st->rmr)
		smmuv3_rmr_streams++;
	st->rmr = true;
	st->base_config =
		SMMUV3_STE_BYPASS; /* reserved memory stays reachable (Linux does the same) */
	/* Access attributes, flags 9:2 (IORT E.e Table 19): 0x00-0x03 are Device types. */
	bool device = ((n->u.rmr.flags >> 2) & 0xffu) < 0x04u;
	for (unsigned r = 0; r < n->u.rmr.count && st->rmr_count < SMMUV3_MAX_RMR; r++) {
		st->rmr_range[st->rmr_count].base = io->rmr_range[n->u.rmr.first + r].base;
		st->rmr_range[st->rmr_count].length = io->rmr_range[n->u.rmr.first + r].length;
		st->rmr_range[st->rmr_count].device = device;
		st->rmr_count++;
		smmuv3_rmr_ranges++;
	}
}

/*
 * The node's ranges out of doorbell's page allocator (dma_reserve): the
 * firmware gave them to a device, which may write there at any time, so a
 * range the memory map calls conventional (iort.rmr-not-reserved) must not
 * hold doorbell's own data. A range another node or SMMU already reserved is
 * no conflict. False when a page is doorbell's own (allocated before the
 * IORT was read, or a zone's bitmap): the node is then refused, its
 * StreamIDs get no bypass and no identity mapping; its free pages stay out
 * of the allocator (lost, never a device's target).
 */
static bool smmuv3_rmr_claim(const struct acpi_iort *io, const struct acpi_iort_node *n)
{
	for (unsigned r = 0; r < n->u.rmr.count; r++) {
		const struct acpi_iort_rmr_range *x = &io->rmr_range[n->u.rmr.first + r];
		unsigned long long last = x->base + (x->length - 1);
		uint64_t pages = 0, busy = 0;
		if (!x->length)
			continue; /* empty: nothing doorbell could hand out */
		/* -EINVAL (wrapping) reserves nothing. */
		if (dma_reserve(x->base, last, &pages, &busy) == 0 && busy) {
			if (smmuv3_rmr_refused < SMMUV3_MAX_RMR)
				smmuv3_rmr_refused_at[smmuv3_rmr_refused] = n->offset;
			smmuv3_rmr_refused++;
			smmuv3_rmr_pages_kept += pages;
			kprintf("# smmuv3: RMR node at IORT+0x%x refused: range 0x%llx-0x%llx "
				"holds %llu page(s) doorbell already uses; its StreamIDs get "
				"neither the RMR's bypass nor its identity mapping\n",
				n->offset, (unsigned long long)x->base, last,
				(unsigned long long)busy);
			return false;
		}
		if (pages)
			kprintf("# smmuv3: RMR range 0x%llx-0x%llx: %llu page(s) of conventional "
				"memory kept out of doorbell's allocator\n",
				(unsigned long long)x->base, last, (unsigned long long)pages);
		smmuv3_rmr_pages_kept += pages;
	}
	return true;
}

bool smmuv3_rmr_node_refused(uint32_t offset)
{
	for (unsigned i = 0; i < smmuv3_rmr_refused && i < SMMUV3_MAX_RMR; i++)
		if (smmuv3_rmr_refused_at[i] == offset)
			return true;
	return false;
}

/* True when one of the RMR node's ID mappings goes to this unit. */
static bool smmuv3_rmr_reaches(const struct smmuv3 *s, const struct acpi_iort *io,
			       const struct acpi_iort_node *n)
{
	for (unsigned k = 0; k < n->map_count; k++)
		if (io->mapping[n->map_first + k].output_node == s->iort_node)
			return true;
	return false;
}

/* RMR nodes (DEN 0049E.d §3.1.1.9) whose ID mappings reach this unit. */
static void smmuv3_track_rmr(struct smmuv3 *s, const struct acpi_iort *io)
{
	if (!io->type_count[ACPI_IORT_RMR])
		return;
	if (io->revision < ACPI_IORT_REVISION_RMR) {
		smmuv3_rmr_state = "ignored";
		kprintf("# smmuv3: %u RMR node(s) ignored: IORT revision %u, RMR nodes count from "
			"revision %u\n",
			io->type_count[ACPI_IORT_RMR], io->revision, ACPI_IORT_REVISION_RMR);
		return;
	}
	for (unsigned i = 0; i < io->node_count; i++) {
		const struct acpi_iort_node *n = &io->node[i];
		if (n->type != ACPI_IORT_RMR || !smmuv3_rmr_reaches(s, io, n))
			continue;
		if (!smmuv3_rmr_claim(io, n))
			continue;
		for (unsigned k = 0; k < n->map_count; k++) {
			const struct acpi_iort_mapping *m = &io->mapping[n->map_first + k];
			if (m->output_node != s->iort_node)
				continue;
			uint32_t count =
				(m->flags & ACPI_IORT_ID_SINGLE_MAPPING) ? 1 : m->id_count + 1;
			for (uint32_t j = 0; j < count && j < SMMUV3_MAX_STREAMS; j++)
				smmuv3_rmr_add(s, m->output_base + j, io, n);
		}
	}
	smmuv3_rmr_state = smmuv3_rmr_streams   ? "installed"
			   : smmuv3_rmr_refused ? "refused"
						: "none";
}

static enum smmuv3_mode smmuv3_mode_from_config(void)
{
	const char *m = config_get_or("smmu", "bypass");
	if (!strcmp(m, "off"))
		return SMMUV3_MODE_OFF;
	if (!strcmp(m, "s1"))
		return SMMUV3_MODE_S1;
	if (!strcmp(m, "nested"))
		return SMMUV3_MODE_NESTED;
	if (!strcmp(m, "s2"))
		return SMMUV3_MODE_S2;
	if (strcmp(m, "bypass"))
		kprintf("# config: smmu=%s is not off, bypass, s1, nested or s2; bypass used\n", m);
	return SMMUV3_MODE_BYPASS;
}

/*
 * The host part: its stage-2 domain, and the streams' RMR ranges with
 * Device attributes as the windows it may put a doorbell in.
 */
static int smmuv3_host_setup(struct smmuv3 *s)
{
	struct smmuv3_s2 *d = &smmuv3_host_s2;
	int err = smmuv3_s2_init(d, s, smmuv3_cfg_mode == SMMUV3_MODE_NESTED);
	if (err)
		return err;
	for (unsigned i = 0; i < s->stream_count; i++)
		for (unsigned r = 0; r < s->stream[i].rmr_count; r++)
			if (s->stream[i].rmr_range[r].device)
				smmuv3_s2_add_rmr_window(d, s->stream[i].rmr_range[r].base,
							 s->stream[i].rmr_range[r].length);
	s->s2 = d;
	return 0;
}

static int smmuv3_install_streams(struct smmuv3 *s)
{
	for (unsigned i = 0; i < s->stream_count; i++) {
		struct smmuv3_stream *st = &s->stream[i];
		int err;
		bool s1 =
			smmuv3_cfg_mode == SMMUV3_MODE_S1 || smmuv3_cfg_mode == SMMUV3_MODE_NESTED;
		if (s1 && st->in_use) {
			struct smmuv3_ctx *c;
			err = smmuv3_ctx_get(s, st->sid, &c); /* the default holds this reference */
		} else if (smmuv3_cfg_mode == SMMUV3_MODE_S2 && st->in_use) {
			struct smmuv3_ste ste = smmuv3_s2_ste(s->s2, 0);
			st->base_config = SMMUV3_STE_S2;
			err = smmuv3_ste_install(s, st->sid, &ste);
		} else {
			struct smmuv3_ste ste = st->base_config == SMMUV3_STE_BYPASS
							? smmuv3_ste_bypass()
							: smmuv3_ste_abort();
			err = smmuv3_ste_install(s, st->sid, &ste);
		}
		if (err)
			return err;
	}
	return 0;
}

void smmuv3_init(void)
{
	struct smmuv3 *s = &smmuv3_unit;
	smmuv3_tried = true;
	smmuv3_cfg_mode = smmuv3_mode_from_config();
	const struct acpi_iort *io = smmuv3_iort();
	if (!io) {
		snprintf(smmuv3_reason, sizeof(smmuv3_reason), "no IORT: no SMMU is described");
		return;
	}
	unsigned node = ACPI_IORT_NO_NODE;
	for (unsigned i = 0; i < io->node_count; i++)
		if (io->node[i].type == ACPI_IORT_SMMUV3 && smmuv3_node_count++ == 0)
			node = i;
	if (node == ACPI_IORT_NO_NODE) {
		snprintf(smmuv3_reason, sizeof(smmuv3_reason), "no SMMUv3 node in the IORT");
		return;
	}
	if (smmuv3_node_count > 1)
		kprintf("# smmuv3: %u SMMUv3 nodes; only the first is driven\n", smmuv3_node_count);
	const struct acpi_iort_node *n = &io->node[node];
	memset(s, 0, sizeof(*s));
	s->iort_node = node;
	s->event_gsiv = n->u.smmuv3.event_gsiv;
	s->gerr_gsiv = n->u.smmuv3.gerr_gsiv;
	s->sync_gsiv = n->u.smmuv3.sync_gsiv;
	s->base = n->u.smmuv3.base;
	int err = s->base ? smmuv3_probe(s, n->u.smmuv3.base) : -EINVAL;
	if (err) {
		smmuv3_fail("register probe", err);
		return;
	}
	smmuv3_probed = true;
	uint32_t max_sid = smmuv3_max_sid(io, node);
	char why[160];
	bool need_s1 = smmuv3_cfg_mode == SMMUV3_MODE_S1 || smmuv3_cfg_mode == SMMUV3_MODE_NESTED;
	bool need_s2 = smmuv3_cfg_mode == SMMUV3_MODE_NESTED || smmuv3_cfg_mode == SMMUV3_MODE_S2;
	if (smmuv3_caps_check_stages(&s->caps, max_sid, need_s1, need_s2, why, sizeof(why))) {
		snprintf(smmuv3_reason, sizeof(smmuv3_reason), "refused: %s", why);
		kprintf("# smmuv3: unit 0x%llx %s\n", (unsigned long long)s->base, smmuv3_reason);
		return;
	}
	if (smmuv3_cfg_mode == SMMUV3_MODE_OFF) {
		snprintf(smmuv3_reason, sizeof(smmuv3_reason),
			 "smmu=off in the config: left disabled as handed over (all bypass)");
		return;
	}
	unsigned log2 = smmuv3_sid_bits_for(max_sid);
	err = smmuv3_setup(s, log2);
	if (err) {
		smmuv3_fail("queue and table set-up", err);
		return;
	}
	smmuv3_track_pci(s, smmuv3_cfg_mode == SMMUV3_MODE_BYPASS ? SMMUV3_STE_BYPASS
								  : SMMUV3_STE_ABORT);
	smmuv3_track_rmr(s, io);
	if (need_s2) {
		err = smmuv3_host_setup(s);
		if (err) {
			smmuv3_fail("stage-2 domain", err);
			return;
		}
	}
	err = smmuv3_install_streams(s);
	if (err) {
		smmuv3_fail("stream table entries", err);
		smmuv3_cr0_write(s, 0);
		return;
	}
	/* The event interrupt, or polled (smmuv3_evtq_irq_reason says why). */
	if (smmuv3_evtq_irq_setup(s))
		kprintf("# smmuv3: event queue polled: %s\n", smmuv3_evtq_irq_reason());
	err = smmuv3_enable(s);
	if (err) {
		smmuv3_fail("SMMUEN", err);
		smmuv3_cr0_write(s, 0);
		return;
	}
	smmuv3_reason[0] = '\0';
	smmuv3_up = true;
	dma_set_ops(&smmuv3_dma_ops); /* drivers' DMA buffers reach translated streams too */
	iommu_msi_set_ops(&smmuv3_msi_ops);
}

struct smmuv3 *smmuv3_get(void)
{
	return smmuv3_up ? &smmuv3_unit : 0;
}

const char *smmuv3_absent_reason(void)
{
	return smmuv3_up ? "" : smmuv3_reason;
}

enum smmuv3_mode smmuv3_mode(void)
{
	return smmuv3_up ? smmuv3_cfg_mode : SMMUV3_MODE_OFF;
}

static const char *smmuv3_mode_name(enum smmuv3_mode m)
{
	switch (m) {
	case SMMUV3_MODE_OFF: return "off";
	case SMMUV3_MODE_BYPASS: return "bypass";
	case SMMUV3_MODE_S1: return "s1";
	case SMMUV3_MODE_NESTED: return "nested";
	case SMMUV3_MODE_S2: return "s2";
	}
	return "off";
}

static void smmuv3_report_caps(const struct smmuv3 *s)
{
	const struct smmuv3_caps *c = &s->caps;
	fact("smmuv3.base", "0x%llx", (unsigned long long)s->base);
	for (unsigned i = 0; i < 6; i++) {
		char key[16];
		snprintf(key, sizeof(key), "smmuv3.idr%u", i);
		fact(key, "0x%08x", c->idr[i]);
	}
	fact("smmuv3.iidr", "0x%08x", c->iidr);
	fact("smmuv3.aidr", "0x%08x", c->aidr);
	fact("smmuv3.s1p", "%u", c->s1p);
	fact("smmuv3.s2p", "%u", c->s2p);
	fact("smmuv3.ttf", "%s",
	     c->ttf == 3   ? "aarch32+aarch64"
	     : c->ttf == 2 ? "aarch64"
			   : "aarch32");
	fact("smmuv3.coherent", "%u", c->cohacc);
	fact("smmuv3.asid_bits", "%u", c->asid16 ? 16 : 8);
	fact("smmuv3.vmid_bits", "%u", c->vmid16 ? 16 : 8);
	fact("smmuv3.msi", "%u", c->msi);
	fact("smmuv3.ats", "%u", c->ats);
	fact("smmuv3.pri", "%u", c->pri);
	fact("smmuv3.st_level", "%s", c->two_level_st ? "linear+2level" : "linear");
	fact("smmuv3.sid_bits", "%u", c->sid_bits);
	fact("smmuv3.ssid_bits", "%u", c->ssid_bits);
	fact("smmuv3.cmdqs", "%u", c->cmdq_log2);
	fact("smmuv3.eventqs", "%u", c->evtq_log2);
	fact("smmuv3.oas", "%u", c->oas_bits);
	fact("smmuv3.granules", "%s%s%s", c->gran4k ? "4k" : "", c->gran16k ? ",16k" : "",
	     c->gran64k ? ",64k" : "");
	fact("smmuv3.stall_model", "%u", c->stall_model);
}

void smmuv3_report(void)
{
	if (!smmuv3_tried)
		return;
	const struct smmuv3 *s = &smmuv3_unit;
	fact("smmuv3.nodes", "%u", smmuv3_node_count);
	if (smmuv3_probed)
		smmuv3_report_caps(s);
	fact("smmuv3.state", "%s", smmuv3_up ? "on" : "off");
	if (!smmuv3_up) {
		fact("smmuv3.reason", "%s", smmuv3_reason);
		return;
	}
	fact("smmuv3.mode", "%s", smmuv3_mode_name(smmuv3_cfg_mode));
	fact("smmuv3.strtab", "0x%llx log2size %u", (unsigned long long)s->strtab, s->strtab_log2);
	fact("smmuv3.cmdq", "0x%llx log2size %u", (unsigned long long)s->cmdq, s->cmdq_log2);
	fact("smmuv3.eventq", "0x%llx log2size %u", (unsigned long long)s->evtq, s->evtq_log2);
	fact("smmuv3.streams_in_use", "%u", smmuv3_in_use);
	fact("smmuv3.rmr", "%s", smmuv3_rmr_state);
	fact("smmuv3.rmr_streams", "%u", smmuv3_rmr_streams);
	fact("smmuv3.rmr_ranges", "%u", smmuv3_rmr_ranges);
	if (smmuv3_rmr_refused)
		fact("smmuv3.rmr_refused", "%u", smmuv3_rmr_refused);
	if (smmuv3_rmr_pages_kept)
		fact("smmuv3.rmr_pages_kept", "%llu", (unsigned long long)smmuv3_rmr_pages_kept);
	fact("smmuv3.evtq_irq", "%s", smmuv3_evtq_irq_state());
	if (!s->evtq_irq)
		fact("smmuv3.evtq_gsiv", "%u (polled: %s)", s->event_gsiv,
		     smmuv3_evtq_irq_reason());
	else
		fact("smmuv3.evtq_gsiv", "%u", s->event_gsiv);
	fact("smmuv3.msi_window", "0x%llx-0x%llx", (unsigned long long)SMMUV3_MSI_WINDOW_BASE,
	     (unsigned long long)(SMMUV3_MSI_WINDOW_BASE + SMMUV3_MSI_WINDOW_SIZE - 1));
	fact("smmuv3.gbpa", "0x%08x", smmuv3_read32(s, SMMUV3_GBPA));
	fact("smmuv3.dma", "%s",
	     smmuv3_cfg_mode == SMMUV3_MODE_S1 || smmuv3_cfg_mode == SMMUV3_MODE_NESTED
		     ? "identity iova"
	     : smmuv3_cfg_mode == SMMUV3_MODE_S2 ? "identity ipa"
						 : "bypass");
	if (s->s2)
		smmuv3_s2_report(s->s2);
	for (unsigned i = 0; i < s->stream_count; i++) {
		const struct smmuv3_stream *st = &s->stream[i];
		const struct smmuv3_ste *ste = smmuv3_ste_get((struct smmuv3 *)s, st->sid);
		kprintf("# smmuv3: stream 0x%x%s%s: STE %s\n", st->sid, st->in_use ? " in use" : "",
			st->rmr ? " rmr" : "", smmuv3_ste_config_name(smmuv3_ste_config(ste)));
	}
}
