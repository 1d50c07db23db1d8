import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltInRoleKey } from "@/lib/permissions";
import { effectivePermissions } from "@/lib/server/access/effective-permissions";
import { createRole } from "@/lib/server/roles/create-role";
import { deleteRole } from "@/lib/server/roles/delete-role";
import { getRoleEditor } from "@/lib/server/roles/get-role-editor";
import { getRoleOrThrow } from "@/lib/server/roles/get-role-or-throw";
import { listRoles } from "@/lib/server/roles/list-roles";
import { updateRole } from "@/lib/server/roles/update-role";
import { createSodRule } from "@/lib/server/sod/create-sod-rule";
import { deleteSodRule } from "@/lib/server/sod/delete-sod-rule";
import { listSodConflicts } from "@/lib/server/sod/list-sod-conflicts";
import { listSodRules } from "@/lib/server/sod/list-sod-rules";
import { updateSodRule } from "@/lib/server/sod/update-sod-rule";
import { updateSodSettings } from "@/lib/server/sod/update-sod-settings";
import { createAccount, createOrganization, type CreatedOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let org: CreatedOrganization;
let other: CreatedOrganization;
let orgAdmin: Session;
let accountAdmin: Session; // accounts:manage, security:view — no audit
let auditor: Session; // security:manage, audit:manage, accounts:view
let member: Session;
let otherOrgRoleId: string;
let otherOrgRuleId: string;

const HOUR = 3_600_000;
const at = (ms: number) => new Date(Date.now() + ms);

async function signedInAs(organizationId: string, roleKeys: BuiltInRoleKey[], displayName?: string) {
  const a = await createAccount(t.prisma, { organizationId, roleKeys, ...(displayName ? { displayName } : {}) });
  return signedIn(a.loginId, a.password);
}

async function person(displayName: string, roleKeys: BuiltInRoleKey[] = ["member"], extra: Partial<Parameters<typeof createAccount>[1]> = {}) {
  return createAccount(t.prisma, { organizationId: org.id, roleKeys, displayName, ...extra });
}

async function grant(accountId: string, roleId: string, extra: { startsAt?: Date; endsAt?: Date | null; revokedAt?: Date | null; sodJustification?: string | null } = {}) {
  return t.prisma.roleGrant.create({ data: { organizationId: org.id, accountId, roleId, ...extra }, select: { id: true } });
}

/** What a refused change must leave untouched: roles, their permissions, grants, rules, the setting and the role/SoD audit trail. */
async function snapshot(organizationId = org.id) {
  const [roles, grants, rules, organization, events] = await Promise.all([
    t.prisma.role.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: { id: true, name: true, description: true, permissions: { orderBy: { domain: "asc" } } } }),
    t.prisma.roleGrant.findMany({ where: { organizationId }, orderBy: { id: "asc" }, select: { id: true, revokedAt: true, sodJustification: true } }),
    t.prisma.sodRule.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    t.prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { sodOverrideAllowed: true } }),
    t.prisma.auditEvent.count({ where: { organizationId, OR: [{ action: { startsWith: "role." } }, { action: { startsWith: "sod" } }] } }),
  ]);
  return { roles, grants, rules, organization, events };
}

async function lastEvent(action: string, organizationId = org.id) {
  return t.prisma.auditEvent.findFirstOrThrow({
    where: { organizationId, action },
    orderBy: { id: "desc" },
    select: { actorId: true, targetId: true, targetLabel: true, outcome: true, details: true },
  });
}

beforeAll(async () => {
  t = await openTestDatabase();
  org = await createOrganization(t.prisma);
  other = await createOrganization(t.prisma);
  orgAdmin = await signedInAs(org.id, ["org_admin"], "組織 管理子");
  accountAdmin = await signedInAs(org.id, ["account_admin"], "アカウント 管理男");
  auditor = await signedInAs(org.id, ["security_auditor"], "監査 次郎");
  member = await signedInAs(org.id, ["member"]);
  otherOrgRoleId = (await t.prisma.role.create({ data: { organizationId: other.id, name: "他社のロール", permissions: { create: [{ domain: "lines", level: "view" }] } } })).id;
  otherOrgRuleId = (await t.prisma.sodRule.findFirstOrThrow({ where: { organizationId: other.id } })).id;
});
afterAll(() => t.drop());

describe("effective permissions", () => {
  it("merge the grants in effect now, ignoring revoked, ended and future ones and other organizations' accounts", async () => {
    const a = await person("有効 権限子", ["line_operator"]);
    await grant(a.id, org.roleIds.billing_manager, { endsAt: at(-1000) });
    await grant(a.id, org.roleIds.security_auditor, { revokedAt: at(-HOUR) });
    await grant(a.id, org.roleIds.hr, { startsAt: at(HOUR) });
    const endsSoon = at(HOUR);
    await grant(a.id, org.roleIds.account_admin, { endsAt: endsSoon });
    const outsider = await createAccount(t.prisma, { organizationId: other.id, roleKeys: ["org_admin"] });
    const map = await effectivePermissions(t.prisma, org.id, [a.id, outsider.id, a.id], new Date());
    expect([...map.keys()].sort()).toEqual([a.id, outsider.id].sort());
    expect(map.get(a.id)!.permissions).toEqual({ accounts: "manage", lines: "manage", billing: "request", security: "view", reviews: "view", offboarding: "view" });
    expect(map.get(a.id)!.grants.map((g) => [g.roleKey, g.endsAt])).toEqual([
      ["line_operator", null],
      ["account_admin", endsSoon],
    ]);
    expect(map.get(outsider.id)).toEqual({ permissions: {}, grants: [] });
    // At the end time, to the millisecond, the grant no longer counts.
    expect((await effectivePermissions(t.prisma, org.id, [a.id], endsSoon)).get(a.id)!.permissions.accounts).toBe("view");
  });
});

describe("the permission matrix", () => {
  it("lists built-in roles in their fixed order, then custom ones by name, with holders in effect now", async () => {
    const zeta = await t.prisma.role.create({ data: { organizationId: org.id, name: "Z 閲覧専用", permissions: { create: [{ domain: "audit", level: "view" }] } } });
    await t.prisma.role.create({ data: { organizationId: org.id, name: "A 回線補助", permissions: { create: [{ domain: "lines", level: "request" }] } } });
    const p = await person("保持 一郎");
    await grant(p.id, zeta.id);
    await grant(p.id, zeta.id, { endsAt: at(-1) });
    const q = await person("保持 二郎");
    await grant(q.id, zeta.id, { revokedAt: at(-1) });
    await grant(q.id, zeta.id, { startsAt: at(HOUR) });

    const { roles, canManage } = await accountAdmin.run(() => listRoles());
    expect(canManage).toBe(true);
    expect(roles.map((r) => r.key ?? r.name)).toEqual([
      "org_admin",
      "account_admin",
      "line_operator",
      "billing_manager",
      "security_auditor",
      "hr",
      "member",
      "A 回線補助",
      "Z 閲覧専用",
    ]);
    expect(roles.find((r) => r.key === "security_auditor")).toMatchObject({
      builtIn: true,
      sodExempt: false,
      permissions: { audit: "manage", security: "manage", reviews: "manage", accounts: "view", lines: "view" },
    });
    expect(roles.find((r) => r.key === "org_admin")).toMatchObject({ sodExempt: true, holderCount: 1 });
    expect(roles.find((r) => r.name === "Z 閲覧専用")).toMatchObject({ builtIn: false, holderCount: 1, permissions: { audit: "view" } });
    expect(roles.some((r) => r.name === "他社のロール")).toBe(false);
    expect((await auditor.run(() => listRoles())).canManage).toBe(false);
  });

  it("is refused to a member", async () => {
    await expect(member.run(() => listRoles())).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => listSodConflicts())).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("a role's detail", () => {
  it("shows permissions and the people holding it now, with who granted it", async () => {
    const role = await t.prisma.role.create({ data: { organizationId: org.id, name: "詳細ロール", description: "棚卸し補助", permissions: { create: [{ domain: "reviews", level: "request" }] } } });
    const holder = await person("詳細 保持者");
    const endsAt = at(24 * HOUR);
    await t.prisma.roleGrant.create({ data: { organizationId: org.id, accountId: holder.id, roleId: role.id, endsAt, grantedById: orgAdmin.accountId } });
    const ended = await person("期限切れ 元保持者");
    await grant(ended.id, role.id, { endsAt: at(-1) });

    const detail = await auditor.run(() => getRoleOrThrow({ id: role.id }));
    expect(detail).toMatchObject({ name: "詳細ロール", description: "棚卸し補助", builtIn: false, permissions: { reviews: "request" }, canManage: false });
    expect(detail.holders).toHaveLength(1);
    expect(detail.holders[0]).toMatchObject({ account: { id: holder.id, displayName: "詳細 保持者", loginId: holder.loginId }, endsAt, grantedBy: { displayName: "組織 管理子" } });
    expect((await accountAdmin.run(() => getRoleOrThrow({ id: role.id }))).canManage).toBe(true);
    expect((await accountAdmin.run(() => getRoleOrThrow({ id: org.roleIds.org_admin }))).canManage).toBe(false);
  });

  it("does not reveal another organization's role, nor answer a malformed id", async () => {
    await expect(orgAdmin.run(() => getRoleOrThrow({ id: otherOrgRoleId }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => getRoleOrThrow({ id: "' OR 1=1 --" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => getRoleEditor({ id: otherOrgRoleId }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => getRoleEditor({ id: org.roleIds.hr }))).rejects.toMatchObject({ code: "not_found" });
    await expect(member.run(() => getRoleOrThrow({ id: org.roleIds.hr }))).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("creating a custom role", () => {
  it("stores the name, description and levels, audited with before/after", async () => {
    const row = await orgAdmin.run(() =>
      createRole({ name: " 監査 補助 ", description: "ログ監査の代行", "permissions.audit": "manage", "permissions.accounts": "view", "permissions.lines": "none" } as never),
    );
    expect(row.name).toBe("監査 補助");
    const stored = await t.prisma.role.findUniqueOrThrow({ where: { id: row.id }, select: { builtIn: true, key: true, description: true, permissions: { orderBy: { domain: "asc" } } } });
    expect(stored).toMatchObject({ builtIn: false, key: null, description: "ログ監査の代行" });
    expect(stored.permissions.map((p) => [p.domain, p.level])).toEqual([
      ["accounts", "view"],
      ["audit", "manage"],
    ]);
    const event = await lastEvent("role.created");
    expect(event).toMatchObject({ actorId: orgAdmin.accountId, targetId: row.id, outcome: "success" });
    expect(event.details).toEqual({ before: null, after: { name: "監査 補助", description: "ログ監査の代行", permissions: { accounts: "view", audit: "manage" } } });
  });

  it("lets an account admin give what they hold, and refuses more (no escalation), writing nothing", async () => {
    await expect(accountAdmin.run(() => createRole({ name: "アカウント補助", permissions: { accounts: "manage", lines: "request" } }))).resolves.toMatchObject({ name: "アカウント補助" });
    const before = await snapshot();
    await expect(accountAdmin.run(() => createRole({ name: "監査つき", permissions: { accounts: "view", audit: "manage" } }))).rejects.toMatchObject({
      code: "forbidden",
      field: "permissions.audit",
      key: "escalation",
      message: expect.stringContaining("audit:manage"),
    });
    await expect(accountAdmin.run(() => createRole({ name: "回線管理つき", permissions: { lines: "manage" } }))).rejects.toMatchObject({ code: "forbidden", field: "permissions.lines" });
    expect(await snapshot()).toEqual(before);
  });

  it("is refused without accounts:manage", async () => {
    const before = await snapshot();
    await expect(auditor.run(() => createRole({ name: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => createRole({ name: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it.each([
    [{ name: "アカウント補助" }, "name", "conflict", "name_taken"],
    [{ name: "ｱｶｳﾝﾄ補助" }, "name", "conflict", "name_taken"],
    [{ name: "組織管理者" }, "name", "conflict", "name_taken"],
    [{ name: "org ADMIN" }, "name", "conflict", "name_taken"],
    [{ name: "   " }, "name", "invalid", "required"],
    [{ name: "あ".repeat(51) }, "name", "invalid", "too_long"],
    [{ name: "説明が長い", description: "あ".repeat(501) }, "description", "invalid", "too_long"],
    [{ name: "不明な権限", "permissions.audit": "admin" }, "permissions.audit", "invalid", "invalid_choice"],
  ] as const)("refuses %j naming the field %s, and writes nothing", async (input, field, code, key) => {
    const before = await snapshot();
    await expect(orgAdmin.run(() => createRole(input as never))).rejects.toMatchObject({ code, field, key });
    expect(await snapshot()).toEqual(before);
  });
});

describe("editing a custom role", () => {
  let supportRoleId: string;
  let auditHelperId: string;
  let overlap: { id: string; loginId: string }; // security auditor (audit:manage) who also holds the support role

  beforeAll(async () => {
    supportRoleId = (await t.prisma.role.create({ data: { organizationId: org.id, name: "請求照会", permissions: { create: [{ domain: "billing", level: "view" }] } } })).id;
    auditHelperId = (await t.prisma.role.findFirstOrThrow({ where: { organizationId: org.id, name: "監査 補助" } })).id;
    overlap = await person("兼務 花子", ["security_auditor"]);
    await grant(overlap.id, supportRoleId);
    const privileged = await person("特権 太郎", ["org_admin"]);
    await grant(privileged.id, supportRoleId);
    const gone = await person("退職 済男", ["security_auditor"], { status: "disabled", disabledAt: new Date() });
    await grant(gone.id, supportRoleId);
  });

  it("saves name, description and levels, audited with before/after", async () => {
    await orgAdmin.run(() => updateRole({ id: supportRoleId, name: "請求照会 (経理)", description: "月次締め", permissions: { billing: "view", lines: "view" } }));
    const event = await lastEvent("role.updated");
    expect(event).toMatchObject({ actorId: orgAdmin.accountId, targetId: supportRoleId, targetLabel: "請求照会 (経理)" });
    expect(event.details).toEqual({
      before: { name: "請求照会", description: null, permissions: { billing: "view" } },
      after: { name: "請求照会 (経理)", description: "月次締め", permissions: { lines: "view", billing: "view" } },
    });
  });

  it("refuses a change that pushes a holder into a rule, naming the holder and the rule, and writes nothing", async () => {
    const before = await snapshot();
    const attempt = orgAdmin.run(() => updateRole({ id: supportRoleId, name: "請求照会 (経理)", permissions: { billing: "manage" } }));
    await expect(attempt).rejects.toMatchObject({ code: "conflict", field: "permissions", key: "sod_refused" });
    const error = (await attempt.catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`兼務 花子 (${overlap.loginId})`);
    expect(error.message).toContain("Billing vs. audit");
    expect(error.message).toContain("billing:manage with audit:manage");
    // The org admin holder is exempt, the disabled one cannot act: neither is named.
    expect(error.message).not.toContain("特権 太郎");
    expect(error.message).not.toContain("退職 済男");
    expect(await snapshot()).toEqual(before);
  });

  it("warns in the editor with the same data: each holder's permissions through their other roles", async () => {
    const editor = await accountAdmin.run(() => getRoleEditor({ id: supportRoleId }));
    expect(editor.overrideAllowed).toBe(false);
    expect(editor.rules.map((r) => r.name).sort()).toEqual(["audit_vs_accounts", "billing_vs_audit", "billing_vs_lines"]);
    expect(editor.holders.map((h) => [h.displayName, h.sodExempt])).toEqual([
      ["兼務 花子", false],
      ["特権 太郎", true],
    ]);
    expect(editor.holders[0]!.otherPermissions).toMatchObject({ audit: "manage", security: "manage" });
  });

  it("where exceptions are allowed, needs a justification, then records it on the holder's grant and in the audit event", async () => {
    await auditor.run(() => updateSodSettings({ overrideAllowed: true }));
    const before = await snapshot();
    await expect(orgAdmin.run(() => updateRole({ id: supportRoleId, name: "請求照会 (経理)", permissions: { billing: "manage" } }))).rejects.toMatchObject({
      code: "invalid",
      field: "justification",
      key: "justification_required",
    });
    expect(await snapshot()).toEqual(before);

    const justification = "決算期の請求訂正のため 3 月末まで (監査部長承認済み)";
    await expect(orgAdmin.run(() => updateRole({ id: supportRoleId, name: "請求照会 (経理)", permissions: { billing: "manage" }, justification }))).resolves.toMatchObject({ sodOverride: true });
    const grants = await t.prisma.roleGrant.findMany({ where: { roleId: supportRoleId }, select: { accountId: true, sodJustification: true } });
    expect(grants.find((g) => g.accountId === overlap.id)!.sodJustification).toBe(justification);
    expect(grants.filter((g) => g.accountId !== overlap.id).every((g) => g.sodJustification === null)).toBe(true);
    expect((await lastEvent("role.updated")).details).toMatchObject({
      after: { permissions: { billing: "manage" } },
      sodOverride: { justification, holders: [{ accountId: overlap.id, rules: ["billing_vs_audit"] }] },
    });
    await auditor.run(() => updateSodSettings({ overrideAllowed: false }));
  });

  it("lets an account admin keep a level they do not hold, but not raise one", async () => {
    await expect(accountAdmin.run(() => updateRole({ id: auditHelperId, name: "監査 補助", description: "説明だけ変更", permissions: { audit: "manage", accounts: "view" } }))).resolves.toMatchObject({
      sodOverride: false,
    });
    await expect(accountAdmin.run(() => updateRole({ id: auditHelperId, name: "監査 補助", permissions: { audit: "view" } }))).resolves.toBeDefined();
    const before = await snapshot();
    await expect(accountAdmin.run(() => updateRole({ id: auditHelperId, name: "監査 補助", permissions: { audit: "request" } }))).rejects.toMatchObject({
      code: "forbidden",
      field: "permissions.audit",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses built-in roles, other organizations' roles, taken names and roles without accounts:manage", async () => {
    const before = await snapshot();
    await expect(orgAdmin.run(() => updateRole({ id: org.roleIds.member, name: "利用者", permissions: { lines: "view" } }))).rejects.toMatchObject({ code: "conflict", key: "built_in" });
    await expect(orgAdmin.run(() => updateRole({ id: otherOrgRoleId, name: "乗っ取り", permissions: {} }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => updateRole({ id: "not-a-uuid", name: "x" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => updateRole({ id: supportRoleId, name: "監査 補助", permissions: {} }))).rejects.toMatchObject({ code: "conflict", field: "name" });
    await expect(orgAdmin.run(() => updateRole({ id: supportRoleId, name: "" }))).rejects.toMatchObject({ code: "invalid", field: "name" });
    await expect(auditor.run(() => updateRole({ id: supportRoleId, name: "x" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toEqual(before);
    expect(await snapshot(other.id)).toMatchObject({ roles: expect.arrayContaining([expect.objectContaining({ name: "他社のロール" })]) });
  });
});

describe("deleting a custom role", () => {
  it("is refused while people hold it, with the count; allowed once their grants end", async () => {
    const role = await t.prisma.role.create({ data: { organizationId: org.id, name: "廃止予定", permissions: { create: [{ domain: "lines", level: "view" }] } } });
    const a = await person("保持 A");
    const b = await person("保持 B");
    const ga = await grant(a.id, role.id);
    const gb = await grant(b.id, role.id);
    const past = await person("元保持 C");
    await grant(past.id, role.id, { endsAt: at(-HOUR) });
    const before = await snapshot();
    await expect(accountAdmin.run(() => deleteRole({ id: role.id }))).rejects.toMatchObject({ code: "conflict", key: "role_held", message: expect.stringContaining("held by 2 people") });
    expect(await snapshot()).toEqual(before);

    await t.prisma.roleGrant.updateMany({ where: { id: { in: [ga.id, gb.id] } }, data: { revokedAt: new Date() } });
    await expect(accountAdmin.run(() => deleteRole({ id: role.id }))).resolves.toEqual({ id: role.id, name: "廃止予定" });
    expect(await t.prisma.role.findUnique({ where: { id: role.id } })).toBeNull();
    expect((await lastEvent("role.deleted")).details).toEqual({
      before: { name: "廃止予定", description: null, permissions: { lines: "view" } },
      after: null,
      pastGrantsRemoved: 3,
    });
  });

  it("refuses built-in roles, other organizations' roles and those without accounts:manage", async () => {
    const before = await snapshot();
    await expect(orgAdmin.run(() => deleteRole({ id: org.roleIds.hr }))).rejects.toMatchObject({ code: "conflict", key: "built_in" });
    await expect(orgAdmin.run(() => deleteRole({ id: otherOrgRoleId }))).rejects.toMatchObject({ code: "not_found" });
    await expect(orgAdmin.run(() => deleteRole({ id: "x" }))).rejects.toMatchObject({ code: "not_found" });
    const custom = await t.prisma.role.findFirstOrThrow({ where: { organizationId: org.id, name: "A 回線補助" } });
    await expect(auditor.run(() => deleteRole({ id: custom.id }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toEqual(before);
    expect(await t.prisma.role.findUnique({ where: { id: otherOrgRoleId } })).not.toBeNull();
  });
});

describe("separation-of-duty rules", () => {
  it("list the defaults with how many people break each; only security:manage may change them", async () => {
    const list = await accountAdmin.run(() => listSodRules());
    expect(list.canManage).toBe(false);
    expect(list.overrideAllowed).toBe(false);
    expect(list.rules.map((r) => r.name)).toEqual(["audit_vs_accounts", "billing_vs_lines", "billing_vs_audit"]);
    expect((await auditor.run(() => listSodRules())).canManage).toBe(true);
    expect((await orgAdmin.run(() => listSodRules())).canManage).toBe(true);
  });

  it("are added by security, audited, with the number of people breaking the new rule now", async () => {
    const lines = await person("回線 監査", ["line_operator"]);
    await grant(lines.id, org.roleIds.security_auditor);
    const rule = await auditor.run(() => createSodRule({ name: " 回線と監査 ", domainA: "lines", levelA: "manage", domainB: "audit", levelB: "view" }));
    expect(rule).toMatchObject({ name: "回線と監査", conflictCount: 1 });
    const event = await lastEvent("sod_rule.created");
    expect(event).toMatchObject({ actorId: auditor.accountId, targetId: rule.id });
    expect(event.details).toEqual({ before: null, after: { name: "回線と監査", a: "lines:manage", b: "audit:view" }, conflictsNow: 1 });
    expect((await accountAdmin.run(() => listSodRules())).rules.find((r) => r.id === rule.id)!.conflictCount).toBe(1);
  });

  it.each([
    [{ name: "同じ範囲", domainA: "audit", levelA: "view", domainB: "audit", levelB: "manage" }, "invalid", "domainB", "same_domain"],
    [{ name: "逆向きの重複", domainA: "accounts", levelA: "manage", domainB: "audit", levelB: "manage" }, "conflict", "domainB", "rule_pair_taken"],
    [{ name: "請求と監査", domainA: "org", levelA: "manage", domainB: "audit", levelB: "manage" }, "conflict", "name", "rule_name_taken"],
    [{ name: "Billing vs. AUDIT", domainA: "org", levelA: "manage", domainB: "audit", levelB: "manage" }, "conflict", "name", "rule_name_taken"],
    [{ name: "", domainA: "org", levelA: "manage", domainB: "audit", levelB: "manage" }, "invalid", "name", "required"],
    [{ name: "範囲なし", domainA: "everything", levelA: "manage", domainB: "audit", levelB: "manage" }, "invalid", "domainA", "invalid_choice"],
    [{ name: "段階なし", domainA: "org", levelA: "admin", domainB: "audit", levelB: "manage" }, "invalid", "levelA", "invalid_choice"],
  ] as const)("refuse %j naming the field, and write nothing", async (input, code, field, key) => {
    const before = await snapshot();
    await expect(auditor.run(() => createSodRule(input as never))).rejects.toMatchObject({ code, field, key });
    expect(await snapshot()).toEqual(before);
  });

  it("are refused to an account admin (security:view) and a member", async () => {
    const before = await snapshot();
    const rule = { name: "x", domainA: "org", levelA: "manage", domainB: "audit", levelB: "manage" } as const;
    await expect(accountAdmin.run(() => createSodRule(rule))).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => createSodRule(rule))).rejects.toMatchObject({ code: "forbidden" });
    const id = (await t.prisma.sodRule.findFirstOrThrow({ where: { organizationId: org.id } })).id;
    await expect(accountAdmin.run(() => updateSodRule({ id, ...rule }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => deleteSodRule({ id }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => updateSodSettings({ overrideAllowed: true }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot()).toEqual(before);
  });

  it("are edited with before/after; a default rule keeps its key while its shown name is left as is", async () => {
    const rule = await t.prisma.sodRule.findFirstOrThrow({ where: { organizationId: org.id, name: "billing_vs_lines" } });
    await auditor.run(() => updateSodRule({ id: rule.id, name: "請求と回線管理", domainA: "billing", levelA: "manage", domainB: "lines", levelB: "request" }));
    expect((await t.prisma.sodRule.findUniqueOrThrow({ where: { id: rule.id } })).name).toBe("billing_vs_lines");
    expect((await lastEvent("sod_rule.updated")).details).toMatchObject({
      before: { name: "billing_vs_lines", a: "billing:manage", b: "lines:manage" },
      after: { name: "billing_vs_lines", a: "billing:manage", b: "lines:request" },
    });
    await auditor.run(() => updateSodRule({ id: rule.id, name: "請求と回線", domainA: "billing", levelA: "manage", domainB: "lines", levelB: "request" }));
    expect((await t.prisma.sodRule.findUniqueOrThrow({ where: { id: rule.id } })).name).toBe("請求と回線");
  });

  it("refuse edits into one domain or onto another organization's rule, and write nothing", async () => {
    const rule = await t.prisma.sodRule.findFirstOrThrow({ where: { organizationId: org.id, name: "請求と回線" } });
    const before = await snapshot();
    await expect(auditor.run(() => updateSodRule({ id: rule.id, name: "請求と回線", domainA: "billing", levelA: "manage", domainB: "billing", levelB: "view" }))).rejects.toMatchObject({
      code: "invalid",
      field: "domainB",
    });
    await expect(auditor.run(() => updateSodRule({ id: otherOrgRuleId, name: "乗っ取り", domainA: "org", levelA: "view", domainB: "audit", levelB: "view" }))).rejects.toMatchObject({ code: "not_found" });
    await expect(auditor.run(() => deleteSodRule({ id: otherOrgRuleId }))).rejects.toMatchObject({ code: "not_found" });
    expect(await snapshot()).toEqual(before);
    expect(await t.prisma.sodRule.findUnique({ where: { id: otherOrgRuleId } })).not.toBeNull();
  });

  it("are deleted, audited", async () => {
    const rule = await t.prisma.sodRule.findFirstOrThrow({ where: { organizationId: org.id, name: "回線と監査" } });
    await expect(orgAdmin.run(() => deleteSodRule({ id: rule.id }))).resolves.toEqual({ id: rule.id, name: "回線と監査" });
    expect(await t.prisma.sodRule.findUnique({ where: { id: rule.id } })).toBeNull();
    expect((await lastEvent("sod_rule.deleted")).details).toEqual({ before: { name: "回線と監査", a: "lines:manage", b: "audit:view" }, after: null });
  });

  it("toggle exceptions with before/after; saving the same value writes nothing", async () => {
    await expect(auditor.run(() => updateSodSettings({ overrideAllowed: "true" }))).resolves.toEqual({ changed: true, overrideAllowed: true });
    expect((await lastEvent("sod.settings_updated")).details).toEqual({ before: { overrideAllowed: false }, after: { overrideAllowed: true } });
    const before = await snapshot();
    await expect(auditor.run(() => updateSodSettings({ overrideAllowed: true }))).resolves.toEqual({ changed: false, overrideAllowed: true });
    expect(await snapshot()).toEqual(before);
    await expect(auditor.run(() => updateSodSettings({ overrideAllowed: "maybe" }))).rejects.toMatchObject({ code: "invalid", field: "overrideAllowed" });
    await auditor.run(() => updateSodSettings({ overrideAllowed: false }));
  });
});

describe("the conflicts list", () => {
  it("names each account breaking a rule, the roles behind each side and any justification; org admins apart; disabled and ended aside", async () => {
    const both = await person("両方 持男", ["account_admin"]);
    await grant(both.id, org.roleIds.security_auditor, { sodJustification: "監査担当の不在時の代行" });
    const ended = await person("終了 済子", ["account_admin"]);
    await grant(ended.id, org.roleIds.security_auditor, { endsAt: at(-1) });
    const disabled = await person("無効 化男", ["account_admin", "security_auditor"], { status: "disabled", disabledAt: new Date() });
    const admin2 = await person("特権 二郎", ["org_admin", "security_auditor", "account_admin"]);

    const { conflicts, privileged, ruleCount } = await accountAdmin.run(() => listSodConflicts());
    expect(ruleCount).toBe(3);
    const row = conflicts.find((c) => c.account.id === both.id)!;
    expect(row.rule.name).toBe("audit_vs_accounts");
    expect(row.rolesA.map((r) => r.roleKey)).toEqual(["security_auditor"]);
    expect(row.rolesB.map((r) => r.roleKey)).toEqual(["account_admin"]);
    expect(row.justifications).toEqual(["監査担当の不在時の代行"]);
    // From the role edit above: billing:manage through 請求照会 (経理) with audit:manage, justified then.
    const edited = conflicts.find((c) => c.account.displayName === "兼務 花子")!;
    expect(edited.rule.name).toBe("billing_vs_audit");
    expect(edited.rolesA.map((r) => r.roleName)).toEqual(["請求照会 (経理)"]);
    expect(edited.justifications[0]).toContain("決算期の請求訂正");

    const ids = new Set(conflicts.map((c) => c.account.id));
    for (const aside of [ended.id, disabled.id, admin2.id, orgAdmin.accountId]) expect(ids.has(aside)).toBe(false);
    expect(privileged.map((p) => p.account.displayName).sort()).toEqual(["組織 管理子", "特権 二郎", "特権 太郎"].sort());
    expect(conflicts.some((c) => c.account.displayName.startsWith("他社"))).toBe(false);
  });
});
