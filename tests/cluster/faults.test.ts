// The console process is killed (SIGKILL: no clean-up) in the middle of a bulk import, a review apply and a burst of
// sign-ins, then started again: nothing is half-written, every committed change has its audit event, and running the
// work again finishes it exactly once.
import { afterAll, beforeAll, expect, it } from "vitest";
import { quarterKeyOf } from "@/lib/policy/reviews";
import { fetchSignInForm } from "@/scripts/lib/http-forms";
import { createClusterDatabase, DEMO_ORG, eventually, readProgress, signInAs, startInstance, type ClusterDatabase, type Instance } from "./support/cluster";
import { callAction } from "@/scripts/lib/server-action";

let db: ClusterDatabase;
let console1: Instance;
let orgId: string;

beforeAll(async () => {
  db = await createClusterDatabase();
  // The sweepers run every second, as they would in production after a crash: they may finish work themselves.
  console1 = await startInstance(db, { name: "console", env: { SWEEP_INTERVAL_SECONDS: "1" } });
  const [org] = await db.query<{ id: string }>("SELECT id::text FROM organizations WHERE customer_number = $1", [DEMO_ORG]);
  orgId = org!.id;
});

afterAll(async () => {
  await console1?.stop();
  await db?.drop();
});

const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(sql, params))[0]!.n;

async function importFile(cookie: string, csv: string, stopAt?: (line: Record<string, unknown>) => boolean) {
  const body = new FormData();
  body.append("mode", "apply");
  body.append("file", new File([`\uFEFF${csv}`], "accounts.csv", { type: "text/csv" }));
  const response = await fetch(`${console1.url}/api/accounts/import`, { method: "POST", body, headers: { origin: console1.url, cookie } });
  expect(response.status).toBe(200);
  return readProgress(response, (line) => stopAt?.(line) ?? false);
}

it("a burst of sign-ins cut by a kill: each counted failure has its audit event, and the rollups count every event once", async () => {
  const accounts = await db.query<{ id: string; login_id: string }>(
    `SELECT id::text, login_id FROM accounts WHERE organization_id = $1 AND status = 'active' AND login_id LIKE '%@minato-shoji.example.jp'
       AND login_id !~ '^(admin|accounts|lines|billing|security|hr|member)@' ORDER BY login_id DESC LIMIT 20`,
    [orgId],
  );
  expect(accounts).toHaveLength(20);
  const [{ t0 }] = (await db.query<{ t0: Date }>("SELECT now() AS t0")) as [{ t0: Date }];
  const [before] = await db.query<{ failures: string }>(
    "SELECT coalesce(sum(failure_count), 0)::text AS failures FROM sign_in_rollups WHERE organization_id = $1",
    [orgId],
  );
  const form = await fetchSignInForm(console1.url);
  // Three wrong passwords per account (below the lockout threshold), 60 at once; the kill lands while they run.
  const burst = Array.from({ length: 60 }, (_, i) => {
    const body = new FormData();
    for (const [name, value] of form) body.append(name, value);
    body.append("loginId", accounts[i % 20]!.login_id);
    body.append("password", `burst-wrong-${i}`);
    return fetch(`${console1.url}/sign-in`, { method: "POST", redirect: "manual", body, headers: { origin: console1.url, "x-forwarded-for": "210.130.45.9" } })
      .then((r) => r.status)
      .catch(() => "cut");
  });
  await new Promise((r) => setTimeout(r, 250));
  await console1.kill();
  const outcomes = await Promise.all(burst);
  expect(outcomes).toContain("cut");

  const ids = accounts.map((a) => a.id);
  const perAccount = await db.query<{ account_id: string; counted: number; audited: number }>(
    `SELECT a.id::text AS account_id,
            (SELECT count(*)::int FROM sign_in_failures f WHERE f.account_id = a.id AND f.at >= $2) AS counted,
            (SELECT count(*)::int FROM audit_events e WHERE e.target_id = a.id::text AND e.action = 'auth.sign_in' AND e.outcome = 'failure' AND e.occurred_at >= $2) AS audited
     FROM accounts a WHERE a.id = ANY($1::uuid[])`,
    [ids, t0],
  );
  for (const row of perAccount) expect(row.counted, row.account_id).toBe(row.audited);
  const audited = perAccount.reduce((sum, r) => sum + r.audited, 0);
  expect(audited).toBeLessThanOrEqual(60);

  await console1.restart();
  // Whatever committed is counted in the rollups exactly once (in the sign-in's own transaction, or by the sweeper).
  const allFailures = await count(
    "SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'auth.sign_in' AND outcome = 'failure' AND occurred_at >= $2",
    [orgId, t0],
  );
  await eventually(
    async () => {
      const [now] = await db.query<{ failures: string }>(
        "SELECT coalesce(sum(failure_count), 0)::text AS failures FROM sign_in_rollups WHERE organization_id = $1",
        [orgId],
      );
      return BigInt(now!.failures) - BigInt(before!.failures) === BigInt(allFailures) ? true : undefined;
    },
    15_000,
    "the rollups to count each committed failure once",
  );
  // And the console answers again: the same accounts can still sign in.
  expect((await fetch(`${console1.url}/sign-in`)).status).toBe(200);
});

it("a bulk import killed while it writes leaves no account, invitation or audit event; run again it creates each once", async () => {
  const cookie = await signInAs(console1.url, "accounts@minato-shoji.example.jp");
  const [dept] = await db.query<{ code: string }>("SELECT code FROM departments WHERE organization_id = $1 AND code IS NOT NULL ORDER BY code LIMIT 1", [
    orgId,
  ]);
  const rows = Array.from({ length: 800 }, (_, i) => {
    const id = `fault-${String(i).padStart(4, "0")}@import-fault.example.jp`;
    return [id, `障害 試験${i}`, `ショウガイ シケン${i}`, id, `FLT${String(i).padStart(5, "0")}`, dept!.code, "社員", "", "利用者", ""].join(",");
  });
  const csv = ["OCN ID,氏名,フリガナ,メールアドレス,社員番号,部署コード,区分,委託先,ロール,権限期限", ...rows].join("\r\n");
  const ours = "login_id LIKE '%@import-fault.example.jp'";

  // Kill when a quarter of the rows are written (inside the import's one transaction).
  const seen = await importFile(cookie, csv, (line) => line.type === "progress" && line.phase === "write" && Number(line.done) >= 200);
  await console1.kill();
  expect(seen.some((l) => l.phase === "write" && Number(l.done) >= 200)).toBe(true);
  expect(seen.some((l) => l.type === "result")).toBe(false);

  expect(await count(`SELECT count(*)::int AS n FROM accounts WHERE ${ours}`)).toBe(0);
  expect(
    await count(
      "SELECT count(*)::int AS n FROM audit_events WHERE target_label LIKE '%@import-fault.example.jp' OR action = 'account.import' AND occurred_at > now() - interval '5 minutes'",
    ),
  ).toBe(0);
  expect(
    await count("SELECT count(*)::int AS n FROM invitations i JOIN accounts a ON a.id = i.account_id WHERE a.login_id LIKE '%@import-fault.example.jp'"),
  ).toBe(0);
  expect(await count("SELECT count(*)::int AS n FROM mail_messages WHERE \"to\" LIKE '%@import-fault.example.jp'")).toBe(0);

  await console1.restart();
  // The session outlives the process: it is in the database, not in the process.
  expect((await fetch(`${console1.url}/accounts/import`, { redirect: "manual", headers: { cookie } })).status).toBe(200);
  const again = await importFile(cookie, csv);
  const result = again.find((l) => l.type === "result")?.result as { status: string; summary: { created: number } } | undefined;
  expect(result?.status).toBe("applied");
  expect(result?.summary.created).toBe(800);

  expect(await count(`SELECT count(*)::int AS n FROM accounts WHERE ${ours}`)).toBe(800);
  const perAccount = await db.query<{ n: number; k: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT e.target_id)::int AS k FROM audit_events e JOIN accounts a ON a.id::text = e.target_id
     WHERE a.${ours} AND e.action = 'account.invited'`,
  );
  expect(perAccount[0]).toEqual({ n: 800, k: 800 });
  expect(
    await count(
      "SELECT count(*)::int AS n FROM audit_events WHERE action = 'account.import' AND organization_id = $1 AND occurred_at > now() - interval '5 minutes'",
      [orgId],
    ),
  ).toBe(1);

  // The same file a third time changes nothing.
  const third = await importFile(cookie, csv);
  const unchanged = third.find((l) => l.type === "result")?.result as { status: string; summary: { created: number } } | undefined;
  expect(unchanged?.summary.created).toBe(0);
  expect(await count(`SELECT count(*)::int AS n FROM accounts WHERE ${ours}`)).toBe(800);
});

it("a review close killed while it applies: every applied item has its audit event and no other; closing again applies the rest once", async () => {
  const cookie = await signInAs(console1.url, "security@minato-shoji.example.jp");
  const created = await callAction(
    console1.url,
    "/reviews",
    { file: "app/(console)/reviews/actions.ts", name: "createCampaignAction" },
    [null, { quarter: quarterKeyOf(new Date()), title: "障害試験", undecidedOutcome: "revoke", dormantDays: "90" }],
    cookie,
  );
  expect(created.status).toBe(200);
  const reviewId = (created.result as { ok: boolean; data?: { id: string } }).data?.id;
  expect(reviewId, created.text.slice(0, 500)).toBeTruthy();
  expect(await count("SELECT count(*)::int AS n FROM access_review_items WHERE review_id = $1", [reviewId])).toBeGreaterThan(100);

  const close = () => fetch(`${console1.url}/api/reviews/${reviewId}/close`, { method: "POST", headers: { origin: console1.url, cookie } });
  const seen = await readProgress(await close(), (line) => line.type === "progress" && Number(line.done) >= 40);
  await console1.kill();
  expect(seen.some((l) => l.type === "result")).toBe(false);

  // Closing froze the decisions (undecided → revoke, privileged ones kept) before applying began.
  const total = await count("SELECT count(*)::int AS n FROM access_review_items WHERE review_id = $1 AND decision IN ('revoke', 'modify')", [reviewId]);
  const applied = () => count("SELECT count(*)::int AS n FROM access_review_items WHERE review_id = $1 AND applied_at IS NOT NULL", [reviewId]);
  const events = () => count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'review.item_applied' AND details->>'reviewId' = $1", [reviewId]);
  const half = await applied();
  expect(half).toBeGreaterThanOrEqual(40);
  expect(half).toBeLessThan(total);
  expect(await events()).toBe(half);
  // Nothing of an item that is not applied was written: no grant revoked, no account suspended in its name.
  const orphans = () =>
    count(
      `SELECT count(*)::int AS n FROM audit_events e JOIN access_review_items i ON i.id::text = e.details->>'itemId'
       WHERE e.details->>'reviewId' = $1 AND i.applied_at IS NULL`,
      [reviewId],
    );
  expect(await orphans()).toBe(0);

  await console1.restart();
  // Closing again resumes (the restarted sweeper may be on it too: either way each item is applied once).
  const answer = await close();
  expect(answer.status).toBeLessThan(500);
  await readProgress(answer, () => false);
  await eventually(async () => ((await applied()) === total ? true : undefined), 60_000, "every item to be applied");
  expect(await events()).toBe(total);
  const perItem = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM audit_events WHERE action = 'review.item_applied' AND details->>'reviewId' = $1 GROUP BY details->>'itemId' HAVING count(*) > 1",
    [reviewId],
  );
  expect(perItem).toEqual([]);
  expect(await count("SELECT count(*)::int AS n FROM audit_events WHERE action = 'review.applied' AND target_id = $1", [reviewId])).toBe(1);
  const twice = await db.query(
    `SELECT details->>'itemId', count(*) FROM audit_events WHERE details->>'reviewId' = $1 AND action IN ('account.suspended', 'account.sessions_ended')
     GROUP BY 1 HAVING count(*) > 1`,
    [reviewId],
  );
  expect(twice).toEqual([]);
  expect(
    await count("SELECT count(*)::int AS n FROM audit_events WHERE details->>'reviewId' = $1 AND action = 'account.suspended'", [reviewId]),
  ).toBeGreaterThan(half / 2);
});
