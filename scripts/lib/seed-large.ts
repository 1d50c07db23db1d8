// The large demo organization (npm run demo -- --scale large, and the load test): みなと商事 grown to tens of thousands of accounts and lines and millions of sign-in events over 13 months, in bulk SQL.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { AccountStatus } from "@/lib/generated/prisma/client";
import {
  isBusinessDay,
  startOfTokyoDay,
  tokyoDateString,
} from "@/lib/policy/business-calendar";
import type { Database, Tx } from "@/lib/server/db";
import { sealSecret } from "@/lib/server/secret-box";
import { cachedHash } from "@/tests/factories";
import { demoTotpSecret } from "@/prisma/demo-totp";
import {
  CONTRACTOR_COMPANIES,
  DEMO_CREDENTIALS,
  DEMO_CUSTOMER_NUMBER,
  DEMO_PASSWORD,
  DESKTOP_UAS,
  FAMILY,
  GIVEN_FEMALE,
  GIVEN_MALE,
  HOME_PREFIXES,
  insertJsonRows,
  MINATO,
  MOBILE_PREFIXES,
  MOBILE_UAS,
  PLANS,
  seedDemo,
  type DemoCredential,
  type DemoOrganization,
} from "@/prisma/seed";

/** The organization's size in all (the demo's own ~300 accounts and ~350 lines included). */
export interface LargeSize {
  accounts: number;
  lines: number;
  /** Sign-in events of the bulk accounts over HISTORY_DAYS, on top of the demo's own 90 days (~36k). */
  events: number;
}

export const LARGE: LargeSize = {
  accounts: 50_000,
  lines: 60_000,
  events: 2_000_000,
};
/** The embedded database (one WASM process) gets a shorter history by default: the seed stays at a few minutes. */
export const LARGE_PGLITE: LargeSize = {
  accounts: 50_000,
  lines: 60_000,
  events: 300_000,
};
/** About 13 months: every monthly partition of the log within the default 400-day retention holds events. */
export const HISTORY_DAYS = 395;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const EVENT_CHUNK = 250_000;

// ---------------------------------------------------------------------------------------------- the bulk accounts

/** A number in [0, 1) from (index, salt): every machine seeds the same people. */
function mix(index: number, salt: number): number {
  let h = Math.imul(index ^ Math.imul(salt, 0x85ebca77), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[], u: number): T =>
  items[Math.floor(u * items.length)]!;

export interface LargeAccount {
  /** 1, 2, 3 … in the order they were written. */
  index: number;
  loginId: string;
  status: AccountStatus;
  /**
   * Active with a current password: signs in with DEMO_PASSWORD and a TOTP code of demoTotpSecret(loginId)
   * (prisma/demo-totp.ts), the demo accounts' scheme. Every bulk account with a password has that authenticator.
   */
  signsIn: boolean;
}

function statusOf(index: number): AccountStatus {
  const r = index % 100;
  return r < 3
    ? "invited"
    : r < 7
      ? "disabled"
      : r === 7
        ? "suspended"
        : "active";
}

/** The index-th bulk account of the large demo (1-based), as seedLarge writes it. */
export function largeAccount(index: number): LargeAccount & {
  family: (typeof FAMILY)[number];
  given: (typeof FAMILY)[number];
} {
  const family =
    FAMILY[Math.floor(Math.pow(mix(index, 1), 1.6) * FAMILY.length)]!;
  const given =
    mix(index, 2) < 0.55
      ? pick(GIVEN_MALE, mix(index, 3))
      : pick(GIVEN_FEMALE, mix(index, 3));
  const status = statusOf(index);
  return {
    index,
    loginId: `${given[2]}.${family[2]}.${String(index).padStart(5, "0")}@${MINATO.domain}`,
    status,
    signsIn: status === "active" && index % 20 !== 19,
    family,
    given,
  };
}

/** The OCN IDs of the first `count` bulk accounts that can sign in (see LargeAccount.signsIn). */
export function largeSignInIds(count: number): string[] {
  const ids: string[] = [];
  for (let i = 1; ids.length < count; i++)
    if (largeAccount(i).signsIn) ids.push(largeAccount(i).loginId);
  return ids;
}

interface BulkAccount {
  id: string;
  index: number;
  loginId: string;
  status: AccountStatus;
  kind: "employee" | "contractor";
  employeeNumber: string | null;
  displayName: string;
  nameKana: string;
  dept: DemoOrganization["departments"][number];
  createdAt: number;
  disabledAt: number | null;
  suspendedAt: number | null;
}

function planAccounts(
  org: DemoOrganization,
  count: number,
  now: number,
  historyStart: number,
): BulkAccount[] {
  const weights = org.departments.map((d) => d.size);
  const total = weights.reduce((a, b) => a + b, 0);
  const deptOf = (u: number) => {
    let r = u * total;
    for (const [i, w] of weights.entries())
      if ((r -= w) < 0) return org.departments[i]!;
    return org.departments.at(-1)!;
  };
  const accounts: BulkAccount[] = [];
  for (let index = 1; index <= count; index++) {
    const a = largeAccount(index);
    const contractor = index % 13 === 0;
    accounts.push({
      id: randomUUID(),
      index,
      loginId: a.loginId,
      status: a.status,
      kind: contractor ? "contractor" : "employee",
      employeeNumber: contractor ? null : `E${1_000_000 + index}`,
      displayName: `${a.family[0]} ${a.given[0]}`,
      nameKana: `${a.family[1]} ${a.given[1]}`,
      dept: deptOf(mix(index, 4)),
      // Everyone but the invited was there before the history starts.
      createdAt:
        a.status === "invited"
          ? now - (1 + (index % 10)) * DAY - 5 * HOUR
          : historyStart - (20 + Math.floor(mix(index, 5) * 3000)) * DAY,
      disabledAt:
        a.status === "disabled"
          ? now - (130 + Math.floor(mix(index, 6) * 240)) * DAY
          : null,
      suspendedAt:
        a.status === "suspended"
          ? now - (1 + Math.floor(mix(index, 6) * 60)) * DAY
          : null,
    });
  }
  return accounts;
}

/**
 * Written after their sign-ins, with the last one found among them: updating 50k rows afterwards would rewrite every
 * row and every index entry of it (five trigram indexes) once more.
 */
async function writeAccounts(
  tx: Tx,
  org: DemoOrganization,
  accounts: BulkAccount[],
  now: number,
): Promise<void> {
  const hash = await cachedHash(DEMO_PASSWORD);
  const iso = (t: number | null) =>
    t === null ? null : new Date(t).toISOString();
  const rows = accounts.map((a) => {
    const hasPassword = a.status !== "invited";
    const overdue = a.status === "active" && !largeAccount(a.index).signsIn;
    const changed =
      a.status === "active"
        ? now -
          (overdue ? 100 + mix(a.index, 7) * 300 : 1 + mix(a.index, 7) * 55) *
            DAY
        : (a.disabledAt ?? a.suspendedAt ?? now) -
          (10 + mix(a.index, 7) * 80) * DAY;
    const left = a.disabledAt ?? a.suspendedAt;
    return {
      id: a.id,
      organization_id: org.id,
      login_id: a.loginId,
      email: a.loginId,
      display_name: a.displayName,
      name_kana: a.nameKana,
      employee_number: a.employeeNumber,
      department_id: a.dept.id,
      kind: a.kind,
      contractor_company:
        a.kind === "contractor"
          ? pick(CONTRACTOR_COMPANIES, mix(a.index, 8))
          : null,
      status: a.status,
      password_hash: hasPassword ? hash : null,
      password_changed_at: hasPassword ? iso(changed) : null,
      totp_secret: hasPassword
        ? sealSecret(demoTotpSecret(a.loginId), a.id)
        : null,
      totp_enabled_at: hasPassword ? iso(a.createdAt) : null,
      session_version: left ? 2 : 1,
      last_sign_in_at: left ? iso(left - DAY) : null,
      disabled_at: iso(a.disabledAt),
      suspended_at: iso(a.suspendedAt),
      invited_at: a.status === "invited" ? iso(a.createdAt) : null,
      created_at: iso(a.createdAt),
      updated_at: iso(left ?? a.createdAt),
    };
  });
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE large_accounts (LIKE accounts INCLUDING DEFAULTS) ON COMMIT DROP`,
  );
  await insertJsonRows(
    tx,
    "large_accounts",
    [
      ["id", "uuid"],
      ["organization_id", "uuid"],
      ["login_id", "text"],
      ["email", "text"],
      ["display_name", "text"],
      ["name_kana", "text"],
      ["employee_number", "text"],
      ["department_id", "uuid"],
      ["kind", `"AccountKind"`],
      ["contractor_company", "text"],
      ["status", `"AccountStatus"`],
      ["password_hash", "text"],
      ["password_changed_at", "timestamptz"],
      ["totp_secret", "text"],
      ["totp_enabled_at", "timestamptz"],
      ["session_version", "int"],
      ["last_sign_in_at", "timestamptz"],
      ["disabled_at", "timestamptz"],
      ["suspended_at", "timestamptz"],
      ["invited_at", "timestamptz"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
    ],
    rows,
  );
  await tx.$executeRawUnsafe(
    `UPDATE large_accounts s SET last_sign_in_at = m.at FROM (
       SELECT actor_id, max(occurred_at) AS at FROM audit_events
       WHERE organization_id = $1::uuid AND action = 'auth.sign_in' AND outcome = 'success' GROUP BY actor_id) m
     WHERE s.id = m.actor_id`,
    org.id,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO accounts SELECT * FROM large_accounts`,
  );

  // Everyone is a member (a leaver's grant revoked when they left); a few also run lines or accounts.
  const [admin] = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id::text FROM accounts WHERE login_id = ${`accounts@${MINATO.domain}`}`;
  const grants = accounts.flatMap((a) => {
    const base = {
      organization_id: org.id,
      account_id: a.id,
      starts_at: iso(a.createdAt),
      created_at: iso(a.createdAt),
    };
    const member = {
      ...base,
      role_id: org.roleIds.member,
      granted_by_id: null,
      reason: "入社時の標準権限",
      revoked_at: iso(a.disabledAt),
      revoked_by_id: a.disabledAt ? (admin?.id ?? null) : null,
    };
    const extra =
      a.status !== "active"
        ? null
        : a.index % 1000 === 20
          ? "account_admin"
          : a.index % 400 === 10
            ? "line_operator"
            : null;
    return extra
      ? [
          member,
          {
            ...base,
            role_id: org.roleIds[extra],
            granted_by_id: admin?.id ?? null,
            reason: "部署の担当業務のため",
            revoked_at: null,
            revoked_by_id: null,
          },
        ]
      : [member];
  });
  await insertJsonRows(
    tx,
    "role_grants",
    [
      ["organization_id", "uuid"],
      ["account_id", "uuid"],
      ["role_id", "uuid"],
      ["granted_by_id", "uuid"],
      ["reason", "text"],
      ["starts_at", "timestamptz"],
      ["revoked_at", "timestamptz"],
      ["revoked_by_id", "uuid"],
      ["created_at", "timestamptz"],
    ],
    grants,
  );
}

// ---------------------------------------------------------------------------------------------- sign-in history

interface Day {
  start: string;
  n: number;
  first: number;
  business: boolean;
  /** Hours of the day to spread events over: 24, or for today those gone so far. */
  hours: number;
}

/**
 * Events per JST day over the history, `events` in all: business days alike, weekends and holidays a fifteenth of
 * that, today only as far as it has gone.
 */
function planDays(events: number, historyStart: number, now: number): Day[] {
  const days: Omit<Day, "n" | "first">[] = [];
  for (let start = historyStart; start < now; start += DAY) {
    days.push({
      start: new Date(start).toISOString(),
      business: isBusinessDay(new Date(start + 12 * HOUR)),
      hours: Math.min(24, (now - 60_000 - start) / HOUR),
    });
  }
  const weights = days.map((d) => (d.business ? 1 : 1 / 15) * (d.hours / 24));
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / total) * events);
  const counts = exact.map(Math.floor);
  let left = events - counts.reduce((a, b) => a + b, 0);
  // Largest remainders first, so the total is exact.
  for (const i of exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i)) {
    if (left-- <= 0) break;
    counts[i]! += 1;
  }
  let first = 0;
  return days.map((d, i) => {
    const day = { ...d, n: counts[i]!, first };
    first += day.n;
    return day;
  });
}

const u = (salt: number) =>
  `((hashint8extended(g, ${salt}) & 2147483647)::float8 / 2147483648)`;
const quoted = (items: readonly string[]) =>
  `ARRAY[${items.map((s) => `'${s}'`).join(", ")}]`;

/**
 * One statement per chunk of days, rows in time order, so the hash chain follows time. Weekdays peak at 9:00 and
 * 13:00 JST; 1.5 % off hours, weekends and holidays from home or a phone; on weekdays 72 % from the offices, 12 %
 * over the VPN (all inside みなと商事's allowlist), the rest from home or a phone. About 2 % fail (a wrong password,
 * now and then a wrong code), one at a time, and 0.04 % come from abroad: nothing a rule would fire on.
 */
const EVENTS_SQL = `
INSERT INTO audit_events (organization_id, occurred_at, actor_id, actor_label, action, target_type, target_id, target_label, outcome,
  reason, ip, country, user_agent, details)
SELECT $1::uuid, e.at, a.id, a.login_id, 'auth.sign_in', 'account', a.id::text, a.login_id,
  (CASE WHEN e.u6 < 0.02 THEN 'failure' ELSE 'success' END)::"AuditOutcome",
  CASE WHEN e.u6 < 0.003 THEN 'mfa_failed' WHEN e.u6 < 0.02 THEN 'bad_password' END,
  (CASE WHEN e.u8 < 0.0004 THEN (ARRAY['198.51.100.', '203.0.113.', '192.0.2.'])[1 + e.h % 3] || (1 + e.h % 250)
        WHEN e.place = 'office' THEN CASE a.office WHEN 'osaka' THEN '61.205.120.' || (33 + e.h % 14)
          WHEN 'logistics' THEN '202.32.8.' || (97 + e.h % 14) ELSE '210.130.45.' || (9 + e.h % 6) END
        WHEN e.place = 'vpn' THEN '133.242.17.' || (1 + e.h % 30)
        WHEN e.place = 'mobile' THEN (${quoted(MOBILE_PREFIXES)})[1 + e.h % ${MOBILE_PREFIXES.length}] || '.' || (1 + (e.h / 8) % 254) || '.' || (1 + (e.h / 2032) % 254)
        ELSE a.home_ip END)::inet,
  CASE WHEN e.u8 < 0.0004 THEN (ARRAY['US', 'SG', 'KR'])[1 + e.h % 3] ELSE 'JP' END,
  CASE WHEN e.place = 'mobile' THEN a.mobile_ua ELSE a.desktop_ua END,
  '{}'::jsonb
FROM (
  SELECT g, x.h, x.u5, x.u6, x.u8, date_trunc('milliseconds', d.start + make_interval(secs => 3600 * y.hour)) AS at,
    CASE WHEN NOT d.business OR y.hour < 8 OR y.hour >= 20 THEN (CASE WHEN x.u7 < 0.4 THEN 'mobile' ELSE 'home' END)
      WHEN x.u7 < 0.72 THEN 'office' WHEN x.u7 < 0.84 THEN 'vpn' WHEN x.u7 < 0.94 THEN 'mobile' ELSE 'home' END AS place
  FROM jsonb_to_recordset($2::jsonb) AS d(start timestamptz, n int, first bigint, business boolean, hours float8)
  CROSS JOIN LATERAL generate_series(d.first, d.first + d.n - 1) AS g
  CROSS JOIN LATERAL (SELECT hashint8extended(g, 0) & 9223372036854775807 AS h, ${u(1)} AS u1, ${u(2)} AS u2, ${u(3)} AS u3,
    ${u(5)} AS u5, ${u(6)} AS u6, ${u(7)} AS u7, ${u(8)} AS u8) x
  CROSS JOIN LATERAL (SELECT CASE WHEN d.hours < 24 THEN x.u3 * d.hours
    WHEN NOT d.business THEN 9.5 + 13 * x.u3
    WHEN x.u1 < 0.015 THEN (CASE WHEN x.u2 < 0.3 THEN 6 + 2 * x.u3 ELSE 20 + 3.8 * x.u3 END)
    WHEN x.u2 < 0.34 THEN 8.55 + 0.9 * x.u3
    WHEN x.u2 < 0.56 THEN 12.75 + 0.7 * x.u3
    WHEN x.u2 < 0.72 THEN 15 + 3 * x.u3
    ELSE 8.3 + 11.6 * x.u3 END AS hour) y
) e
JOIN large_actors a ON a.idx = floor(power(e.u5, 1.25) * $3)::int
ORDER BY e.at, e.g`;

async function writeHistory(
  tx: Tx,
  org: DemoOrganization,
  accounts: BulkAccount[],
  size: LargeSize,
  range: { start: number; now: number },
  log: (line: string) => void,
): Promise<number> {
  // The active accounts sign in; each has a home line and a desktop and a phone browser of its own.
  const actors = accounts.filter((a) => a.status === "active");
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE large_actors (idx int PRIMARY KEY, id uuid, login_id text, office text, home_ip text, desktop_ua text, mobile_ua text) ON COMMIT DROP`,
  );
  await insertJsonRows(
    tx,
    "large_actors",
    [
      ["idx", "int"],
      ["id", "uuid"],
      ["login_id", "text"],
      ["office", "text"],
      ["home_ip", "text"],
      ["desktop_ua", "text"],
      ["mobile_ua", "text"],
    ],
    actors.map((a, idx) => ({
      idx,
      id: a.id,
      login_id: a.loginId,
      office: a.dept.office,
      home_ip: `${pick(HOME_PREFIXES, mix(a.index, 9))}.${1 + Math.floor(mix(a.index, 10) * 254)}.${1 + Math.floor(mix(a.index, 11) * 254)}`,
      desktop_ua: pick(DESKTOP_UAS, mix(a.index, 12)),
      mobile_ua: pick(MOBILE_UAS, mix(a.index, 13)),
    })),
  );
  // The chain head is moved after each statement rather than at commit: the queue of deferred rows stays small.
  await tx.$executeRawUnsafe(
    `SET CONSTRAINTS "audit_events_chain_head" IMMEDIATE`,
  );
  const days = planDays(size.events, range.start, range.now);
  const started = performance.now();
  let written = 0;
  for (let i = 0; i < days.length;) {
    const chunk: Day[] = [];
    let n = 0;
    while (
      i < days.length &&
      (chunk.length === 0 || n + days[i]!.n <= EVENT_CHUNK)
    ) {
      n += days[i]!.n;
      chunk.push(days[i++]!);
    }
    written += await tx.$executeRawUnsafe(
      EVENTS_SQL,
      org.id,
      JSON.stringify(chunk),
      actors.length,
    );
    const seconds = (performance.now() - started) / 1000;
    log(
      `  sign-in events ${written.toLocaleString("en")} / ${size.events.toLocaleString("en")} (${Math.round(written / seconds).toLocaleString("en")} rows/s, hash chain on)`,
    );
  }

  // The hourly rollups of these events (the demo's own are added to them); off hours as isOffHours counts them.
  const offDays = days
    .filter((d) => !d.business)
    .map((d) => tokyoDateString(new Date(d.start)));
  const rollupsStarted = performance.now();
  await tx.$executeRawUnsafe(
    `WITH off_days AS (SELECT day::date AS day FROM unnest(string_to_array($2, ',')) AS day)
     INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
     SELECT $1::uuid, date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
       count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'failure'),
       count(*) FILTER (WHERE outcome = 'success' AND (extract(hour FROM occurred_at AT TIME ZONE 'Asia/Tokyo') NOT BETWEEN 8 AND 19
         OR (occurred_at AT TIME ZONE 'Asia/Tokyo')::date IN (SELECT day FROM off_days))),
       count(*) FILTER (WHERE country <> 'JP')
     FROM audit_events WHERE organization_id = $1::uuid AND action = 'auth.sign_in' GROUP BY 2`,
    org.id,
    offDays.join(","),
  );
  log(
    `  hourly rollups in ${((performance.now() - rollupsStarted) / 1000).toFixed(1)} s`,
  );
  return written;
}

// ---------------------------------------------------------------------------------------------- lines and HR roster

/** Unused numbers in a fixed order: a multiplicative walk over the 8 digits, skipping the demo's own. */
function* numbers(
  taken: Set<string>,
  format: (k: number) => string,
): Generator<string> {
  for (let k = 1; ; k++) {
    const value = format(k);
    if (!taken.has(value)) yield value;
  }
}

async function writeLines(
  tx: Tx,
  org: DemoOrganization,
  accounts: BulkAccount[],
  target: number,
  now: number,
): Promise<number> {
  const existing = await tx.line.findMany({
    where: { organizationId: org.id },
    select: { phoneNumber: true, iccid: true },
  });
  const count = Math.max(0, target - existing.length);
  const phones = numbers(new Set(existing.map((l) => l.phoneNumber)), (k) => {
    const n = String((k * 48_271 + 1_234_567) % 100_000_000).padStart(8, "0");
    return `0${[9, 8, 7][k % 3]}0-${n.slice(0, 4)}-${n.slice(4)}`;
  });
  const iccids = numbers(
    new Set(existing.map((l) => l.iccid ?? "")),
    (k) =>
      `8981100${String((k * 1_000_003 + 11) % 1_000_000_000_000).padStart(12, "0")}`,
  );
  const holders = accounts.filter(
    (a) => a.status === "active" || a.status === "suspended",
  );
  // Sales and logistics people carry a second handset; the rest is stock: spare, returned or cancelled.
  const second = holders.filter(
    (a) => ["1110", "1120", "6100"].includes(a.dept.code) && a.index % 3 === 0,
  );
  const assigned = [...holders, ...second].slice(0, Math.round(count * 0.96));
  const rows: Record<string, unknown>[] = [];
  const line = (
    k: number,
    account: BulkAccount | null,
    status: string,
    activatedAt: number,
    endedAt: number | null,
  ) => {
    let r = mix(k, 21) * PLANS.reduce((n, p) => n + p.weight, 0);
    const plan = PLANS.find((p) => (r -= p.weight) < 0) ?? PLANS[0]!;
    rows.push({
      organization_id: org.id,
      phone_number: phones.next().value,
      iccid: iccids.next().value,
      sim_type: mix(k, 22) < 0.7 ? "physical" : "esim",
      plan: plan.plan,
      data_allowance_gb: plan.gb,
      status,
      assigned_account_id: account?.id ?? null,
      cost_center: account ? account.dept.name : "総務部",
      activated_at: new Date(activatedAt).toISOString(),
      created_at: new Date(activatedAt).toISOString(),
      updated_at: new Date(endedAt ?? activatedAt).toISOString(),
      ended_at: endedAt === null ? null : new Date(endedAt).toISOString(),
    });
  };
  for (const [k, a] of assigned.entries()) {
    line(
      k,
      a,
      a.status === "suspended" ? "suspended" : "active",
      Math.min(a.createdAt + (3 + (k % 20)) * DAY, now - 30 * DAY),
      null,
    );
  }
  for (let k = assigned.length; k < count; k++) {
    const activatedAt = now - (40 + Math.floor(mix(k, 23) * 900)) * DAY;
    const r = k % 10;
    line(
      k,
      null,
      r === 0 ? "cancelled" : r === 1 ? "returned" : "active",
      activatedAt,
      r === 0 ? activatedAt + Math.floor((now - activatedAt) / 2) : null,
    );
  }
  await insertJsonRows(
    tx,
    "lines",
    [
      ["organization_id", "uuid"],
      ["phone_number", "text"],
      ["iccid", "text"],
      ["sim_type", `"SimType"`],
      ["plan", "text"],
      ["data_allowance_gb", "int"],
      ["status", `"LineStatus"`],
      ["assigned_account_id", "uuid"],
      ["cost_center", "text"],
      ["activated_at", "timestamptz"],
      ["created_at", "timestamptz"],
      ["updated_at", "timestamptz"],
      ["ended_at", "timestamptz"],
    ],
    rows,
  );
  return rows.length;
}

/** The bulk employees in the demo's HR import too, as HR has them: the reconciliation finds no new disagreements. */
async function writeRoster(
  tx: Tx,
  org: DemoOrganization,
  accounts: BulkAccount[],
): Promise<void> {
  const hrImport = await tx.hrImport.findFirst({
    where: { organizationId: org.id },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true },
  });
  if (!hrImport) return;
  const rows = accounts
    .filter((a) => a.employeeNumber)
    .map((a) => ({
      organization_id: org.id,
      import_id: hrImport.id,
      employee_number: a.employeeNumber,
      name: a.displayName,
      name_kana: a.nameKana,
      department: a.dept.name,
      employment_status: a.disabledAt
        ? "terminated"
        : a.suspendedAt
          ? "leave"
          : "active",
      termination_date: a.disabledAt
        ? tokyoDateString(new Date(a.disabledAt))
        : null,
      updated_at: hrImport.createdAt.toISOString(),
    }));
  await insertJsonRows(
    tx,
    "hr_roster_records",
    [
      ["organization_id", "uuid"],
      ["import_id", "uuid"],
      ["employee_number", "text"],
      ["name", "text"],
      ["name_kana", "text"],
      ["department", "text"],
      ["employment_status", `"EmploymentStatus"`],
      ["termination_date", "date"],
      ["updated_at", "timestamptz"],
    ],
    rows,
  );
  await tx.hrImport.update({
    where: { id: hrImport.id },
    data: {
      rowCount: { increment: rows.length },
      createdCount: { increment: rows.length },
    },
  });
}

// ---------------------------------------------------------------------------------------------- the whole

export class LargeSeedError extends Error {}

export interface SeedLargeResult {
  seeded: boolean;
  credentials: DemoCredential[];
  accounts: number;
  lines: number;
  /** Audit events of the organization (the demo's own included). */
  events: number;
  /** Seconds per step, and in all. */
  timings: Record<string, number>;
}

/**
 * Seeds the demo (both organizations, every scenario) with みなと商事 grown to `size`, in one transaction: bulk accounts
 * (see largeAccount), their grants, lines and HR records, and `size.events` sign-ins over HISTORY_DAYS written through
 * the audit chain's trigger, older first; rollups built for them, the processing cursor past them. Then VACUUM ANALYZE,
 * as autovacuum would in time. Nothing is written when みなと商事 is already large; a small demo already there is an error
 * (its chain cannot take older history in front of it).
 */
export async function seedLarge(
  database: Database,
  options: Partial<LargeSize> & {
    now?: Date;
    log?: (line: string) => void;
  } = {},
): Promise<SeedLargeResult> {
  const defaults = database.kind === "pglite" ? LARGE_PGLITE : LARGE;
  const size: LargeSize = {
    accounts: options.accounts ?? defaults.accounts,
    lines: options.lines ?? defaults.lines,
    events: options.events ?? defaults.events,
  };
  const log = options.log ?? (() => {});
  const now = (options.now ?? new Date()).getTime();
  const historyStart = startOfTokyoDay(
    new Date(now - HISTORY_DAYS * DAY),
  ).getTime();
  const prisma = database.prisma;
  const timings: Record<string, number> = {};
  const started = performance.now();
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = Math.round(performance.now() - at) / 1000;
    }
  };
  const counts = async () => {
    const [row] = await prisma.$queryRaw<
      { accounts: number; lines: number; events: number }[]
    >`
      SELECT (SELECT count(*)::int FROM accounts WHERE organization_id = o.id) AS accounts,
             (SELECT count(*)::int FROM lines WHERE organization_id = o.id) AS lines,
             (SELECT count(*)::int FROM audit_events WHERE organization_id = o.id) AS events
      FROM organizations o WHERE customer_number = ${DEMO_CUSTOMER_NUMBER}`;
    return row;
  };

  const present = async (): Promise<SeedLargeResult> => {
    const row = (await counts())!;
    if (row.accounts < Math.min(size.accounts, 1000)) {
      throw new LargeSeedError(
        `this database already holds the demo at its default size (${row.accounts} accounts in ${MINATO.name}); the large demo is seeded ` +
          "into a fresh one: point DATABASE_URL at a new database or PGLITE_DATA_DIR at a new directory",
      );
    }
    return { seeded: false, credentials: DEMO_CREDENTIALS, ...row, timings };
  };
  if (await counts()) return present();

  // Monthly partitions for the whole history, in a transaction of their own (creating one locks the log).
  await time(
    "partitions",
    () =>
      prisma.$executeRaw`SELECT ocn_audit_create_partition(m::date) FROM generate_series(
      date_trunc('month', ${new Date(historyStart)}::timestamptz AT TIME ZONE 'UTC'), date_trunc('month', ${new Date(now)}::timestamptz AT TIME ZONE 'UTC'),
      interval '1 month') AS m`,
  );

  let bulk: BulkAccount[] = [];
  const result = await time("transaction", () =>
    seedDemo(prisma, {
      now: new Date(now),
      extension: {
        // A guard, not a goal: about 2 ms an event is the slowest seen (PGlite).
        timeoutMs: Math.max(900_000, size.events * 2 + size.accounts * 5),
        async beforeEvents(tx, org) {
          const existing = await tx.account.count({
            where: { organizationId: org.id },
          });
          bulk = planAccounts(
            org,
            Math.max(0, size.accounts - existing),
            now,
            historyStart,
          );
          log(
            `みなと商事: ${existing} demo accounts; adding ${size.events.toLocaleString("en")} sign-in events over ${HISTORY_DAYS} days, then ${bulk.length.toLocaleString("en")} accounts`,
          );
          // The events name their accounts (actor_id has no foreign key): the accounts follow with their last sign-in.
          const events = await time("events", () =>
            writeHistory(
              tx,
              org,
              bulk,
              size,
              { start: historyStart, now },
              log,
            ),
          );
          await time("accounts", () => writeAccounts(tx, org, bulk, now));
          log(`  accounts and grants in ${timings.accounts} s`);
          return events;
        },
        async after(tx, org) {
          const lines = await time("lines", () =>
            writeLines(tx, org, bulk, size.lines, now),
          );
          await time("roster", () => writeRoster(tx, org, bulk));
          log(
            `  ${lines.toLocaleString("en")} lines and the HR roster in ${(timings.lines! + timings.roster!).toFixed(1)} s; committing`,
          );
        },
      },
    }),
  );
  // Seeded by someone else meanwhile.
  if (!result.seeded) return present();
  log(
    `  committed: the demo's own data, the per-day rollups over every event and the detections in ${timings.transaction} s in all`,
  );
  await time("vacuum", async () => {
    for (const table of [
      "accounts",
      "role_grants",
      "lines",
      "hr_roster_records",
      "audit_events",
      "sign_in_rollups",
      "sign_in_dim_rollups",
    ]) {
      await prisma.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
    }
  });
  log(`  VACUUM ANALYZE in ${timings.vacuum} s`);
  timings.total = Math.round(performance.now() - started) / 1000;
  const row = await counts();
  return { seeded: true, credentials: result.credentials, ...row!, timings };
}
