import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, apportionTax, monthDate, monthKeyOf, monthRange, planFeeYen } from "@/lib/policy/billing";
import { parseCsv } from "@/lib/policy/account-csv";
import { addDataAddon, requestDataAddon } from "@/lib/server/billing/data-addons";
import { exportStatement } from "@/lib/server/billing/export-statement";
import { getStatement } from "@/lib/server/billing/get-statement";
import { listStatements } from "@/lib/server/billing/list-statements";
import { getPaymentMethod } from "@/lib/server/billing/get-payment-method";
import { requestPaymentMethodChange } from "@/lib/server/billing/request-payment-method-change";
import { issueLastMonth, issueStatement } from "@/lib/server/billing/statements";
import { exportLineStatement } from "@/lib/server/lines/export-line-statement";
import { cancelChangeRequest } from "@/lib/server/requests/cancel-change-request";
import { changeLineState } from "@/lib/server/lines/change-line-state";
import { updateLineSettings } from "@/lib/server/lines/update-line-settings";
import { decideChangeRequest } from "@/lib/server/requests/decide-change-request";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createLine, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: Awaited<ReturnType<typeof createOrganization>>;
let operator: Session; // line_operator: lines:manage, billing:request
let billingManager: Session; // billing_manager: billing:manage, lines:view
let orgAdmin: Session;
let member: Session;
let memberId: string;
let strangerAdmin: Session;

const CONTRACT = { contractName: "株式会社テスト商事", contractNameKana: "カブシキガイシャテストショウジ", contractNameLatin: "TEST SHOJI CO., LTD." };
const nextYear = new Date().getUTCFullYear() + 1;
const card = (over: Record<string, string> = {}) => ({
  method: "card" as const,
  cardBrand: "visa",
  cardLast4: "4242",
  cardExpMonth: "12",
  cardExpYear: String(nextYear),
  holderName: "TEST SHOJI CO LTD",
  reason: "法人カードの切り替え",
  ...over,
});
const bank = (over: Record<string, string> = {}) => ({
  method: "bank_transfer" as const,
  bankName: "みずほ銀行",
  bankCode: "0001",
  branchName: "丸の内支店",
  branchCode: "110",
  accountType: "ordinary",
  accountLast4: "4821",
  holderName: "カ)テストシヨウジ",
  reason: "口座振替に変更",
  ...over,
});
/** A CSV export's records without its BOM and blank separator rows. */
function csvRows(text: string): string[][] {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ""));
  if (!parsed.ok) throw new Error("unreadable CSV");
  return parsed.records.filter((r) => r.some((c) => c !== ""));
}
const pendingPaymentRequests = () => t.prisma.changeRequest.count({ where: { organizationId: org.id, kind: "payment_method", status: "pending" } });

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  await t.prisma.organization.update({ where: { id: org.id }, data: CONTRACT });
  const make = async (roleKeys: Parameters<typeof createAccount>[1]["roleKeys"]) => {
    const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys });
    return { session: await signedIn(a.loginId, a.password), id: a.id };
  };
  operator = (await make(["line_operator"])).session;
  billingManager = (await make(["billing_manager"])).session;
  orgAdmin = (await make(["org_admin"])).session;
  const m = await make(["member"]);
  member = m.session;
  memberId = m.id;
  const other = await createOrganization(t.prisma);
  const s = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"] });
  strangerAdmin = await signedIn(s.loginId, s.password);
});
afterAll(() => t.drop());

describe("a payment method change", () => {
  it("is refused with the contract name named when the holder does not match, and nothing is filed", async () => {
    const err = await operator.run(() => requestPaymentMethodChange(card({ holderName: "TARO YAMADA" }))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "invalid", field: "holderName", key: "holder_mismatch" });
    expect((err as Error).message).toContain("TEST SHOJI CO., LTD.");
    expect(await pendingPaymentRequests()).toBe(0);
  });

  it("is filed by billing:request, approved by someone else with billing:manage, and audited both times", async () => {
    const filed = await operator.run(() => requestPaymentMethodChange(card()));
    expect(await pendingPaymentRequests()).toBe(1);
    expect(await t.prisma.paymentMethod.findUnique({ where: { organizationId: org.id } })).toBeNull();
    // Members do not even see it; the requester cannot decide it (a line operator has no billing:manage either).
    await expect(member.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "forbidden" });
    await billingManager.run(() => decideChangeRequest({ id: filed.id, decision: "approve", note: "確認しました" }));
    const stored = await t.prisma.paymentMethod.findUniqueOrThrow({ where: { organizationId: org.id } });
    expect(stored).toMatchObject({ method: "card", cardBrand: "visa", cardLast4: "4242", cardExpMonth: 12, cardExpYear: nextYear, holderName: "TEST SHOJI CO LTD", bankName: null });
    const actions = await t.prisma.auditEvent.findMany({ where: { organizationId: org.id, targetType: "payment_method" }, orderBy: { id: "asc" }, select: { action: true, actorLabel: true } });
    expect(actions.map((a) => a.action)).toEqual(["request.filed", "billing.payment_method_changed", "request.approved"]);
    const page = await billingManager.run(() => getPaymentMethod());
    expect(page.method?.label).toBe("VISA ••••4242");
    expect((await billingManager.run(() => listStatements())).paymentLabel).toBe("VISA ••••4242");
  });

  it("takes a bank account whose カナ holder abbreviates 株式会社, and refuses Latin letters there", async () => {
    await expect(operator.run(() => requestPaymentMethodChange(bank({ holderName: "TEST SHOJI" })))).rejects.toMatchObject({ field: "holderName" });
    const filed = await operator.run(() => requestPaymentMethodChange(bank({ holderName: "ｶ)ﾃｽﾄｼｮｳｼﾞ" })));
    // Whoever files it, nobody approves their own: an org admin's request waits for another manager.
    await billingManager.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }));
    const stored = await t.prisma.paymentMethod.findUniqueOrThrow({ where: { organizationId: org.id } });
    expect(stored).toMatchObject({ method: "bank_transfer", bankCode: "0001", branchCode: "110", accountType: "ordinary", accountLast4: "4821", cardBrand: null, cardLast4: null });
    const own = await orgAdmin.run(() => requestPaymentMethodChange(card()));
    await expect(orgAdmin.run(() => decideChangeRequest({ id: own.id, decision: "approve" }))).rejects.toMatchObject({ code: "forbidden" });
    await orgAdmin.run(() => cancelChangeRequest({ id: own.id }));
  });

  it("refuses an expired card, a malformed code and a member without billing:request", async () => {
    await expect(operator.run(() => requestPaymentMethodChange(card({ cardExpYear: "2020", cardExpMonth: "1" })))).rejects.toMatchObject({ field: "cardExpYear", key: "card_expired" });
    await expect(operator.run(() => requestPaymentMethodChange(bank({ branchCode: "11" })))).rejects.toMatchObject({ field: "branchCode" });
    await expect(operator.run(() => requestPaymentMethodChange(card({ cardBrand: "discover" })))).rejects.toMatchObject({ field: "cardBrand" });
    await expect(member.run(() => requestPaymentMethodChange(card()))).rejects.toMatchObject({ code: "forbidden" });
    expect(await pendingPaymentRequests()).toBe(0);
  });

  it("needs the contract name on record", async () => {
    const bare = await createOrganization(t.prisma);
    const a = await createAccount(t.prisma, { organizationId: bare.id, roleKeys: ["billing_manager"] });
    const s = await signedIn(a.loginId, a.password);
    await expect(s.run(() => requestPaymentMethodChange(card()))).rejects.toMatchObject({ field: "holderName", key: "contract_name_missing" });
  });

  it("never accepts or stores a full card number, wherever it is typed", async () => {
    const number = "4111111111111111";
    const spaced = "4111 1111 1111 1111";
    const attempts = [
      card({ cardLast4: number }),
      card({ cardLast4: spaced }),
      card({ holderName: `TEST SHOJI ${number}` }),
      card({ reason: `カード番号は ${spaced} です` }),
      bank({ accountLast4: number }),
      bank({ bankName: `みずほ ${number}` }),
    ];
    for (const attempt of attempts) {
      const err = await operator.run(() => requestPaymentMethodChange(attempt)).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: "invalid" });
    }
    const err = await operator.run(() => requestPaymentMethodChange(card({ cardLast4: spaced }))).catch((e: unknown) => e);
    expect(err).toMatchObject({ field: "cardLast4", message: "full_card_number" });
    // Not in any row of any table: every table of the schema, read as text.
    const tables = await t.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(40);
    for (const { table_name } of tables) {
      const [hit] = await t.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM "${table_name}" x WHERE regexp_replace(row_to_json(x)::text, '[ -]', '', 'g') LIKE '%4111111111111111%'`,
      );
      expect({ table: table_name, rows: Number(hit!.n) }).toEqual({ table: table_name, rows: 0 });
    }
  });
});

describe("statements", () => {
  const month = addMonths(monthKeyOf(new Date()), -1);
  let statementOrg: Awaited<ReturnType<typeof createOrganization>>;
  let viewer: Session;

  beforeAll(async () => {
    statementOrg = await createOrganization(t.prisma);
    const a = await createAccount(t.prisma, { organizationId: statementOrg.id, roleKeys: ["billing_manager"] });
    viewer = await signedIn(a.loginId, a.password);
    const dept = await t.prisma.department.create({ data: { organizationId: statementOrg.id, code: "9100", name: "開発部" } });
    const holder = await createAccount(t.prisma, { organizationId: statementOrg.id, departmentId: dept.id });
    const { start } = monthRange(month);
    const activatedAt = new Date(start.getTime() - 40 * 86400_000);
    const specs: { costCenter: string | null; gb: number; holder?: string; usage: number; addon?: number }[] = [
      { costCenter: "営業部", gb: 10, usage: 7.25 },
      { costCenter: "営業部", gb: 3, usage: 3.1, addon: 1 },
      { costCenter: "経理部", gb: 20, usage: 11 },
      { costCenter: null, gb: 10, holder: holder.id, usage: 2.5 }, // falls back to the holder's department
      { costCenter: null, gb: 3, usage: 0 }, // 未設定
      { costCenter: "営業部", gb: 30, usage: 29.99, addon: 5 },
    ];
    for (const s of specs) {
      const line = await createLine(t.prisma, { organizationId: statementOrg.id, costCenter: s.costCenter, dataAllowanceGb: s.gb, plan: `OCNモバイル ${s.gb}GB`, assignedAccountId: s.holder ?? null, activatedAt });
      await t.prisma.lineUsage.create({ data: { organizationId: statementOrg.id, lineId: line.id, month: monthDate(month), usedGb: s.usage } });
      if (s.addon) await t.prisma.lineDataAddon.create({ data: { organizationId: statementOrg.id, lineId: line.id, month: monthDate(month), gb: s.addon, priceYen: s.addon * 500 } });
    }
    // Activated after the month: not on it. Cancelled long before: not on it either.
    await createLine(t.prisma, { organizationId: statementOrg.id, activatedAt: new Date() });
    const gone = await createLine(t.prisma, { organizationId: statementOrg.id, activatedAt, status: "cancelled" });
    await t.prisma.line.update({ where: { id: gone.id }, data: { endedAt: new Date(start.getTime() - 86400_000) } });
  });

  it("are issued once per month, with tax rounded once per invoice and apportioned to the lines", async () => {
    const issue = () => withOrganization(statementOrg.id, () => t.prisma.$transaction((tx) => issueStatement(tx, statementOrg.id, month, new Date())));
    expect((await issue()).issued).toBe(true);
    expect(await issue()).toEqual({ issued: false, mailIds: [] });
    const [s] = await t.prisma.statement.findMany({ where: { organizationId: statementOrg.id }, include: { lines: true } });
    expect(s!.lineCount).toBe(6);
    const expectedSubtotal = planFeeYen(10) * 2 + planFeeYen(3) * 2 + planFeeYen(20) + planFeeYen(30) + 6 * 500;
    expect(s!.subtotalYen).toBe(expectedSubtotal);
    expect(s!.taxYen).toBe(Math.floor(expectedSubtotal / 10));
    expect(s!.lines.reduce((n, l) => n + l.taxYen, 0)).toBe(s!.taxYen);
    expect(s!.lines.reduce((n, l) => n + l.totalYen, 0)).toBe(s!.totalYen);
    expect(await t.prisma.auditEvent.count({ where: { organizationId: statementOrg.id, action: "billing.statement_issued" } })).toBe(1);
  });

  it("are issued by the sweeper once however many run at once, and billing managers are told", async () => {
    const o = await createOrganization(t.prisma);
    const manager = await createAccount(t.prisma, { organizationId: o.id, roleKeys: ["billing_manager"] });
    const quiet = await createAccount(t.prisma, { organizationId: o.id, roleKeys: ["billing_manager"] });
    await t.prisma.account.update({ where: { id: quiet.id }, data: { notifyBilling: false } });
    await createAccount(t.prisma, { organizationId: o.id, roleKeys: ["line_operator"] });
    await createLine(t.prisma, { organizationId: o.id, activatedAt: new Date(Date.now() - 60 * 86400_000) });
    const results = await Promise.all([issueLastMonth(o.id), issueLastMonth(o.id), issueLastMonth(o.id)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await t.prisma.statement.count({ where: { organizationId: o.id } })).toBe(1);
    const mails = await t.prisma.mailMessage.findMany({ where: { organizationId: o.id }, select: { to: true, subject: true, body: true } });
    expect(mails.map((m) => m.to)).toEqual([manager.loginId]);
    expect(mails[0]!.subject).toContain("ご利用明細を発行しました");
    expect(mails[0]!.body).toContain(`/billing/statements/${month}`);
  });

  it("export per department with totals that add up to the statement", async () => {
    const { statement, allocation } = await viewer.run(() => getStatement({ month }));
    expect(allocation.map((a) => a.costCenter)).toEqual(expect.arrayContaining(["営業部", "経理部", "開発部", null]));
    const csv = await viewer.run(() => exportStatement({ month, view: "departments" }));
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    const rows = csvRows(csv.text);
    expect(rows[0]).toEqual(["請求月", "費用負担部署", "回線数", "小計・税抜(円)", "消費税10%(円)", "合計・税込(円)"]);
    const body = rows.slice(1, -1);
    const total = rows.at(-1)!;
    // Each department's figures are the sums of the statement's lines charged to it.
    for (const row of body) {
      const center = row[1] === "未設定" ? null : row[1];
      const lines = statement.lines.filter((l) => l.costCenter === center);
      expect(row.slice(2).map(Number)).toEqual([
        lines.length,
        lines.reduce((n, l) => n + l.subtotalYen, 0),
        lines.reduce((n, l) => n + l.taxYen, 0),
        lines.reduce((n, l) => n + l.totalYen, 0),
      ]);
    }
    expect(body.map((r) => r[1]).sort()).toEqual(["営業部", "未設定", "経理部", "開発部"].sort());
    expect(total.slice(1).map((c, i) => (i === 0 ? c : Number(c)))).toEqual(["合計", statement.lineCount, statement.subtotalYen, statement.taxYen, statement.totalYen]);
    const sums = body.reduce((acc, r) => acc.map((v, i) => v + Number(r[i + 2])), [0, 0, 0, 0]);
    expect(sums).toEqual([statement.lineCount, statement.subtotalYen, statement.taxYen, statement.totalYen]);
    expect(await t.prisma.auditEvent.count({ where: { organizationId: statementOrg.id, action: "billing.statement_exported" } })).toBe(1);
  });

  it("export per line, ending with the statement's totals", async () => {
    const { statement } = await viewer.run(() => getStatement({ month }));
    const csv = await viewer.run(() => exportStatement({ month, view: "lines" }));
    const rows = csvRows(csv.text);
    expect(rows.length).toBe(1 + statement.lineCount + 1);
    const body = rows.slice(1, -1);
    expect(body.reduce((n, r) => n + Number(r[12]), 0)).toBe(statement.totalYen);
    expect(rows.at(-1)!.slice(10).map(Number)).toEqual([statement.subtotalYen, statement.taxYen, statement.totalYen]);
  });

  it("name a bad month or view, and keep other organizations' statements out of sight", async () => {
    await expect(viewer.run(() => exportStatement({ month: "2026-13" }))).rejects.toMatchObject({ code: "invalid", field: "month" });
    await expect(viewer.run(() => exportStatement({ month, view: "everything" }))).rejects.toMatchObject({ code: "invalid", field: "view" });
    await expect(viewer.run(() => getStatement({ month: "2001-01" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(strangerAdmin.run(() => getStatement({ month }))).rejects.toMatchObject({ code: "not_found" });
    await expect(member.run(() => getStatement({ month }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("give a leaving line's charges month by month in its statement export", async () => {
    const [billed] = await t.prisma.statementLine.findMany({ where: { organizationId: statementOrg.id, addonGb: 5 } });
    const a = await createAccount(t.prisma, { organizationId: statementOrg.id, roleKeys: ["line_operator"] });
    const op = await signedIn(a.loginId, a.password);
    const { text } = await op.run(() => exportLineStatement({ id: billed!.lineId! }));
    const rows = csvRows(text);
    const header = rows.findIndex((r) => r[0] === "請求月");
    expect(rows[header + 1]).toEqual([month, billed!.plan, "営業部", String(planFeeYen(30)), "5", "2500", "29.99", String(billed!.subtotalYen), String(billed!.taxYen), String(billed!.totalYen)]);
    // And this month so far, marked as an estimate: for a line about to be cancelled, its last month.
    expect(rows[header + 2]!.slice(0, 4)).toEqual([`${monthKeyOf(new Date())} (見込み)`, billed!.plan, "営業部", String(planFeeYen(30))]);
  });

  it("bill a cancelled line up to the month it ended, even when its statement is downloaded later", async () => {
    const a = await createAccount(t.prisma, { organizationId: statementOrg.id, roleKeys: ["line_operator"] });
    const op = await signedIn(a.loginId, a.password);
    const line = await createLine(t.prisma, { organizationId: statementOrg.id, activatedAt: new Date(Date.now() - 400 * 86400_000) });
    await t.prisma.line.update({ where: { id: line.id }, data: { statementsExportedAt: new Date() } });
    await op.run(() => changeLineState({ id: line.id, change: "cancel", reason: "解約" }));
    const ended = await t.prisma.line.findUniqueOrThrow({ where: { id: line.id } });
    expect(ended.endedAt).not.toBeNull();
    // It ended two months ago; its statement is downloaded today (which touches the row).
    await t.prisma.line.update({ where: { id: line.id }, data: { endedAt: new Date(monthRange(addMonths(monthKeyOf(new Date()), -2)).start.getTime() + 86400_000) } });
    await op.run(() => exportLineStatement({ id: line.id }));
    const { statement } = await viewer.run(() => getStatement({ month: monthKeyOf(new Date()) }));
    expect(statement.lines.some((l) => l.lineId === line.id)).toBe(false);
  });

  it("tax apportioning adds up for any subtotals", () => {
    for (const subtotals of [[1, 1, 1], [999, 1, 1], [1800, 900, 2700, 0], [7, 13, 29, 101, 3]]) {
      const { taxYen, shares } = apportionTax(subtotals);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(taxYen);
      expect(taxYen).toBe(Math.floor(subtotals.reduce((a, b) => a + b, 0) / 10));
    }
  });
});

describe("data add-ons", () => {
  let ownLine: { id: string; phoneNumber: string };
  let otherLine: { id: string; phoneNumber: string };

  beforeAll(async () => {
    ownLine = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: memberId });
    otherLine = await createLine(t.prisma, { organizationId: org.id });
  });

  it("are added at once by lines:manage and show on this month's estimate", async () => {
    const before = (await billingManager.run(() => listStatements())).current;
    await operator.run(() => addDataAddon({ lineId: otherLine.id, gb: "3", reason: "出張中の通信量" }));
    const rows = await t.prisma.lineDataAddon.findMany({ where: { lineId: otherLine.id } });
    expect(rows).toMatchObject([{ gb: 3, priceYen: 1500, month: monthDate(monthKeyOf(new Date())) }]);
    const after = (await billingManager.run(() => listStatements())).current;
    // Nobody holds the line: nobody to tell.
    expect(await t.prisma.mailMessage.count({ where: { subject: { contains: otherLine.phoneNumber } } })).toBe(0);
    expect(after.addonGb).toBe(before.addonGb + 3);
    expect(after.subtotalYen).toBe(before.subtotalYen + 1500);
    const { statement } = await billingManager.run(() => getStatement({ month: monthKeyOf(new Date()) }));
    expect(statement.issued).toBe(false);
    expect(statement.lines.find((l) => l.lineId === otherLine.id)).toMatchObject({ addonGb: 3, addonFeeYen: 1500 });
    expect(await t.prisma.auditEvent.count({ where: { action: "line.data_added", targetId: otherLine.id } })).toBe(1);
  });

  it("are asked for by the line's own user and take effect on approval", async () => {
    const filed = await member.run(() => requestDataAddon({ lineId: ownLine.id, gb: "1", reason: "月末まで足りない" }));
    expect(await t.prisma.lineDataAddon.count({ where: { lineId: ownLine.id } })).toBe(0);
    await expect(member.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }))).rejects.toMatchObject({ code: "forbidden" });
    await operator.run(() => decideChangeRequest({ id: filed.id, decision: "approve" }));
    expect(await t.prisma.lineDataAddon.findMany({ where: { lineId: ownLine.id }, select: { gb: true, priceYen: true } })).toEqual([{ gb: 1, priceYen: 500 }]);
    // The member hears of it as a データ容量 notice — unless they turned those off.
    const notices = () => t.prisma.mailMessage.count({ where: { subject: { contains: `${ownLine.phoneNumber} に 1GB の容量を追加しました` } } });
    expect(await notices()).toBe(1);
    await t.prisma.account.update({ where: { id: memberId }, data: { notifyData: false } });
    await operator.run(() => addDataAddon({ lineId: ownLine.id, gb: "1" }));
    expect(await notices()).toBe(1);
    await t.prisma.account.update({ where: { id: memberId }, data: { notifyData: true } });
  });

  it("refuse a member on someone else's line, sizes not offered, the monthly limit and lines not in use", async () => {
    await expect(member.run(() => requestDataAddon({ lineId: otherLine.id, gb: "1", reason: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => addDataAddon({ lineId: ownLine.id, gb: "1" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(operator.run(() => addDataAddon({ lineId: otherLine.id, gb: "2" }))).rejects.toMatchObject({ field: "gb" });
    await expect(operator.run(() => addDataAddon({ lineId: "not-an-id", gb: "1" }))).rejects.toMatchObject({ field: "lineId" });
    for (let i = 0; i < 3; i++) await operator.run(() => addDataAddon({ lineId: otherLine.id, gb: "5" }));
    await expect(operator.run(() => addDataAddon({ lineId: otherLine.id, gb: "3" }))).rejects.toMatchObject({ field: "gb", key: "addon_limit" });
    const suspended = await createLine(t.prisma, { organizationId: org.id, status: "suspended" });
    await expect(operator.run(() => addDataAddon({ lineId: suspended.id, gb: "1" }))).rejects.toMatchObject({ field: "gb", key: "line_not_active" });
    await expect(strangerAdmin.run(() => addDataAddon({ lineId: otherLine.id, gb: "1" }))).rejects.toMatchObject({ code: "not_found" });
    expect(await t.prisma.lineDataAddon.aggregate({ where: { lineId: otherLine.id }, _sum: { gb: true } })).toEqual({ _sum: { gb: 18 } });
  });
});

describe("contract change notices", () => {
  it("tell a line's user when its plan or roaming changes, not when only its cost center does", async () => {
    const line = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: memberId, costCenter: "営業部" });
    const notices = () => t.prisma.mailMessage.findMany({ where: { subject: { contains: `回線 ${line.phoneNumber} の契約内容が変わりました` } }, select: { to: true, body: true } });
    const settings = { id: line.id, plan: "OCNモバイル 10GB", dataAllowanceGb: "10", internationalRoaming: "false", costCenter: "経理部" };
    await operator.run(() => updateLineSettings(settings));
    expect(await notices()).toEqual([]);
    await operator.run(() => updateLineSettings({ ...settings, plan: "OCNモバイル 20GB", dataAllowanceGb: "20" }));
    const [mail] = await notices();
    expect(mail!.body).toContain("プラン: OCNモバイル 20GB");
    expect(mail!.body).toContain("データ容量: 20GB");
  });
});

