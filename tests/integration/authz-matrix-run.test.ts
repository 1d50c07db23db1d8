// The authorization matrix (tests/authz-matrix.ts), run: every server action, route handler and page loader, called
// as every built-in role of organization A, against A's rows and against organization B's. A role holding the
// requirement is never refused; one without it gets "forbidden" and changes nothing; B's rows are never returned
// or changed, whoever asks. An action, route or loader without a case here fails the run.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AccountStatus } from "@/lib/generated/prisma/client";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS, DOMAINS, LEVELS, can, type BuiltInRoleKey, type Domain, type Level } from "@/lib/permissions";
import { TASK_OWNERS, type TaskKind } from "@/lib/policy/offboarding";
import { addMonths, monthKeyOf } from "@/lib/policy/billing";
import { addDays, weekStartOf } from "@/lib/policy/security-dashboard";
import { generateTotpSecret, totpCode } from "@/lib/policy/totp";
import { issueStatement } from "@/lib/server/billing/statements";
import { openSecret } from "@/lib/server/secret-box";
import { sealPendingSecondFactor } from "@/lib/server/me/start-second-factor-change";
import { withOrganization } from "@/lib/server/tenant-context";
import type { ErrorCode } from "@/lib/server/errors";
import { runWithSession } from "@/lib/server/session";
import { hashToken } from "@/lib/server/sign-in/challenge";
import { ACTIONS, ROUTES, type Requirement } from "@/tests/authz-matrix";
import { DEFAULT_PASSWORD, FACTORY_TOTP_SECRET, createAccount, createDepartment, createLine, createOrganization, unique, type AccountInput, type CreatedOrganization } from "@/tests/factories";
import { openTestDatabase, type TestDatabase } from "@/tests/support/database";
import { signedIn } from "@/tests/support/session";
import { snapshotDiff, snapshotStrings, snapshotTables, tenantSnapshot, type TenantSnapshot } from "@/tests/support/tenant-snapshot";

// Server actions and the sign-in steps reach for Next's request store (revalidatePath, cookies()); outside a server
// there is none. The cache is framework plumbing with nothing to check; the cookie jar is a real one per "browser".
const browser = vi.hoisted(() => {
  // A fixed key: setting the session cookie must neither read nor write the developer's .data/auth-secret.
  process.env.NEXTAUTH_SECRET ??= "authz-matrix-run-only-secret-0123456789abcdef";
  const values = new Map<string, string>();
  const nameOf = (arg: string | { name: string }) => (typeof arg === "string" ? arg : arg.name);
  return {
    values,
    jar: {
      get: (arg: string | { name: string }) => (values.has(nameOf(arg)) ? { name: nameOf(arg), value: values.get(nameOf(arg))! } : undefined),
      getAll: () => [...values].map(([name, value]) => ({ name, value })),
      has: (arg: string | { name: string }) => values.has(nameOf(arg)),
      set: (arg: string | { name: string; value: string }, value?: string) => {
        if (typeof arg === "string") values.set(arg, value ?? "");
        else values.set(arg.name, arg.value);
      },
      delete: (arg: string | { name: string }) => {
        values.delete(nameOf(arg));
      },
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ cookies: async () => browser.jar, headers: async () => new Headers() }));

type Role = BuiltInRoleKey;
type Org = "A" | "B";
type Target = Record<string, string>;
type Session = Awaited<ReturnType<typeof signedIn>>;
type Callable = (...args: unknown[]) => Promise<unknown>;

const IP = "192.0.2.10";
const ROLES = BUILT_IN_ROLE_KEYS;
const abs = (file: string) => path.resolve(process.cwd(), file);

/** Whether a built-in role meets a requirement of the matrix. "admin" is any permission at all (the console's home). */
function holds(role: Role, requirement: Requirement): boolean {
  if (requirement === "public" || requirement === "signed-in") return true;
  if (requirement === "admin") return Object.keys(BUILT_IN_ROLES[role]).length > 0;
  if (requirement === "api-key") return false;
  return can(BUILT_IN_ROLES[role], requirement.domain, requirement.level);
}

// ─── What a call answered ──────────────────────────────────────────────────────────────────────────────────────

type Outcome =
  | { kind: "ok"; data: unknown }
  | { kind: "refused"; code: string; message: string }
  | { kind: "redirect"; to: string }
  /** The sign-in steps answer with their form's own state. */
  | { kind: "state"; value: unknown };

async function outcomeOf(call: () => Promise<unknown>): Promise<Outcome> {
  try {
    const r = (await call()) as { ok?: unknown; code?: unknown; message?: unknown; data?: unknown } | null | undefined;
    if (r && typeof r === "object" && typeof r.ok === "boolean" && ("code" in r || "data" in r)) {
      return r.ok ? { kind: "ok", data: r.data } : { kind: "refused", code: String(r.code), message: String(r.message) };
    }
    return { kind: "state", value: r };
  } catch (e) {
    const digest = (e as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return { kind: "redirect", to: digest.split(";")[2]! };
    const code = (e as { code?: unknown }).code;
    if (e instanceof Error && e.name === "AppError" && typeof code === "string") return { kind: "refused", code, message: e.message };
    throw e;
  }
}

const show = (o: Outcome) => JSON.stringify(o).slice(0, 600);

// ─── The two organizations ─────────────────────────────────────────────────────────────────────────────────────

interface OrgRows extends CreatedOrganization {
  key: Org;
  departmentId: string;
  /** Rows of every kind, for loaders to list and for the other organization's calls to point at. */
  account: { id: string; loginId: string; email: string; employeeNumber: string | null };
  customRole: { id: string; name: string };
  sodRule: { id: string; name: string; domainA: Domain; levelA: Level; domainB: Domain; levelB: Level };
  allowlistEntry: { id: string; cidr: string; label: string };
  line: { id: string };
  changeRequest: { id: string };
}

let t: TestDatabase;
const orgs = {} as Record<Org, OrgRows>;
const sessions = {} as Record<Role, Session>;
/** Strings found only in B's rows (ids, OCN IDs, names, numbers): none may appear in anything A is shown. */
let onlyInB = new Set<string>();
let onlyInA = new Set<string>();

const snap = (org: Org) => tenantSnapshot(t.prisma, orgs[org].id);

async function expectUnchanged(org: Org, before: TenantSnapshot, what: string) {
  expect(snapshotDiff(before, await snap(org)), `${what}: organization ${org}'s rows changed`).toEqual([]);
}

// Fresh rows for each call, so no result depends on what ran before.
let serial = 0;
const next = () => ++serial;

/** Both sides of a separation-of-duty rule no organization has yet: default rules and earlier calls never collide. */
const SIDES = (() => {
  const taken = new Set(["audit:manage|accounts:manage", "billing:manage|lines:manage", "billing:manage|audit:manage"]);
  const out: { domainA: Domain; levelA: Level; domainB: Domain; levelB: Level }[] = [];
  for (const [i, domainA] of DOMAINS.entries())
    for (const domainB of DOMAINS.slice(i + 1))
      for (const levelA of LEVELS)
        for (const levelB of LEVELS) {
          if (taken.has(`${domainA}:${levelA}|${domainB}:${levelB}`) || taken.has(`${domainB}:${levelB}|${domainA}:${levelA}`)) continue;
          out.push({ domainA, levelA, domainB, levelB });
        }
  return out;
})();
let sidesUsed = 0;
function nextSides() {
  const sides = SIDES[sidesUsed++];
  if (!sides) throw new Error("ran out of separation-of-duty rule sides");
  return sides;
}
const nextCidr = () => {
  const n = next();
  return `10.${Math.floor(n / 256) % 256}.${n % 256}.0/24`;
};

const make = {
  account: (org: Org, overrides: Partial<AccountInput> = {}) => createAccount(t.prisma, { organizationId: orgs[org].id, ...overrides }),
  async accountRow(org: Org, overrides: Partial<AccountInput> = {}) {
    const { id } = await make.account(org, overrides);
    return t.prisma.account.findUniqueOrThrow({ where: { id }, select: { id: true, loginId: true, email: true, employeeNumber: true } });
  },
  customRole: (org: Org) =>
    t.prisma.role.create({
      data: { organizationId: orgs[org].id, name: unique("権限表ロール"), builtIn: false, permissions: { create: [{ domain: "accounts", level: "view" }] } },
      select: { id: true, name: true },
    }),
  sodRule: (org: Org) =>
    t.prisma.sodRule.create({
      data: { organizationId: orgs[org].id, name: unique("権限表ルール"), ...nextSides() },
      select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true },
    }),
  apiKey: (org: Org) => {
    const prefix = crypto.randomBytes(5).toString("hex");
    const key = `ocnk_${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
    return t.prisma.apiKey
      .create({ data: { organizationId: orgs[org].id, name: unique("権限表キー"), prefix, secretHash: crypto.createHash("sha256").update(key).digest("hex"), scopes: ["events:write"] }, select: { id: true } })
      .then((row) => ({ id: row.id, key }));
  },
  allowlistEntry: (org: Org) =>
    t.prisma.ipAllowlistEntry.create({
      data: { organizationId: orgs[org].id, cidr: nextCidr(), label: unique("拠点"), kind: "office" },
      select: { id: true, cidr: true, label: true },
    }),
  async session(org: Org, accountId: string) {
    const now = new Date();
    return t.prisma.session.create({
      data: { organizationId: orgs[org].id, accountId, sessionVersion: 1, ip: IP, userAgent: "vitest", lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) },
      select: { id: true },
    });
  },
  async changeRequest(org: Org, requestedById: string) {
    const line = await createLine(t.prisma, { organizationId: orgs[org].id });
    return t.prisma.changeRequest.create({
      data: {
        organizationId: orgs[org].id,
        domain: "lines",
        kind: "line_settings",
        targetType: "line",
        targetId: line.id,
        payload: { plan: "OCNモバイル 30GB", dataAllowanceGb: 30, internationalRoaming: false, costCenter: null },
        diff: {
          targetLabel: line.phoneNumber,
          changes: [
            { field: "plan", before: "OCNモバイル 10GB", after: "OCNモバイル 30GB" },
            { field: "dataAllowanceGb", before: 10, after: 30 },
          ],
        },
        reason: "権限表の確認",
        requestedById,
      },
      select: { id: true },
    });
  },
};

async function seedOrganization(key: Org): Promise<OrgRows> {
  // A customer number in the form people type (a letter and nine digits), for the ID reminder.
  const customerNumber = `${key}${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
  const org = await createOrganization(t.prisma, { name: `権限表 ${key} 株式会社 ${unique("org")}`, customerNumber });
  const partial = { ...org, key } as OrgRows;
  orgs[key] = partial;
  partial.departmentId = (await createDepartment(t.prisma, { organizationId: org.id })).id;
  partial.account = await make.accountRow(key, { departmentId: partial.departmentId });
  // Someone in a separation-of-duty conflict, for the conflicts list.
  await make.account(key, { roleKeys: ["security_auditor", "account_admin"] });
  partial.customRole = await make.customRole(key);
  partial.sodRule = await make.sodRule(key);
  partial.allowlistEntry = await make.allowlistEntry(key);
  partial.line = await createLine(t.prisma, { organizationId: org.id, assignedAccountId: partial.account.id });
  partial.changeRequest = await make.changeRequest(key, partial.account.id);
  await t.prisma.billingProfile.create({ data: { organizationId: org.id, recipientName: `経理部 ${key} ${unique("r")}`, invoiceEmail: `${unique("invoice")}@example.jp` } });
  // Billing: the same contract name in both (a payment method filed for A is valid for B too), last month's statement.
  await t.prisma.organization.update({ where: { id: org.id }, data: { contractNameKana: "カブシキガイシャケンゲンヒヨウ", contractNameLatin: "MATRIX TEST CO., LTD." } });
  await t.prisma.paymentMethod.create({ data: { organizationId: org.id, method: "card", cardBrand: "jcb", cardLast4: key === "A" ? "1111" : "2222", cardExpMonth: 12, cardExpYear: 2099, holderName: "MATRIX TEST CO LTD" } });
  await t.prisma.line.update({ where: { id: partial.line.id }, data: { activatedAt: new Date(Date.now() - 90 * 86400_000), costCenter: `費用負担 ${key} ${unique("cc")}` } });
  await withOrganization(org.id, () => t.prisma.$transaction((tx) => issueStatement(tx, org.id, addMonths(monthKeyOf(new Date()), -1), new Date())));
  await t.prisma.mailMessage.create({ data: { organizationId: org.id, to: `${unique("outbox")}@example.jp`, subject: `権限表 ${key} のお知らせ`, body: "本文" } });
  return partial;
}

function collectStrings(value: unknown, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof value === "string") out.push(value);
  else if (value && typeof value === "object" && !seen.has(value) && !(value instanceof Date)) {
    seen.add(value);
    const items = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value);
    for (const item of items) collectStrings(item, out, seen);
  }
  return out;
}

/** Strings of B's rows that name something (ids, OCN IDs, names, numbers, addresses): not enums, times or A's own values. */
function identifying(strings: Set<string>, other: Set<string>): Set<string> {
  return new Set(
    [...strings].filter((s) => s.length >= 6 && !other.has(s) && !/^[a-z_]+$/.test(s) && !/^\d{4}-\d{2}-\d{2}T/.test(s) && !/^[0-9a-f]{64}$/.test(s)),
  );
}

/** B's strings in what A was shown: exact values, and ids or addresses inside longer text (a CSV, a mail body). */
function leaksOfB(value: unknown): string[] {
  const found = new Set<string>();
  const long = [...onlyInB].filter((s) => /^[0-9a-f-]{36}$/i.test(s) || s.includes("@"));
  for (const s of collectStrings(value)) {
    if (onlyInB.has(s)) found.add(s);
    else if (s.length > 100) for (const id of long) if (s.includes(id)) found.add(id);
  }
  return [...found];
}
const showsA = (value: unknown) => collectStrings(value).some((s) => onlyInA.has(s) || [...onlyInA].some((a) => a.length >= 10 && s.length > 100 && s.includes(a)));

beforeAll(async () => {
  t = await openTestDatabase();
  await seedOrganization("A");
  await seedOrganization("B");
  for (const role of ROLES) {
    const account = await make.account("A", { roleKeys: [role], displayName: `権限表 ${role}` });
    sessions[role] = await signedIn(account.loginId, account.password, IP);
  }
  // B has live sessions and sign-in history too: they must stay as they are.
  const bAdmin = await make.account("B", { roleKeys: ["org_admin"] });
  await signedIn(bAdmin.loginId, bAdmin.password, IP);
});

/** Recomputed before each look, as actions legitimately copy B's values into A (B's role name is free in A). */
async function refreshFingerprints() {
  const [a, b] = [snapshotStrings(await snap("A")), snapshotStrings(await snap("B"))];
  onlyInB = identifying(b, a);
  onlyInA = identifying(a, b);
}
afterAll(() => t?.drop());

// ─── Server actions ────────────────────────────────────────────────────────────────────────────────────────────

interface Ctx {
  /** The organization the input points at. */
  org: OrgRows;
  A: OrgRows;
  B: OrgRows;
  actor: Actor;
}

type Expected = "ok" | ErrorCode;
type Actor = { accountId: string; loginId: string; role: Role };

interface ActionCase {
  /** The rows this action works on, made anew for every call in the organization its input points at. */
  fresh?: (org: Org, actor: Actor) => Promise<Target>;
  /** The input naming `org`'s rows; for B, the ids of B with everything else as for A. */
  inputFor: (org: Org, ctx: Ctx, target: Target) => unknown;
  /**
   * What each role gets on A's rows when the operation decides more than the matrix's requirement says (a request's
   * decider needs manage in the request's own domain): "ok" is the allowed answer, anything else a refusal that
   * changes nothing. Without it: allowed when the role holds the requirement, "forbidden" otherwise.
   */
  expectA?: (role: Role) => Expected;
  /** What an allowed caller gets when the input names B's rows: "not_found" unless said otherwise (and why). */
  expectB?: Expected | ((role: Role) => Expected);
  /** Further inputs that mix A's rows with one of B's (A's account with B's role, …), with what each must answer. */
  mixed?: { why: string; fresh?: (org: Org, actor: Actor) => Promise<Target>; input: (ctx: Ctx, target: Target) => unknown; expect: Expected | ((role: Role) => Expected) }[];
  /** Each call needs a signed-in account of its own (it signs out, or changes the caller's own password). */
  freshActor?: boolean;
  /** What an allowed call answers when it is not { ok: true }. */
  allowed?: (o: Outcome) => boolean;
  /** After an allowed call on A's rows: the change really happened. */
  check?: (o: Outcome, ctx: Ctx, target: Target) => Promise<void>;
  /** Without a session, when the answer is not "unauthenticated" (and why that is right). */
  unauthenticated?: (o: Outcome) => boolean;
  /** For public actions: a real call without a session, with its own checks. */
  publicRun?: () => Promise<void>;
}

const accountFresh =
  (status: AccountStatus = "active", extra: Partial<AccountInput> = {}) =>
  async (org: Org): Promise<Target> => ({ id: (await make.account(org, { status, ...extra })).id });
const onAccount = (status?: AccountStatus, extra?: Partial<AccountInput>): ActionCase => ({
  fresh: accountFresh(status, extra),
  inputFor: (_org, _ctx, target) => ({ id: target.id, reason: "権限表の確認" }),
});
const statusIs = (status: AccountStatus) => async (_o: Outcome, _c: Ctx, target: Target) =>
  expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe(status);

const lastMailTo = async (to: string) =>
  (await t.prisma.mailMessage.findFirst({ where: { to }, orderBy: { createdAt: "desc" }, select: { body: true } }))?.body ?? "";
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};
/** A request without a session, as a browser that has not signed in (its cookie jar is browser.values). */
const anonymous = <T>(fn: () => Promise<T>) => runWithSession(null, fn, IP);
const actionOf = async (key: string): Promise<Callable> => {
  const [file, name] = key.split("#") as [string, string];
  const fn = (await import(abs(file)))[name];
  if (typeof fn !== "function") throw new Error(`${key}: the module exports no function ${name}`);
  return fn as Callable;
};
const call = (key: string, input?: unknown) => async () => (await actionOf(key))(null, input);

/** A pending request of A's, filed by `requestedById`, that approving would apply to a line of its own. */
const lineRequest = async (org: Org, requestedById: string) => ({ id: (await make.changeRequest(org, requestedById)).id });
/** One billing request waits at a time: earlier calls' requests are set aside, so each call files its own. */
async function noPendingBillingRequest() {
  await t.prisma.changeRequest.updateMany({ where: { organizationId: orgs.A.id, kind: "billing_profile", status: "pending" }, data: { status: "cancelled" } });
  return {};
}
const lineSettings = () => ({ plan: `OCNモバイル ${next()}GB`, dataAllowanceGb: String(1 + (next() % 99)), internationalRoaming: "false", costCenter: "" });
const billing = () => ({ recipientName: unique("経理部"), recipientDepartment: "", invoiceEmail: `${unique("invoice")}@example.jp` });

/** An alert about `org`'s own account, in the status a workflow step starts from. */
const alertIn = async (org: Org, status: "open" | "resolved" = "open"): Promise<Target> => {
  const now = new Date();
  const row = await t.prisma.alert.create({
    data: {
      organizationId: orgs[org].id,
      kind: "repeated_failures",
      severity: "high",
      subjectType: "account",
      subjectKey: orgs[org].account.id,
      subjectLabel: orgs[org].account.loginId,
      firstSeenAt: now,
      lastSeenAt: now,
      count: 5,
      status,
      ...(status === "resolved" ? { resolvedAt: now, resolution: "権限表の確認" } : {}),
    },
    select: { id: true },
  });
  return { id: row.id };
};
const alertStatusIs = (status: string) => async (_o: Outcome, _c: Ctx, target: Target) =>
  expect((await t.prisma.alert.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe(status);

/** An offboarding case of `org`'s own (a leaver with one line) and its one open task of `kind`. */
const offboardingCaseIn = async (org: Org, status: "scheduled" | "in_progress" = "in_progress", kind: TaskKind = "delete_esim"): Promise<Target> => {
  const day = 86_400_000;
  const now = Date.now();
  const leaver = await make.account(org);
  const line = await createLine(t.prisma, { organizationId: orgs[org].id, assignedAccountId: leaver.id, simType: kind === "delete_esim" ? "esim" : "physical" });
  const c = await t.prisma.offboardingCase.create({
    data: {
      organizationId: orgs[org].id,
      accountId: leaver.id,
      trigger: "leaving",
      status,
      effectiveAt: new Date(status === "scheduled" ? now + 7 * day : now - day),
      appliedAt: status === "scheduled" ? null : new Date(now - day),
      subjectLabel: `権限表 退職 (${leaver.loginId})`,
      grantsSnapshot: [],
    },
    select: { id: true },
  });
  const task = await t.prisma.offboardingTask.create({
    data: { organizationId: orgs[org].id, caseId: c.id, kind, lineId: line.id, ownerRoleKey: TASK_OWNERS[kind].roleKey, dueAt: new Date(now + day) },
    select: { id: true },
  });
  return { caseId: c.id, taskId: task.id, lineId: line.id, accountId: leaver.id };
};
/** An open IP allowlist review of `org`'s own, in a period of its own (one task per kind and period). */
const complianceTaskIn = async (org: Org): Promise<Target> => {
  const row = await t.prisma.complianceTask.create({
    data: { organizationId: orgs[org].id, kind: "ip_allowlist_monthly", periodKey: `1900-${next()}`, title: "権限表の見直し", dueAt: new Date(Date.now() + 86_400_000), ownerDomain: "security" },
    select: { id: true },
  });
  return { id: row.id };
};
/** The IP allowlist review is recorded with security:manage; security:view alone sees it but may not. */
const recordsCompliance = (role: Role): Expected => (can(BUILT_IN_ROLES[role], "security", "manage") ? "ok" : "forbidden");
const complianceStatusIs = (status: "done" | "skipped") => async (_o: Outcome, _c: Ctx, target: Target) =>
  expect((await t.prisma.complianceTask.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe(status);
/** Who may close a task of this kind (complete-task.ts): HR or the owning function; a line decision needs lines:manage. */
const closesTask = (kind: TaskKind) => (role: Role): Expected => {
  const p = BUILT_IN_ROLES[role];
  const may = kind === "decide_line" ? can(p, "lines", "manage") : can(p, "offboarding", "manage") || can(p, TASK_OWNERS[kind].domain, "manage");
  return may ? "ok" : "forbidden";
};
const taskStatusIs = (status: string) => async (_o: Outcome, _c: Ctx, target: Target) =>
  expect((await t.prisma.offboardingTask.findUniqueOrThrow({ where: { id: target.taskId! } })).status).toBe(status);
/** Offboarding is read by offboarding:view and by the functions that close its tasks (read-access.ts). */
const readsOffboarding = (role: Role): Expected => {
  const p = BUILT_IN_ROLES[role];
  return can(p, "offboarding", "view") || can(p, "lines", "manage") || can(p, "accounts", "manage") || can(p, "billing", "manage") ? "ok" : "forbidden";
};

/** A change-of-address link for `accountId` (My Page), as mailed: the raw token, with only its hash stored. */
async function emailChangeLink(org: Org, accountId: string): Promise<Target> {
  const token = crypto.randomBytes(32).toString("base64url");
  const newEmail = `${unique("moved")}@example.jp`.toLowerCase();
  await t.prisma.emailChangeToken.create({ data: { organizationId: orgs[org].id, accountId, newEmail, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) } });
  return { token, newEmail };
}
/** A sign-in attempt of `accountId` in its history, for "this wasn't me". */
const signInOf = async (org: Org, accountId: string): Promise<Target> => ({
  eventId: String(
    (await t.prisma.auditEvent.create({ data: { organizationId: orgs[org].id, actorId: accountId, action: "auth.sign_in", outcome: "failure", reason: "bad_password", ip: "198.51.100.9", country: "US", userAgent: "vitest" }, select: { id: true } })).id,
  ),
});
const auditedFor = (action: string) => async (_o: Outcome, ctx: Ctx) =>
  expect(await t.prisma.auditEvent.count({ where: { action, actorId: ctx.actor.accountId } })).toBeGreaterThan(0);

/**
 * An open access review campaign of `org`'s with one item about a fresh account (its member grant in the snapshot),
 * reviewed by nobody in particular (so only reviews:manage decides it), undecided or already marked to revoke.
 */
async function reviewIn(org: Org, item: { decision?: "revoke"; flags?: string[] } = {}): Promise<Target> {
  const person = await make.account(org);
  const grant = await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: person.id }, select: { id: true, role: { select: { key: true, name: true } } } });
  const review = await t.prisma.accessReview.create({
    data: { organizationId: orgs[org].id, quarter: "2026-Q4", title: unique(`権限表 棚卸し ${org}`), status: "open", dueAt: new Date(Date.now() + 30 * 86_400_000), startedAt: new Date() },
    select: { id: true },
  });
  const snapshot = {
    loginId: person.loginId,
    displayName: `権限表 棚卸し対象 ${org}`,
    kind: "employee",
    status: "active",
    employeeNumber: null,
    department: null,
    hrStatus: null,
    lastSignInAt: null,
    grants: [{ grantId: grant.id, roleName: grant.role.name, roleKey: grant.role.key, endsAt: null, permissions: {} }],
    permissions: {},
    lines: [],
  };
  const row = await t.prisma.accessReviewItem.create({
    data: {
      organizationId: orgs[org].id,
      reviewId: review.id,
      accountId: person.id,
      flags: item.flags ?? [],
      snapshot,
      ...(item.decision === "revoke" ? { decision: "revoke" as const, decidedAt: new Date(), decidedByLabel: "権限表" } : {}),
    },
    select: { id: true },
  });
  return { reviewId: review.id, itemId: row.id, accountId: person.id, loginId: person.loginId, grantId: grant.id };
}
/** Who decides an item nobody in particular reviews: reviews:manage; reviews:view may look but not decide; others do not see it. */
const decidesReviewItem = (role: Role): Expected => {
  const p = BUILT_IN_ROLES[role];
  return can(p, "reviews", "manage") ? "ok" : can(p, "reviews", "view") ? "forbidden" : "not_found";
};
const itemDecisionIs = (decision: string) => async (_o: Outcome, _c: Ctx, target: Target) =>
  expect((await t.prisma.accessReviewItem.findUniqueOrThrow({ where: { id: target.itemId! } })).decision).toBe(decision);

const CASES: Record<string, ActionCase> = {
  "app/(console)/reviews/actions.ts#createCampaignAction": {
    inputFor: (org, ctx) => ({ quarter: "2026-Q4", title: unique("権限表 キャンペーン"), undecidedOutcome: "no_change", dormantDays: "90", fallbackReviewerLoginId: org === "A" ? "" : ctx.B.account.loginId }),
    // B's person named as the fallback reviewer: no account of A's has that OCN ID.
    expectB: "invalid",
    check: async (o) => {
      const { id } = (o as { kind: "ok"; data: { id: string } }).data;
      const items = await t.prisma.accessReviewItem.findMany({ where: { reviewId: id }, select: { organizationId: true } });
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.organizationId === orgs.A.id), "only A's accounts are reviewed").toBe(true);
    },
  },
  "app/(console)/reviews/actions.ts#decideReviewItemAction": {
    fresh: async (org) => ({ ...(await reviewIn(org)), bGrantId: (await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: orgs.B.account.id }, select: { id: true } })).id }),
    inputFor: (_org, _ctx, target) => ({ itemId: target.itemId, decision: "revoke", comment: "権限表の確認", grantIds: [] }),
    expectA: decidesReviewItem,
    mixed: [
      {
        why: "A's item with a role of B's to revoke",
        fresh: async () => ({ ...(await reviewIn("A")), bGrantId: (await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: orgs.B.account.id }, select: { id: true } })).id }),
        input: (_ctx, target) => ({ itemId: target.itemId, decision: "revoke", comment: "権限表の確認", grantIds: [target.bGrantId] }),
        expect: (role) => (decidesReviewItem(role) === "ok" ? "invalid" : decidesReviewItem(role)),
      },
    ],
    check: itemDecisionIs("revoke"),
  },
  "app/(console)/reviews/actions.ts#bulkKeepItemsAction": {
    fresh: (org) => reviewIn(org),
    inputFor: (_org, _ctx, target) => ({ reviewId: target.reviewId, itemIds: [target.itemId] }),
    // Nobody in particular reviews the item: only reviews:manage keeps it.
    expectA: (role) => (can(BUILT_IN_ROLES[role], "reviews", "manage") ? "ok" : "forbidden"),
    mixed: [
      {
        why: "A's campaign with an item of B's",
        fresh: async () => ({ ...(await reviewIn("A")), bItemId: (await reviewIn("B")).itemId! }),
        input: (_ctx, target) => ({ reviewId: target.reviewId, itemIds: [target.itemId, target.bItemId] }),
        expect: "invalid",
      },
    ],
    check: itemDecisionIs("keep"),
  },
  "app/(console)/reviews/actions.ts#reassignReviewerAction": {
    // The item nobody reviews goes to the organization's own person.
    fresh: (org) => reviewIn(org),
    inputFor: (org, ctx, target) => ({ reviewId: target.reviewId, fromLoginId: "", toLoginId: ctx[org].account.loginId }),
    mixed: [
      {
        why: "A's campaign handed to B's person",
        fresh: () => reviewIn("A"),
        input: (ctx, target) => ({ reviewId: target.reviewId, fromLoginId: "", toLoginId: ctx.B.account.loginId }),
        expect: "invalid",
      },
    ],
    check: async (_o, _c, target) => expect((await t.prisma.accessReviewItem.findUniqueOrThrow({ where: { id: target.itemId! } })).reviewerId).toBe(orgs.A.account.id),
  },
  "app/(console)/offboarding/actions.ts#startOffboardingAction": {
    fresh: accountFresh(),
    inputFor: (_org, _ctx, target) => ({ accountId: target.id, trigger: "leaving", timing: "now", note: "権限表の確認" }),
    check: async (_o, _c, target) => {
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.id! } })).status, "effective now: the account is disabled at once").toBe("disabled");
      expect(await t.prisma.offboardingCase.count({ where: { accountId: target.id!, status: "in_progress" } })).toBe(1);
    },
  },
  "app/(console)/offboarding/actions.ts#cancelOffboardingAction": {
    fresh: (org) => offboardingCaseIn(org, "scheduled"),
    inputFor: (_org, _ctx, target) => ({ caseId: target.caseId, note: "権限表の確認" }),
    check: async (_o, _c, target) => expect((await t.prisma.offboardingCase.findUniqueOrThrow({ where: { id: target.caseId! } })).status).toBe("cancelled"),
  },
  "app/(console)/offboarding/actions.ts#updateSimReturnDaysAction": {
    inputFor: () => ({ days: String(10 + (next() % 20)) }),
    // A setting of the caller's own organization: there is nothing of B's to name.
    expectB: "ok",
    check: async () => expect((await t.prisma.organization.findUniqueOrThrow({ where: { id: orgs.A.id } })).simReturnDays).toBeGreaterThanOrEqual(10),
  },
  "app/(console)/offboarding/actions.ts#completeOffboardingTaskAction": {
    fresh: (org) => offboardingCaseIn(org, "in_progress", "delete_esim"),
    inputFor: (_org, _ctx, target) => ({ taskId: target.taskId, evidence: "権限表の確認: 端末から削除" }),
    expectA: closesTask("delete_esim"),
    check: taskStatusIs("done"),
  },
  "app/(console)/offboarding/actions.ts#skipOffboardingTaskAction": {
    fresh: (org) => offboardingCaseIn(org, "in_progress", "export_statements"),
    inputFor: (_org, _ctx, target) => ({ taskId: target.taskId, note: "権限表の確認" }),
    expectA: closesTask("export_statements"),
    check: taskStatusIs("skipped"),
  },
  "app/(console)/offboarding/actions.ts#startDeviceDisposalAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id, assignedAccountId: orgs[org].account.id })).id }),
    inputFor: (_org, _ctx, target) => ({ lineId: target.id, note: "権限表の確認" }),
    check: async (_o, _c, target) =>
      expect(await t.prisma.offboardingTask.count({ where: { lineId: target.id!, kind: "return_sim", status: "open", case: { trigger: "device_disposal" } } })).toBe(1),
  },
  "app/(console)/alerts/[id]/actions.ts#acknowledgeAlertAction": {
    fresh: (org) => alertIn(org),
    inputFor: (_org, _ctx, target) => ({ id: target.id, expectedStatus: "open" }),
    check: alertStatusIs("acknowledged"),
  },
  "app/(console)/alerts/[id]/actions.ts#resolveAlertAction": {
    fresh: (org) => alertIn(org),
    inputFor: (_org, _ctx, target) => ({ id: target.id, expectedStatus: "open", resolution: "権限表の確認" }),
    check: alertStatusIs("resolved"),
  },
  "app/(console)/alerts/[id]/actions.ts#markAlertFalsePositiveAction": {
    fresh: (org) => alertIn(org),
    inputFor: (_org, _ctx, target) => ({ id: target.id, expectedStatus: "open", reason: "権限表の確認" }),
    check: alertStatusIs("false_positive"),
  },
  "app/(console)/alerts/[id]/actions.ts#reopenAlertAction": {
    fresh: (org) => alertIn(org, "resolved"),
    inputFor: (_org, _ctx, target) => ({ id: target.id, expectedStatus: "resolved", reason: "権限表の確認" }),
    check: alertStatusIs("open"),
  },
  "app/(console)/alerts/[id]/actions.ts#assignAlertAction": {
    fresh: (org) => alertIn(org),
    inputFor: (_org, ctx, target) => ({ id: target.id, assigneeId: ctx.actor.accountId }),
    mixed: [{ why: "A's alert given to B's account", fresh: () => alertIn("A"), input: (ctx, target) => ({ id: target.id, assigneeId: ctx.B.account.id }), expect: "invalid" }],
    check: async (_o, ctx, target) => expect((await t.prisma.alert.findUniqueOrThrow({ where: { id: target.id! } })).assigneeId).toBe(ctx.actor.accountId),
  },
  "app/(console)/alerts/[id]/actions.ts#commentOnAlertAction": {
    fresh: (org) => alertIn(org),
    inputFor: (_org, _ctx, target) => ({ id: target.id, body: "権限表の確認" }),
    check: async (_o, _c, target) => expect(await t.prisma.alertComment.count({ where: { alertId: target.id! } })).toBe(1),
  },
  "app/(console)/lines/[id]/actions.ts#updateLineSettingsAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id, ...lineSettings(), reason: "権限表の確認" }),
    check: async (_o, _c, target) => expect((await t.prisma.line.findUniqueOrThrow({ where: { id: target.id! } })).plan).not.toBe("OCNモバイル 10GB"),
  },
  "app/(console)/lines/[id]/actions.ts#requestLineSettingsChangeAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id, ...lineSettings(), reason: "権限表の確認" }),
    check: async (_o, _c, target) => {
      expect(await t.prisma.changeRequest.count({ where: { targetId: target.id!, status: "pending" } })).toBe(1);
      expect((await t.prisma.line.findUniqueOrThrow({ where: { id: target.id! } })).plan, "a request changes nothing yet").toBe("OCNモバイル 10GB");
    },
  },
  "app/(console)/lines/[id]/actions.ts#assignLineAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, ctx, target) => ({ id: target.id, holderLoginId: ctx.org.account.loginId }),
    mixed: [{ why: "A's line given to B's person", fresh: async () => ({ id: (await createLine(t.prisma, { organizationId: orgs.A.id })).id }), input: (ctx, target) => ({ id: target.id, holderLoginId: ctx.B.account.loginId }), expect: "invalid" }],
    check: async (_o, ctx, target) => expect((await t.prisma.line.findUniqueOrThrow({ where: { id: target.id! } })).assignedAccountId).toBe(ctx.A.account.id),
  },
  "app/(console)/lines/[id]/actions.ts#requestLineAssignmentAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, ctx, target) => ({ id: target.id, holderLoginId: ctx.org.account.loginId, reason: "権限表の確認" }),
    mixed: [
      {
        why: "A's line requested for B's person",
        fresh: async () => ({ id: (await createLine(t.prisma, { organizationId: orgs.A.id })).id }),
        input: (ctx, target) => ({ id: target.id, holderLoginId: ctx.B.account.loginId, reason: "権限表" }),
        expect: "invalid",
      },
    ],
    check: async (_o, _c, target) => {
      expect(await t.prisma.changeRequest.count({ where: { kind: "line_assignment", targetId: target.id!, status: "pending" } })).toBe(1);
      expect((await t.prisma.line.findUniqueOrThrow({ where: { id: target.id! } })).assignedAccountId, "a request assigns nothing yet").toBeNull();
    },
  },
  "app/(console)/lines/[id]/actions.ts#changeLineStateAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id, change: "suspend", reason: "権限表の確認" }),
    check: async (_o, _c, target) => expect((await t.prisma.line.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe("suspended"),
  },
  "app/(console)/billing/actions.ts#updateBillingProfileAction": {
    inputFor: () => ({ ...billing(), reason: "権限表の確認" }),
    // The organization's own profile: there is no id of B's to name.
    expectB: "ok",
  },
  "app/(console)/billing/actions.ts#requestBillingProfileChangeAction": {
    fresh: noPendingBillingRequest,
    inputFor: () => ({ ...billing(), reason: "権限表の確認" }),
    expectB: "ok",
  },
  "app/(console)/billing/actions.ts#requestPaymentMethodChangeAction": {
    // One request waits at a time in the caller's organization (always A's): earlier calls' are set aside.
    fresh: async () => {
      await t.prisma.changeRequest.updateMany({ where: { kind: "payment_method", status: "pending" }, data: { status: "cancelled" } });
      return {};
    },
    inputFor: () => ({ method: "card", cardBrand: "visa", cardLast4: String(1000 + (next() % 9000)), cardExpMonth: "12", cardExpYear: "2099", holderName: "MATRIX TEST CO LTD", reason: "権限表の確認" }),
    // The organization's own payment method: there is no id of B's to name.
    expectB: "ok",
    check: async () => expect(await t.prisma.changeRequest.count({ where: { organizationId: orgs.A.id, kind: "payment_method", status: "pending" } })).toBe(1),
  },
  "app/(console)/billing/actions.ts#addDataAddonAction": {
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, _ctx, target) => ({ lineId: target.id, gb: "1", reason: "権限表の確認" }),
    check: async (_o, _c, target) => expect(await t.prisma.lineDataAddon.count({ where: { lineId: target.id! } })).toBe(1),
  },
  "app/(console)/billing/actions.ts#requestDataAddonAction": {
    // On a line nobody holds: lines:request files it; anyone else is refused (their own line is billing.test.ts's).
    fresh: async (org) => ({ id: (await createLine(t.prisma, { organizationId: orgs[org].id })).id }),
    inputFor: (_org, _ctx, target) => ({ lineId: target.id, gb: "1", reason: "権限表の確認" }),
    expectA: (role) => (can(BUILT_IN_ROLES[role], "lines", "request") ? "ok" : "forbidden"),
    // B's line is not found by lines:request; for everyone else it is not theirs, as any line that is not.
    expectB: (role) => (can(BUILT_IN_ROLES[role], "lines", "request") ? "not_found" : "forbidden"),
    check: async (_o, _c, target) => expect(await t.prisma.changeRequest.count({ where: { kind: "line_data_addon", targetId: target.id!, status: "pending" } })).toBe(1),
  },
  "app/(console)/requests/[id]/actions.ts#decideChangeRequestAction": {
    // Filed by someone else in A, about a line: lines:manage decides; lines:view sees it but may not; others do not see it.
    fresh: async (org) => lineRequest(org, orgs[org].account.id),
    inputFor: (_org, _ctx, target) => ({ id: target.id, decision: "approve" }),
    expectA: (role) => (can(BUILT_IN_ROLES[role], "lines", "manage") ? "ok" : can(BUILT_IN_ROLES[role], "lines", "view") ? "forbidden" : "not_found"),
    mixed: [
      {
        why: "the decider's own request",
        fresh: async (_org, actor) => lineRequest("A", actor.accountId),
        input: (_ctx, target) => ({ id: target.id, decision: "approve" }),
        expect: "forbidden",
      },
    ],
    check: async (_o, _c, target) => expect((await t.prisma.changeRequest.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe("approved"),
  },
  "app/(console)/requests/[id]/actions.ts#cancelChangeRequestAction": {
    // Every role may cancel its own request.
    fresh: async (org, actor) => lineRequest(org, org === "A" ? actor.accountId : orgs.B.account.id),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    mixed: [
      {
        why: "someone else's request",
        fresh: async () => lineRequest("A", orgs.A.account.id),
        input: (_ctx, target) => ({ id: target.id }),
        expect: (role) => (can(BUILT_IN_ROLES[role], "lines", "view") ? "forbidden" : "not_found"),
      },
    ],
    check: async (_o, _c, target) => expect((await t.prisma.changeRequest.findUniqueOrThrow({ where: { id: target.id! } })).status).toBe("cancelled"),
  },
  "app/(console)/audit/weekly/[week]/actions.ts#signOffWeeklyAuditAction": {
    // A week of its own for every call (one sign-off per week); the organization's own weeks: no id of B's to name.
    fresh: async () => ({ week: addDays(weekStartOf(new Date()), -7 * next()) }),
    inputFor: (_org, _ctx, target) => ({ week: target.week, note: "権限表の確認" }),
    expectB: "ok",
    check: async (_o, _c, target) =>
      expect(await t.prisma.weeklyLogReview.count({ where: { organizationId: orgs.A.id, weekStart: new Date(`${target.week}T00:00:00Z`) } })).toBe(1),
  },
  "app/(console)/compliance/actions.ts#completeComplianceTaskAction": {
    fresh: complianceTaskIn,
    inputFor: (_org, _ctx, target) => ({ id: target.id, note: "権限表の確認: 許可リストを確認", evidenceUrl: "/security/network" }),
    expectA: recordsCompliance,
    check: complianceStatusIs("done"),
  },
  "app/(console)/compliance/actions.ts#skipComplianceTaskAction": {
    fresh: complianceTaskIn,
    inputFor: (_org, _ctx, target) => ({ id: target.id, note: "権限表の確認: 対象外" }),
    expectA: recordsCompliance,
    check: complianceStatusIs("skipped"),
  },
  "app/actions.ts#setLocaleAction": {
    inputFor: () => ({ locale: "en" }),
    publicRun: async () => {
      browser.values.clear();
      expect(await outcomeOf(() => anonymous(call("app/actions.ts#setLocaleAction", { locale: "en" })))).toMatchObject({ kind: "ok" });
      expect(browser.values.get("ocn.locale")).toBe("en");
    },
  },
  "app/(console)/actions.ts#signOutAction": {
    freshActor: true,
    inputFor: () => undefined,
    allowed: (o) => o.kind === "redirect" && o.to === "/sign-in?signedOut=1",
    check: async (_o, ctx) => {
      const open = await t.prisma.session.count({ where: { accountId: ctx.actor.accountId, revokedAt: null } });
      expect(open, "signing out ends the session row").toBe(0);
    },
    // Signing out without a session has nothing to end: it goes to the sign-in page.
    unauthenticated: (o) => o.kind === "redirect" && o.to === "/sign-in?signedOut=1",
  },
  "app/(console)/me/actions.ts#changeMyPasswordAction": {
    freshActor: true,
    inputFor: () => {
      const password = `Matrix-${next()}-Kaigi-Pass!`;
      return { current: DEFAULT_PASSWORD, password, confirm: password };
    },
    allowed: (o) => o.kind === "ok" && (o.data as { ok?: boolean }).ok === true,
  },
  // My Page: the caller's own account, found from the session; a request names nothing of B's but a link or an event.
  "app/(console)/me/actions.ts#requestEmailChangeAction": {
    freshActor: true,
    inputFor: () => ({ email: `${unique("new-contact")}@example.jp`, current: DEFAULT_PASSWORD }),
    check: auditedFor("account.email_change_requested"),
  },
  "app/(console)/me/actions.ts#cancelEmailChangeAction": {
    freshActor: true,
    fresh: (org, actor) => emailChangeLink(org, actor.accountId),
    inputFor: () => ({}),
    check: async (_o, ctx) => expect(await t.prisma.emailChangeToken.count({ where: { accountId: ctx.actor.accountId, expiresAt: { gt: new Date() } } })).toBe(0),
  },
  "app/(console)/me/actions.ts#confirmEmailChangeAction": {
    fresh: (org, actor) => emailChangeLink(org, org === "A" ? actor.accountId : orgs.B.account.id),
    inputFor: (_org, _ctx, target) => ({ token: target.token }),
    check: async (_o, ctx, target) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: ctx.actor.accountId } })).email).toBe(target.newEmail),
    // A link of B's is no link in A.
    expectB: "invalid",
    mixed: [{ why: "a link sent for another account of A", fresh: (org) => emailChangeLink(org, orgs.A.account.id), input: (_ctx, target) => ({ token: target.token }), expect: "invalid" }],
  },
  "app/(console)/me/actions.ts#updateBackupEmailAction": {
    freshActor: true,
    inputFor: () => ({ backupEmail: `${unique("backup")}@example.jp` }),
    check: async (_o, ctx) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: ctx.actor.accountId } })).backupEmail).toMatch(/^backup-/),
  },
  "app/(console)/me/actions.ts#updateNoticePreferencesAction": {
    freshActor: true,
    inputFor: () => ({ billing: "on", contract: "on" }),
    check: async (_o, ctx) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: ctx.actor.accountId } })).notifyData).toBe(false),
  },
  "app/(console)/me/actions.ts#sendTestNoticeAction": {
    freshActor: true,
    inputFor: () => ({ category: "security" }),
    allowed: (o) => o.kind === "ok" && (o.data as { sent?: boolean }).sent === true,
  },
  "app/(console)/me/actions.ts#startSecondFactorChangeAction": {
    freshActor: true,
    inputFor: () => ({}),
    allowed: (o) => o.kind === "ok" && typeof (o.data as { pending?: unknown }).pending === "string",
  },
  "app/(console)/me/actions.ts#changeSecondFactorAction": {
    freshActor: true,
    // What the start step hands this session: a new secret sealed for it (the newest session is the caller's own).
    fresh: async (_org, actor) => {
      const session = await t.prisma.session.findFirst({ where: { accountId: actor.accountId }, orderBy: { createdAt: "desc" }, select: { id: true } });
      const secret = generateTotpSecret();
      return { secret, pending: sealPendingSecondFactor({ accountId: actor.accountId, sessionId: session?.id ?? crypto.randomUUID() }, secret, new Date(Date.now() + 600_000)) };
    },
    inputFor: (_org, _ctx, target) => ({ pending: target.pending, current: DEFAULT_PASSWORD, code: totpCode(target.secret!, new Date()) }),
    check: auditedFor("account.mfa_changed"),
  },
  "app/(console)/me/actions.ts#regenerateBackupCodesAction": {
    freshActor: true,
    inputFor: () => ({ current: DEFAULT_PASSWORD }),
    allowed: (o) => o.kind === "ok" && (o.data as { backupCodes?: string[] }).backupCodes?.length === 10,
  },
  "app/(console)/me/actions.ts#reportSignInAction": {
    fresh: (org, actor) => signInOf(org, org === "A" ? actor.accountId : orgs.B.account.id),
    inputFor: (_org, _ctx, target) => ({ eventId: target.eventId }),
    check: async (_o, _c, target) => expect(await t.prisma.auditEvent.count({ where: { action: "auth.sign_in_reported", targetId: target.eventId } })).toBe(1),
    mixed: [{ why: "a sign-in of another account of A", fresh: (org) => signInOf(org, orgs.A.account.id), input: (_ctx, target) => ({ eventId: target.eventId }), expect: "not_found" }],
  },
  "app/(console)/roles/new/actions.ts#createRoleAction": {
    fresh: async (org): Promise<Target> => (org === "B" ? { name: (await make.customRole("B")).name } : {}),
    inputFor: (org, _ctx, target) => ({ name: org === "A" ? unique("新ロール") : target.name, description: "", permissions: { accounts: "view" } }),
    // The input cannot name B's rows; the name of a role of B's is free in A (names are unique per organization).
    expectB: "ok",
  },
  "app/(console)/roles/[id]/edit/actions.ts#updateRoleAction": {
    fresh: async (org) => ({ id: (await make.customRole(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id, name: unique("変更ロール"), description: "権限表", permissions: { accounts: "view", lines: "view" } }),
    check: async (_o, _c, target) => expect((await t.prisma.role.findUniqueOrThrow({ where: { id: target.id! } })).name).toMatch(/^変更ロール/),
  },
  "app/(console)/roles/[id]/actions.ts#deleteRoleAction": {
    fresh: async (org) => ({ id: (await make.customRole(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    check: async (_o, _c, target) => expect(await t.prisma.role.count({ where: { id: target.id! } })).toBe(0),
  },
  "app/(console)/roles/sod/actions.ts#createSodRuleAction": {
    fresh: async (org): Promise<Target> => {
      if (org === "A") return {};
      const { name, domainA, levelA, domainB, levelB } = await make.sodRule("B");
      return { name, domainA, levelA, domainB, levelB };
    },
    inputFor: (org, _ctx, target) => (org === "A" ? { name: unique("新ルール"), ...nextSides() } : target),
    // A rule of B's, name and sides, is new in A: rules belong to one organization.
    expectB: "ok",
  },
  "app/(console)/roles/sod/actions.ts#updateSodRuleAction": {
    fresh: async (org) => ({ id: (await make.sodRule(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id, name: unique("変更ルール"), ...nextSides() }),
  },
  "app/(console)/roles/sod/actions.ts#deleteSodRuleAction": {
    fresh: async (org) => ({ id: (await make.sodRule(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
  },
  "app/(console)/roles/sod/actions.ts#updateSodSettingsAction": {
    fresh: async () => {
      const { sodOverrideAllowed } = await t.prisma.organization.findUniqueOrThrow({ where: { id: orgs.A.id } });
      return { overrideAllowed: String(!sodOverrideAllowed) };
    },
    inputFor: (_org, _ctx, target) => ({ overrideAllowed: target.overrideAllowed }),
    // A setting of the caller's own organization: there is nothing of B's to name.
    expectB: "ok",
  },
  "app/(console)/security/network/actions.ts#addAllowlistEntryAction": {
    fresh: async (org) => (org === "B" ? await make.allowlistEntry("B") : {}),
    inputFor: (org, _ctx, target) => (org === "A" ? { label: unique("支社"), cidr: nextCidr(), kind: "office" } : { label: target.label, cidr: target.cidr, kind: "office" }),
    // An entry of B's, label and range, is new in A.
    expectB: "ok",
  },
  "app/(console)/settings/api-keys/actions.ts#createApiKeyAction": {
    inputFor: () => ({ name: unique("権限表キー"), scopes: "events:write" }),
    // Nothing of B's to name: a key is new in A.
    expectB: "ok",
    check: async (o) => {
      const { id, key } = (o as { data: { id: string; key: string } }).data;
      const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id } });
      expect(row.organizationId).toBe(orgs.A.id);
      expect(row.secretHash, "the key itself is never stored").not.toContain(key);
    },
  },
  "app/(console)/settings/api-keys/actions.ts#revokeApiKeyAction": {
    fresh: async (org) => ({ id: (await make.apiKey(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    check: async (_o, _c, target) => expect((await t.prisma.apiKey.findUniqueOrThrow({ where: { id: target.id! } })).revokedAt).not.toBeNull(),
  },
  "app/(console)/security/network/actions.ts#revokeAllowlistEntryAction": {
    fresh: async (org) => ({ id: (await make.allowlistEntry(org)).id }),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    check: async (_o, _c, target) => expect((await t.prisma.ipAllowlistEntry.findUniqueOrThrow({ where: { id: target.id! } })).revokedAt).not.toBeNull(),
  },
  "app/(console)/security/network/actions.ts#updateNetworkPolicyAction": {
    // Never enforced: the matrix's sessions must keep working. The scope flips, so every allowed call writes.
    fresh: async () => {
      const { scope } = await t.prisma.networkPolicy.findUniqueOrThrow({ where: { organizationId: orgs.A.id } });
      return { scope: scope === "everyone" ? "admins" : "everyone" };
    },
    inputFor: (_org, _ctx, target) => ({ enforced: "false", scope: target.scope }),
    expectB: "ok",
  },
  "app/(console)/security/policies/actions.ts#updateLockoutPolicyAction": {
    inputFor: () => ({ threshold: "10", windowMinutes: "15", lockEnds: "after_minutes", durationMinutes: String(20 + (next() % 100)), escalate: "false" }),
    expectB: "ok",
  },
  "app/(console)/security/policies/actions.ts#updatePasswordPolicyAction": {
    inputFor: () => ({ minLength: "12", expires: "never", historyDepth: String(next() % 24) }),
    expectB: "ok",
  },
  "app/(console)/security/policies/actions.ts#updateSessionPolicyAction": {
    // Long idle limits only: the matrix's own sessions sit idle while other roles run.
    inputFor: () => ({ idleMinutes: String(400 + (next() % 80)), absoluteHours: "12" }),
    expectB: "ok",
  },
  "app/(console)/security/detections/actions.ts#updateDetectionRuleAction": {
    inputFor: () => ({ kind: "password_spray", enabled: "true", severity: "high", accounts: String(10 + (next() % 50)), windowMinutes: "15", dedupeHours: "24" }),
    // A setting of the caller's own organization: there is nothing of B's to name.
    expectB: "ok",
  },
  "app/(console)/security/detections/actions.ts#updateDetectionCalendarAction": {
    inputFor: () => ({ timeZone: "Asia/Tokyo", businessDays: [1, 2, 3, 4, 5], startHour: "8", endHour: String(18 + (next() % 6)), observeJpHolidays: "true", closedDays: [], allowedCountries: "JP" }),
    expectB: "ok",
  },
  "app/(console)/security/detections/actions.ts#updateAlertWebhookAction": {
    inputFor: () => ({ url: `https://hooks.example.jp/ocn/${next()}` }),
    expectB: "ok",
  },
  "app/(console)/security/detections/actions.ts#rotateAlertWebhookSecretAction": {
    inputFor: () => ({}),
    expectB: "ok",
    check: async () => expect((await t.prisma.organization.findUniqueOrThrow({ where: { id: orgs.A.id } })).alertWebhookSecret).not.toBeNull(),
  },
  "app/(console)/security/detections/actions.ts#sendTestAlertWebhookAction": {
    // No URL set, so nothing leaves the test: the operation's own answer is "save a URL first".
    fresh: async () => {
      await t.prisma.organization.update({ where: { id: orgs.A.id }, data: { alertWebhookUrl: null } });
      return {};
    },
    inputFor: () => ({}),
    expectB: "invalid",
    allowed: (o) => o.kind === "refused" && o.code === "invalid" && o.message === "webhook_missing",
  },
  "app/(console)/security/travel/actions.ts#createTravelNoticeAction": {
    inputFor: (_org, ctx) => ({ loginId: ctx.org.account.loginId, countries: "US", startDate: "2026-12-01", endDate: "2026-12-03" }),
    // B's OCN ID is not an account of A's: refused as an unknown account, B's rows untouched.
    expectB: "invalid",
  },
  "app/(console)/security/travel/actions.ts#revokeTravelNoticeAction": {
    fresh: async (org) => ({
      id: (await t.prisma.travelNotice.create({ data: { organizationId: orgs[org].id, accountId: orgs[org].account.id, countries: ["US"], startsAt: new Date(), endsAt: new Date(Date.now() + 86_400_000) }, select: { id: true } })).id,
    }),
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    check: async (_o, _c, target) => expect((await t.prisma.travelNotice.findUniqueOrThrow({ where: { id: target.id! } })).revokedAt).not.toBeNull(),
  },
  "app/(console)/accounts/[id]/actions.ts#unlockAccountAction": { ...onAccount("locked", { lockedUntil: null }), check: statusIs("active") },
  "app/(console)/accounts/[id]/actions.ts#resetSecondFactorAction": {
    ...onAccount(),
    check: async (_o, _c, target) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.id! } })).totpEnabledAt).toBeNull(),
  },
  "app/(console)/accounts/[id]/actions.ts#requirePasswordChangeAction": {
    ...onAccount(),
    check: async (_o, _c, target) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.id! } })).mustChangePassword).toBe(true),
  },
  "app/(console)/accounts/[id]/actions.ts#endSessionsAction": {
    fresh: async (org) => {
      const { id } = await make.account(org);
      await make.session(org, id);
      return { id };
    },
    inputFor: (_org, _ctx, target) => ({ id: target.id }),
    check: async (_o, _c, target) => expect(await t.prisma.session.count({ where: { accountId: target.id!, revokedAt: null } })).toBe(0),
  },
  "app/(console)/accounts/[id]/actions.ts#disableAccountAction": { ...onAccount(), check: statusIs("disabled") },
  "app/(console)/accounts/[id]/actions.ts#respondToIncidentAction": { ...onAccount(), check: statusIs("locked") },
  "app/(console)/accounts/[id]/actions.ts#suspendAccountAction": { ...onAccount(), check: statusIs("suspended") },
  "app/(console)/accounts/[id]/actions.ts#reactivateAccountAction": { ...onAccount("suspended"), check: statusIs("active") },
  "app/(console)/accounts/[id]/actions.ts#resendInvitationAction": {
    ...onAccount("invited", { passwordHash: null, totpSecret: null }),
    check: async (_o, _c, target) => expect(await t.prisma.invitation.count({ where: { accountId: target.id! } })).toBe(1),
  },
  "app/(console)/accounts/[id]/actions.ts#updateAccountAction": {
    fresh: accountFresh(),
    inputFor: (_org, _ctx, target) => ({ id: target.id, displayName: "権限表 更新後", email: `${unique("updated")}@example.jp`, kind: "employee" }),
    mixed: [
      {
        why: "A's account moved into B's department",
        fresh: accountFresh(),
        input: (ctx, target) => ({ id: target.id, displayName: "権限表 部署", email: `${unique("dept")}@example.jp`, kind: "employee", departmentId: ctx.B.departmentId }),
        expect: "invalid",
      },
    ],
    check: async (_o, _c, target) => expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.id! } })).displayName).toBe("権限表 更新後"),
  },
  "app/(console)/accounts/[id]/actions.ts#grantRoleAction": {
    fresh: accountFresh("active", { roleKeys: [] }),
    inputFor: (_org, ctx, target) => ({ accountId: target.id, roleId: ctx.org.roleIds.member, reason: "権限表の確認" }),
    mixed: [{ why: "A's account given B's role", fresh: accountFresh("active", { roleKeys: [] }), input: (ctx, target) => ({ accountId: target.id, roleId: ctx.B.roleIds.member, reason: "権限表" }), expect: "not_found" }],
    check: async (_o, _c, target) => expect(await t.prisma.roleGrant.count({ where: { accountId: target.id!, revokedAt: null } })).toBe(1),
  },
  "app/(console)/accounts/[id]/actions.ts#previewRoleGrantAction": {
    fresh: accountFresh("active", { roleKeys: [] }),
    inputFor: (_org, ctx, target) => ({ accountId: target.id, roleId: ctx.org.roleIds.member }),
    mixed: [{ why: "A's account previewed with B's role", fresh: accountFresh("active", { roleKeys: [] }), input: (ctx, target) => ({ accountId: target.id, roleId: ctx.B.roleIds.member }), expect: "not_found" }],
  },
  "app/(console)/accounts/[id]/actions.ts#requestRoleGrantAction": {
    fresh: accountFresh("active", { roleKeys: [] }),
    inputFor: (_org, ctx, target) => ({ accountId: target.id, roleId: ctx.org.roleIds.member, reason: "権限表の確認" }),
    mixed: [{ why: "A's account with B's role", fresh: accountFresh("active", { roleKeys: [] }), input: (ctx, target) => ({ accountId: target.id, roleId: ctx.B.roleIds.member, reason: "権限表" }), expect: "not_found" }],
    check: async (_o, _c, target) => {
      expect(await t.prisma.changeRequest.count({ where: { kind: "role_grant", targetId: target.id!, status: "pending" } })).toBe(1);
      expect(await t.prisma.roleGrant.count({ where: { accountId: target.id! } }), "a request grants nothing yet").toBe(0);
    },
  },
  "app/(console)/accounts/[id]/actions.ts#revokeGrantAction": {
    fresh: async (org) => {
      const { id } = await make.account(org);
      const grant = await t.prisma.roleGrant.findFirstOrThrow({ where: { accountId: id }, select: { id: true } });
      return { accountId: id, grantId: grant.id };
    },
    inputFor: (_org, _ctx, target) => ({ grantId: target.grantId, accountId: target.accountId, reason: "権限表の確認" }),
    check: async (_o, _c, target) => expect((await t.prisma.roleGrant.findUniqueOrThrow({ where: { id: target.grantId! } })).revokedAt).not.toBeNull(),
  },
  "app/(console)/accounts/new/actions.ts#inviteAccountAction": {
    inputFor: (_org, ctx) => ({ loginId: unique("invitee").toLowerCase(), displayName: "権限表 招待", email: `${unique("invitee")}@example.jp`, kind: "employee", roleId: ctx.org.roleIds.member }),
    mixed: [
      {
        // One person one ID holds within an organization: B's person may be invited in A, and B's account is untouched.
        why: "A invites someone with the mail address and employee number of B's person",
        fresh: async () => {
          const { email, employeeNumber } = await make.accountRow("B");
          return { email, employeeNumber: employeeNumber! };
        },
        input: (_ctx, target) => ({ loginId: unique("twin").toLowerCase(), displayName: "権限表 同一人物", email: target.email, employeeNumber: target.employeeNumber, kind: "employee" }),
        expect: "ok",
      },
    ],
  },
  "app/(auth)/sign-in/actions.ts#signInAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.account("A");
      browser.values.clear();
      const wrong = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#signInAction", form({ loginId: account.loginId, password: "wrong-password-1!" }))));
      expect(wrong).toMatchObject({ kind: "state", value: { error: "failed" } });
      const right = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#signInAction", form({ loginId: account.loginId, password: account.password }))));
      expect(right).toEqual({ kind: "redirect", to: "/sign-in/verify" });
      expect(browser.values.get("ocn.sign-in-challenge")).toBeTruthy();
    },
  },
  "app/(auth)/sign-in/actions.ts#verifySecondFactorAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.account("A");
      browser.values.clear();
      await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#signInAction", form({ loginId: account.loginId, password: account.password }))));
      const code = totpCode(FACTORY_TOTP_SECRET, new Date());
      const done = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#verifySecondFactorAction", form({ code }))));
      expect(done).toEqual({ kind: "redirect", to: "/" });
      expect(await t.prisma.session.count({ where: { accountId: account.id, revokedAt: null } })).toBe(1);
    },
  },
  "app/(auth)/sign-in/actions.ts#enrollSecondFactorAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.account("A", { totpSecret: null });
      browser.values.clear();
      const first = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#signInAction", form({ loginId: account.loginId, password: account.password }))));
      expect(first).toEqual({ kind: "redirect", to: "/sign-in/enroll" });
      const challenge = await t.prisma.signInChallenge.findUniqueOrThrow({ where: { tokenHash: hashToken(browser.values.get("ocn.sign-in-challenge")!) } });
      const code = totpCode(openSecret(challenge.pendingSecret!, account.id), new Date());
      const done = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#enrollSecondFactorAction", form({ code }))));
      expect(done).toMatchObject({ kind: "state", value: { next: "/" } });
      expect((done as { value: { backupCodes: string[] } }).value.backupCodes.length).toBeGreaterThan(0);
    },
  },
  "app/(auth)/sign-in/actions.ts#changeExpiredPasswordAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.account("A", { mustChangePassword: true });
      browser.values.clear();
      await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#signInAction", form({ loginId: account.loginId, password: account.password }))));
      const code = totpCode(FACTORY_TOTP_SECRET, new Date());
      const second = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#verifySecondFactorAction", form({ code }))));
      expect(second).toEqual({ kind: "redirect", to: "/sign-in/change-password" });
      const password = `Matrix-${next()}-Renewed-Pass!`;
      const done = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/actions.ts#changeExpiredPasswordAction", form({ password, confirm: password }))));
      expect(done).toEqual({ kind: "redirect", to: "/" });
    },
  },
  "app/(auth)/sign-in/reset/actions.ts#requestPasswordResetAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.accountRow("A");
      const sent = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/reset/actions.ts#requestPasswordResetAction", form({ loginId: account.loginId }))));
      expect(sent).toEqual({ kind: "state", value: { sent: true } });
      expect(await lastMailTo(account.email)).toMatch(/\/sign-in\/reset\/[\w-]+/);
    },
  },
  "app/(auth)/sign-in/reset/actions.ts#resetPasswordAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.accountRow("A");
      await anonymous(call("app/(auth)/sign-in/reset/actions.ts#requestPasswordResetAction", form({ loginId: account.loginId })));
      const token = /\/sign-in\/reset\/([\w-]+)/.exec(await lastMailTo(account.email))![1]!;
      const password = `Matrix-${next()}-Reset-Pass!`;
      const done = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/reset/actions.ts#resetPasswordAction", form({ token, password, confirm: password }))));
      expect(done).toEqual({ kind: "redirect", to: "/sign-in?reset=1" });
    },
  },
  "app/(auth)/sign-in/forgot-id/actions.ts#remindLoginIdAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const account = await make.accountRow("A");
      const sent = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/forgot-id/actions.ts#remindLoginIdAction", form({ customerNumber: orgs.A.customerNumber, email: account.email }))));
      expect(sent).toEqual({ kind: "state", value: { sent: true } });
      expect(await lastMailTo(account.email)).toContain(account.loginId);
      // A's customer number with B's person's address: the same answer, and nothing is sent to B's person.
      const before = await snap("B");
      const other = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/forgot-id/actions.ts#remindLoginIdAction", form({ customerNumber: orgs.A.customerNumber, email: orgs.B.account.email }))));
      expect(other).toEqual({ kind: "state", value: { sent: true } });
      await expectUnchanged("B", before, "an ID reminder under A's customer number");
      expect(await t.prisma.mailMessage.count({ where: { to: orgs.B.account.email } })).toBe(0);
    },
  },
  "app/(auth)/sign-in/invitation/actions.ts#acceptInvitationAction": {
    inputFor: () => undefined,
    publicRun: async () => {
      const invited = await outcomeOf(() =>
        sessions.org_admin.run(call("app/(console)/accounts/new/actions.ts#inviteAccountAction", { loginId: unique("accept").toLowerCase(), displayName: "権限表 受諾", email: `${unique("accept")}@example.jp`, kind: "employee" })),
      );
      expect(invited).toMatchObject({ kind: "ok" });
      const { id } = (invited as { data: { id: string } }).data;
      const { email } = await t.prisma.account.findUniqueOrThrow({ where: { id } });
      const token = /\/sign-in\/invitation\/([\w-]+)/.exec(await lastMailTo(email))![1]!;
      const password = `Matrix-${next()}-Welcome-Pass!`;
      const done = await outcomeOf(() => anonymous(call("app/(auth)/sign-in/invitation/actions.ts#acceptInvitationAction", form({ token, password, confirm: password }))));
      expect(done).toEqual({ kind: "redirect", to: "/sign-in?invited=1" });
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id }, select: { status: true, passwordChangedAt: true } })).passwordChangedAt).not.toBeNull();
    },
  },
};

const isAllowedAnswer = (c: ActionCase, o: Outcome) => (c.allowed ? c.allowed(o) : o.kind === "ok");
const matches = (expected: Expected, o: Outcome) => (expected === "ok" ? o.kind === "ok" : o.kind === "refused" && o.code === expected);

async function actorFor(c: ActionCase, role: Role): Promise<{ session: Session; actor: Actor }> {
  if (!c.freshActor) return { session: sessions[role], actor: { accountId: sessions[role].accountId, loginId: "", role } };
  const account = await make.account("A", { roleKeys: [role] });
  const session = await signedIn(account.loginId, account.password, IP);
  return { session, actor: { accountId: session.accountId, loginId: account.loginId, role } };
}

describe("the matrix has a case for everything", () => {
  it("every action in ACTIONS has a case here, and every case an action", () => {
    expect(Object.keys(ACTIONS).filter((k) => !CASES[k]), "actions without a case in authz-matrix-run.test.ts").toEqual([]);
    expect(Object.keys(CASES).filter((k) => !ACTIONS[k]), "cases for actions that are not in ACTIONS").toEqual([]);
  });

  it("every route in ROUTES has a case here, and every case a route", () => {
    expect(Object.keys(ROUTES).filter((k) => !ROUTE_CASES[k]), "routes without a case").toEqual([]);
    expect(Object.keys(ROUTE_CASES).filter((k) => !ROUTES[k]), "cases for routes that are not in ROUTES").toEqual([]);
  });

  it("the snapshot reads every table that belongs to an organization", async () => {
    const tables = await snapshotTables(t.prisma);
    for (const table of ["organizations", "accounts", "roles", "role_permissions", "role_grants", "sessions", "audit_events", "sod_rules", "ip_allowlist_entries", "change_requests", "lines", "mail_messages", "backup_codes"]) {
      expect(tables).toContain(table);
    }
  });
});

for (const key of Object.keys(ACTIONS).sort()) {
  const requirement = ACTIONS[key]!;
  const c = CASES[key];
  describe(key, () => {
    if (!c) {
      it("has a case", () => expect.fail(`${key} is in tests/authz-matrix.ts but has no case in CASES`));
      return;
    }
    if (requirement === "public") {
      it("works without a session", async () => {
        expect(c.publicRun, `${key} is public: its case needs a publicRun`).toBeTypeOf("function");
        const before = await snap("B");
        await c.publicRun!();
        await expectUnchanged("B", before, key);
      });
      return;
    }

    it("answers unauthenticated without a session and changes nothing", async () => {
      const nobody: Actor = { accountId: orgs.A.account.id, loginId: orgs.A.account.loginId, role: "member" };
      const target = (await c.fresh?.("A", nobody)) ?? {};
      const input = c.inputFor("A", { org: orgs.A, A: orgs.A, B: orgs.B, actor: nobody }, target);
      const before = await snap("A");
      const o = await outcomeOf(() => anonymous(call(key, input)));
      if (c.unauthenticated) expect(c.unauthenticated(o), show(o)).toBe(true);
      else expect(o, show(o)).toMatchObject({ kind: "refused", code: "unauthenticated" });
      await expectUnchanged("A", before, `${key} without a session`);
    });

    for (const role of ROLES) {
      const permitted = holds(role, requirement);
      const expectedA: Expected = c.expectA ? c.expectA(role) : permitted ? "ok" : "forbidden";
      it(`${role}: ${expectedA === "ok" ? "allowed" : expectedA} on A's rows; B's rows out of reach`, async () => {
        const { session, actor } = await actorFor(c, role);

        // On A's rows.
        const target = (await c.fresh?.("A", actor)) ?? {};
        const ctxA: Ctx = { org: orgs.A, A: orgs.A, B: orgs.B, actor };
        const inputA = c.inputFor("A", ctxA, target);
        const [beforeA, beforeB] = [expectedA === "ok" ? null : await snap("A"), await snap("B")];
        const o = await outcomeOf(() => session.run(call(key, inputA)));
        if (expectedA === "ok") {
          expect(isAllowedAnswer(c, o), `${role} may (${JSON.stringify(requirement)}) but got ${show(o)}`).toBe(true);
          await c.check?.(o, ctxA, target);
        } else {
          expect(matches(expectedA, o), `${role} (${JSON.stringify(requirement)}): expected ${expectedA}, got ${show(o)}`).toBe(true);
          await expectUnchanged("A", beforeA!, `${key} refused to ${role}`);
        }
        await expectUnchanged("B", beforeB, `${key} as ${role} on A's rows`);

        if (c.freshActor) return; // the caller's own session or password: nothing of B's to name
        // With B's ids (or, for actions without a target, with B's names and values where the input has any).
        const variants = [
          { why: "B's rows", fresh: c.fresh, input: (ctx: Ctx, tgt: Target) => c.inputFor("B", ctx, tgt), expect: c.expectB ?? ("not_found" as Expected), aim: "B" as Org },
          ...(c.mixed ?? []).map((m) => ({ ...m, aim: "A" as Org })),
        ];
        for (const v of variants) {
          const tgt = (await v.fresh?.(v.aim, actor)) ?? {};
          const ctx: Ctx = { org: orgs[v.aim], A: orgs.A, B: orgs.B, actor };
          const input = v.input(ctx, tgt);
          const expected: Expected = !permitted ? "forbidden" : typeof v.expect === "function" ? v.expect(role) : v.expect;
          const snapB = await snap("B");
          const snapA = expected === "ok" ? null : await snap("A");
          const ob = await outcomeOf(() => session.run(call(key, input)));
          expect(matches(expected, ob), `${role} with ${v.why}: expected ${expected}, got ${show(ob)}`).toBe(true);
          await expectUnchanged("B", snapB, `${key} as ${role} with ${v.why}`);
          if (snapA) await expectUnchanged("A", snapA, `${key} as ${role} with ${v.why} (refused)`);
        }
      });
    }
  });
}

// ─── Route handlers ────────────────────────────────────────────────────────────────────────────────────────────

interface RouteCase {
  request: (org: Org) => Request;
  /** Who may call it, when the matrix's requirement cannot say (one of two permissions). */
  allowedFor?: (role: Role) => boolean;
  /** An allowed call's answer, checked beyond its status. */
  check?: (response: Response, body: string, org: Org) => void | Promise<void>;
  /** For public routes: a real call without a session, with its own checks. */
  public?: () => Promise<void>;
}

const csvFile = (rows: string[][]) => new File([["OCN ID,氏名,メールアドレス,社員番号", ...rows.map((r) => r.join(","))].join("\r\n")], "accounts.csv", { type: "text/csv" });
const importRequest = (mode: "preview" | "apply", rows: string[][]) => {
  const body = new FormData();
  body.set("mode", mode);
  body.set("file", csvFile(rows));
  return new Request("http://localhost/api/accounts/import", { method: "POST", body });
};
const ndjsonResult = (body: string) => {
  const lines = body.trim().split("\n").map((l) => JSON.parse(l) as { type: string; result?: unknown });
  return lines.at(-1)!;
};

// Closing a campaign happens once: each call closes one of these, made beforehand so the snapshots around a call see
// only what the call did. Each holds one item marked to revoke a whole account.
const closable: Record<Org, Target[]> = { A: [], B: [] };
const lastClosed: Partial<Record<Org, Target>> = {};
const reported = {} as Record<Org, Target>;
beforeAll(async () => {
  for (let i = 0; i < ROLES.length + 2; i++) closable.A.push(await reviewIn("A", { decision: "revoke" }));
  for (let i = 0; i < ROLES.length; i++) closable.B.push(await reviewIn("B", { decision: "revoke" }));
  for (const org of ["A", "B"] as const) reported[org] = await reviewIn(org);
});
const campaignOf = async (org: Org) => (await t.prisma.accessReview.findFirst({ where: { organizationId: orgs[org].id }, select: { id: true } }))?.id ?? (await reviewIn(org)).reviewId;

const ROUTE_CASES: Record<string, RouteCase> = {
  "POST /api/reviews/[id]/close": {
    request: (org) => {
      const target = closable[org].shift()!;
      lastClosed[org] = target;
      return new Request(`http://localhost/api/reviews/${target.reviewId}/close`, { method: "POST" });
    },
    check: async (response, body, org) => {
      if (org === "B") {
        expect(response.status, "B's campaign is not found from A").toBe(404);
        return;
      }
      expect(response.headers.get("content-type")).toContain("ndjson");
      expect(ndjsonResult(body), body).toMatchObject({ type: "result", result: { done: 1, total: 1 } });
      const target = lastClosed.A!;
      expect(await t.prisma.accessReview.findUniqueOrThrow({ where: { id: target.reviewId! }, select: { status: true, appliedAt: true } })).toMatchObject({ status: "closed", appliedAt: expect.any(Date) });
      expect((await t.prisma.account.findUniqueOrThrow({ where: { id: target.accountId! } })).status, "the whole account revoked: suspended").toBe("suspended");
      expect(await t.prisma.offboardingProposal.count({ where: { accountId: target.accountId!, reviewId: target.reviewId! } })).toBe(1);
    },
  },
  "GET /api/reviews/[id]/report": {
    request: (org) => new Request(`http://localhost/api/reviews/${reported[org].reviewId}/report`),
    check: (response, body, org) => {
      if (org === "B") {
        expect(response.status, "B's campaign is not found from A").toBe(404);
        return;
      }
      expect(response.headers.get("content-type")).toContain("text/csv");
      expect(body).toContain(reported.A.loginId);
      expect(leaksOfB(body), "B's rows in A's campaign report").toEqual([]);
    },
  },
  "GET /api/health": {
    request: () => new Request("http://localhost/api/health"),
    public: async () => {
      const response = (await (await import(abs("app/api/health/route.ts"))).GET()) as Response;
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: "ok" });
    },
  },
  "GET /api/accounts/export": {
    // For B: filtered by B's department, which must find nothing rather than B's people.
    request: (org) => new NextRequest(`http://localhost/api/accounts/export?sort=loginId${org === "B" ? `&department=${orgs.B.departmentId}` : ""}`),
    check: (response, body, org) => {
      expect(response.headers.get("content-type")).toContain("text/csv");
      if (org === "A") expect(body).toContain(orgs.A.account.loginId);
      else expect(body.trim().split("\n"), "only the heading row").toHaveLength(1);
      expect(leaksOfB(body), "B's accounts in A's export").toEqual([]);
    },
  },
  "GET /api/audit/export": {
    // For B: filtered by one of B's OCN IDs, which must find nothing of B's.
    request: (org) => new NextRequest(`http://localhost/api/audit/export?format=csv${org === "B" ? `&actor=${encodeURIComponent(orgs.B.account.loginId)}` : ""}`),
    check: (response, body, org) => {
      expect(response.headers.get("content-type")).toContain("text/csv");
      if (org === "A") expect(body).toContain("auth.sign_in");
      expect(leaksOfB(body), "B's rows in A's audit export").toEqual([]);
    },
  },
  "GET /api/lines/export": {
    // For B: searched for B's person, who holds B's line: A's export must find nothing.
    request: (org) => new NextRequest(`http://localhost/api/lines/export${org === "B" ? `?q=${encodeURIComponent(orgs.B.account.loginId)}` : ""}`),
    check: (response, body, org) => {
      expect(response.headers.get("content-type")).toContain("text/csv");
      if (org === "A") expect(body).toContain(orgs.A.account.loginId);
      else expect(body.trim().split("\n"), "only the heading row").toHaveLength(1);
      expect(leaksOfB(body), "B's lines in A's export").toEqual([]);
    },
  },
  "POST /api/lines/[id]/statement": {
    request: (org) => new Request(`http://localhost/api/lines/${orgs[org].line.id}/statement`, { method: "POST" }),
    allowedFor: (role) => can(BUILT_IN_ROLES[role], "lines", "manage") || can(BUILT_IN_ROLES[role], "billing", "manage"),
    check: (response, body, org) => {
      if (org === "A") {
        expect(response.headers.get("content-type")).toContain("text/csv");
        expect(body).toContain(orgs.A.account.loginId);
      } else expect(response.status, "B's line is not found from A").toBe(404);
      expect(leaksOfB(body), "B's line in A's statement").toEqual([]);
    },
  },
  "GET /api/billing/statements/[month]": {
    request: () => new NextRequest(`http://localhost/api/billing/statements/${addMonths(monthKeyOf(new Date()), -1)}?view=departments`),
    check: (response, body) => {
      expect(response.headers.get("content-type")).toContain("text/csv");
      expect(body).toContain("費用負担 A");
      expect(leaksOfB(body), "B's cost centers in A's statement").toEqual([]);
    },
  },
  "POST /api/lines/import": {
    // A new line for A; for B, a row naming B's person as the holder: refused, never assigned to them.
    request: (org) => {
      const n = next();
      const phone = `070-${String(7000 + (n % 1000)).padStart(4, "0")}-${String(n).padStart(4, "0").slice(-4)}`;
      const iccid = `8981199${String(n).padStart(12, "0")}`;
      const holder = org === "A" ? "" : orgs.B.account.loginId;
      const body = new FormData();
      body.set("mode", "apply");
      body.set("file", new File([`電話番号,ICCID,SIM種別,プラン,データ容量GB,利用者OCN ID\r\n${phone},${iccid},物理,OCNモバイル 10GB,10,${holder}`], "lines.csv", { type: "text/csv" }));
      return new Request("http://localhost/api/lines/import", { method: "POST", body });
    },
    check: (_response, body, org) => {
      const answer = JSON.parse(body) as { status?: string; preview?: { rows: { errors: { code: string }[] }[] } };
      if (org === "A") expect(answer, body).toMatchObject({ status: "applied", summary: { created: 1 } });
      else expect(answer, body).toMatchObject({ status: "refused", preview: { rows: [{ errors: [{ code: "holder_not_found" }] }] } });
    },
  },
  "POST /api/hr/roster/import": {
    // A's roster replaced by a file of A's person; for B, a file naming B's person's employee number: written into A's
    // roster as HR's text, never onto B's roster or accounts.
    request: (org) => {
      const body = new FormData();
      body.set("mode", "apply");
      body.set("file", new File([`社員番号,氏名,部署,在籍区分,退職日\r\n${orgs[org].account.employeeNumber},権限表 人事,営業部,在籍,`], "roster.csv", { type: "text/csv" }));
      return new Request("http://localhost/api/hr/roster/import", { method: "POST", body });
    },
    check: async (_response, body) => {
      expect(ndjsonResult(body), body).toMatchObject({ type: "result", result: { status: "applied", summary: { rowCount: 1 } } });
      expect(leaksOfB(body), "B's rows in A's import answer").toEqual([]);
    },
  },
  "GET /api/hr/roster/template": {
    request: () => new Request("http://localhost/api/hr/roster/template"),
    check: (response, body) => {
      expect(response.headers.get("content-type")).toContain("text/csv");
      expect(body).toContain('"社員番号","氏名","氏名カナ","部署","在籍区分","退職日"');
    },
  },
  "POST /api/v1/events": {
    request: () => new Request("http://localhost/api/v1/events", { method: "POST", body: "{}" }),
    public: async () => {
      const post = (await routeOf("POST /api/v1/events"));
      const events = (loginId: string) => ({
        events: [{ id: unique("matrix-event"), occurredAt: new Date().toISOString(), source: "mail", loginId, outcome: "success", ip: "203.0.113.7" }],
      });
      const send = (key: string | null, body: unknown) =>
        post(new Request("http://localhost/api/v1/events", { method: "POST", headers: key ? { authorization: `Bearer ${key}` } : {}, body: JSON.stringify(body) })) as Promise<Response>;
      const beforeA = await snap("A");
      const beforeB = await snap("B");
      // No key (a session does not count): refused, nothing written.
      expect((await send(null, events(orgs.A.account.loginId))).status).toBe(401);
      await expectUnchanged("A", beforeA, "POST /api/v1/events without a key");
      // A's key naming B's person: written into A, as a label only, never onto B's account or log.
      const { key } = await make.apiKey("A");
      const response = await send(key, events(orgs.B.account.loginId));
      expect(response.status, await response.clone().text()).toBe(200);
      const written = await t.prisma.auditEvent.findFirstOrThrow({ where: { actorLabel: orgs.B.account.loginId, action: "auth.sign_in", details: { path: ["source"], equals: "mail" } } });
      expect(written.organizationId).toBe(orgs.A.id);
      expect(written.actorId).toBeNull();
      await expectUnchanged("B", beforeB, "POST /api/v1/events with A's key naming B's person");
    },
  },
  "POST /api/accounts/import": {
    // A new person for A, and a row naming B's OCN ID with another name: it must not touch B's account.
    request: (org) =>
      importRequest("apply", org === "A" ? [[unique("imported").toLowerCase(), "権限表 取込", `${unique("imported")}@example.jp`, ""]] : [[orgs.B.account.loginId, "権限表 乗っ取り", orgs.B.account.email, ""]]),
    check: (_response, body, org) => {
      const line = ndjsonResult(body) as { type: string; result?: { status?: string; preview?: { rows: { action: string; errors: unknown[] }[] } } };
      if (org === "A") expect(line, body).toMatchObject({ type: "result", result: { status: "applied" } });
      else {
        // B's OCN ID is taken: the dry run marks the row as an error and nothing is written, never an update of B's account.
        expect(line, `importing B's OCN ID answered ${body}`).toMatchObject({ type: "result", result: { status: "refused", preview: { rows: [{ action: "error" }] } } });
      }
    },
  },
};

const routeOf = async (key: string): Promise<Callable> => {
  const [method, url] = key.split(" ") as [string, string];
  const fn = (await import(abs(`app${url}/route.ts`)))[method];
  if (typeof fn !== "function") throw new Error(`${key}: app${url}/route.ts exports no ${method}`);
  return fn as Callable;
};

for (const key of Object.keys(ROUTES).sort()) {
  const requirement = ROUTES[key]!;
  const c = ROUTE_CASES[key];
  describe(key, () => {
    if (!c) {
      it("has a case", () => expect.fail(`${key} is in tests/authz-matrix.ts but has no case in ROUTE_CASES`));
      return;
    }
    if (requirement === "public" || requirement === "api-key") {
      it(requirement === "public" ? "answers without a session" : "answers to its API key, not to a session", async () => {
        expect(c.public, `${key} is public: its case needs a public check`).toBeTypeOf("function");
        await anonymous(() => c.public!());
      });
      return;
    }
    it("answers 401 without a session and changes nothing", async () => {
      const before = await snap("A");
      const response = (await anonymous(async () => (await routeOf(key))(c.request("A")))) as Response;
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: "unauthenticated" });
      await expectUnchanged("A", before, `${key} without a session`);
    });
    for (const role of ROLES) {
      const allowed = c.allowedFor ? c.allowedFor(role) : holds(role, requirement);
      it(`${role}: ${allowed ? "allowed" : "403"}; B's rows neither shown nor changed`, async () => {
        const session = sessions[role];
        const handler = await routeOf(key);
        await refreshFingerprints();
        const beforeA = allowed ? null : await snap("A");
        const beforeB = await snap("B");
        const response = (await session.run(() => handler(c.request("A")))) as Response;
        const body = await response.text();
        if (allowed) {
          expect(response.status, body.slice(0, 300)).toBe(200);
          await c.check?.(response, body, "A");
        } else {
          expect(response.status, body.slice(0, 300)).toBe(403);
          expect(JSON.parse(body)).toMatchObject({ code: "forbidden" });
          await expectUnchanged("A", beforeA!, `${key} refused to ${role}`);
        }
        await expectUnchanged("B", beforeB, `${key} as ${role}`);
        if (!allowed) return;
        const snapB = await snap("B");
        const other = (await session.run(() => handler(c.request("B")))) as Response;
        const otherBody = await other.text();
        await c.check?.(other, otherBody, "B");
        await expectUnchanged("B", snapB, `${key} as ${role} naming B's rows`);
      });
    }
  });
}

// ─── Page loaders ──────────────────────────────────────────────────────────────────────────────────────────────

type Module = Record<string, (input?: unknown) => Promise<unknown>>;
interface LoaderCase {
  /** Calls the loader for `org`'s rows (ids of that organization where it takes one). */
  call: (mod: Module, org: OrgRows) => Promise<unknown>;
  /** Loaders of one row by id: B's id answers not_found. */
  byId?: boolean;
  /** Whether the answer names A's rows (ids, names): a list with nothing of A's would prove nothing. */
  showsA?: boolean;
  /** What each role gets when the operation decides beyond its authorize() call (who may see a request). */
  expectFor?: (role: Role) => Expected;
}

const LOADERS: Record<string, LoaderCase> = {
  // Campaigns are seen with reviews:view, or by whoever reviews their items (none of the role accounts here do).
  "lib/server/reviews/list-campaigns.ts": {
    call: async (m, o) => {
      await campaignOf(o.key);
      return m.listCampaigns!();
    },
    showsA: true,
    expectFor: (role) => (can(BUILT_IN_ROLES[role], "reviews", "view") ? "ok" : "forbidden"),
  },
  "lib/server/reviews/get-campaign.ts": {
    call: async (m, o) => m.getCampaign!({ id: await campaignOf(o.key) }),
    byId: true,
    showsA: true,
    expectFor: (role) => (can(BUILT_IN_ROLES[role], "reviews", "view") ? "ok" : "not_found"),
  },
  "lib/server/alerts/get-alert-or-throw.ts": {
    call: async (m, o) => m.getAlertOrThrow!({ id: (await t.prisma.alert.findFirst({ where: { organizationId: o.id }, select: { id: true } }))?.id ?? (await alertIn(o.key)).id }),
    byId: true,
    showsA: true,
  },
  "lib/server/alerts/list-alerts.ts": {
    call: async (m, o) => {
      if (!(await t.prisma.alert.count({ where: { organizationId: o.id } }))) await alertIn(o.key);
      return m.listAlerts!({ status: "all", pageSize: "100" });
    },
    showsA: true,
  },
  "lib/server/access/list-grantable-roles.ts": { call: (m) => m.listGrantableRoles!(), showsA: true },
  "lib/server/api-keys/list-api-keys.ts": { call: (m) => m.listApiKeys!() },
  "lib/server/accounts/get-account-import-options.ts": { call: (m) => m.getAccountImportOptions!(), showsA: true },
  "lib/server/accounts/get-account-or-throw.ts": { call: (m, o) => m.getAccountOrThrow!({ id: o.account.id }), byId: true, showsA: true },
  "lib/server/accounts/list-accounts.ts": { call: (m) => m.listAccounts!({ pageSize: 100 }), showsA: true },
  "lib/server/accounts/list-departments.ts": { call: (m) => m.listDepartments!(), showsA: true },
  "lib/server/audit/get-audit-event-or-throw.ts": {
    call: async (m, o) => m.getAuditEventOrThrow!({ id: String((await t.prisma.auditEvent.findFirstOrThrow({ where: { organizationId: o.id, actorLabel: { not: null } }, orderBy: { id: "asc" } })).id) }),
    byId: true,
    showsA: true,
  },
  "lib/server/audit/list-audit-events.ts": { call: (m) => m.listAuditEvents!({ pageSize: "200" }), showsA: true },
  "lib/server/audit/get-chain-status.ts": { call: (m) => m.getChainStatus!() },
  "lib/server/billing/get-billing-profile.ts": { call: (m) => m.getBillingProfile!(), showsA: true },
  "lib/server/billing/get-payment-method.ts": { call: (m) => m.getPaymentMethod!() },
  "lib/server/billing/get-statement.ts": { call: (m) => m.getStatement!({ month: addMonths(monthKeyOf(new Date()), -1) }), showsA: true },
  "lib/server/billing/list-line-addons.ts": { call: (m, o) => m.listLineAddons!({ id: o.line.id }), byId: true },
  "lib/server/billing/list-statements.ts": { call: (m) => m.listStatements!() },
  "lib/server/dashboard/get-dashboard.ts": { call: (m) => m.getDashboard!() },
  "lib/server/compliance/list-compliance-tasks.ts": { call: (m) => m.listComplianceTasks!(), showsA: true },
  "lib/server/detections/get-detection-settings.ts": { call: (m) => m.getDetectionSettings!() },
  "lib/server/travel/list-travel-notices.ts": { call: (m) => m.listTravelNotices!() },
  "lib/server/weekly-audit/get-weekly-audit.ts": { call: (m) => m.getWeeklyAudit!({ week: addDays(weekStartOf(new Date()), -7) }) },
  "lib/server/weekly-audit/list-weekly-audits.ts": { call: (m) => m.listWeeklyAudits!() },
  "lib/server/offboarding/get-case.ts": {
    call: async (m, o) =>
      m.getOffboardingCase!(((await t.prisma.offboardingCase.findFirst({ where: { organizationId: o.id }, select: { id: true } }))?.id ?? (await offboardingCaseIn(o.key)).caseId) as unknown),
    byId: true,
    showsA: true,
    expectFor: readsOffboarding,
  },
  "lib/server/offboarding/list-cases.ts": {
    call: async (m, o) => {
      if (!(await t.prisma.offboardingCase.count({ where: { organizationId: o.id } }))) await offboardingCaseIn(o.key);
      return m.listOffboardingCases!({ status: "all" });
    },
    showsA: true,
    expectFor: readsOffboarding,
  },
  "lib/server/offboarding/list-pending-returns.ts": {
    call: async (m, o) => {
      if (!(await t.prisma.offboardingTask.count({ where: { organizationId: o.id, kind: "return_sim", status: "open" } }))) await offboardingCaseIn(o.key, "in_progress", "return_sim");
      return m.listPendingReturns!();
    },
    showsA: true,
    expectFor: readsOffboarding,
  },
  "lib/server/offboarding/list-proposals.ts": {
    call: async (m, o) => {
      if (!(await t.prisma.hrRosterRecord.count({ where: { organizationId: o.id, employmentStatus: "terminated" } }))) {
        const person = await make.account(o.key);
        const { employeeNumber } = await t.prisma.account.findUniqueOrThrow({ where: { id: person.id }, select: { employeeNumber: true } });
        await t.prisma.hrRosterRecord.create({ data: { organizationId: o.id, employeeNumber: employeeNumber!, name: "権限表 退職予定", department: "営業部", employmentStatus: "terminated" } });
      }
      return m.listProposedCases!();
    },
    showsA: true,
    expectFor: readsOffboarding,
  },
  "lib/server/hr/get-roster-reconciliation.ts": {
    // A's person is terminated in A's roster while their account is active: the answer names them.
    call: async (m, o) => {
      const data = { name: "権限表 退職者", department: "営業部", employmentStatus: "terminated" as const, terminationDate: new Date("2026-03-31") };
      await t.prisma.hrRosterRecord.upsert({ where: { organizationId_employeeNumber: { organizationId: o.id, employeeNumber: o.account.employeeNumber! } }, create: { organizationId: o.id, employeeNumber: o.account.employeeNumber!, ...data }, update: data });
      return m.getRosterReconciliation!({ category: "hr_status" });
    },
    showsA: true,
  },
  "lib/server/hr/list-roster-imports.ts": {
    call: async (m, o) => {
      if (!(await t.prisma.hrImport.count({ where: { organizationId: o.id } }))) await t.prisma.hrImport.create({ data: { organizationId: o.id, importedById: o.account.id, fileName: `${unique("roster")}.csv`, rowCount: 1 } });
      return m.listRosterImports!();
    },
    showsA: true,
  },
  "lib/server/lines/get-line-or-throw.ts": { call: (m, o) => m.getLineOrThrow!({ id: o.line.id }), byId: true, showsA: true },
  "lib/server/lines/list-lines.ts": { call: (m) => m.listLines!({}), showsA: true },
  "lib/server/mail/list-outbox.ts": { call: (m) => m.listOutbox!(), showsA: true },
  "lib/server/me/get-my-profile.ts": { call: (m) => m.getMyProfile!(), showsA: true },
  // The caller's own lines and sign-ins: the role accounts hold no line, so there is nothing of A's to show there.
  "lib/server/me/list-my-lines.ts": { call: (m) => m.listMyLines!() },
  "lib/server/me/list-my-sign-ins.ts": { call: (m) => m.listMySignIns!() },
  // A link of another account answers "wrong_account" and names nothing of it; a link of B's is no link in A.
  "lib/server/me/get-email-change-confirmation.ts": { call: async (m, o) => m.getEmailChangeConfirmation!({ token: (await emailChangeLink(o.key, o.account.id)).token }), showsA: true },
  "lib/server/network/list-allowlist.ts": { call: (m) => m.listAllowlist!(), showsA: true },
  "lib/server/org/get-console-context.ts": { call: (m) => m.getConsoleContext!(), showsA: true },
  "lib/server/policies/get-sign-in-policies.ts": { call: (m) => m.getSignInPolicies!() },
  "lib/server/requests/get-change-request-or-throw.ts": {
    call: (m, o) => m.getChangeRequestOrThrow!({ id: o.changeRequest.id }),
    byId: true,
    showsA: true,
    // A line request filed by someone else: seen by whoever may view lines, "not found" to anyone else.
    expectFor: (role) => (can(BUILT_IN_ROLES[role], "lines", "view") ? "ok" : "not_found"),
  },
  "lib/server/requests/list-change-requests.ts": { call: (m) => m.listChangeRequests!({ view: "all" }), showsA: true },
  "lib/server/roles/get-role-editor.ts": { call: (m, o) => m.getRoleEditor!({ id: o.customRole.id }), byId: true, showsA: true },
  "lib/server/roles/get-role-or-throw.ts": { call: (m, o) => m.getRoleOrThrow!({ id: o.customRole.id }), byId: true, showsA: true },
  "lib/server/roles/list-roles.ts": { call: (m) => m.listRoles!(), showsA: true },
  "lib/server/sod/list-sod-conflicts.ts": { call: (m) => m.listSodConflicts!(), showsA: true },
  "lib/server/sod/list-sod-rules.ts": { call: (m) => m.listSodRules!(), showsA: true },
};

/** Loaders that run before there is a session or organization to scope by. */
const LOADER_SKIPS: Record<string, string> = {
  // The password rules shown on the sign-in steps: found through a challenge token, before any session exists.
  "lib/server/sign-in/get-password-rules.ts": "pre-session: keyed by a sign-in challenge token, not by an organization",
};

function loaderFiles(dir = "lib/server"): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? loaderFiles(path.join(dir, d.name)) : /^(list|get)-.*\.ts$/.test(d.name) ? [path.join(dir, d.name)] : []));
}

/** The permission a loader asks for in its first authorize() call ("signed-in" for authorize() with none). */
function loaderRequirement(file: string): Requirement {
  const m = /await authorize\((?:"(\w+)"(?:,\s*"(\w+)")?)?\)/.exec(fs.readFileSync(file, "utf8"));
  if (!m) throw new Error(`${file} never calls authorize()`);
  if (!m[1]) return "signed-in";
  return { domain: m[1] as Domain, level: (m[2] ?? "view") as Level };
}

describe("page loaders", () => {
  it("every list-*/get-* operation in lib/server has a case here (or a reasoned skip), and every case a file", () => {
    const files = loaderFiles().sort();
    expect(files.filter((f) => !LOADERS[f] && !LOADER_SKIPS[f]), "loaders without a case").toEqual([]);
    expect([...Object.keys(LOADERS), ...Object.keys(LOADER_SKIPS)].filter((f) => !files.includes(f)), "cases for files that do not exist").toEqual([]);
  });

  for (const [file, c] of Object.entries(LOADERS).sort(([a], [b]) => a.localeCompare(b))) {
    describe(file, () => {
      it("answers each role as its permission says", async () => {
        if (!fs.existsSync(file)) expect.fail(`${file} is gone: remove its case`);
        // A loader that authorizes through a helper of its area (offboarding's read-access.ts) says per role in expectFor.
        const requirement = c.expectFor ? null : loaderRequirement(file);
        const mod = (await import(abs(file))) as Module;
        for (const role of ROLES) {
          const o = await outcomeOf(async () => ({ ok: true, data: await sessions[role].run(() => c.call(mod, orgs.A)) }));
          const expected = c.expectFor ? c.expectFor(role) : holds(role, requirement!) ? "ok" : "forbidden";
          expect(matches(expected, o), `${role} (${JSON.stringify(requirement)}): expected ${expected}, got ${show(o)}`).toBe(true);
        }
        expect((await outcomeOf(() => anonymous(() => c.call(mod, orgs.A)))) as Outcome).toMatchObject({ kind: "refused", code: "unauthenticated" });
      });

      it("shows A's organization admin nothing of B's", async () => {
        const mod = (await import(abs(file))) as Module;
        await refreshFingerprints();
        const answer = await sessions.org_admin.run(() => c.call(mod, orgs.A));
        expect(leaksOfB(answer), "B's values in what A's admin is shown").toEqual([]);
        if (c.showsA) expect(showsA(answer), "the answer names none of A's rows: the check above would prove nothing").toBe(true);
        if (c.byId) {
          const o = await outcomeOf(async () => ({ ok: true, data: await sessions.org_admin.run(() => c.call(mod, orgs.B)) }));
          expect(o, `${file} with B's id`).toMatchObject({ kind: "refused", code: "not_found" });
        }
      });
    });
  }
});
