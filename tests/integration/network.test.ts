import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAllowlistEntry } from "@/lib/server/network/add-allowlist-entry";
import { checkAddress } from "@/lib/server/network/check-address";
import { listAllowlist } from "@/lib/server/network/list-allowlist";
import { revokeAllowlistEntry } from "@/lib/server/network/revoke-allowlist-entry";
import { updateNetworkPolicy } from "@/lib/server/network/update-network-policy";
import { createAccount, createOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";

type Session = Awaited<ReturnType<typeof signedIn>>;

let t: TestDatabase;
let orgId: string;
let auditor: Session; // security_auditor: security:manage
let accountAdmin: Session; // security:view only
let member: Session;
let otherOrgEntryId: string;

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

async function counts(organizationId: string) {
  const [entries, events, policy] = await Promise.all([
    t.prisma.ipAllowlistEntry.count({ where: { organizationId } }),
    t.prisma.auditEvent.count({ where: { organizationId, action: { startsWith: "network." } } }),
    t.prisma.networkPolicy.findUniqueOrThrow({ where: { organizationId }, select: { enforced: true, scope: true } }),
  ]);
  return { entries, events, policy };
}

async function lastEvent(organizationId: string, action: string) {
  return t.prisma.auditEvent.findFirstOrThrow({
    where: { organizationId, action },
    orderBy: { id: "desc" },
    select: { actorId: true, targetId: true, outcome: true, ip: true, details: true },
  });
}

async function signedInAs(organizationId: string, roleKeys: Parameters<typeof createAccount>[1]["roleKeys"], ip?: string, displayName?: string) {
  const a = await createAccount(t.prisma, { organizationId, roleKeys, ...(displayName ? { displayName } : {}) });
  return signedIn(a.loginId, a.password, ip);
}

beforeAll(async () => {
  t = await openTestDatabase();
  const org = await createOrganization(t.prisma);
  orgId = org.id;
  auditor = await signedInAs(org.id, ["security_auditor"], undefined, "監査 次郎");
  accountAdmin = await signedInAs(org.id, ["account_admin"]);
  member = await signedInAs(org.id, ["member"]);
  const other = await createOrganization(t.prisma);
  otherOrgEntryId = (
    await t.prisma.ipAllowlistEntry.create({ data: { organizationId: other.id, cidr: "198.51.100.0/24", label: "他社 本社", kind: "office" }, select: { id: true } })
  ).id;
});
afterAll(() => t.drop());

describe("an allowed role", () => {
  it("adds an office entry, stored in canonical form, with an audit event carrying before/after", async () => {
    const row = await auditor.run(() => addAllowlistEntry({ label: " 本社 (東京) ", cidr: "２０３．０．１１３．０／２４", kind: "office" }));
    expect(row).toMatchObject({ label: "本社 (東京)", cidr: "203.0.113.0/24" });
    const event = await lastEvent(orgId, "network.allowlist_entry_added");
    expect(event).toMatchObject({ actorId: auditor.accountId, targetId: row.id, outcome: "success", ip: "192.0.2.10" });
    expect(event.details).toEqual({
      before: null,
      after: { label: "本社 (東京)", cidr: "203.0.113.0/24", kind: "office", validFrom: null, validUntil: null, reason: null, revokedAt: null },
    });
  });

  it("adds a temporary entry with dates typed as Japan time", async () => {
    const row = await auditor.run(() =>
      addAllowlistEntry({ label: "大阪出張", cidr: "198.51.100.7", kind: "temporary", validFrom: "2099-11-24T09:30", validUntil: "2099/11/27 18:00", reason: "展示会" }),
    );
    const stored = await t.prisma.ipAllowlistEntry.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.cidr).toBe("198.51.100.7/32");
    expect(stored.validFrom!.toISOString()).toBe("2099-11-24T00:30:00.000Z");
    expect(stored.validUntil!.toISOString()).toBe("2099-11-27T09:00:00.000Z");
    expect(stored.createdById).toBe(auditor.accountId);
  });

  it("lists entries with status, who added them, and the caller's address", async () => {
    await t.prisma.ipAllowlistEntry.create({
      data: { organizationId: orgId, cidr: "192.0.2.128/25", label: "終わった出張", kind: "temporary", reason: "出張", validUntil: inDays(-1) },
    });
    const list = await accountAdmin.run(() => listAllowlist());
    expect(list.canManage).toBe(false);
    expect(list.policy).toMatchObject({ enforced: false, scope: "everyone" });
    expect(list.entries.map((e) => [e.label, e.status])).toEqual([
      ["本社 (東京)", "active"],
      ["大阪出張", "scheduled"],
      ["終わった出張", "expired"],
    ]);
    expect(list.entries[0]!.createdBy).toBe("監査 次郎");
    expect(list.currentAddress).toEqual({ ip: "192.0.2.10", allowedNow: true, allowedIfEnforced: false });
    expect((await auditor.run(() => listAllowlist())).canManage).toBe(true);
  });

  it("revokes an entry softly, audited with before/after; a second revoke is a conflict", async () => {
    const { id } = await auditor.run(() => addAllowlistEntry({ label: "旧 VPN", cidr: "2001:DB8:0:0::/48", kind: "vpn" }));
    await expect(auditor.run(() => revokeAllowlistEntry({ id }))).resolves.toEqual({ id, label: "旧 VPN" });
    const stored = await t.prisma.ipAllowlistEntry.findUniqueOrThrow({ where: { id } });
    expect(stored.revokedAt).toBeInstanceOf(Date);
    const event = await lastEvent(orgId, "network.allowlist_entry_revoked");
    expect(event.targetId).toBe(id);
    expect(event.details).toMatchObject({ before: { cidr: "2001:db8::/48", revokedAt: null }, after: { cidr: "2001:db8::/48", revokedAt: stored.revokedAt!.toISOString() } });
    await expect(auditor.run(() => revokeAllowlistEntry({ id }))).rejects.toMatchObject({ code: "conflict" });
    const list = await auditor.run(() => listAllowlist());
    expect(list.entries.at(-1)).toMatchObject({ label: "旧 VPN", status: "revoked" });
  });

  it("updates the policy with before/after; saving it unchanged writes nothing", async () => {
    await auditor.run(() => addAllowlistEntry({ label: "監査室", cidr: "192.0.2.0/28", kind: "office" }));
    await expect(auditor.run(() => updateNetworkPolicy({ enforced: "true", scope: "admins" }))).resolves.toEqual({ changed: true, policy: { enforced: true, scope: "admins" } });
    const event = await lastEvent(orgId, "network.policy_updated");
    expect(event.details).toEqual({ before: { enforced: false, scope: "everyone" }, after: { enforced: true, scope: "admins" } });
    const before = await counts(orgId);
    await expect(auditor.run(() => updateNetworkPolicy({ enforced: true, scope: "admins" }))).resolves.toMatchObject({ changed: false });
    expect(await counts(orgId)).toEqual(before);
    await auditor.run(() => updateNetworkPolicy({ enforced: false, scope: "everyone" }));
  });
});

describe("refusals", () => {
  it("refuses changes to a role with security:view only, and the list to a member", async () => {
    const before = await counts(orgId);
    const { entries } = await accountAdmin.run(() => listAllowlist());
    await expect(accountAdmin.run(() => addAllowlistEntry({ label: "x", cidr: "192.0.2.0/24", kind: "office" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => revokeAllowlistEntry({ id: entries[0]!.id }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(accountAdmin.run(() => updateNetworkPolicy({ enforced: true, scope: "everyone" }))).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => listAllowlist())).rejects.toMatchObject({ code: "forbidden" });
    await expect(member.run(() => addAllowlistEntry({ label: "x", cidr: "192.0.2.0/24", kind: "office" }))).rejects.toMatchObject({ code: "forbidden" });
    expect(await counts(orgId)).toEqual(before);
  });

  it("does not reveal or revoke another organization's entry", async () => {
    await expect(auditor.run(() => revokeAllowlistEntry({ id: otherOrgEntryId }))).rejects.toMatchObject({ code: "not_found" });
    await expect(auditor.run(() => revokeAllowlistEntry({ id: "1 OR 1=1" }))).rejects.toMatchObject({ code: "not_found" });
    expect((await t.prisma.ipAllowlistEntry.findUniqueOrThrow({ where: { id: otherOrgEntryId } })).revokedAt).toBeNull();
    expect((await auditor.run(() => listAllowlist())).entries.some((e) => e.label === "他社 本社")).toBe(false);
  });

  it.each([
    ["0127.0.0.1", /"0127\.0\.0\.1".*standard form/],
    ["10.0.0.0/4", /"10\.0\.0\.0\/4".*too wide/],
    ["203.0.113.1/24", /"203\.0\.113\.1\/24".*use 203\.0\.113\.0\/24/],
    ["192.0.2.0/24 ", null],
    ["192.0.2. 0/24", /standard form/],
    ["", /cidr_required/],
  ])("answers invalid for the CIDR %j, naming the field and the entry, and writes nothing", async (cidr, message) => {
    const before = await counts(orgId);
    const attempt = auditor.run(() => addAllowlistEntry({ label: "不正な入力", cidr, kind: "office" }));
    if (message === null) {
      await expect(attempt).resolves.toMatchObject({ cidr: "192.0.2.0/24" });
      return;
    }
    await expect(attempt).rejects.toMatchObject({ code: "invalid", field: "cidr", message: expect.stringMatching(message) });
    expect(await counts(orgId)).toEqual(before);
  });

  it.each([
    [{ label: "", cidr: "192.0.2.0/24", kind: "office" }, "label", "label_required"],
    [{ label: "あ".repeat(101), cidr: "192.0.2.0/24", kind: "office" }, "label", "label_too_long"],
    [{ label: "出張", cidr: "192.0.2.0/24", kind: "temporary", validUntil: inDays(1) }, "reason", "reason_required"],
    [{ label: "出張", cidr: "192.0.2.0/24", kind: "temporary", reason: "出張" }, "validUntil", "valid_until_required"],
    [{ label: "出張", cidr: "192.0.2.0/24", kind: "temporary", reason: "出張", validUntil: inDays(-1) }, "validUntil", "valid_until_past"],
    [{ label: "出張", cidr: "192.0.2.0/24", kind: "temporary", reason: "出張", validFrom: inDays(3), validUntil: inDays(2) }, "validUntil", "valid_until_not_after_from"],
    [{ label: "出張", cidr: "192.0.2.0/24", kind: "temporary", reason: "出張", validUntil: "2099-02-30T10:00" }, "validUntil", "date_invalid"],
    [{ label: "x", cidr: "192.0.2.0/24", kind: "home" }, "kind", "invalid_choice"],
  ] as const)("answers invalid for %j on %s", async (input, field, message) => {
    const before = await counts(orgId);
    await expect(auditor.run(() => addAllowlistEntry(input as Parameters<typeof addAllowlistEntry>[0]))).rejects.toMatchObject({ code: "invalid", field, message });
    expect(await counts(orgId)).toEqual(before);
  });
});

describe("the self-lockout guard", () => {
  let org: string;
  let admin: Session;

  beforeAll(async () => {
    org = (await createOrganization(t.prisma)).id;
    admin = await signedInAs(org, ["org_admin"]); // from 192.0.2.10
  });

  it("refuses to turn enforcement on while the admin's address is not listed, then allows it once it is", async () => {
    const before = await counts(org);
    await expect(admin.run(() => updateNetworkPolicy({ enforced: true, scope: "everyone" }))).rejects.toMatchObject({ code: "conflict", field: "confirmLockout" });
    expect(await counts(org)).toEqual(before);
    await admin.run(() => addAllowlistEntry({ label: "本社", cidr: "192.0.2.0/24", kind: "office" }));
    await expect(admin.run(() => updateNetworkPolicy({ enforced: true, scope: "everyone" }))).resolves.toMatchObject({ changed: true });
    expect((await admin.run(() => listAllowlist())).currentAddress).toEqual({ ip: "192.0.2.10", allowedNow: true, allowedIfEnforced: true });
  });

  it("refuses to revoke the only entry covering the admin, but not one that another entry backs up", async () => {
    const { entries } = await admin.run(() => listAllowlist());
    const office = entries.find((e) => e.label === "本社")!;
    const before = await counts(org);
    await expect(admin.run(() => revokeAllowlistEntry({ id: office.id }))).rejects.toMatchObject({ code: "conflict", field: "confirmLockout" });
    expect(await counts(org)).toEqual(before);
    expect((await t.prisma.ipAllowlistEntry.findUniqueOrThrow({ where: { id: office.id } })).revokedAt).toBeNull();
    await admin.run(() => addAllowlistEntry({ label: "管理者 VPN", cidr: "192.0.2.10/32", kind: "vpn" }));
    await expect(admin.run(() => revokeAllowlistEntry({ id: office.id }))).resolves.toMatchObject({ id: office.id });
  });

  it("treats an entry that has not started yet, or has ended, as not covering the admin", async () => {
    const later = await admin.run(() =>
      addAllowlistEntry({ label: "来月から", cidr: "192.0.2.0/26", kind: "temporary", reason: "移転", validFrom: inDays(30), validUntil: inDays(60) }),
    );
    const { entries } = await admin.run(() => listAllowlist());
    const vpn = entries.find((e) => e.label === "管理者 VPN")!;
    await expect(admin.run(() => revokeAllowlistEntry({ id: vpn.id }))).rejects.toMatchObject({ code: "conflict", field: "confirmLockout" });
    expect(later.cidr).toBe("192.0.2.0/26");
  });

  it("saves over the warning when confirmed, records that, and the admin's session is then refused", async () => {
    const { entries } = await admin.run(() => listAllowlist());
    const vpn = entries.find((e) => e.label === "管理者 VPN")!;
    await expect(admin.run(() => revokeAllowlistEntry({ id: vpn.id, confirmLockout: "true" }))).resolves.toMatchObject({ id: vpn.id });
    expect((await lastEvent(org, "network.allowlist_entry_revoked")).details).toMatchObject({ lockoutConfirmed: true });
    await expect(admin.run(() => listAllowlist())).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("lets an admin coming from a listed address change the scope and turn enforcement off", async () => {
    const a = await createAccount(t.prisma, { organizationId: org, roleKeys: ["org_admin"] });
    await t.prisma.ipAllowlistEntry.create({ data: { organizationId: org, cidr: "198.51.100.0/24", label: "大阪支店", kind: "office" } });
    const osaka = await signedIn(a.loginId, a.password, "198.51.100.20");
    await expect(osaka.run(() => updateNetworkPolicy({ enforced: true, scope: "admins" }))).resolves.toMatchObject({ changed: true });
    await expect(osaka.run(() => updateNetworkPolicy({ enforced: false, scope: "admins" }))).resolves.toMatchObject({ changed: true });
    expect((await lastEvent(org, "network.policy_updated")).details).toEqual({ before: { enforced: true, scope: "admins" }, after: { enforced: false, scope: "admins" } });
  });
});

describe("a temporary entry's window", () => {
  it("matches from validFrom and stops at validUntil, to the millisecond", async () => {
    const org = (await createOrganization(t.prisma)).id;
    const admin = await signedInAs(org, ["org_admin"]);
    const validFrom = new Date(Math.floor(Date.now() / 1000) * 1000 + DAY + 7);
    const validUntil = new Date(validFrom.getTime() + 3 * DAY + 123);
    await admin.run(() => addAllowlistEntry({ label: "出張", cidr: "203.0.113.77", kind: "temporary", reason: "出張", validFrom, validUntil }));
    await t.prisma.networkPolicy.update({ where: { organizationId: org }, data: { enforced: true } });
    const at = (ms: number) => checkAddress(t.prisma, { organizationId: org, ip: "203.0.113.77", isAdmin: false, now: new Date(ms) });
    expect((await at(validFrom.getTime() - 1)).allowed).toBe(false);
    expect((await at(validFrom.getTime())).allowed).toBe(true);
    expect((await at(validUntil.getTime() - 1)).allowed).toBe(true);
    expect((await at(validUntil.getTime())).allowed).toBe(false);
  });
});
