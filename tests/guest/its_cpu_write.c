/* SPDX-License-Identifier: MIT */
/*
 * its.cpu_write: a CPU store of edu's mapped EventID to GITS_TRANSLATER
 * does not raise edu's interrupt: the ITS takes the DeviceID from the
 * write's requester, and a CPU is not edu. Which DeviceID a CPU write does
 * carry is probed with an interrupt mapped for RID 0: QEMU gives CPU
 * stores requester id 0, so a CPU can raise DeviceID 0's interrupts (known
 * gap qemu-its-cpu-devid).
 */
#include "arch/hooks.h"
#include "kernel/errno.h"
#include "kernel/report.h"
#include "tests/guest/itstest.h"

DTEST(its_cpu_write, .name = "its.cpu_write",
      .summary = "a CPU write of a mapped EventID to GITS_TRANSLATER does not deliver it",
      .arch = DTEST_ARCH_AARCH64, .needs = DTEST_NEED_EDU | DTEST_NEED_ITS, .deadline_ms = 5000)
{
	struct gic_its_domain *d = itstest_domain(t);
	if (!d)
		return;
	struct irqtest_msi s;
	struct itstest_probe p = {0};
	struct itstest_event ev;
	if (!itstest_msi_open(t, d, &s, &ev))
		goto out;
	uint32_t event = ev.event;

	struct irqtest_snap before;
	irqtest_snap(&before, s.virq);
	itstest_cpu_write_translater(event);
	irqtest_idle(ITSTEST_QUIET_US);
	irqtest_expect_delta(t, "CPU write of edu's EventID", s.virq, &before, 0, 0);

	if (!itstest_probe_open(t, &p, 0, 0))
		goto out;
	irqtest_snap(&before, s.virq);
	itstest_cpu_write_translater(p.event);
	bool seen = irqtest_wait(&p.counter, 1, ITSTEST_QUIET_US);
	irqtest_expect_delta(t, "CPU write of the probe's EventID", s.virq, &before, 0, 0);
	if (seen)
		fact("its.cpu_write_devid", "0x%x", p.dev_id);
	else
		fact("its.cpu_write_devid", "none");
	if (seen && !dtest_failed(t))
		dtest_gap(t, GAP_ITS_CPU_WRITE_DEVICE_ID,
			  "a CPU store to GITS_TRANSLATER arrived as DeviceID 0x%x: a CPU can "
			  "raise that DeviceID's interrupts",
			  p.dev_id);
out:
	itstest_probe_close(&p);
	irqtest_msi_close(&s);
}
