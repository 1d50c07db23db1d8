// Small row factories for tests and the demo seed: each takes a Prisma client (or a transaction) first.
import { randomBytes } from "node:crypto";
import type { AccountKind, AccountStatus, LineStatus, SimType } from "@/lib/generated/prisma/client";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS, DEFAULT_SOD_RULES, type BuiltInRoleKey, type Domain, type Level } from "@/lib/permissions";
import { normalizeLoginId } from "@/lib/policy/login-id";
import type { Db, Tx } from "@/lib/server/db";
import { hashPassword } from "@/lib/server/password";
import { sealSecret } from "@/lib/server/secret-box";
import ja from "@/lib/i18n/messages/ja/core.json";

export type FactoryDb = Db | Tx;

export const DEFAULT_PASSWORD = "Correct-Horse-42!";
/** Accounts made by the factories come enrolled in two-step verification with this authenticator secret. */
export const FACTORY_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

// A per-process tag plus a counter: unique within a run and, in practice, across parallel workers.
const run = randomBytes(3).toString("hex");
let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${run}-${counter}`;
}
const nextNumber = () => (counter += 1);

// argon2id is deliberately slow: hash each distinct password once per process.
const hashes = new Map<string, Promise<string>>();
export function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

export interface CreatedOrganization {
  id: string;
  name: string;
  customerNumber: string;
  roleIds: Record<BuiltInRoleKey, string>;
}

export async function createOrganization(
  db: FactoryDb,
  overrides: { name?: string; nameKana?: string | null; customerNumber?: string; businessHoursStart?: number; businessHoursEnd?: number; createdAt?: Date } = {},
): Promise<CreatedOrganization> {
  const n = nextNumber();
  const org = await db.organization.create({
    data: {
      name: `テスト株式会社 ${run}-${n}`,
      customerNumber: `T${run}${String(n).padStart(6, "0")}`,
      ...overrides,
      lockoutPolicy: { create: {} },
      passwordPolicy: { create: {} },
      networkPolicy: { create: {} },
      sessionPolicy: { create: {} },
      sodRules: {
        create: DEFAULT_SOD_RULES.map((rule) => ({
          name: rule.key,
          domainA: rule.a[0],
          levelA: rule.a[1],
          domainB: rule.b[0],
          levelB: rule.b[1],
        })),
      },
    },
    select: { id: true, name: true, customerNumber: true },
  });
  const roleIds = {} as Record<BuiltInRoleKey, string>;
  for (const key of BUILT_IN_ROLE_KEYS) {
    const permissions = Object.entries(BUILT_IN_ROLES[key]) as [Domain, Level][];
    const role = await db.role.create({
      data: {
        organizationId: org.id,
        key,
        name: ja.roles[key],
        builtIn: true,
        permissions: { create: permissions.map(([domain, level]) => ({ domain, level })) },
      },
      select: { id: true },
    });
    roleIds[key] = role.id;
  }
  return { ...org, roleIds };
}

export async function createDepartment(
  db: FactoryDb,
  { organizationId, code, name, managerId }: { organizationId: string; code?: string; name?: string; managerId?: string | null },
): Promise<{ id: string; code: string; name: string }> {
  const n = nextNumber();
  return db.department.create({
    data: { organizationId, code: code ?? `D${run}${n}`, name: name ?? `テスト部 ${n}`, managerId: managerId ?? null },
    select: { id: true, code: true, name: true },
  });
}

export interface AccountInput {
  organizationId: string;
  loginId?: string;
  password?: string;
  /** Stored as is; null for an account that has never set a password. */
  passwordHash?: string | null;
  roleKeys?: BuiltInRoleKey[];
  grantEndsAt?: Date | null;
  grantedById?: string | null;
  status?: AccountStatus;
  kind?: AccountKind;
  departmentId?: string | null;
  displayName?: string;
  nameKana?: string | null;
  employeeNumber?: string | null;
  contractorCompany?: string | null;
  lockedUntil?: Date | null;
  lastSignInAt?: Date | null;
  passwordChangedAt?: Date | null;
  disabledAt?: Date | null;
  createdAt?: Date;
  /** The authenticator secret the account is enrolled with; null = not enrolled yet (first sign-in enrols). */
  totpSecret?: string | null;
  mustChangePassword?: boolean;
}

/** An account (active, with the member role, unless told otherwise); `password` is the one its hash was made from. */
export async function createAccount(db: FactoryDb, input: AccountInput): Promise<{ id: string; loginId: string; password: string }> {
  const { organizationId, roleKeys = ["member"], grantEndsAt = null, grantedById = null, password: given, passwordHash: givenHash, totpSecret = FACTORY_TOTP_SECRET, ...rest } = input;
  const n = nextNumber();
  const loginId = normalizeLoginId(input.loginId ?? `user-${run}-${n}@example.jp`);
  const password = given ?? (givenHash === undefined ? DEFAULT_PASSWORD : "");
  const passwordHash = givenHash !== undefined ? givenHash : await cachedHash(password);
  const kind = rest.kind ?? "employee";
  const account = await db.account.create({
    data: {
      ...rest,
      displayName: rest.displayName ?? `テスト 利用者${n}`,
      employeeNumber: rest.employeeNumber !== undefined ? rest.employeeNumber : kind === "employee" ? `E${String(n).padStart(7, "0")}` : null,
      status: rest.status ?? "active",
      passwordChangedAt: rest.passwordChangedAt !== undefined ? rest.passwordChangedAt : passwordHash ? new Date() : null,
      kind,
      organizationId,
      loginId,
      email: loginId,
      passwordHash,
    },
    select: { id: true },
  });
  if (roleKeys.length > 0) {
    const roles = await db.role.findMany({ where: { organizationId, key: { in: roleKeys } }, select: { id: true } });
    await db.roleGrant.createMany({
      data: roles.map((role) => ({ organizationId, accountId: account.id, roleId: role.id, grantedById, endsAt: grantEndsAt })),
    });
  }
  if (totpSecret) {
    await db.account.update({
      where: { id: account.id },
      data: { totpSecret: sealSecret(totpSecret, account.id), totpEnabledAt: rest.createdAt ?? new Date() },
    });
  }
  return { id: account.id, loginId, password };
}

export async function createLine(
  db: FactoryDb,
  input: {
    organizationId: string;
    phoneNumber?: string;
    iccid?: string | null;
    simType?: SimType;
    plan?: string;
    dataAllowanceGb?: number;
    status?: LineStatus;
    assignedAccountId?: string | null;
    costCenter?: string | null;
    mnpNumber?: string | null;
    mnpExpiresAt?: Date | null;
    activatedAt?: Date | null;
  },
): Promise<{ id: string; phoneNumber: string }> {
  const n = nextNumber();
  const digits = String(n).padStart(8, "0").slice(-8);
  return db.line.create({
    data: {
      phoneNumber: `090-${digits.slice(0, 4)}-${digits.slice(4)}`,
      iccid: `8981${String(parseInt(run, 16)).padStart(8, "0")}${String(n).padStart(7, "0")}`.slice(0, 19),
      simType: "physical",
      plan: "OCNモバイル 10GB",
      dataAllowanceGb: 10,
      activatedAt: new Date(),
      ...input,
      endedAt: input.status === "cancelled" || input.status === "ported_out" ? new Date() : null,
    },
    select: { id: true, phoneNumber: true },
  });
}
