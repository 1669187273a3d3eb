/* SPDX-License-Identifier: MIT */
/*
 * vtd.blocked: isolation. Real MSI writes from edu with forged remappable
 * messages are not delivered when the entry is absent, past the table,
 * has reserved bits set, or names another requester (behind a bridge:
 * the function's own id where the bridge's arrives); a valid copy of the
 * entry is delivered (the control that makes the others mean something).
 */
#include "arch/hooks.h"
#include "drivers/iommu/vtd/vtd_fault.h"
#include "drivers/iommu/vtd/vtd_irte.h"
#include "kernel/console.h"
#include "kernel/errno.h"
#include "tests/guest/vtdtest.h"

static struct vtdtest_shot vtd_blocked_shot(struct dtest_ctx *t, struct vtdtest *v,
					    const char *label, uint32_t handle)
{
	struct msi_msg m;
	vtd_msi_compose_remappable((uint16_t)handle, &m);
	struct vtdtest_shot s = t ? vtdtest_send(t, v, &m) : vtdtest_send_raw(v, &m);
	kprintf("# vtd.blocked: %s (handle %u): %s\n", label, handle,
		s.delivered ? "delivered" : "not delivered");
	return s;
}

static void vtd_blocked_case(struct dtest_ctx *t, struct vtdtest *v, const char *label,
			     uint32_t handle, uint64_t want)
{
	struct vtdtest_shot s = vtd_blocked_shot(t, v, label, handle);
	if (s.delivered != want)
		dtest_diag(t, "%s: %llu interrupts delivered, expected %llu", label,
			   (unsigned long long)s.delivered, (unsigned long long)want);
	DT_EXPECT(t, s.delivered == want, "%s: delivery count", label);
	DT_EXPECT(t, s.unexpected == 0, "%s: %llu unexpected or spurious interrupts", label,
		  (unsigned long long)s.unexpected);
}

static void vtd_blocked_spare(struct dtest_ctx *t, struct vtdtest *v, struct vtd_irte e)
{
	int err = vtd_ir_set(v->vd->ir, v->spare, e);
	DT_EXPECT(t, err == 0, "writing IRTE %u: %s", v->spare, errno_name(err));
}

DTEST(vtd_blocked, .name = "vtd.blocked",
      .summary = "forged remappable MSIs from edu: absent, out-of-table, reserved-bit and "
		 "wrong-requester entries are not delivered",
      .arch = DTEST_ARCH_X86_64, .needs = DTEST_NEED_EDU | DTEST_NEED_IOMMU, .deadline_ms = 6000)
{
	struct vtdtest v;
	if (!vtdtest_open(t, &v, arch_cpu_current()))
		goto out;
	struct vtd_irte good = vtd_ir_get(v.vd->ir, v.remap->hwirq.v);

	vtd_blocked_spare(t, &v, good);
	struct vtd_irte_fields f;
	vtd_irte_decode(good, v.vd->ir->eime, &f);
	if (f.svt == VTD_SVT_BUS && (f.sid >> 8) != (f.sid & 0xff)) {
		/*
		 * §9.10: SVT = 2 verifies the bus against SID[15:8] (first) ..
		 * SID[7:0] (last). QEMU's vtd_irte_get reads them the other
		 * way round, so a range of more than one bus blocks everything,
		 * the real entry too: no positive control on this path.
		 */
		struct vtdtest_shot s = vtd_blocked_shot(0, &v, "valid copy (control)", v.spare);
		if (!s.delivered) {
			struct vtd_irte_fields sw = f;
			sw.sid = (uint16_t)((f.sid & 0xff) << 8 | f.sid >> 8);
			vtd_blocked_spare(t, &v, vtd_irte_encode(&sw, v.vd->ir->eime));
			s = vtd_blocked_shot(0, &v, "control with the bus range reversed", v.spare);
			DT_EXPECT_EQ(t, s.delivered, 1);
			DT_EXPECT_EQ(t, s.unexpected, 0);
			dtest_gap(t, GAP_VTD_SVT_BUS_REVERSED,
				  "an SVT=2 bus range is read reversed: 0x%04x blocks, 0x%04x "
				  "delivers",
				  f.sid, sw.sid);
			goto out;
		}
		DT_EXPECT_EQ(t, s.delivered, 1);
	} else {
		vtd_blocked_case(t, &v, "valid copy (control)", v.spare, 1);
	}

	struct vtd_irte e = good;
	e.lo &= ~VTD_IRTE_P;
	vtd_blocked_spare(t, &v, e);
	vtd_blocked_case(t, &v, "entry not present", v.spare, 0);

	vtd_blocked_case(t, &v, "index one past the table", v.vd->ir->count, 0);

	e = good;
	e.lo |= 1ull << 12; /* §9.10: bits 14:12 are reserved */
	vtd_blocked_spare(t, &v, e);
	vtd_blocked_case(t, &v, "reserved bit 12 set", v.spare, 0);

	if (f.svt == VTD_SVT_BUS) {
		/* A bus range that leaves out edu's bus: the buses just above it. */
		unsigned last = f.sid & 0xff;
		f.sid = (uint16_t)(((last + 1) & 0xff) << 8 | ((last + 2) & 0xff));
		vtd_blocked_spare(t, &v, vtd_irte_encode(&f, v.vd->ir->eime));
		vtd_blocked_case(t, &v, "bus range without the requester's bus", v.spare, 0);
		/* Behind the bridge edu's own id is not what arrives: exact verification of it blocks. */
		f.svt = VTD_SVT_SID;
		f.sid = pci_dev_rid(v.s.edu.pci);
		vtd_blocked_spare(t, &v, vtd_irte_encode(&f, v.vd->ir->eime));
		vtd_blocked_case(t, &v, "exact id of edu itself (the bridge's alias arrives)",
				 v.spare, 0);
	} else {
		uint16_t sid = f.sid;
		f.sid ^= 0x08; /* the next device on the bus */
		vtd_blocked_spare(t, &v, vtd_irte_encode(&f, v.vd->ir->eime));
		vtd_blocked_case(t, &v, "source-id of another requester", v.spare, 0);
		if (sid != pci_dev_rid(v.s.edu.pci)) {
			/* VT-d 5.1.1: behind a conventional bridge only the bridge's id arrives. */
			f.sid = pci_dev_rid(v.s.edu.pci);
			vtd_blocked_spare(t, &v, vtd_irte_encode(&f, v.vd->ir->eime));
			vtd_blocked_case(t, &v,
					 "exact id of edu itself (the bridge's own id arrives)",
					 v.spare, 0);
		}
	}

	struct vtd_fault_report r;
	vtd_fault_read(&v.vd->ir->unit, &r);
	vtd_fault_print(&r);
out:
	vtdtest_close(&v);
}
