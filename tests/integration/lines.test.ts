// Lines and SIMs: the list's filters, assigning (directly and by request), the state changes of applyLineChange with
// their refusals, the CSV import (dry run, all or nothing, Shift_JIS) and the export that re-imports unchanged.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as statementRoute } from "@/app/api/lines/[id]/statement/route";
import { GET as exportRoute } from "@/app/api/lines/export/route";
import { POST as importRoute } from "@/app/api/lines/import/route";
import type { LineImportPreview, LineImportSummary } from "@/lib/schemas/line-import";
import { AppError } from "@/lib/server/errors";
import { applyLineChange } from "@/lib/server/lines/apply-line-change";
import { assignLine } from "@/lib/server/lines/assign-line";
import { changeLineState } from "@/lib/server/lines/change-line-state";
import { getLineOrThrow } from "@/lib/server/lines/get-line-or-throw";
import { listLines } from "@/lib/server/lines/list-lines";
import { requestLineAssignment } from "@/lib/server/lines/request-line-assignment";
import { decideChangeRequest } from "@/lib/server/requests/decide-change-request";
import { createAccount, createLine, createOrganization, unique } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";
import { shiftJis } from "@/tests/support/shift-jis";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let other: Awaited<ReturnType<typeof createOrganization>>;
let operator: Session; // line_operator: lines:manage
let requester: Session; // account_admin: lines:request
let viewer: Session; // billing_manager: lines:view
let holder: { id: string; loginId: string };
let suspended: { id: string; loginId: string };
let disabled: { id: string; loginId: string };
let stranger: { id: string; loginId: string };
let seq = 0;

const phone = () => {
  seq += 1;
  return `070-${String(4000 + seq).padStart(4, "0")}-${String(Date.now() % 10000).padStart(4, "0")}`;
};
const iccid = () => `89811${String(Date.now()).slice(-8)}${String(++seq).padStart(6, "0")}`;
const lineOf = (id: string) => t.prisma.line.findUniqueOrThrow({ where: { id } });
const eventsOf = (id: string, action?: string) => t.prisma.auditEvent.findMany({ where: { targetId: id, ...(action ? { action } : {}) }, orderBy: { id: "asc" } });
const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.key, field: e.field, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal, but it went through");
};
const newLine = (input: Partial<Parameters<typeof createLine>[1]> = {}) => createLine(t.prisma, { organizationId: org.id, phoneNumber: phone(), iccid: iccid(), ...input });
const utf8 = (text: string) => new TextEncoder().encode(`\uFEFF${text}`);
const importing = async (session: Session, mode: "preview" | "apply", bytes: Uint8Array, name = "lines.csv") => {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", new File([bytes as BlobPart], name, { type: "text/csv" }));
  const response = (await session.run(() => importRoute(new Request("http://localhost/api/lines/import", { method: "POST", body })))) as Response;
  return { status: response.status, body: (await response.json()) as LineImportPreview & { status?: "applied" | "refused"; summary?: LineImportSummary; preview?: LineImportPreview } };
};

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma);
  const make = async (roleKeys: Parameters<typeof createAccount>[1]["roleKeys"]) => {
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys });
    return signedIn(a.loginId, a.password);
  };
  operator = await make(["line_operator"]);
  requester = await make(["account_admin"]);
  viewer = await make(["billing_manager"]);
  holder = await createAccount(t.prisma, { organizationId: org.id, displayName: "回線 保持者" });
  suspended = await createAccount(t.prisma, { organizationId: org.id, status: "suspended" });
  disabled = await createAccount(t.prisma, { organizationId: org.id, status: "disabled" });
  stranger = await createAccount(t.prisma, { organizationId: other.id });
});
afterAll(() => t.drop());

describe("the list", () => {
  it("filters by status, SIM type, assignment, plan and text (number, ICCID, holder), within the organization", async () => {
    const tag = unique("絞込").slice(-6);
    const plan = `OCNモバイル ${tag}`;
    const a = await newLine({ plan, simType: "esim", assignedAccountId: holder.id });
    const b = await newLine({ plan, status: "suspended" });
    const c = await newLine({ plan, simType: "physical", assignedAccountId: holder.id });
    await createLine(t.prisma, { organizationId: other.id, plan, phoneNumber: phone(), iccid: iccid() });
    const ids = async (q: Record<string, string>) => (await operator.run(() => listLines({ plan, ...q }))).lines.map((l) => l.id).sort();
    expect(await ids({})).toEqual([a.id, b.id, c.id].sort());
    expect(await ids({ status: "suspended" })).toEqual([b.id]);
    expect(await ids({ simType: "esim" })).toEqual([a.id]);
    expect(await ids({ holder: "unassigned" })).toEqual([b.id]);
    expect(await ids({ holder: "assigned" })).toEqual([a.id, c.id].sort());
    const bRow = await lineOf(b.id);
    expect(await ids({ q: bRow.iccid! })).toEqual([b.id]);
    expect(await ids({ q: bRow.phoneNumber.replace(/-/g, "") })).toEqual([b.id]);
    expect(await ids({ q: holder.loginId })).toEqual([a.id, c.id].sort());
    expect(await ids({ q: "回線 保持者" })).toEqual([a.id, c.id].sort());
    const page = await operator.run(() => listLines({ plan, holder: "assigned" }));
    expect(page.total).toBe(2);
    expect(page.lines[0]!.assignee).toMatchObject({ id: holder.id, loginId: holder.loginId });
  });
});

describe("assigning a line", () => {
  it("lines:manage assigns, moves and unassigns at once, each audited with before/after", async () => {
    const line = await newLine();
    const second = await createAccount(t.prisma, { organizationId: org.id });
    expect(await operator.run(() => assignLine({ id: line.id, holderLoginId: holder.loginId }))).toMatchObject({ changed: true });
    expect((await lineOf(line.id)).assignedAccountId).toBe(holder.id);
    await operator.run(() => assignLine({ id: line.id, holderLoginId: second.loginId.toUpperCase() }));
    expect((await lineOf(line.id)).assignedAccountId).toBe(second.id);
    await operator.run(() => assignLine({ id: line.id, holderLoginId: "" }));
    expect((await lineOf(line.id)).assignedAccountId).toBeNull();
    const events = await eventsOf(line.id);
    expect(events.map((e) => [e.action, e.details])).toEqual([
      ["line.assigned", { before: { holder: null }, after: { holder: holder.loginId } }],
      ["line.assigned", { before: { holder: holder.loginId }, after: { holder: second.loginId } }],
      ["line.unassigned", { before: { holder: second.loginId }, after: { holder: null } }],
    ]);
  });

  it("refuses a suspended or disabled account and one of another organization, naming the field; nothing changes", async () => {
    const line = await newLine({ assignedAccountId: holder.id });
    for (const [who, key] of [
      [suspended.loginId, "holder_inactive"],
      [disabled.loginId, "holder_inactive"],
      [stranger.loginId, "holder_not_found"],
    ] as const) {
      const r = await refusal(operator.run(() => assignLine({ id: line.id, holderLoginId: who })));
      expect(r).toMatchObject({ code: "invalid", field: "holderLoginId", key });
      expect(r.message).toContain(who);
    }
    expect((await lineOf(line.id)).assignedAccountId).toBe(holder.id);
    expect(await eventsOf(line.id)).toEqual([]);
    expect(await refusal(viewer.run(() => assignLine({ id: line.id, holderLoginId: "" })))).toMatchObject({ code: "forbidden" });
  });

  it("lines:request files a request; approval by lines:manage re-validates and applies it", async () => {
    const line = await newLine();
    const { id } = await requester.run(() => requestLineAssignment({ id: line.id, holderLoginId: holder.loginId, reason: "新任の営業担当に貸与" }));
    expect((await lineOf(line.id)).assignedAccountId, "a request changes nothing yet").toBeNull();
    expect(await refusal(requester.run(() => assignLine({ id: line.id, holderLoginId: holder.loginId })))).toMatchObject({ code: "forbidden" });
    await operator.run(() => decideChangeRequest({ id, decision: "approve" }));
    expect((await lineOf(line.id)).assignedAccountId).toBe(holder.id);
    const [applied] = await eventsOf(line.id, "line.assigned");
    expect(applied!.details).toMatchObject({ before: { holder: null }, after: { holder: holder.loginId }, requestId: id });

    // Filed while the person was active, approved after they were suspended: refused, nothing applied.
    const later = await newLine();
    const soon = await createAccount(t.prisma, { organizationId: org.id });
    const filed = await requester.run(() => requestLineAssignment({ id: later.id, holderLoginId: soon.loginId, reason: "異動者に貸与" }));
    await t.prisma.account.update({ where: { id: soon.id }, data: { status: "suspended" } });
    expect(await refusal(operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" })))).toMatchObject({ key: "holder_inactive", field: "holderLoginId" });
    expect((await lineOf(later.id)).assignedAccountId).toBeNull();
    expect((await t.prisma.changeRequest.findUniqueOrThrow({ where: { id: filed.id } })).status).toBe("pending");
  });
});

describe("applyLineChange", () => {
  const actor = () => ({ accountId: null, label: "offboarding" });
  const apply = (lineId: string, change: Parameters<typeof applyLineChange>[1]["change"], now = new Date()) =>
    t.prisma.$transaction((tx) => applyLineChange(tx, { organizationId: org.id, lineId, change, actor: actor(), now }));

  it("refuses a port-out with an expired MNP reservation number, saying it expired and when; nothing changes", async () => {
    const expiresAt = new Date("2026-01-15T09:00:00Z"); // 18:00 JST
    const line = await newLine({ mnpNumber: "1234567890", mnpExpiresAt: expiresAt });
    const before = await lineOf(line.id);
    const r = await refusal(apply(line.id, { kind: "port_out" }, new Date("2026-01-16T00:00:00Z")));
    expect(r).toMatchObject({ code: "invalid", key: "mnp_expired", field: "mnpExpiresAt" });
    expect(r.message).toMatch(/1234567890 expired on 2026\/01\/15 18:00/);
    expect(await lineOf(line.id)).toEqual(before);
    expect(await eventsOf(line.id)).toEqual([]);

    // Through the line page's operation, with the number and expiry typed: the same refusal.
    const typed = await refusal(operator.run(() => changeLineState({ id: line.id, change: "port_out", mnpNumber: "０９８７６５４３２１", mnpExpiresAt: "2020-01-01T10:00" })));
    expect(typed).toMatchObject({ key: "mnp_expired", field: "mnpExpiresAt" });
    expect(await lineOf(line.id)).toEqual(before);
  });

  it("ports out with a valid reservation, and a ported-out line changes no more", async () => {
    const line = await newLine();
    expect(await refusal(apply(line.id, { kind: "port_out", mnpNumber: "12345" }))).toMatchObject({ key: "mnp_number_format", field: "mnpNumber" });
    expect(await refusal(apply(line.id, { kind: "port_out" }))).toMatchObject({ key: "mnp_number_required", field: "mnpNumber" });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const { before, after } = await apply(line.id, { kind: "port_out", mnpNumber: "１２３４５６７８９０", mnpExpiresAt: expiresAt });
    expect(before).toMatchObject({ status: "active", mnpNumber: null });
    expect(after).toMatchObject({ status: "ported_out", mnpNumber: "1234567890", mnpExpiresAt: expiresAt.toISOString() });
    expect(await lineOf(line.id)).toMatchObject({ status: "ported_out", mnpNumber: "1234567890" });
    const [event] = await eventsOf(line.id, "line.port_out");
    expect(event).toMatchObject({ targetType: "line", actorLabel: "offboarding", details: { before, after } });
    expect(await refusal(apply(line.id, { kind: "resume" }))).toMatchObject({ key: "line_finished" });
    expect(await refusal(apply(line.id, { kind: "reassign", toAccountId: holder.id }))).toMatchObject({ key: "line_finished" });
  });

  it("refuses to cancel before the statements are exported; the statement download marks them and the cancel goes through", async () => {
    const line = await newLine({ assignedAccountId: holder.id });
    const r = await refusal(apply(line.id, { kind: "cancel" }));
    expect(r).toMatchObject({ code: "invalid", key: "statements_not_exported", field: "statementsExportedAt" });
    expect(r.message).toMatch(/Export the statements/);
    expect((await lineOf(line.id)).status).toBe("active");
    expect(await eventsOf(line.id)).toEqual([]);

    const response = (await operator.run(() => statementRoute(new Request(`http://localhost/api/lines/${line.id}/statement`, { method: "POST" })))) as Response;
    expect(response.status).toBe(200);
    const raw = new Uint8Array(await response.arrayBuffer());
    expect([...raw.subarray(0, 3)], "UTF-8 with BOM").toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(raw);
    expect(text).toContain(`"電話番号","${line.phoneNumber}"`);
    expect((await lineOf(line.id)).statementsExportedAt).not.toBeNull();
    expect(await eventsOf(line.id, "line.statements_exported")).toHaveLength(1);
    // Billing may download it too (a leaver's statements are billing's task); an account admin (lines:request) may not.
    const billingAnswer = (await viewer.run(() => statementRoute(new Request(`http://localhost/api/lines/${line.id}/statement`, { method: "POST" })))) as Response;
    expect(billingAnswer.status).toBe(200);
    const requesterAnswer = (await requester.run(() => statementRoute(new Request(`http://localhost/api/lines/${line.id}/statement`, { method: "POST" })))) as Response;
    expect(requesterAnswer.status).toBe(403);

    await apply(line.id, { kind: "cancel" });
    expect((await lineOf(line.id)).status).toBe("cancelled");
  });

  it("checks the reassign target and the other transitions", async () => {
    const line = await newLine({ assignedAccountId: holder.id, simType: "esim" });
    expect(await refusal(apply(line.id, { kind: "reassign", toAccountId: stranger.id }))).toMatchObject({ key: "holder_not_found", field: "toAccountId" });
    expect(await refusal(apply(line.id, { kind: "reassign", toAccountId: disabled.id }))).toMatchObject({ key: "holder_inactive", field: "toAccountId" });
    expect(await refusal(apply(line.id, { kind: "resume" }))).toMatchObject({ key: "not_from_status" });
    expect(await refusal(apply(line.id, { kind: "mark_pending_return" }))).toMatchObject({ key: "esim_no_return" });
    const second = await createAccount(t.prisma, { organizationId: org.id });
    await apply(line.id, { kind: "reassign", toAccountId: second.id });
    await apply(line.id, { kind: "suspend" });
    await apply(line.id, { kind: "unassign" });
    expect(await lineOf(line.id)).toMatchObject({ assignedAccountId: null, status: "suspended" });
    expect((await eventsOf(line.id)).map((e) => e.action)).toEqual(["line.reassign", "line.suspend", "line.unassign"]);
    expect(await refusal(apply(line.id, { kind: "suspend" }))).toMatchObject({ key: "not_from_status" });
    // Another organization's line is not found from here.
    const theirs = await createLine(t.prisma, { organizationId: other.id, phoneNumber: phone(), iccid: iccid() });
    expect(await refusal(apply(theirs.id, { kind: "suspend" }))).toMatchObject({ code: "not_found" });
  });

  it("shows the line's history, newest first, with before and after", async () => {
    const line = await newLine();
    await operator.run(() => changeLineState({ id: line.id, change: "suspend", reason: "紛失の届け出" }));
    await operator.run(() => changeLineState({ id: line.id, change: "resume" }));
    const detail = await viewer.run(() => getLineOrThrow({ id: line.id }));
    expect(detail.history.map((e) => [e.action, e.details])).toEqual([
      ["line.resume", { before: { status: "suspended" }, after: { status: "active" } }],
      ["line.suspend", { before: { status: "active" }, after: { status: "suspended" } }],
    ]);
    expect(detail.history[1]!.reason).toBe("紛失の届け出");
    expect(detail.canManage).toBe(false);
  });
});

describe("CSV import", () => {
  const HEADER = "電話番号,ICCID,SIM種別,プラン,データ容量GB,国際ローミング,利用者OCN ID,コストセンター,MNP予約番号,MNP有効期限";

  it("names both rows of a duplicate ICCID and writes nothing", async () => {
    const dup = iccid();
    const [p1, p2, p3] = [phone(), phone(), phone()];
    const csv = [HEADER, `${p1},${dup},物理,OCNモバイル 10GB,10,オフ,,,,`, `${p2},${iccid()},eSIM,OCNモバイル 10GB,10,オフ,,,,`, `${p3},${dup},物理,OCNモバイル 10GB,10,オフ,,,,`].join("\r\n");
    const count = await t.prisma.line.count({ where: { organizationId: org.id } });
    const preview = await importing(operator, "preview", utf8(csv));
    expect(preview.status).toBe(200);
    expect(preview.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 });
    for (const row of [2, 4]) {
      expect(preview.body.rows.find((r) => r.row === row)!.errors).toContainEqual({ row, column: "ICCID", code: "duplicate_iccid_in_file", params: { value: dup, rows: "2, 4" } });
    }
    const applied = await importing(operator, "apply", utf8(csv));
    expect(applied.body.status).toBe("refused");
    expect(await t.prisma.line.count({ where: { organizationId: org.id } })).toBe(count);
  });

  it("names an ICCID already on another line of the organization", async () => {
    const existing = await newLine();
    const { iccid: taken } = await lineOf(existing.id);
    const csv = [HEADER, `${phone()},${taken},物理,OCNモバイル 10GB,10,,,,,`].join("\n");
    const preview = await importing(operator, "preview", utf8(csv));
    expect(preview.body.rows[0]!.errors).toEqual([{ row: 2, column: "ICCID", code: "iccid_taken", params: { value: taken, other: existing.phoneNumber } }]);
  });

  it("reads Shift_JIS with full-width digits and English headings too, and applies all rows in one go", async () => {
    const p = phone();
    const digits = p.replace(/-/g, "").replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const ic = iccid();
    const sjis = shiftJis([HEADER, `${digits},${ic},ｅＳＩＭ,OCNモバイル 20GB,２０,オン,${holder.loginId},営業部,,`].join("\r\n"));
    const preview = await importing(operator, "preview", sjis, "回線.csv");
    expect(preview.body).toMatchObject({ encoding: "shift_jis", counts: { create: 1, error: 0 } });
    const applied = await importing(operator, "apply", sjis, "回線.csv");
    expect(applied.body).toMatchObject({ status: "applied", summary: { created: 1 } });
    const line = await t.prisma.line.findFirstOrThrow({ where: { organizationId: org.id, phoneNumber: p } });
    expect(line).toMatchObject({ iccid: ic, simType: "esim", plan: "OCNモバイル 20GB", dataAllowanceGb: 20, internationalRoaming: true, assignedAccountId: holder.id, costCenter: "営業部", status: "active" });
    expect((await eventsOf(line.id, "line.created"))[0]!.details).toMatchObject({ after: { phoneNumber: p, holder: holder.loginId } });

    // English headings; an update by phone number, and a row with an error: nothing of the file is written.
    const english = ["phoneNumber,iccid,simType,plan,dataAllowanceGb,costCenter", `${p},${ic},esim,OCNモバイル 30GB,30,営業部`, `${phone()},${iccid()},esim,OCNモバイル 30GB,5000,`].join("\n");
    const refused = await importing(operator, "apply", utf8(english));
    expect(refused.body.status).toBe("refused");
    expect(refused.body.preview!.rows[1]!.errors[0]).toMatchObject({ row: 3, column: "dataAllowanceGb", code: "allowance_range" });
    expect((await lineOf(line.id)).plan).toBe("OCNモバイル 20GB");
    const good = english.split("\n").slice(0, 2).join("\n");
    expect((await importing(operator, "apply", utf8(good))).body).toMatchObject({ status: "applied", summary: { updated: 1 } });
    expect((await lineOf(line.id)).plan).toBe("OCNモバイル 30GB");
    expect((await eventsOf(line.id, "line.updated"))[0]!.details).toMatchObject({ before: { plan: "OCNモバイル 20GB", dataAllowanceGb: 20 }, after: { plan: "OCNモバイル 30GB", dataAllowanceGb: 30 } });
  });

  it("refuses a holder who is not active, by row and column", async () => {
    const csv = [HEADER, `${phone()},${iccid()},物理,OCNモバイル 10GB,10,,${suspended.loginId},,,`, `${phone()},${iccid()},物理,OCNモバイル 10GB,10,,${stranger.loginId},,,`].join("\n");
    const preview = await importing(operator, "preview", utf8(csv));
    expect(preview.body.rows.map((r) => r.errors.map((e) => [e.row, e.column, e.code]))).toEqual([[[2, "利用者OCN ID", "holder_inactive"]], [[3, "利用者OCN ID", "holder_not_found"]]]);
  });

  it("is for lines:manage only", async () => {
    const csv = [HEADER, `${phone()},${iccid()},物理,OCNモバイル 10GB,10,,,,,`].join("\n");
    expect((await importing(viewer, "preview", utf8(csv))).status).toBe(403);
  });
});

describe("CSV export", () => {
  it("is Excel-safe, audited, and re-imports as unchanged", async () => {
    const tag = unique("出力").slice(-6);
    const plan = `OCNモバイル ${tag}`;
    const a = await newLine({ plan, costCenter: "=HYPERLINK(\"x\")", assignedAccountId: holder.id, mnpNumber: "1112223334", mnpExpiresAt: new Date(Date.now() + 86_400_000) });
    const b = await newLine({ plan, simType: "esim" });
    await t.prisma.line.update({ where: { id: b.id }, data: { internationalRoaming: true } });
    const response = (await viewer.run(() => exportRoute(new NextRequest(`http://localhost/api/lines/export?plan=${encodeURIComponent(plan)}`)))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)], "UTF-8 with BOM").toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('"電話番号","ICCID"')).toBe(true);
    const rows = text.split("\r\n").filter(Boolean);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.includes(a.phoneNumber))).toContain(`"'=HYPERLINK(""x"")"`);
    const [event] = await t.prisma.auditEvent.findMany({ where: { organizationId: org.id, action: "line.export" }, orderBy: { id: "desc" }, take: 1 });
    expect(event!.details).toMatchObject({ rowCount: 2, filter: { plan } });

    const again = await importing(operator, "preview", bytes, "export.csv");
    expect(again.body.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
  });
});
