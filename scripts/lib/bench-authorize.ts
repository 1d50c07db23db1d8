// Permission check cost per request: currentActor() + authorize() (organization lookup, session and account, grants,
// merge, allowlist) for accounts holding 1, 5 and 20 grants, against the bare session lookup query in the same run.
// scripts/bench.ts calls benchAuthorize(owner, database, engine, record, note) for each engine it opens.
import { mergePermissions, type Domain, type Level, type PermissionSet } from "@/lib/permissions";
import { authorize } from "@/lib/server/authorize";
import type { Database } from "@/lib/server/db";
import { runWithSession } from "@/lib/server/session";
import { withOrganization } from "@/lib/server/tenant-context";
import { createAccount, createOrganization } from "@/tests/factories";
import type { Recorder } from "./bench-allowlist";
import { measureEach, warmUp } from "./bench-stats";

export const AUTHORIZE_BASELINE = "session-lookup";
export const AUTHORIZE = "authorize";
export const GRANT_COUNTS = [1, 5, 20];
const IP = "127.0.0.1";
const ALLOWLIST_ENTRIES = 50;
const grantLabel = (n: number) => `${n} grant${n === 1 ? "" : "s"}`;

/** Twenty custom roles, one to three permissions each over different domains: grants overlap the way real ones do. */
function rolePermissions(i: number): { domain: Domain; level: Level }[] {
  const domains: Domain[] = ["accounts", "lines", "billing", "security", "audit", "reviews", "offboarding", "org"];
  const levels: Level[] = ["view", "request", "manage"];
  return Array.from({ length: 1 + (i % 3) }, (_, k) => ({ domain: domains[(i + k * 3) % domains.length]!, level: levels[(i + k) % levels.length]! }));
}

/** The first query of every request's check (session → account → organization's idle limit), without the rest of it. */
function sessionLookup(database: Database, sessionId: string) {
  return database.prisma.session.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      organizationId: true,
      sessionVersion: true,
      revokedAt: true,
      expiresAt: true,
      lastSeenAt: true,
      account: {
        select: {
          id: true,
          loginId: true,
          displayName: true,
          status: true,
          sessionVersion: true,
          organizationId: true,
          organization: { select: { name: true, sessionPolicy: { select: { idleMinutes: true } } } },
        },
      },
    },
  });
}

/**
 * Seeds one organization (enforced allowlist of 50 entries that includes the caller's address, 20 custom roles, one
 * account per grant count with an open session), checks that each check answers the merged permissions, then times
 * the baseline and the three checks in turn. `owner` writes the seed; `database` is what the operations run on.
 */
export async function benchAuthorize(
  owner: Database,
  database: Database,
  engine: string,
  record: Recorder,
  note: (line: string) => void,
): Promise<void> {
  const prisma = owner.prisma;
  const org = await createOrganization(prisma, { name: `ベンチ権限 ${engine}` });
  const roles: { id: string; permissions: PermissionSet }[] = [];
  for (let i = 0; i < Math.max(...GRANT_COUNTS); i++) {
    const permissions = rolePermissions(i);
    const role = await prisma.role.create({
      data: { organizationId: org.id, name: `ベンチロール ${i + 1}`, permissions: { create: permissions } },
      select: { id: true },
    });
    roles.push({ id: role.id, permissions: Object.fromEntries(permissions.map((p) => [p.domain, p.level])) });
  }
  await prisma.ipAllowlistEntry.createMany({
    data: Array.from({ length: ALLOWLIST_ENTRIES }, (_, i) => ({
      organizationId: org.id,
      cidr: i === 0 ? `${IP}/32` : `10.${i}.0.0/16`,
      label: `ベンチ拠点 ${i}`,
      kind: "office" as const,
    })),
  });
  await prisma.networkPolicy.update({ where: { organizationId: org.id }, data: { enforced: true, scope: "everyone" } });

  const now = new Date();
  const sessions = new Map<number, { id: string; expected: PermissionSet }>();
  for (const count of GRANT_COUNTS) {
    const account = await createAccount(prisma, { organizationId: org.id, roleKeys: [] });
    const granted = roles.slice(0, count);
    await prisma.roleGrant.createMany({ data: granted.map((r) => ({ organizationId: org.id, accountId: account.id, roleId: r.id })) });
    const session = await prisma.session.create({
      data: { organizationId: org.id, accountId: account.id, sessionVersion: 1, ip: IP, userAgent: "ocn-bench", lastSeenAt: now, expiresAt: new Date(now.getTime() + 3_600_000) },
      select: { id: true },
    });
    sessions.set(count, { id: session.id, expected: mergePermissions(granted.map((r) => r.permissions)) });
  }

  const baselineSession = sessions.get(GRANT_COUNTS[0]!)!.id;
  const baseline = async () => {
    const row = await withOrganization(org.id, () => sessionLookup(database, baselineSession));
    if (!row) throw new Error("the session lookup found no session");
  };
  const checks = GRANT_COUNTS.map((count) => {
    const { id, expected } = sessions.get(count)!;
    return async () => {
      const actor = await runWithSession(id, () => authorize(), IP);
      if (JSON.stringify(actor.permissions) !== JSON.stringify(expected)) {
        throw new Error(`authorize() with ${grantLabel(count)} answered ${JSON.stringify(actor.permissions)}, expected ${JSON.stringify(expected)}`);
      }
    };
  });
  for (const check of [baseline, ...checks]) await check();
  // A refused check proves the timed path is the real one: the same session from an address not on the list.
  const refused = await runWithSession(baselineSession, () => authorize(), "198.51.100.7").then(
    () => false,
    (e: { code?: string }) => e.code === "unauthenticated",
  );
  if (!refused) throw new Error("authorize() let a session in from an address outside the enforced allowlist");

  await warmUp([baseline, ...checks], 5_000);
  const samples = await measureEach([baseline, ...checks], { warmup: 10, iterations: 400, budgetMs: 30_000 });
  const base = { name: `${AUTHORIZE_BASELINE}/${engine}`, sample: samples[0]! };
  record(base.name, "-", base.sample);
  for (const [i, count] of GRANT_COUNTS.entries()) record(`${AUTHORIZE}/${engine}`, grantLabel(count), samples[i + 1]!, base);
  const [one, , twenty] = samples.slice(1);
  note(
    `${AUTHORIZE}/${engine}: one check costs ${(one!.median / base.sample.median).toFixed(1)}× the bare session lookup with 1 grant, ` +
      `${(twenty!.median / base.sample.median).toFixed(1)}× with 20 (enforced allowlist of ${ALLOWLIST_ENTRIES} entries, compiled once per version)`,
  );
}
