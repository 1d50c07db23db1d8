import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterKeyOf } from "@/lib/policy/reviews";
import { closeCampaign } from "@/lib/server/reviews/close-campaign";
import { applyCampaign } from "@/lib/server/reviews/apply-campaign";
import { createCampaign, ensureQuarterCampaign } from "@/lib/server/reviews/create-campaign";
import { bulkKeepItems, decideReviewItem } from "@/lib/server/reviews/decide-item";
import { exportCampaignReport } from "@/lib/server/reviews/export-campaign-report";
import { getCampaign } from "@/lib/server/reviews/get-campaign";
import { listCampaigns } from "@/lib/server/reviews/list-campaigns";
import { reassignReviewer } from "@/lib/server/reviews/reassign-reviewer";
import { sweepReviewReminders } from "@/lib/server/reviews/remind-reviewers";
import { getConsoleContext } from "@/lib/server/org/get-console-context";
import { listProposedCases } from "@/lib/server/offboarding/list-proposals";
import { parseCsv } from "@/lib/policy/account-csv";
import { createAccount, createDepartment, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;
type Org = Awaited<ReturnType<typeof createOrganization>>;

let t: TestDatabase;

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t.drop());

const DAY = 86400_000;

/** An organization with a security auditor (reviews:manage), HR, a department with a manager, and a roster. */
async function world() {
  const org = await createOrganization(t.prisma);
  const make = async (input: Omit<Parameters<typeof createAccount>[1], "organizationId">) => {
    const a = await createAccount(t.prisma, { organizationId: org.id, ...input });
    return { ...a, session: () => signedIn(a.loginId, a.password) };
  };
  const auditor = await make({ roleKeys: ["security_auditor"] });
  const hr = await make({ roleKeys: ["hr"] });
  const dept = await createDepartment(t.prisma, { organizationId: org.id, name: "営業部" });
  const manager = await make({ roleKeys: ["member"], departmentId: dept.id });
  await t.prisma.department.update({ where: { id: dept.id }, data: { managerId: manager.id } });
  const staff = await make({ roleKeys: ["member"], departmentId: dept.id, lastSignInAt: new Date() });
  const leaver = await make({ roleKeys: ["line_operator"], departmentId: dept.id, lastSignInAt: new Date() });
  const sleeper = await make({ roleKeys: ["member"], departmentId: dept.id, lastSignInAt: new Date(Date.now() - 200 * DAY) });
  const contractor = await make({ roleKeys: ["member"], kind: "contractor", contractorCompany: "委託株式会社", departmentId: dept.id, lastSignInAt: new Date() });
  const gone = await make({ roleKeys: ["member"], status: "disabled" });
  const people = [auditor, hr, manager, staff, leaver, sleeper, contractor];
  const hrImport = await t.prisma.hrImport.create({ data: { organizationId: org.id, fileName: "roster.csv", rowCount: people.length } });
  for (const p of people) {
    const a = await t.prisma.account.findUniqueOrThrow({ where: { id: p.id }, select: { employeeNumber: true, displayName: true } });
    if (!a.employeeNumber) continue;
    const terminated = p === leaver;
    await t.prisma.hrRosterRecord.create({
      data: { organizationId: org.id, importId: hrImport.id, employeeNumber: a.employeeNumber, name: a.displayName, department: "営業部", employmentStatus: terminated ? "terminated" : "active", terminationDate: terminated ? new Date("2026-10-31") : null },
    });
  }
  return { org, auditor, hr, manager, staff, leaver, sleeper, contractor, gone };
}

const itemOf = async (reviewId: string, accountId: string) => t.prisma.accessReviewItem.findUniqueOrThrow({ where: { reviewId_accountId: { reviewId, accountId } } });

describe("a review campaign", () => {
  let w: Awaited<ReturnType<typeof world>>;
  let auditor: Session;
  let manager: Session;
  let reviewId: string;

  beforeAll(async () => {
    w = await world();
    auditor = await w.auditor.session();
    manager = await w.manager.session();
  });

  it("is created with one item per account that can act, its snapshot and flags, and the department manager as reviewer", async () => {
    const line = await createLine(t.prisma, { organizationId: w.org.id, assignedAccountId: w.staff.id });
    const created = await auditor.run(() => createCampaign({ quarter: quarterKeyOf(new Date()), title: "テスト棚卸し", undecidedOutcome: "no_change", dormantDays: "90" }));
    reviewId = created.id;
    const items = await t.prisma.accessReviewItem.findMany({ where: { reviewId } });
    expect(items.map((i) => i.accountId).sort()).toEqual([w.auditor, w.hr, w.manager, w.staff, w.leaver, w.sleeper, w.contractor].map((p) => p.id).sort());
    const flags = async (p: { id: string }) => (await itemOf(reviewId, p.id)).flags.sort();
    expect(await flags(w.leaver)).toEqual(["hr_terminated"]);
    expect(await flags(w.sleeper)).toEqual(["dormant"]);
    expect(await flags(w.contractor)).toEqual(["contractor_grant"]); // a member role that never ends
    expect(await flags(w.auditor)).toContain("privileged");
    expect(await flags(w.staff)).toEqual([]);
    const staffItem = await itemOf(reviewId, w.staff.id);
    expect(staffItem.reviewerId).toBe(w.manager.id);
    expect(staffItem.snapshot).toMatchObject({ department: "営業部", lines: [line.phoneNumber], hrStatus: "active" });
    // The manager does not review themselves: the campaign's creator does.
    expect((await itemOf(reviewId, w.manager.id)).reviewerId).toBe(w.auditor.id);
    expect(await t.prisma.mailMessage.count({ where: { to: w.manager.loginId, subject: { contains: "テスト棚卸し" } } })).toBe(1);
    expect(await t.prisma.auditEvent.count({ where: { action: "review.created", targetId: reviewId } })).toBe(1);
  });

  it("shows a reviewer without reviews:view only their own items", async () => {
    const { items, seesAll } = await manager.run(() => getCampaign({ id: reviewId }));
    expect(seesAll).toBe(false);
    expect(items.every((i) => i.reviewerId === w.manager.id)).toBe(true);
    expect(items.length).toBe(4);
    const { campaigns } = await manager.run(() => listCampaigns());
    expect(campaigns.map((c) => c.id)).toEqual([reviewId]);
    expect(campaigns[0]!.waitingForMe).toBe(4);
    // The sidebar leads them there while the campaign is open; a plain member sees My Page and requests only.
    expect((await manager.run(() => getConsoleContext())).nav.map((n) => n.key)).toEqual(["me", "requests", "reviews"]);
    const outsider = await createAccount(t.prisma, { organizationId: w.org.id });
    const o = await signedIn(outsider.loginId, outsider.password);
    await expect(o.run(() => getCampaign({ id: reviewId }))).rejects.toMatchObject({ code: "not_found" });
    expect((await o.run(() => getConsoleContext())).nav.map((n) => n.key)).toEqual(["me", "requests"]);
  });

  it("needs a comment to keep a flagged account, refuses bulk keeping it, and never lets anyone decide on themselves", async () => {
    const sleeperItem = await itemOf(reviewId, w.sleeper.id);
    await expect(manager.run(() => decideReviewItem({ itemId: sleeperItem.id, decision: "keep" }))).rejects.toMatchObject({ field: "comment", key: "comment_required" });
    await expect(manager.run(() => bulkKeepItems({ reviewId, itemIds: [sleeperItem.id] }))).rejects.toMatchObject({ key: "flagged_in_bulk" });
    await manager.run(() => decideReviewItem({ itemId: sleeperItem.id, decision: "keep", comment: "育休明けで来月から復帰" }));
    expect(await itemOf(reviewId, w.sleeper.id)).toMatchObject({ decision: "keep", comment: "育休明けで来月から復帰", decidedById: w.manager.id });
    const own = await itemOf(reviewId, w.auditor.id);
    await expect(auditor.run(() => decideReviewItem({ itemId: own.id, decision: "keep", comment: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    // A reviewer cannot decide items that are not theirs.
    const hrItem = await itemOf(reviewId, w.hr.id);
    await expect(manager.run(() => decideReviewItem({ itemId: hrItem.id, decision: "keep", comment: "x" }))).rejects.toMatchObject({ code: "not_found" });
    const staffItem = await itemOf(reviewId, w.staff.id);
    expect(await manager.run(() => bulkKeepItems({ reviewId, itemIds: [staffItem.id] }))).toEqual({ kept: 1 });
  });

  it("revokes some roles, or the whole account, and refuses a modification without an end", async () => {
    const contractorItem = await itemOf(reviewId, w.contractor.id);
    const grantId = (contractorItem.snapshot as { grants: { grantId: string }[] }).grants[0]!.grantId;
    await expect(manager.run(() => decideReviewItem({ itemId: contractorItem.id, decision: "modify", grantIds: [grantId] }))).rejects.toMatchObject({ field: "endsAt" });
    await manager.run(() => decideReviewItem({ itemId: contractorItem.id, decision: "modify", grantIds: [grantId], endsAt: "2099-03-31" }));
    const leaverItem = await itemOf(reviewId, w.leaver.id);
    await manager.run(() => decideReviewItem({ itemId: leaverItem.id, decision: "revoke", comment: "人事データで退職済み" }));
    await expect(manager.run(() => decideReviewItem({ itemId: leaverItem.id, decision: "revoke", grantIds: ["00000000-0000-4000-8000-000000000000"] }))).rejects.toMatchObject({ field: "grantIds" });
  });

  it("closes: undecided items take the default, revocations apply once, sessions end and offboarding is proposed", async () => {
    const leaver = await w.leaver.session();
    const hr = await w.hr.session();
    await expect(manager.run(() => closeCampaign({ id: reviewId }))).rejects.toMatchObject({ code: "forbidden" });
    const seen: number[] = [];
    const result = await auditor.run(() => closeCampaign({ id: reviewId }, (p) => seen.push(p.done)));
    expect(result).toEqual({ done: 2, total: 2 });
    expect(seen.at(-1)).toBe(2);
    // Nobody decided the HR person or the manager: no change, marked as by default.
    expect(await itemOf(reviewId, w.hr.id)).toMatchObject({ decision: "keep", byDefault: true });
    const account = await t.prisma.account.findUniqueOrThrow({ where: { id: w.leaver.id }, select: { status: true } });
    expect(account.status).toBe("suspended");
    expect(await t.prisma.roleGrant.count({ where: { accountId: w.leaver.id, revokedAt: null, role: { key: { not: "member" } } } })).toBe(0);
    expect(await t.prisma.session.count({ where: { accountId: w.leaver.id, revokedAt: null } })).toBe(0);
    await expect(leaver.run(() => listCampaigns())).rejects.toMatchObject({ code: "unauthenticated" });
    const proposals = await hr.run(() => listProposedCases());
    expect(proposals).toEqual([expect.objectContaining({ source: "review", accountId: w.leaver.id, reviewId })]);
    const contractorGrant = await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: w.contractor.id } });
    expect(contractorGrant.endsAt?.toISOString()).toBe("2099-03-31T09:00:00.000Z"); // 18:00 Tokyo
    const review = await t.prisma.accessReview.findUniqueOrThrow({ where: { id: reviewId } });
    expect(review).toMatchObject({ status: "closed", closedById: w.auditor.id });
    expect(review.appliedAt).not.toBeNull();
    const actions = (await t.prisma.auditEvent.findMany({ where: { organizationId: w.org.id, OR: [{ targetId: w.leaver.id }, { targetId: reviewId }] }, select: { action: true } })).map((e) => e.action);
    expect(actions.filter((a) => a === "grant.revoked")).toHaveLength(1);
    expect(actions.filter((a) => a === "account.suspended")).toHaveLength(1);
    expect(actions).toContain("review.closed");
    expect(actions).toContain("review.applied");
    // Again: nothing more happens.
    await expect(auditor.run(() => closeCampaign({ id: reviewId }))).rejects.toMatchObject({ key: "already_applied" });
    expect(await applyCampaign(w.org.id, reviewId, { id: null, label: "again" })).toEqual({ done: 2, total: 2 });
    expect(await t.prisma.auditEvent.count({ where: { action: "grant.revoked", targetId: w.leaver.id } })).toBe(1);
    const hrItemId = (await itemOf(reviewId, w.hr.id)).id;
    await expect(auditor.run(() => decideReviewItem({ itemId: hrItemId, decision: "revoke" }))).rejects.toMatchObject({ key: "campaign_closed" });
  });

  it("reports every decision as CSV", async () => {
    const { text } = await auditor.run(() => exportCampaignReport({ id: reviewId }));
    const parsed = parseCsv(text.replace(/^\uFEFF/, ""));
    if (!parsed.ok) throw new Error("unreadable CSV");
    const [head, ...rows] = parsed.records.filter((r) => r.some(Boolean));
    expect(head!.slice(0, 3)).toEqual(["キャンペーン", "OCN ID", "氏名"]);
    expect(rows).toHaveLength(7);
    const row = (loginId: string) => rows.find((r) => r[1] === loginId)!;
    expect(row(w.leaver.loginId)[8]).toBe("退職済みなのに有効");
    expect(row(w.leaver.loginId)[10]).toBe("取り消し");
    expect(row(w.leaver.loginId)[11]).toBe("アカウント全体");
    expect(row(w.sleeper.loginId)[13]).toBe("育休明けで来月から復帰");
    expect(row(w.hr.loginId)[16]).toBe("はい");
  });
});

describe("privileged accounts", () => {
  it("need accounts:manage to lose access, are kept by a default revoke (as is the closer), and the last org admin stays", async () => {
    const w = await world();
    const auditor = await w.auditor.session();
    const dept = await t.prisma.account.findUniqueOrThrow({ where: { id: w.staff.id }, select: { departmentId: true } });
    const accountAdmin = await createAccount(t.prisma, { organizationId: w.org.id, roleKeys: ["account_admin"], departmentId: dept.departmentId, lastSignInAt: new Date() });
    const onlyAdmin = await createAccount(t.prisma, { organizationId: w.org.id, roleKeys: ["org_admin"], lastSignInAt: new Date() });
    const { id } = await auditor.run(() => createCampaign({ quarter: "2026-Q4", title: "特権", undecidedOutcome: "revoke" }));
    const manager = await w.manager.session();
    const adminItem = await itemOf(id, accountAdmin.id);
    expect(adminItem.flags).toContain("privileged");
    expect(adminItem.reviewerId).toBe(w.manager.id);
    await expect(manager.run(() => decideReviewItem({ itemId: adminItem.id, decision: "revoke", comment: "不要" }))).rejects.toMatchObject({ code: "forbidden", key: "privileged_needs_accounts" });
    // The only org admin's item, decided by someone who holds accounts:manage: revoke.
    const orgAdminItem = await itemOf(id, onlyAdmin.id);
    await t.prisma.accessReviewItem.update({ where: { id: orgAdminItem.id }, data: { reviewerId: accountAdmin.id } });
    const aa = await signedIn(accountAdmin.loginId, accountAdmin.password);
    await aa.run(() => decideReviewItem({ itemId: orgAdminItem.id, decision: "revoke", comment: "退職予定" }));

    await auditor.run(() => closeCampaign({ id }));
    // The default revoke took the unprivileged undecided ones only; never the closer's own account.
    expect(await itemOf(id, w.staff.id)).toMatchObject({ decision: "revoke", byDefault: true });
    expect(await itemOf(id, accountAdmin.id)).toMatchObject({ decision: "keep", byDefault: true });
    expect(await itemOf(id, w.auditor.id)).toMatchObject({ decision: "keep", byDefault: true });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: w.auditor.id } })).status).toBe("active");
    // Revoking the last working org admin is skipped, and says so.
    const applied = await itemOf(id, onlyAdmin.id);
    expect(applied.applyResult).toMatchObject({ skipped: "last_org_admin" });
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: onlyAdmin.id } })).status).toBe("active");
    expect(await t.prisma.roleGrant.count({ where: { accountId: onlyAdmin.id, revokedAt: null, role: { key: "org_admin" } } })).toBe(1);
    expect((await t.prisma.account.findUniqueOrThrow({ where: { id: w.staff.id } })).status).toBe("suspended");
  });
});

describe("naming a reviewer", () => {
  it("hands one reviewer's undecided items to another, never the items about that person, and mails them", async () => {
    const w = await world();
    const auditor = await w.auditor.session();
    const { id } = await auditor.run(() => createCampaign({ quarter: "2026-Q4", title: "担当替え" }));
    const managerItems = await t.prisma.accessReviewItem.count({ where: { reviewId: id, reviewerId: w.manager.id } });
    const result = await auditor.run(() => reassignReviewer({ reviewId: id, fromLoginId: w.manager.loginId, toLoginId: w.staff.loginId }));
    // The staff member's own item stays with the manager.
    expect(result).toEqual({ moved: managerItems - 1, kept: 1 });
    expect((await itemOf(id, w.staff.id)).reviewerId).toBe(w.manager.id);
    expect((await itemOf(id, w.sleeper.id)).reviewerId).toBe(w.staff.id);
    expect(await t.prisma.mailMessage.count({ where: { to: w.staff.loginId, subject: { contains: "担当になりました" } } })).toBe(1);
    await expect(auditor.run(() => reassignReviewer({ reviewId: id, fromLoginId: w.manager.loginId, toLoginId: w.gone.loginId }))).rejects.toMatchObject({ field: "toLoginId", key: "reviewer_not_active" });
    await expect(auditor.run(() => reassignReviewer({ reviewId: id, fromLoginId: "nobody@example.jp", toLoginId: w.staff.loginId }))).rejects.toMatchObject({ field: "fromLoginId" });
    const manager = await w.manager.session();
    await expect(manager.run(() => reassignReviewer({ reviewId: id, fromLoginId: "", toLoginId: w.manager.loginId }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.prisma.auditEvent.count({ where: { action: "review.reviewer_assigned", targetId: id } })).toBe(1);
  });
});

describe("the quarter's automatic campaign and the reminders", () => {
  it("starts once in the first week of a quarter, not mid-quarter, and not when one was started by hand", async () => {
    const manual = await world();
    const auditor = await manual.auditor.session();
    await auditor.run(() => createCampaign({ quarter: "2027-Q1", title: "手動" }));
    expect(await ensureQuarterCampaign(manual.org.id, new Date("2027-01-02T00:00:00Z"))).toBeNull();
    const w = await world();
    expect(await ensureQuarterCampaign(w.org.id, new Date("2026-11-27T00:00:00Z"))).toBeNull();
    const start = new Date("2027-01-02T00:00:00Z");
    const results = await Promise.all([ensureQuarterCampaign(w.org.id, start), ensureQuarterCampaign(w.org.id, start)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const review = await t.prisma.accessReview.findFirstOrThrow({ where: { organizationId: w.org.id, createdAutomatically: true } });
    expect(review).toMatchObject({ quarter: "2027-Q1", undecidedOutcome: "no_change", dormantDays: 90 });
  });

  it("remind each reviewer with undecided items once, half way to the due time", async () => {
    const w = await world();
    const auditor = await w.auditor.session();
    const { id } = await auditor.run(() => createCampaign({ quarter: "2026-Q4", title: "リマインド", dueAt: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) }));
    const reminders = () => t.prisma.mailMessage.count({ where: { organizationId: w.org.id, subject: { contains: "期限が近づいています" } } });
    await sweepReviewReminders(new Date());
    expect(await reminders()).toBe(0);
    const later = new Date(Date.now() + 6 * DAY);
    await Promise.all([sweepReviewReminders(later), sweepReviewReminders(later)]);
    expect(await reminders()).toBe(2); // the manager and the creator, who reviews the rest
    expect((await t.prisma.accessReview.findUniqueOrThrow({ where: { id } })).remindedAt).not.toBeNull();
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("deciding while the campaign closes", () => {
  it("either lands before the freeze and is applied, or is refused: never a decision after closing", { timeout: 120_000 }, async () => {
    for (let round = 0; round < 5; round++) {
      const w = await world();
      const auditor = await w.auditor.session();
      const manager = await w.manager.session();
      const { id } = await auditor.run(() => createCampaign({ quarter: "2026-Q4", title: `競合 ${round}` }));
      const item = await itemOf(id, w.staff.id);
      await manager.run(() => decideReviewItem({ itemId: item.id, decision: "keep" }));
      const [decided] = await Promise.allSettled([
        manager.run(() => decideReviewItem({ itemId: item.id, decision: "revoke", comment: "やはり取り消す" })),
        auditor.run(() => closeCampaign({ id })),
      ]);
      const after = await itemOf(id, w.staff.id);
      if (decided.status === "fulfilled") {
        // Landed before the freeze: the close saw it and applied it.
        expect(after).toMatchObject({ decision: "revoke" });
        expect(after.appliedAt).not.toBeNull();
      } else {
        expect(decided.reason).toMatchObject({ key: "campaign_closed" });
        expect(after).toMatchObject({ decision: "keep" });
      }
      const closed = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "review.closed", targetId: id } });
      expect((closed.details as { decisions: Record<string, number> }).decisions.revoke ?? 0).toBe(after.decision === "revoke" ? 1 : 0);
    }
  });
});

describe.runIf(Boolean(process.env.TEST_DATABASE_URL))("applying after the process was killed", () => {
  it("applies each revocation exactly once", { timeout: 180_000 }, async () => {
    const org: Org = await createOrganization(t.prisma);
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["security_auditor"] });
    const auditor = await signedIn(a.loginId, a.password);
    const N = 150;
    for (let i = 0; i < N; i++) await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["line_operator"], lastSignInAt: new Date() });
    const { id } = await auditor.run(() => createCampaign({ quarter: "2026-Q4", title: "クラッシュ試験", undecidedOutcome: "revoke" }));
    // Close without applying (the apply is the child's): the same transaction closeCampaign runs, by hand.
    await t.prisma.accessReviewItem.updateMany({ where: { reviewId: id, accountId: { not: a.id } }, data: { decision: "revoke", byDefault: true, decidedAt: new Date() } });
    await t.prisma.accessReviewItem.updateMany({ where: { reviewId: id, accountId: a.id }, data: { decision: "keep", decidedAt: new Date() } });
    await t.prisma.accessReview.update({ where: { id }, data: { status: "closed", closedAt: new Date() } });
    const applied = () => t.prisma.accessReviewItem.count({ where: { reviewId: id, appliedAt: { not: null } } });

    const child = spawn("npx", ["tsx", "--conditions=react-server", "tests/support/apply-campaign-child.ts"], {
      env: { ...process.env, CHILD_DATABASE_URL: t.appUrl!, CHILD_ORGANIZATION_ID: org.id, CHILD_REVIEW_ID: id },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
    // Kill it as soon as a few items are in: part way through.
    let atKill = 0;
    for (let i = 0; i < 6000; i++) {
      atKill = await applied();
      if (atKill >= 5) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill("SIGKILL");
    expect(await exited, stderr).toBe("SIGKILL");
    const afterKill = await applied();
    expect(afterKill, "killed part way through").toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(N);

    // Applying again finishes the rest; every revocation happened once, none was skipped.
    expect(await applyCampaign(org.id, id, { id: a.id, label: a.loginId })).toEqual({ done: N, total: N });
    const revokedEvents = await t.prisma.auditEvent.groupBy({ by: ["targetId"], where: { organizationId: org.id, action: "grant.revoked" }, _count: { _all: true } });
    expect(revokedEvents).toHaveLength(N);
    expect(revokedEvents.every((e) => e._count._all === 1)).toBe(true);
    expect(await t.prisma.auditEvent.count({ where: { organizationId: org.id, action: "review.item_applied" } })).toBe(N);
    expect(await t.prisma.roleGrant.count({ where: { organizationId: org.id, revokedAt: null, role: { key: "line_operator" } } })).toBe(0);
    expect(await t.prisma.account.count({ where: { organizationId: org.id, status: "suspended" } })).toBe(N);
    expect(await t.prisma.offboardingProposal.count({ where: { reviewId: id } })).toBe(N);
  });
});
