// The HR roster: the import (dry run writes nothing, apply replaces the roster all or nothing, removals, the import's
// record and audit event, permissions) and the reconciliation of accounts against it, one organization at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/hr/roster/import/route";
import { GET as templateRoute } from "@/app/api/hr/roster/template/route";
import type { HrImportOutcome, HrImportPreview, HrImportStreamLine } from "@/lib/schemas/hr-roster";
import { AppError } from "@/lib/server/errors";
import { getRosterReconciliation } from "@/lib/server/hr/get-roster-reconciliation";
import { listRosterImports } from "@/lib/server/hr/list-roster-imports";
import { reconcileRoster } from "@/lib/server/hr/reconcile";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createDepartment, createLine, createOrganization, unique } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";
import { shiftJis } from "@/tests/support/shift-jis";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let other: Awaited<ReturnType<typeof createOrganization>>;
let hr: Session; // hr: offboarding:manage, reviews:view
let auditor: Session; // security_auditor: reviews:manage, no offboarding
let operator: Session; // line_operator: neither
let tag: string;
const people = {} as Record<"stay" | "leaver" | "onLeave" | "suspendedOnLeave" | "moved" | "unknown" | "contractor" | "disabled" | "spaced", { id: string; loginId: string }>;
let leaverLine: { id: string; phoneNumber: string };
let otherPerson: { id: string; loginId: string };

const HEADER = "社員番号,氏名,氏名カナ,部署,在籍区分,退職日";
const num = (key: string) => `${tag}-${key}`.toUpperCase();
const file = (rows: string[], encode: (text: string) => Uint8Array = (s) => new TextEncoder().encode(`\uFEFF${s}`)) => encode([HEADER, ...rows].join("\r\n"));

/** The roster the organization's HR sends first: everyone, with the usual disagreements. */
const firstRoster = () => [
  `${num("stay")},在籍 一郎,ザイセキ イチロウ,第一営業部,在籍,`,
  `${num("leaver")},退職 次郎,タイショク ジロウ,第一営業部,退職,2026/03/31`,
  `${num("leave")},休職 花子,,第一営業部,育休,`,
  `${num("leave2")},停止 三郎,,第一営業部,休職,`,
  `${num("moved")},異動 四郎,,経理部,在籍,`,
  `${num("spaced")},空白 五月,,第一　営業部 ,在職,`,
  `${num("gone")},無効 六郎,,第一営業部,退職,2025/12/31`,
  `${num("newhire")},新人 七海,シンジン ナナミ,経理部,在籍,`,
];

async function send(session: Session, mode: "preview" | "apply", bytes: Uint8Array, name = "roster.csv", expectedRemoved?: number) {
  const body = new FormData();
  body.set("mode", mode);
  if (expectedRemoved !== undefined) body.set("expectedRemoved", String(expectedRemoved));
  body.set("file", new File([bytes as BlobPart], name, { type: "text/csv" }));
  const request = new Request("http://localhost/api/hr/roster/import", { method: "POST", body });
  const response = (await session.run(() => importRoute(request))) as Response;
  const text = await response.text();
  if (!response.headers.get("content-type")?.includes("ndjson")) return { status: response.status, error: JSON.parse(text) as { code: string; key: string | null }, lines: [] as HrImportStreamLine[], result: null };
  const lines = text.trim().split("\n").map((l) => JSON.parse(l) as HrImportStreamLine);
  const last = lines.at(-1)!;
  return { status: response.status, error: last.type === "error" ? last : null, lines, result: last.type === "result" ? last.result : null };
}
const preview = async (bytes: Uint8Array, name?: string) => (await send(hr, "preview", bytes, name)).result as HrImportPreview;
const apply = async (bytes: Uint8Array, name?: string) => (await send(hr, "apply", bytes, name)).result as HrImportOutcome;

async function written(organizationId = org.id) {
  const where = { organizationId };
  const [records, imports, events] = await Promise.all([
    t.prisma.hrRosterRecord.findMany({ where, orderBy: { employeeNumber: "asc" }, select: { employeeNumber: true, name: true, department: true, employmentStatus: true, terminationDate: true, importId: true, updatedAt: true } }),
    t.prisma.hrImport.count({ where }),
    t.prisma.auditEvent.count({ where }),
  ]);
  return { records, imports, events };
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  throw new Error("expected a refusal");
};

beforeAll(async () => {
  t = await openTestDatabase();
  tag = unique("hr").replace(/[^a-z0-9]/gi, "").slice(-8);
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma, { name: "他社 名簿商事" });
  const sales = await createDepartment(t.prisma, { organizationId: org.id, code: "1110", name: "第一営業部" });
  const make = async (roleKeys: Parameters<typeof createAccount>[1]["roleKeys"]) => {
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys, employeeNumber: null });
    return signedIn(a.loginId, a.password);
  };
  hr = await make(["hr"]);
  auditor = await make(["security_auditor"]);
  operator = await make(["line_operator"]);
  const person = (key: string, extra: Partial<Parameters<typeof createAccount>[1]> = {}) =>
    createAccount(t.prisma, { organizationId: org.id, employeeNumber: num(key), departmentId: sales.id, displayName: `名簿 ${key}`, ...extra });
  people.stay = await person("stay");
  people.leaver = await person("leaver");
  people.onLeave = await person("leave");
  people.suspendedOnLeave = await person("leave2", { status: "suspended" });
  people.moved = await person("moved");
  people.spaced = await person("spaced");
  people.unknown = await person("unknown");
  people.disabled = await person("gone", { status: "disabled" });
  people.contractor = await createAccount(t.prisma, { organizationId: org.id, kind: "contractor", contractorCompany: "委託株式会社", employeeNumber: null });
  leaverLine = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: people.leaver.id });
  // The other organization: a person with the same employee number, terminated in its own roster.
  otherPerson = await createAccount(t.prisma, { organizationId: other.id, employeeNumber: num("stay"), displayName: "他社 在籍" });
  await t.prisma.hrRosterRecord.create({ data: { organizationId: other.id, employeeNumber: num("stay"), name: "他社 在籍", department: "他社部", employmentStatus: "terminated", terminationDate: new Date("2026-01-31") } });
});
afterAll(() => t.drop());

describe("the first import", () => {
  it("the dry run shows every row and writes nothing", async () => {
    const before = await written();
    const answer = await send(hr, "preview", file(firstRoster()));
    expect(answer.lines.some((l) => l.type === "progress" && l.phase === "check")).toBe(true);
    const p = answer.result as HrImportPreview;
    expect(p).toMatchObject({ fileName: "roster.csv", encoding: "utf-8-bom", rowCount: 8, storedCount: 0, counts: { create: 8, update: 0, unchanged: 0, error: 0, remove: 0 } });
    expect(p.rows[1]).toMatchObject({ row: 3, employeeNumber: num("leaver"), action: "create" });
    expect(await written()).toEqual(before);
  });

  it("a Shift_JIS roster applies: records, the import's record with counts and encoding, one audit event", async () => {
    const outcome = await apply(file(firstRoster(), shiftJis), "jinji_202611.csv");
    expect(outcome).toMatchObject({ status: "applied", summary: { fileName: "jinji_202611.csv", encoding: "shift_jis", rowCount: 8, created: 8, updated: 0, removed: 0, unchanged: 0 } });
    const { records } = await written();
    expect(records).toHaveLength(8);
    expect(records.find((r) => r.employeeNumber === num("leaver"))).toMatchObject({ employmentStatus: "terminated", terminationDate: new Date("2026-03-31T00:00:00Z") });
    expect(records.find((r) => r.employeeNumber === num("leave"))?.employmentStatus).toBe("leave");
    expect(records.find((r) => r.employeeNumber === num("spaced"))?.department).toBe("第一 営業部");
    const imports = await t.prisma.hrImport.findMany({ where: { organizationId: org.id } });
    expect(imports).toEqual([expect.objectContaining({ fileName: "jinji_202611.csv", encoding: "shift_jis", rowCount: 8, createdCount: 8, updatedCount: 0, removedCount: 0, importedById: hr.accountId })]);
    expect(new Set(records.map((r) => r.importId))).toEqual(new Set([imports[0]!.id]));
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "hr.roster_imported" } });
    expect(event).toMatchObject({ actorId: hr.accountId, targetType: "hr_import", targetId: imports[0]!.id, targetLabel: "jinji_202611.csv", outcome: "success" });
    expect(event.details).toMatchObject({ encoding: "shift_jis", rowCount: 8, created: 8, updated: 0, unchanged: 0, removed: 0 });
    expect((event.details as { terminated: { employeeNumber: string }[] }).terminated.map((x) => x.employeeNumber).sort()).toEqual([num("gone"), num("leaver")].sort());
    // The other organization's roster is as it was.
    expect((await written(other.id)).records).toEqual([expect.objectContaining({ employeeNumber: num("stay"), employmentStatus: "terminated" })]);
  });
});

describe("all or nothing", () => {
  it("one bad row refuses the whole file at apply, naming it, and nothing is written", async () => {
    const before = await written();
    const rows = [...firstRoster().slice(0, 5), `${num("leave")},重複 花子,,総務部,在籍,`, `${num("extra")},追加 八郎,,総務部,在職,2026/03/31`];
    const outcome = await apply(file(rows));
    expect(outcome.status).toBe("refused");
    const p = (outcome as { preview: HrImportPreview }).preview;
    expect(p.counts.error).toBe(3);
    expect(p.rows.flatMap((r) => r.errors.map((e) => [e.row, e.column, e.code, e.params?.rows ?? null]))).toEqual([
      [4, "社員番号", "duplicate_in_file", "4, 7"],
      [7, "社員番号", "duplicate_in_file", "4, 7"],
      [8, "退職日", "termination_date_not_terminated", null],
    ]);
    expect(await written()).toEqual(before);
  });

  it("a file that is not a roster names the headings it lacks, and writes nothing", async () => {
    const before = await written();
    const outcome = await send(hr, "apply", new TextEncoder().encode("OCN ID,氏名\r\na@example.jp,山田"));
    const p = (outcome.result as { preview: HrImportPreview }).preview;
    expect(p.fileIssues.map((i) => [i.code, i.column])).toEqual([
      ["missing_column", "社員番号"],
      ["missing_column", "部署"],
      ["missing_column", "在籍区分"],
    ]);
    expect(await written()).toEqual(before);
  });

  it("only HR imports: a security auditor is refused with 403 before anything is read, and nothing is written", async () => {
    const before = await written();
    const answer = await send(auditor, "apply", file(firstRoster()));
    expect(answer.status).toBe(403);
    expect(answer.error).toMatchObject({ code: "forbidden" });
    expect(await written()).toEqual(before);
  });

  it("the template is HR's too", async () => {
    const ok = (await hr.run(() => templateRoute())) as Response;
    expect(ok.headers.get("content-type")).toContain("text/csv");
    // With the BOM Excel needs to read the headings (Response.text() would drop it).
    expect(Buffer.from(await ok.arrayBuffer()).toString("utf8")).toBe('\uFEFF"社員番号","氏名","氏名カナ","部署","在籍区分","退職日"\r\n');
    expect(((await operator.run(() => templateRoute())) as Response).status).toBe(403);
  });
});

describe("the next import replaces the roster", () => {
  it("updates the changed, confirms the same, removes whoever the file leaves out", async () => {
    const [firstImport] = await t.prisma.hrImport.findMany({ where: { organizationId: org.id } });
    const before = await written();
    // The new hire now has a department of their own; the person on leave is back; the disabled leaver is dropped.
    const rows = firstRoster()
      .filter((r) => !r.startsWith(num("gone")))
      .map((r) => (r.startsWith(num("newhire")) ? `${num("newhire")},新人 七海,シンジン ナナミ,総務部,在籍,` : r.startsWith(`${num("leave")},`) ? `${num("leave")},休職 花子,,第一営業部,在籍,` : r));
    const p = await preview(file(rows));
    expect(p.counts).toEqual({ create: 0, update: 2, unchanged: 5, error: 0, remove: 1 });
    expect(p.removed).toEqual([{ employeeNumber: num("gone"), name: "無効 六郎", department: "第一営業部", employmentStatus: "terminated" }]);
    expect(p.rows.find((r) => r.employeeNumber === num("leave"))?.changes).toEqual([{ field: "employmentStatus", before: "leave", after: "active" }]);

    // Applying a plan other than the one previewed (it would remove nobody / two people) is refused, nothing written.
    const mismatch = await send(hr, "apply", file(rows), "jinji_202612.csv", 0);
    expect(mismatch.error).toMatchObject({ code: "conflict", key: "plan_changed" });
    expect(await written()).toEqual(before);
    const outcome = (await send(hr, "apply", file(rows), "jinji_202612.csv", p.counts.remove)).result;
    expect(outcome).toMatchObject({ status: "applied", summary: { created: 0, updated: 2, unchanged: 5, removed: 1 } });
    const after = await written();
    expect(after.records.map((r) => r.employeeNumber)).not.toContain(num("gone"));
    expect(after.records.find((r) => r.employeeNumber === num("newhire"))?.department).toBe("総務部");
    const unchanged = after.records.find((r) => r.employeeNumber === num("stay"))!;
    expect(unchanged.updatedAt).toEqual(before.records.find((r) => r.employeeNumber === num("stay"))!.updatedAt);
    const latest = await t.prisma.hrImport.findFirstOrThrow({ where: { organizationId: org.id, fileName: "jinji_202612.csv" } });
    expect(latest).toMatchObject({ createdCount: 0, updatedCount: 2, removedCount: 1, encoding: "utf-8-bom" });
    expect(new Set(after.records.map((r) => r.importId))).toEqual(new Set([latest.id]));
    expect(latest.id).not.toBe(firstImport!.id);
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "hr.roster_imported", targetId: latest.id } });
    expect(event.details).toMatchObject({ updated: 2, unchanged: 5, removed: 1, removedEmployeeNumbers: [num("gone")] });

    // Put the person on leave back for the reconciliation below.
    await apply(file(firstRoster()), "jinji_202612b.csv");
  });

  it("the history lists each import, newest first, with who imported it", async () => {
    const history = await hr.run(() => listRosterImports());
    expect(history.total).toBe(3);
    expect(history.imports.map((i) => i.fileName)).toEqual(["jinji_202612b.csv", "jinji_202612.csv", "jinji_202611.csv"]);
    expect(history.imports[2]).toMatchObject({ encoding: "shift_jis", rowCount: 8, createdCount: 8, importedBy: { id: hr.accountId } });
    expect(await refusal(operator.run(() => listRosterImports()))).toBe("forbidden");
  });
});

describe("reconciliation", () => {
  it("flags each account by employee number, set-based, for this organization only", async () => {
    const flags = await withOrganization(org.id, () => reconcileRoster(t.app.prisma, org.id));
    expect(flags.get(people.leaver.id)).toEqual({ hrStatus: "terminated", noHrRecord: false, hrTerminated: true, hrLeave: false, departmentMismatch: false });
    expect(flags.get(people.onLeave.id)).toMatchObject({ hrStatus: "leave", hrLeave: true, hrTerminated: false });
    expect(flags.get(people.suspendedOnLeave.id)).toMatchObject({ hrStatus: "leave", hrLeave: false });
    expect(flags.get(people.moved.id)).toMatchObject({ hrStatus: "active", departmentMismatch: true });
    expect(flags.get(people.spaced.id)).toMatchObject({ hrStatus: "active", departmentMismatch: false });
    expect(flags.get(people.unknown.id)).toMatchObject({ hrStatus: null, noHrRecord: true });
    expect(flags.get(people.contractor.id)).toEqual({ hrStatus: null, noHrRecord: false, hrTerminated: false, hrLeave: false, departmentMismatch: false });
    expect(flags.get(people.stay.id)).toEqual({ hrStatus: "active", noHrRecord: false, hrTerminated: false, hrLeave: false, departmentMismatch: false });
    // A disabled account has nothing left to review; the other organization's person (same employee number) is not here.
    expect(flags.has(people.disabled.id)).toBe(false);
    expect(flags.has(otherPerson.id)).toBe(false);
    // The other organization's terminated record does not flag this organization's active person, nor the reverse.
    const theirs = await withOrganization(other.id, () => reconcileRoster(t.app.prisma, other.id));
    expect([...theirs.keys()]).toEqual([otherPerson.id]);
    expect(theirs.get(otherPerson.id)).toMatchObject({ hrStatus: "terminated", hrTerminated: true });
  });

  it("the page lists each kind of difference, the terminated-but-active person first", async () => {
    const page = await auditor.run(() => getRosterReconciliation({}));
    expect(page.rosterLoaded).toBe(true);
    expect(page.latestImport).toMatchObject({ fileName: "jinji_202612b.csv", rowCount: 8 });
    expect(page.counts).toEqual({ hr_status: 2, no_hr_record: 1 + 3, department: 1, no_account: 1, lines: 1 });
    expect(page.terminatedCount).toBe(1);
    expect(page.rows.map((r) => [r.loginId, r.severity, r.hrStatus])).toEqual([
      [people.leaver.loginId, "high", "terminated"],
      [people.onLeave.loginId, "medium", "leave"],
    ]);
    expect(page.rows[0]).toMatchObject({ accountId: people.leaver.id, accountStatus: "active", terminationDate: new Date("2026-03-31T00:00:00Z") });

    const noRecord = await auditor.run(() => getRosterReconciliation({ category: "no_hr_record" }));
    // The unknown person and the role holders this test signed in with (employees without an employee number).
    expect(noRecord.rows.map((r) => r.accountId)).toContain(people.unknown.id);
    expect(noRecord.rows.map((r) => r.accountId)).not.toContain(people.contractor.id);
    expect((await auditor.run(() => getRosterReconciliation({ category: "department" }))).rows).toEqual([
      expect.objectContaining({ accountId: people.moved.id, departmentName: "第一営業部", hrDepartment: "経理部" }),
    ]);
    expect((await auditor.run(() => getRosterReconciliation({ category: "no_account" }))).rows).toEqual([
      expect.objectContaining({ accountId: null, employeeNumber: num("newhire"), hrName: "新人 七海", hrDepartment: "経理部" }),
    ]);
    expect((await auditor.run(() => getRosterReconciliation({ category: "lines" }))).rows).toEqual([
      expect.objectContaining({ lineId: leaverLine.id, phoneNumber: leaverLine.phoneNumber, accountId: people.leaver.id, hrStatus: "terminated", severity: "high" }),
    ]);
    const filtered = await auditor.run(() => getRosterReconciliation({ category: "hr_status", hrStatus: "leave", q: "名簿" }));
    expect(filtered.rows.map((r) => r.accountId)).toEqual([people.onLeave.id]);
    expect(filtered.counts.hr_status).toBe(2);
    expect(JSON.stringify(page)).not.toContain(otherPerson.loginId);
  });

  it("HR reads it too; a role without reviews:view is refused", async () => {
    expect((await hr.run(() => getRosterReconciliation({}))).counts.hr_status).toBe(2);
    expect(await refusal(operator.run(() => getRosterReconciliation({})))).toBe("forbidden");
  });

  it("without a roster nothing is flagged, and the page says so", async () => {
    const fresh = await createOrganization(t.prisma);
    const lonely = await createAccount(t.prisma, { organizationId: fresh.id, roleKeys: ["security_auditor"] });
    const session = await signedIn(lonely.loginId, lonely.password);
    const page = await session.run(() => getRosterReconciliation({}));
    expect(page).toMatchObject({ rosterLoaded: false, latestImport: null, counts: { hr_status: 0, no_hr_record: 0, department: 0, no_account: 0, lines: 0 } });
    const flags = await withOrganization(fresh.id, () => reconcileRoster(t.app.prisma, fresh.id));
    expect(flags.get(lonely.id)).toMatchObject({ noHrRecord: false });
  });

  it("tens of thousands of accounts take a few queries, not one per account", async () => {
    const big = await createOrganization(t.prisma);
    const n = 20_000;
    const accounts = Array.from({ length: n }, (_, i) => ({ login_id: `bulk-${tag}-${i}@example.jp`.toLowerCase(), employee_number: `B${String(i).padStart(6, "0")}` }));
    await t.prisma.$executeRaw`
      INSERT INTO accounts (organization_id, login_id, email, display_name, employee_number, status)
      SELECT ${big.id}::uuid, r.login_id, r.login_id, '一括 ' || r.employee_number, r.employee_number, 'active' FROM jsonb_to_recordset(${JSON.stringify(accounts)}::jsonb) AS r(login_id text, employee_number text)`;
    await t.prisma.$executeRaw`
      INSERT INTO hr_roster_records (organization_id, employee_number, name, department, employment_status)
      SELECT ${big.id}::uuid, r.employee_number, '一括', '営業部', (CASE WHEN right(r.employee_number, 2) = '00' THEN 'terminated' ELSE 'active' END)::"EmploymentStatus"
      FROM jsonb_to_recordset(${JSON.stringify(accounts.filter((_, i) => i % 10 !== 1))}::jsonb) AS r(login_id text, employee_number text)`;
    const started = Date.now();
    const flags = await withOrganization(big.id, () => reconcileRoster(t.app.prisma, big.id));
    const took = Date.now() - started;
    expect(flags.size).toBe(n);
    expect([...flags.values()].filter((f) => f.hrTerminated)).toHaveLength(n / 100);
    expect([...flags.values()].filter((f) => f.noHrRecord)).toHaveLength(n / 10);
    expect(took, `reconcileRoster took ${took} ms for ${n} accounts`).toBeLessThan(15_000);
  });
});
