import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccountOrThrow } from "@/lib/server/accounts/get-account-or-throw";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { createAccount, createDepartment, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

let t: TestDatabase;
let admin: Awaited<ReturnType<typeof signedIn>>;
let member: Awaited<ReturnType<typeof signedIn>>;
let otherAdmin: Awaited<ReturnType<typeof signedIn>>;
let otherAccountId: string;
let salesId: string;

beforeAll(async () => {
  t = await openTestDatabase();
  const org = await createOrganization(t.prisma);
  const other = await createOrganization(t.prisma);
  const sales = await createDepartment(t.prisma, { organizationId: org.id, name: "第一営業部" });
  salesId = sales.id;
  const a = await createAccount(t.prisma, { organizationId: org.id, roleKeys: ["account_admin"], displayName: "管理 一郎", nameKana: "カンリ イチロウ" });
  const m = await createAccount(t.prisma, { organizationId: org.id, displayName: "利用 花子", nameKana: "リヨウ ハナコ" });
  for (let i = 0; i < 30; i++) {
    await createAccount(t.prisma, {
      organizationId: org.id,
      displayName: `営業 ${i}`,
      nameKana: `エイギョウ ${String(i).padStart(2, "0")}`,
      departmentId: sales.id,
      status: i % 10 === 0 ? "suspended" : "active",
      kind: i === 7 ? "contractor" : "employee",
    });
  }
  const o = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"], displayName: "他社 管理者", nameKana: "タシャ" });
  otherAccountId = (await createAccount(t.prisma, { organizationId: other.id, displayName: "他社 利用者" })).id;
  admin = await signedIn(a.loginId, a.password);
  member = await signedIn(m.loginId, m.password);
  otherAdmin = await signedIn(o.loginId, o.password);
});
afterAll(() => t.drop());

describe("listAccounts", () => {
  it("returns only the caller's organization, paged with the total", async () => {
    const page = await admin.run(() => listAccounts({ pageSize: 25 }));
    expect(page.total).toBe(32);
    expect(page.accounts).toHaveLength(25);
    expect(page.pages).toBe(2);
    expect(page.accounts.some((a) => a.displayName.startsWith("他社"))).toBe(false);
    const second = await admin.run(() => listAccounts({ pageSize: 25, page: 2 }));
    expect(second.accounts).toHaveLength(7);
    const ids = new Set([...page.accounts, ...second.accounts].map((a) => a.id));
    expect(ids.size).toBe(32);
  });

  it("filters by search (full-width too), status, kind and department", async () => {
    expect((await admin.run(() => listAccounts({ q: "ｴｲｷﾞｮｳ 0" }))).total).toBe(10);
    expect((await admin.run(() => listAccounts({ q: "利用" }))).accounts.map((a) => a.displayName)).toEqual(["利用 花子"]);
    expect((await admin.run(() => listAccounts({ status: "suspended" }))).total).toBe(3);
    expect((await admin.run(() => listAccounts({ kind: "contractor" }))).accounts.map((a) => a.displayName)).toEqual(["営業 7"]);
    expect((await admin.run(() => listAccounts({ department: salesId }))).total).toBe(30);
    expect((await otherAdmin.run(() => listAccounts({ department: salesId }))).total).toBe(0);
  });

  it("sorts by kana and by other columns in both directions", async () => {
    const asc = await admin.run(() => listAccounts({ pageSize: 100 }));
    expect(asc.accounts[0]!.nameKana).toBe("エイギョウ 00");
    const desc = await admin.run(() => listAccounts({ pageSize: 100, sort: "displayName", dir: "desc" }));
    expect(desc.accounts[0]!.nameKana).toBe("リヨウ ハナコ");
    const byStatus = await admin.run(() => listAccounts({ pageSize: 100, sort: "status", dir: "desc" }));
    expect(byStatus.accounts[0]!.status).toBe("suspended");
  });

  it("is refused to a member", async () => {
    await expect(member.run(() => listAccounts({}))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("getAccountOrThrow", () => {
  it("does not reveal another organization's account", async () => {
    await expect(admin.run(() => getAccountOrThrow({ id: otherAccountId }))).rejects.toMatchObject({ code: "not_found" });
    await expect(otherAdmin.run(() => getAccountOrThrow({ id: otherAccountId }))).resolves.toMatchObject({ displayName: "他社 利用者" });
  });
  it("answers not found for a malformed id", async () => {
    await expect(admin.run(() => getAccountOrThrow({ id: "1 OR 1=1" }))).rejects.toMatchObject({ code: "not_found" });
  });
  it("shows the account's own sign-ins", async () => {
    const self = await admin.run(() => getAccountOrThrow({ id: admin.accountId }));
    expect(self.signIns[0]).toMatchObject({ outcome: "success", action: "auth.sign_in" });
    expect(self.grants.map((g) => g.role.key)).toEqual(["account_admin"]);
  });
});

describe("getDashboard", () => {
  it("shows each part only to roles that cover it", async () => {
    const forAccountAdmin = await admin.run(() => getDashboard());
    expect(forAccountAdmin.accounts).toEqual({ active: 29, total: 32 });
    expect(forAccountAdmin.signIns).not.toBeNull(); // account_admin holds security:view
    expect(forAccountAdmin.lines).toEqual({ pendingReturn: 0, overdueReturn: 0 }); // lines:request covers view
    const forMember = await member.run(() => getDashboard());
    expect(forMember).toMatchObject({ accounts: null, lines: null, signIns: null });
  });
  it("counts today's sign-ins from the rollup", async () => {
    const d = await admin.run(() => getDashboard());
    expect(d.signIns!.series).toHaveLength(90);
    expect(d.signIns!.series.at(-1)!.success).toBe(2);
  });
});
