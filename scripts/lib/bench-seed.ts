// Bulk accounts for the bench: deterministic names, statuses and departments, inserted with createMany in chunks sharing one hash.
import type { AccountStatus, Prisma } from "@/lib/generated/prisma/client";
import { generateTotpSecret } from "@/lib/policy/totp";
import type { Db } from "@/lib/server/db";
import { sealSecret } from "@/lib/server/secret-box";
import { createAccount, createDepartment, createOrganization } from "@/tests/factories";

export const BENCH_PASSWORD = "Bench-Pass-2026!";
/** A surname no generated account has: `SEARCH_HITS` accounts of each organization carry it. */
export const RARE_KANA = "テシガワラ";
export const SEARCH_HITS = 3;

const SURNAMES: [string, string][] = [
  ["佐藤", "サトウ"], ["鈴木", "スズキ"], ["高橋", "タカハシ"], ["田中", "タナカ"], ["伊藤", "イトウ"], ["渡辺", "ワタナベ"],
  ["山本", "ヤマモト"], ["中村", "ナカムラ"], ["小林", "コバヤシ"], ["加藤", "カトウ"], ["吉田", "ヨシダ"], ["山田", "ヤマダ"],
  ["佐々木", "ササキ"], ["山口", "ヤマグチ"], ["松本", "マツモト"], ["井上", "イノウエ"], ["木村", "キムラ"], ["林", "ハヤシ"],
  ["斎藤", "サイトウ"], ["清水", "シミズ"], ["山崎", "ヤマザキ"], ["森", "モリ"], ["池田", "イケダ"], ["橋本", "ハシモト"],
];
const GIVEN: [string, string][] = [
  ["翔", "ショウ"], ["陽菜", "ヒナ"], ["蓮", "レン"], ["結衣", "ユイ"], ["大翔", "ヒロト"], ["美咲", "ミサキ"], ["悠真", "ユウマ"],
  ["葵", "アオイ"], ["湊", "ミナト"], ["凛", "リン"], ["健太", "ケンタ"], ["さくら", "サクラ"], ["拓海", "タクミ"], ["愛", "アイ"],
  ["直樹", "ナオキ"], ["真由美", "マユミ"], ["浩二", "コウジ"], ["恵子", "ケイコ"], ["誠", "マコト"], ["裕子", "ユウコ"],
];
const RARE: [string, string] = ["勅使河原", RARE_KANA];

/** 80 % active; the rest invited, locked, suspended or disabled. */
export function statusOf(index: number): AccountStatus {
  switch (index % 20) {
    case 0:
      return "invited";
    case 1:
      return "locked";
    case 2:
      return "suspended";
    case 3:
      return "disabled";
    default:
      return "active";
  }
}

export interface BenchOrganization {
  id: string;
  tag: string;
  departmentIds: string[];
  /** Accounts in the organization so far, the admin included. */
  size: number;
  admin: { id: string; loginId: string; password: string };
}

/** An organization with 20 departments and one org_admin (account #0, who signs in to list). */
export async function createBenchOrganization(prisma: Db, tag: string, hash: string): Promise<BenchOrganization> {
  const org = await createOrganization(prisma, { name: `ベンチ株式会社 ${tag}` });
  const departmentIds: string[] = [];
  for (let d = 0; d < 20; d++) departmentIds.push((await createDepartment(prisma, { organizationId: org.id, name: `第${d + 1}営業部` })).id);
  const admin = await createAccount(prisma, {
    organizationId: org.id,
    loginId: `${tag}-admin@bench.example.jp`,
    passwordHash: hash,
    password: BENCH_PASSWORD,
    roleKeys: ["org_admin"],
    displayName: "管理 太郎",
    nameKana: "カンリ タロウ",
  });
  return { id: org.id, tag, departmentIds, size: 1, admin: { id: admin.id, loginId: admin.loginId, password: BENCH_PASSWORD } };
}

/** A signed-in session for the organization's admin, made directly: listing should not depend on the sign-in steps. */
export async function createBenchSession(prisma: Db, org: BenchOrganization): Promise<string> {
  const now = new Date();
  const session = await prisma.session.create({
    data: {
      organizationId: org.id,
      accountId: org.admin.id,
      sessionVersion: 1,
      ip: "127.0.0.1",
      userAgent: "ocn-bench",
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 3_600_000),
    },
    select: { id: true },
  });
  return session.id;
}

export function loginIdOf(org: Pick<BenchOrganization, "tag">, index: number): string {
  return `${org.tag}-${String(index).padStart(6, "0")}@bench.example.jp`;
}

function accountRow(org: BenchOrganization, i: number, hash: string, now: Date): Prisma.AccountCreateManyInput {
  // Spread the rare surname over the first thousand, so every size holds the same SEARCH_HITS matches.
  const rare = i === 100 || i === 500 || i === 900;
  const [surname, surnameKana] = rare ? RARE : SURNAMES[i % SURNAMES.length]!;
  const [given, givenKana] = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const status = statusOf(i);
  const contractor = i % 7 === 0;
  const loginId = loginIdOf(org, i);
  return {
    organizationId: org.id,
    loginId,
    email: loginId,
    displayName: `${surname} ${given}`,
    nameKana: i % 25 === 24 && !rare ? null : `${surnameKana} ${givenKana}`,
    employeeNumber: contractor ? null : `E${String(i).padStart(7, "0")}`,
    departmentId: i % 30 === 29 ? null : org.departmentIds[i % org.departmentIds.length]!,
    kind: contractor ? "contractor" : "employee",
    contractorCompany: contractor ? "株式会社ベンチ派遣" : null,
    status,
    passwordHash: status === "invited" ? null : hash,
    passwordChangedAt: status === "invited" ? null : now,
    lockedUntil: status === "locked" ? new Date(now.getTime() + 3_600_000) : null,
    disabledAt: status === "disabled" ? now : null,
    lastSignInAt: status === "invited" ? null : new Date(now.getTime() - (i % 90) * 86_400_000),
  };
}

/** Grows the organization to `size` accounts; returns how long the inserts took (ms). */
export async function growOrganization(prisma: Db, org: BenchOrganization, size: number, hash: string, chunk = 5_000): Promise<number> {
  const started = performance.now();
  const now = new Date();
  for (let from = org.size; from < size; from += chunk) {
    const to = Math.min(size, from + chunk);
    const data: Prisma.AccountCreateManyInput[] = [];
    for (let i = from; i < to; i++) data.push(accountRow(org, i, hash, now));
    await prisma.account.createMany({ data });
  }
  org.size = Math.max(org.size, size);
  return performance.now() - started;
}

/** Active accounts among indices 1..size-1, plus the (active) admin. */
export function activeCount(size: number): number {
  let n = 1;
  for (let i = 1; i < size; i++) if (statusOf(i) === "active") n++;
  return n;
}

/** Gives the organization's active accounts (the admin aside) an authenticator; returns each one's TOTP secret by OCN ID. */
export async function enrollAuthenticators(prisma: Db, org: BenchOrganization): Promise<Map<string, string>> {
  const accounts = await prisma.account.findMany({
    where: { organizationId: org.id, status: "active", id: { not: org.admin.id } },
    select: { id: true, loginId: true },
    orderBy: { loginId: "asc" },
  });
  const secrets = new Map<string, string>();
  const now = new Date();
  for (const account of accounts) {
    const secret = generateTotpSecret();
    await prisma.account.update({ where: { id: account.id }, data: { totpSecret: sealSecret(secret, account.id), totpEnabledAt: now } });
    secrets.set(account.loginId, secret);
  }
  return secrets;
}
