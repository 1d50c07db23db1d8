import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/policy/account-csv";
import { NextRequest } from "next/server";
import type { AccountImportOutcome, AccountImportPreview, ImportProgress, ImportStreamLine } from "@/lib/schemas/account-import";
import { applyAccountImport } from "@/lib/server/accounts/apply-account-import";
import { exportAccounts } from "@/lib/server/accounts/export-accounts";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { previewAccountImport } from "@/lib/server/accounts/preview-account-import";
import { createAccount, createDepartment, createOrganization, unique } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";
import { shiftJis } from "@/tests/support/shift-jis";
import { GET as exportRoute } from "@/app/api/accounts/export/route";
import { POST as importRoute } from "@/app/api/accounts/import/route";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let admin: Session; // account_admin: accounts:manage, may hand out only the member role
let orgAdmin: Session; // org_admin: everything
let hr: Session; // accounts:view only
let takenElsewhere: string;
let tag: string;

const HEADER = "OCN ID,氏名,フリガナ,メールアドレス,社員番号,部署コード,区分,委託先,ロール,権限期限";
const utf8 = (text: string) => new TextEncoder().encode(`\uFEFF${text}`);
const id = (name: string) => `${name}.${tag}@example.jp`;
const line = (cells: string[]) => cells.join(",");

async function written() {
  const where = { organizationId: org.id };
  const [accounts, events, invitations, mail, imports, grants] = await Promise.all([
    t.prisma.account.count({ where }),
    t.prisma.auditEvent.count({ where }),
    t.prisma.invitation.count({ where }),
    t.prisma.mailMessage.count({ where }),
    t.prisma.accountImport.count({ where }),
    t.prisma.roleGrant.count({ where }),
  ]);
  return { accounts, events, invitations, mail, imports, grants };
}

const applied = (outcome: AccountImportOutcome) => {
  if (outcome.status !== "applied") throw new Error(`refused: ${JSON.stringify(outcome.preview.rows.flatMap((r) => r.errors).concat(outcome.preview.fileIssues))}`);
  return outcome.summary;
};
const refused = (outcome: AccountImportOutcome): AccountImportPreview => {
  if (outcome.status !== "refused") throw new Error("expected the import to be refused");
  return outcome.preview;
};
const errorsOf = (preview: AccountImportPreview) => preview.rows.flatMap((r) => r.errors.map((e) => [e.row, e.column, e.code]));

beforeAll(async () => {
  t = await openTestDatabase();
  tag = unique("imp").replace(/-/g, "");
  org = await createOrganization(t.prisma);
  await createDepartment(t.prisma, { organizationId: org.id, code: "1110", name: "第一営業部" });
  await createDepartment(t.prisma, { organizationId: org.id, code: "2100", name: "経理部" });
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"], displayName: "管理 一郎" });
  const o = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["org_admin"], displayName: "組織 管理者" });
  const h = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["hr"], displayName: "人事 花子" });
  admin = await signedIn(a.loginId, a.password);
  orgAdmin = await signedIn(o.loginId, o.password);
  hr = await signedIn(h.loginId, h.password);
  const other = await createOrganization(t.prisma, { name: "他社 秘密商事" });
  takenElsewhere = (await createAccount(t.prisma, { organizationId: other.id, loginId: `taken.${tag}@other.example.jp` })).loginId;
});
afterAll(() => t.drop());

describe("dry run", () => {
  it("a Shift_JIS file with one bad row: the dry run names the row and column, and nothing is written — nor by apply", async () => {
    const csv = [
      HEADER,
      line([id("sato"), "佐藤 一郎", "サトウ イチロウ", id("sato"), "S0001", "1110", "社員", "", "利用者", ""]),
      line([id("suzuki"), "鈴木 次郎", "スズキ ジロウ", id("suzuki"), "S0002", "9999", "社員", "", "", ""]),
      line([id("takahashi"), "髙橋 三郎", "タカハシ サブロウ", id("takahashi"), "S0003", "2100", "社員", "", "", ""]),
    ].join("\r\n");
    const file = { fileName: "人事システム出力.csv", bytes: shiftJis(csv) };
    const before = await written();
    const progress: ImportProgress[] = [];
    const preview = await admin.run(() => previewAccountImport(file, (p) => progress.push(p)));
    expect(preview.encoding).toBe("shift_jis");
    expect(preview.counts).toEqual({ create: 2, update: 0, unchanged: 0, error: 1 });
    expect(preview.rows[1]).toMatchObject({ row: 3, action: "error", displayName: "鈴木 次郎" });
    expect(preview.rows[1]!.errors).toEqual([{ row: 3, column: "部署コード", code: "department_unknown", params: { value: "9999" } }]);
    expect(preview.rows[2]!.changes).toContainEqual({ field: "displayName", before: null, after: "髙橋 三郎" });
    expect(preview.headings.displayName).toBe("氏名");
    expect(progress.map((p) => p.phase)).toContain("check");
    expect(await written()).toEqual(before);

    const outcome = await admin.run(() => applyAccountImport(file));
    expect(errorsOf(refused(outcome))).toEqual([[3, "部署コード", "department_unknown"]]);
    expect(await written()).toEqual(before);
  });

  it("is refused without accounts:manage, and writes nothing", async () => {
    const file = { fileName: "a.csv", bytes: utf8(`${HEADER}\r\n${line([id("nope"), "不可 太郎", "", id("nope"), "", "", "", "", "", ""])}`) };
    const before = await written();
    await expect(hr.run(() => previewAccountImport(file))).rejects.toMatchObject({ code: "forbidden" });
    await expect(hr.run(() => applyAccountImport(file))).rejects.toMatchObject({ code: "forbidden" });
    expect(await written()).toEqual(before);
  });

  it("an OCN ID of another organization is an error that does not say whose it is", async () => {
    const file = { fileName: "a.csv", bytes: utf8(`${HEADER}\r\n${line([takenElsewhere.toUpperCase(), "他社 重複", "", id("dup"), "", "", "", "", "", ""])}`) };
    const preview = await admin.run(() => previewAccountImport(file));
    expect(preview.rows[0]!.errors).toEqual([{ row: 2, column: "OCN ID", code: "login_id_taken", params: { value: takenElsewhere } }]);
    expect(JSON.stringify(preview)).not.toContain("秘密商事");
  });

  it("one person, one OCN ID: an employee number or mail twice in the file, or held by a live account, is an error; a disabled account's is free", async () => {
    const holder = await createAccount(t.prisma, { organizationId: org.id, employeeNumber: "H0001", loginId: id("holder") });
    const leaver = await createAccount(t.prisma, { organizationId: org.id, employeeNumber: "L0001", loginId: id("leaver"), status: "disabled" });
    const csv = [
      HEADER,
      line([id("p1"), "一 人目", "", id("p1"), "P0001", "", "", "", "", ""]),
      line([id("p2"), "二 人目", "", id("p2"), "P0001", "", "", "", "", ""]),
      line([id("p3"), "三 人目", "", holder.loginId.toUpperCase(), "", "", "", "", "", ""]),
      line([id("p4"), "四 人目", "", id("p4"), "ｈ０００１", "", "", "", "", ""]),
      line([id("p5"), "五 人目", "", leaver.loginId, "L0001", "", "", "", "", ""]),
      line([id("p1"), "一 人目", "", id("p6"), "", "", "", "", "", ""]),
    ].join("\r\n");
    const preview = await admin.run(() => previewAccountImport({ fileName: "dup.csv", bytes: utf8(csv) }));
    expect(errorsOf(preview)).toEqual([
      [3, "社員番号", "duplicate_in_file"],
      [4, "メールアドレス", "email_taken"],
      [5, "社員番号", "employee_number_taken"],
      [7, "OCN ID", "duplicate_in_file"],
    ]);
    expect(preview.rows[3]!.errors[0]!.params).toEqual({ value: "H0001", other: holder.loginId });
    expect(preview.rows[4]!.action).toBe("create");
  });

  it("checks roles: known in the organization, within the importer's own permissions, no separation-of-duty conflict; contractors' grants end", async () => {
    const csv = [
      HEADER,
      line([id("r1"), "役割 一", "", id("r1"), "", "", "社員", "", "存在しないロール", ""]),
      line([id("r2"), "役割 二", "", id("r2"), "", "", "社員", "", "組織管理者", ""]),
      line([id("r3"), "役割 三", "", id("r3"), "", "", "委託", "株式会社ABC", "利用者", ""]),
      line([id("r4"), "役割 四", "", id("r4"), "", "", "委託", "株式会社ABC", "Member", "2099/03/31"]),
    ].join("\r\n");
    const preview = await admin.run(() => previewAccountImport({ fileName: "roles.csv", bytes: utf8(csv) }));
    expect(errorsOf(preview)).toEqual([
      [2, "ロール", "role_unknown"],
      [3, "ロール", "role_above_yours"],
      [4, "権限期限", "contractor_needs_end"],
    ]);
    expect(preview.rows[3]!.action).toBe("create");
    const sod = `${HEADER}\r\n${line([id("r5"), "役割 五", "", id("r5"), "", "", "社員", "", "security_auditor;account_admin", ""])}`;
    const conflict = await orgAdmin.run(() => previewAccountImport({ fileName: "sod.csv", bytes: utf8(sod) }));
    expect(conflict.rows[0]!.errors[0]).toMatchObject({ column: "ロール", code: "sod_conflict", params: { a: "audit:manage", b: "accounts:manage" } });
  });
});

describe("existing accounts", () => {
  it("updates only name, kana, mail, employee number and department; other columns that differ are noted, not changed", async () => {
    const person = await createAccount(t.prisma, { organizationId: org.id, loginId: id("keep"), displayName: "据置 太郎", employeeNumber: "K0001", roleKeys: ["member"] });
    const csv = `${HEADER}\r\n${line([person.loginId, "据置 太郎", "", person.loginId, "K0001", "", "委託", "株式会社XYZ", "利用者;人事", ""])}`;
    const preview = await orgAdmin.run(() => previewAccountImport({ fileName: "keep.csv", bytes: utf8(csv) }));
    expect(preview.rows[0]).toMatchObject({ action: "unchanged", errors: [] });
    expect(preview.rows[0]!.warnings.map((w) => w.column)).toEqual(["区分", "委託先", "ロール"]);
    expect(preview.rows[0]!.warnings.every((w) => w.code === "not_changed_by_import")).toBe(true);
  });

  it("refuses to change a disabled account, or one that holds more than the importer", async () => {
    const gone = await createAccount(t.prisma, { organizationId: org.id, loginId: id("gone"), displayName: "退職 済", status: "disabled", employeeNumber: null });
    const boss = await createAccount(t.prisma, { organizationId: org.id, loginId: id("boss"), displayName: "社長 一人", roleKeys: ["org_admin"], employeeNumber: null });
    const csv = [HEADER, line([gone.loginId, "退職 済", "", gone.loginId, "", "", "", "", "", ""]), line([gone.loginId.replace("gone", "gone2"), "x", "", id("gone2"), "", "", "", "", "", ""])].join("\r\n");
    const unchangedDisabled = await admin.run(() => previewAccountImport({ fileName: "a.csv", bytes: utf8(csv) }));
    expect(unchangedDisabled.rows[0]!.action).toBe("unchanged");
    const changes = [HEADER, line([gone.loginId, "退職 済み", "", gone.loginId, "", "", "", "", "", ""]), line([boss.loginId, "社長 一人", "", id("boss-private"), "", "", "", "", "", ""])].join("\r\n");
    const preview = await admin.run(() => previewAccountImport({ fileName: "b.csv", bytes: utf8(changes) }));
    expect(errorsOf(preview)).toEqual([
      [2, "OCN ID", "target_disabled"],
      [3, "OCN ID", "target_privileged"],
    ]);
    expect(preview.rows[1]!.changes).toEqual([{ field: "email", before: boss.loginId, after: id("boss-private") }]);
  });
});

describe("the route", () => {
  const post = (session: Session, mode: string, file?: { name: string; bytes: Uint8Array }) => {
    const form = new FormData();
    form.set("mode", mode);
    if (file) form.set("file", new File([file.bytes as Uint8Array<ArrayBuffer>], file.name, { type: "text/csv" }));
    return session.run(() => importRoute(new Request("http://localhost/api/accounts/import", { method: "POST", body: form })));
  };
  const lines = async (response: Response) => (await response.text()).trim().split("\n").map((l) => JSON.parse(l) as ImportStreamLine);

  it("streams progress lines and then the dry run as NDJSON", async () => {
    const response = await post(admin, "preview", { name: "route.csv", bytes: shiftJis(`${HEADER}\r\n${line([id("route1"), "経路 一郎", "", id("route1"), "", "9999", "", "", "", ""])}`) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/x-ndjson");
    const all = await lines(response);
    expect(all.slice(0, -1).every((l) => l.type === "progress")).toBe(true);
    expect(all.map((l) => (l.type === "progress" ? l.phase : l.type))).toEqual(expect.arrayContaining(["read", "check", "result"]));
    const last = all.at(-1)!;
    expect(last.type === "result" && errorsOf(last.result as AccountImportPreview)).toEqual([[2, "部署コード", "department_unknown"]]);
  });

  it("answers a missing permission or a missing file with an ordinary JSON error and its status", async () => {
    const forbidden = await post(hr, "apply", { name: "x.csv", bytes: utf8(HEADER) });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ type: "error", code: "forbidden" });
    const noFile = await post(admin, "preview");
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ code: "invalid", key: "file_required" });
    const tooBig = await post(admin, "preview", { name: "big.csv", bytes: new Uint8Array(5 * 1024 * 1024 + 1) });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ key: "too_large" });
  });

  it("the export route answers a CSV download for the list's filters", async () => {
    const response = await admin.run(() => exportRoute(new NextRequest("http://localhost/api/accounts/export?status=active&sort=loginId")));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="accounts-\d{8}-\d{4}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const member = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["member"] });
    const refused = await (await signedIn(member.loginId, member.password)).run(() => exportRoute(new NextRequest("http://localhost/api/accounts/export")));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "forbidden" });
  });
});

describe("apply", () => {
  it("creates, updates and leaves alone, all in one go: invitations, grants with their end, the import's record and audit events", async () => {
    const existing = await createAccount(t.prisma, { organizationId: org.id, loginId: id("existing"), displayName: "既存 太郎", employeeNumber: "X0001" });
    const same = await createAccount(t.prisma, { organizationId: org.id, loginId: id("same"), displayName: "同じ 花子", employeeNumber: "X0002" });
    const csv = [
      "login_id,display_name,name_kana,email,employee_number,department_code,kind,contractor_company,roles,grant_ends_at",
      line([id("new1"), "新人 一郎", "シンジン イチロウ", id("new1"), "N0001", "1110", "employee", "", "member", ""]),
      line([id("new2"), "委託 二郎", "イタク ジロウ", id("new2"), "", "2100", "contractor", "株式会社ABC", "利用者;人事", "2099-03-31 18:00"]),
      line([existing.loginId, "既存 太郎", "キソン タロウ", existing.loginId, "X0001", "2100", "employee", "", "member", ""]),
      line([same.loginId, "同じ 花子", "", same.loginId, "X0002", "", "employee", "", "member", ""]),
    ].join("\n");
    const file = { fileName: "新入社員.csv", bytes: new TextEncoder().encode(csv) };
    const before = await written();
    const progress: ImportProgress[] = [];
    const summary = applied(await orgAdmin.run(() => applyAccountImport(file, (p) => progress.push(p))));
    expect(summary).toMatchObject({ fileName: "新入社員.csv", encoding: "utf-8", rowCount: 4, created: 2, updated: 1, unchanged: 1 });
    expect(progress.filter((p) => p.phase === "write").at(-1)).toEqual({ phase: "write", done: 3, total: 3 });
    expect(progress.filter((p) => p.phase === "mail").at(-1)).toEqual({ phase: "mail", done: 2, total: 2 });

    const created = await t.prisma.account.findUniqueOrThrow({
      where: { loginId: id("new2") },
      select: { id: true, status: true, kind: true, contractorCompany: true, nameKana: true, department: { select: { code: true } }, grants: { select: { endsAt: true, grantedById: true, reason: true, role: { select: { key: true } } } } },
    });
    expect(created).toMatchObject({ status: "invited", kind: "contractor", contractorCompany: "株式会社ABC", nameKana: "イタク ジロウ", department: { code: "2100" } });
    expect(created.grants.map((g) => g.role.key).sort()).toEqual(["hr", "member"]);
    for (const g of created.grants) {
      expect(g).toMatchObject({ endsAt: new Date("2099-03-31T09:00:00Z"), grantedById: orgAdmin.accountId, reason: "CSV import 新入社員.csv" });
    }
    expect(await t.prisma.invitation.count({ where: { accountId: created.id } })).toBe(1);
    expect(await t.prisma.mailMessage.count({ where: { to: id("new2") } })).toBe(1);

    const updated = await t.prisma.account.findUniqueOrThrow({ where: { id: existing.id }, select: { nameKana: true, department: { select: { code: true } }, status: true } });
    expect(updated).toEqual({ nameKana: "キソン タロウ", department: { code: "2100" }, status: "active" });

    const record = await t.prisma.accountImport.findUniqueOrThrow({ where: { id: summary.importId! } });
    expect(record).toMatchObject({ organizationId: org.id, importedById: orgAdmin.accountId, fileName: "新入社員.csv", encoding: "utf-8", rowCount: 4, createdCount: 2, updatedCount: 1 });
    const events = await t.prisma.auditEvent.findMany({ where: { organizationId: org.id, details: { path: ["importId"], equals: summary.importId! } }, select: { action: true, targetId: true, details: true } });
    expect(events.filter((e) => e.action === "account.invited").map((e) => e.details)).toContainEqual(
      expect.objectContaining({ before: null, after: expect.objectContaining({ status: "invited", roles: ["member", "hr"], grantEndsAt: "2099-03-31T09:00:00.000Z", grantedById: orgAdmin.accountId }) }),
    );
    expect(events.filter((e) => e.action === "account.invited")).toHaveLength(2);
    expect(events.find((e) => e.action === "account.updated")).toMatchObject({
      targetId: existing.id,
      details: { before: { nameKana: null }, after: { nameKana: "キソン タロウ" } },
    });
    expect(await t.prisma.auditEvent.count({ where: { organizationId: org.id, action: "account.import", targetId: summary.importId } })).toBe(1);
    const after = await written();
    expect(after).toMatchObject({ accounts: before.accounts + 2, invitations: before.invitations + 2, mail: before.mail + 2, imports: before.imports + 1, grants: before.grants + 3 });
    expect(after.events).toBe(before.events + 2 + 1 + 1);

    // The same file again changes nothing: every row is now as the file says.
    const again = await orgAdmin.run(() => previewAccountImport(file));
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 4, error: 0 });
  });

  it("is all or nothing: an account taken by someone else in the meantime rolls everything back and names the row", async () => {
    const csv = [HEADER, line([id("race1"), "競合 一", "", id("race1"), "", "", "", "", "", ""]), line([id("race2"), "競合 二", "", id("race2"), "", "", "", "", "", ""])].join("\r\n");
    const file = { fileName: "race.csv", bytes: utf8(csv) };
    const before = await written();
    let sneak: Promise<unknown> | undefined;
    const outcome = await admin.run(() =>
      applyAccountImport(file, (p) => {
        // Between the dry run and the write, someone registers the second row's mail address.
        if (p.phase === "check" && p.done === p.total && !sneak) {
          sneak = t.sql.exec(`INSERT INTO accounts (organization_id, login_id, email, display_name) VALUES ('${org.id}', '${id("sneaky")}', '${id("race2")}', '横入り 太郎')`);
        }
      }),
    );
    await sneak;
    expect(errorsOf(refused(outcome))).toEqual([[3, "メールアドレス", "email_taken"]]);
    expect(await written()).toEqual({ ...before, accounts: before.accounts + 1 });
    expect(await t.prisma.account.count({ where: { loginId: id("race1") } })).toBe(0);
  });
});

describe("export", () => {
  it("streams the list's accounts as Excel-safe CSV that re-imports as unchanged, formulas neutralised; the export is audited", async () => {
    const formula = await createAccount(t.prisma, { organizationId: org.id, loginId: id("formula"), displayName: '=HYPERLINK("http://evil.example","x")', kind: "contractor", contractorCompany: "+81 委託", employeeNumber: null });
    await t.prisma.account.update({ where: { id: formula.id }, data: { nameKana: "@イコール" } });
    const { fileName, rowCount, chunks } = await admin.run(() => exportAccounts({ sort: "loginId" }));
    let text = "";
    for await (const chunk of chunks) text += chunk;
    expect(fileName).toMatch(/^accounts-\d{8}-\d{4}\.csv$/);
    expect(text.startsWith('\uFEFF"OCN ID","氏名","フリガナ","メールアドレス","社員番号","部署コード","区分","委託先","ロール","権限期限","部署名","状態","最終サインイン"\r\n')).toBe(true);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain(`"'+81 委託"`);
    expect(text).toContain(`"'@イコール"`);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(rowCount + 1);
    const parsed = parseCsv(text.slice(1));
    expect(parsed.ok && parsed.records.every((r) => r.length === 13)).toBe(true);

    const list = await admin.run(() => listAccounts({ sort: "loginId", pageSize: 100 }));
    expect(parsed.ok && parsed.records.slice(1).map((r) => r[0])).toEqual(list.accounts.map((a) => a.loginId));

    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: org.id, action: "account.export" }, orderBy: { id: "desc" }, select: { actorId: true, details: true } });
    expect(event).toMatchObject({ actorId: admin.accountId, details: { format: "csv", rowCount, filter: { sort: "loginId", status: null } } });

    const reimport = await orgAdmin.run(() => previewAccountImport({ fileName, bytes: new TextEncoder().encode(text) }));
    expect(reimport.fileIssues).toEqual([]);
    expect(reimport.warnings).toEqual([]);
    expect(reimport.rows.filter((r) => r.action !== "unchanged").map((r) => [r.row, r.action, r.errors, r.warnings])).toEqual([]);
    expect(reimport.rows.flatMap((r) => r.warnings)).toEqual([]);
  });

  it("applies the list's filters, and is refused to someone without accounts:view", async () => {
    const { chunks, rowCount } = await hr.run(() => exportAccounts({ status: "invited" }));
    let text = "";
    for await (const chunk of chunks) text += chunk;
    const parsed = parseCsv(text.slice(1));
    expect(parsed.ok && parsed.records.slice(1).every((r) => r[11] === "招待中")).toBe(true);
    expect(rowCount).toBe((await hr.run(() => listAccounts({ status: "invited", pageSize: 100 }))).total);
    const member = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["member"] });
    const session = await signedIn(member.loginId, member.password);
    await expect(session.run(() => exportAccounts({}))).rejects.toMatchObject({ code: "forbidden" });
  });
});
