/* SPDX-License-Identifier: MIT */
/*
 * The ITS command queue (Arm IHI 0069H §5.3, §12.19.2-12.19.5): a 64 KiB
 * ring at GITS_CBASER; software writes 32-byte commands at GITS_CWRITER,
 * the ITS consumes them up to it and advances GITS_CREADR. Every command
 * is waited for with a deadline: the ITS must have read past it (-ETIMEDOUT
 * otherwise); GITS_CREADR.Stalled means it met an error it will not go
 * past (-EIO; the queue stays stalled, later commands fail the same way).
 * A full ring is waited for too. Commands are serialised by its->lock; a
 * sequence that belongs together (MOVI and its SYNCs) is queued as one
 * batch under it, with one GITS_CWRITER write. The queue's attributes
 * follow gic_baser_attr.c: read back Non-shareable, it is made
 * Non-cacheable and every command is cleaned to PoC before CWRITER moves.
 */
#include <string.h>

#include "arch/hooks.h"
#include "drivers/irqchip/gic_baser_attr.h"
#include "drivers/irqchip/gic_its.h"
#include "drivers/irqchip/gic_its_regs.h"
#include "kernel/errno.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/time.h"

static uint64_t its_read64(const struct gic_its *its, unsigned off)
{
	return *(volatile uint64_t *)(uintptr_t)(its->base + off);
}

static void its_write64(const struct gic_its *its, unsigned off, uint64_t v)
{
	*(volatile uint64_t *)(uintptr_t)(its->base + off) = v;
}

int gic_its_cmd_init(struct gic_its *its)
{
	its->cq = page_alloc_aligned(GITS_CBASER_PAGES, GITS_CBASER_PAGES);
	if (!its->cq)
		return -ENOMEM;
	its->cq_size = GITS_CBASER_PAGES * PAGE_SIZE;
	its->cq_write = 0;
	uint64_t v = gic_baser_attr_request(GIC_BASER_LAYOUT_ITS,
					    GITS_BASER_VALID | its->cq | (GITS_CBASER_PAGES - 1));
	its_write64(its, GITS_CBASER, v);
	struct gic_baser_attr attr =
		gic_baser_attr_decide(GIC_BASER_LAYOUT_ITS, v, its_read64(its, GITS_CBASER));
	if (attr.rewrite)
		its_write64(its, GITS_CBASER, attr.value);
	if (attr.clean)
		its->clean = true;
	if (its->clean)
		arch_dcache_clean((const void *)(uintptr_t)its->cq, its->cq_size);
	its_write64(its, GITS_CWRITER, 0);
	return 0;
}

/* Wait until the ITS has read up to offset `upto`: 0, -EIO (stalled), -ETIMEDOUT. */
static int its_cmd_wait(struct gic_its *its, uint32_t upto)
{
	uint64_t t0 = arch_counter_read();
	deadline_t d = deadline_in_us(ITS_WAIT_US);
	int err = 0;
	for (;;) {
		uint64_t r = its_read64(its, GITS_CREADR);
		if (r & GITS_CREADR_STALLED) {
			its->stall_count++;
			err = -EIO;
			break;
		}
		if ((r & GITS_CQ_OFFSET_MASK) == upto)
			break;
		if (deadline_passed(d)) {
			its->timeout_count++;
			err = -ETIMEDOUT;
			break;
		}
		arch_cpu_relax();
	}
	its->last_wait_ticks = arch_counter_read() - t0;
	if (its->last_wait_ticks > its->max_wait_ticks)
		its->max_wait_ticks = its->last_wait_ticks;
	return err;
}

/* Queue n commands as one batch and wait until the ITS has read them all. */
static int its_cmd_send_batch(struct gic_its *its, const uint64_t (*cmds)[4], unsigned n)
{
	if (!its->cq)
		return -ENODEV;
	spin_lock(&its->lock);
	uint32_t at = its->cq_write;
	for (unsigned c = 0; c < n; c++) {
		uint32_t next = (at + GITS_CMD_SIZE) % its->cq_size;
		/* The ring is full while the ITS still has to read the slot after ours. */
		deadline_t d = deadline_in_us(ITS_WAIT_US);
		while ((its_read64(its, GITS_CREADR) & GITS_CQ_OFFSET_MASK) == next) {
			if (deadline_passed(d)) {
				its->timeout_count++;
				spin_unlock(&its->lock);
				return -ETIMEDOUT;
			}
			arch_cpu_relax();
		}
		volatile uint64_t *slot = (volatile uint64_t *)(uintptr_t)(its->cq + at);
		for (unsigned i = 0; i < 4; i++)
			slot[i] = cmds[c][i];
		if (its->clean)
			arch_dcache_clean((const void *)slot, GITS_CMD_SIZE);
		at = next;
	}
	arch_wmb(); /* the commands, and the tables they name, before CWRITER */
	its->cq_write = at;
	its_write64(its, GITS_CWRITER, at);
	its->cmd_count += n;
	int err = its_cmd_wait(its, at);
	spin_unlock(&its->lock);
	return err;
}

static int its_cmd_send(struct gic_its *its, const uint64_t cmd[4])
{
	return its_cmd_send_batch(its, (const uint64_t(*)[4])cmd, 1);
}

#define DW0(op, dev) ((uint64_t)(op) | ((uint64_t)(dev) << 32))

int gic_its_mapd(struct gic_its *its, uint32_t dev_id, uint64_t itt, uint32_t nevents, bool valid)
{
	unsigned bits = 0;
	while ((1u << bits) < nevents)
		bits++;
	uint64_t cmd[4] = {DW0(GITS_CMD_MAPD, dev_id), bits ? bits - 1 : 0,
			   (itt & 0xfffffffffff00ull) | (valid ? GITS_CMD_VALID : 0), 0};
	return its_cmd_send(its, cmd);
}

int gic_its_mapc(struct gic_its *its, uint16_t icid, uint64_t rdbase, bool valid)
{
	uint64_t cmd[4] = {GITS_CMD_MAPC, 0, icid | rdbase | (valid ? GITS_CMD_VALID : 0), 0};
	return its_cmd_send(its, cmd);
}

int gic_its_mapti(struct gic_its *its, uint32_t dev_id, uint32_t event, uint32_t intid,
		  uint16_t icid)
{
	uint64_t cmd[4] = {DW0(GITS_CMD_MAPTI, dev_id), event | ((uint64_t)intid << 32), icid, 0};
	return its_cmd_send(its, cmd);
}

/*
 * MOVI takes the event's pending state from the old collection's
 * redistributor to the new one's (IHI 0069H §5.3, MOVI), and a SYNC
 * guarantees only the effects on the redistributor it names (§5.3, SYNC):
 * both must be synchronised before the move counts as done. Linux syncs
 * only the old one (its_build_movi_cmd); the new one's is needed too before
 * a test or the caller expects the LPI to arrive at the new CPU.
 */
int gic_its_movi_sync(struct gic_its *its, uint32_t dev_id, uint32_t event, uint16_t icid,
		      uint64_t old_rdbase, uint64_t new_rdbase)
{
	uint64_t cmds[3][4] = {{DW0(GITS_CMD_MOVI, dev_id), event, icid, 0},
			       {GITS_CMD_SYNC, 0, old_rdbase, 0},
			       {GITS_CMD_SYNC, 0, new_rdbase, 0}};
	unsigned n = old_rdbase == new_rdbase ? 2 : 3;
	its->sync_count += n - 1;
	return its_cmd_send_batch(its, (const uint64_t(*)[4])cmds, n);
}

int gic_its_inv(struct gic_its *its, uint32_t dev_id, uint32_t event)
{
	uint64_t cmd[4] = {DW0(GITS_CMD_INV, dev_id), event, 0, 0};
	return its_cmd_send(its, cmd);
}

int gic_its_discard(struct gic_its *its, uint32_t dev_id, uint32_t event)
{
	uint64_t cmd[4] = {DW0(GITS_CMD_DISCARD, dev_id), event, 0, 0};
	return its_cmd_send(its, cmd);
}

int gic_its_sync(struct gic_its *its, uint64_t rdbase)
{
	uint64_t cmd[4] = {GITS_CMD_SYNC, 0, rdbase, 0};
	its->sync_count++;
	return its_cmd_send(its, cmd);
}

int gic_its_sync_cpu(struct gic_its *its, unsigned cpu)
{
	uint64_t rdbase;
	int err = gic_its_rdbase(its, cpu, &rdbase);
	return err ? err : gic_its_sync(its, rdbase);
}
