// Two console processes on one PostgreSQL database behave as one console: a session made on one works on the other and
// ends on both, an attack split across them is counted exactly, and the sweepers (both running every second) record and
// notify each thing once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchForm, fetchSignInForm, formFields, postForm, type Answer } from "@/scripts/lib/http-forms";
import { createClusterDatabase, DEMO_ORG, DEMO_PASSWORD, demoOtp, eventually, startInstance, type ClusterDatabase, type Instance } from "./support/cluster";
import { startSmtpSink, type SmtpSink } from "./support/smtp-sink";

let db: ClusterDatabase;
let sink: SmtpSink;
let a: Instance;
let b: Instance;
let orgId: string;

beforeAll(async () => {
  db = await createClusterDatabase();
  sink = await startSmtpSink();
  const env = { SWEEP_INTERVAL_SECONDS: "1", SMTP_URL: sink.url };
  [a, b] = await Promise.all([startInstance(db, { name: "A", env }), startInstance(db, { name: "B", env })]);
  const [org] = await db.query<{ id: string }>("SELECT id::text FROM organizations WHERE customer_number = $1", [DEMO_ORG]);
  orgId = org!.id;
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sink?.close();
  await db?.drop();
});

const jar = (answer: Answer) => [...answer.cookies].map(([name, value]) => `${name}=${value}`).join("; ");

async function page(instance: Instance, path: string, cookie: string): Promise<{ status: number; location: string; html: string }> {
  const response = await fetch(`${instance.url}${path}`, {
    redirect: "manual",
    headers: { cookie },
  });
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    html: await response.text(),
  };
}

describe("sessions", () => {
  it("the password on A, the one-time code on B; the session works on both and signing out on A ends it on B", async () => {
    const loginId = "accounts@minato-shoji.example.jp";
    const first = await postForm(a.url, "/sign-in", await fetchSignInForm(a.url), { loginId, password: DEMO_PASSWORD });
    expect(first.status).toBe(303);
    expect(new URL(first.location, a.url).pathname).toBe("/sign-in/verify");
    const challenge = jar(first);
    const verify = await postForm(
      b.url,
      "/sign-in/verify",
      await fetchForm(b.url, "/sign-in/verify", "code", challenge),
      { code: demoOtp(loginId) },
      challenge,
    );
    expect(verify.status).toBe(303);
    const cookie = jar(verify);
    expect(cookie).toMatch(/session-token=[^;]+/);

    for (const instance of [a, b]) {
      const accounts = await page(instance, "/accounts", cookie);
      expect(accounts.status, `${instance.name} /accounts`).toBe(200);
      expect(accounts.html).toContain("アカウント");
    }

    const home = await page(a, "/accounts", cookie);
    const signOut = await postForm(
      a.url,
      "/accounts",
      formFields(home.html, (f) => f.includes("サインアウト"), "the sign-out button"),
      {},
      cookie,
    );
    expect(signOut.status).toBeLessThan(400);
    for (const instance of [b, a]) {
      const after = await page(instance, "/accounts", cookie);
      expect(after.status, `${instance.name} after sign-out`).toBeGreaterThanOrEqual(300);
      expect(after.status).toBeLessThan(400);
      expect(new URL(after.location, instance.url).pathname).toBe("/sign-in");
    }
    const [session] = await db.query<{ revoked: boolean }>(
      "SELECT revoked_at IS NOT NULL AS revoked FROM sessions s JOIN accounts x ON x.id = s.account_id WHERE x.login_id = $1 ORDER BY s.created_at DESC LIMIT 1",
      [loginId],
    );
    expect(session?.revoked).toBe(true);
  });
});

describe("lockout", () => {
  it("40 wrong passwords split across A and B, all at once: exactly the threshold counted, one lock, every attempt audited once", async () => {
    const [target] = await db.query<{
      id: string;
      login_id: string;
      lock_count: number;
    }>(
      `SELECT id::text, login_id, lock_count FROM accounts WHERE organization_id = $1 AND status = 'active' AND login_id LIKE 'm%'
         AND NOT EXISTS (SELECT 1 FROM sign_in_failures f WHERE f.account_id = accounts.id) ORDER BY login_id LIMIT 1`,
      [orgId],
    );
    expect(target).toBeDefined();
    const [policy] = await db.query<{ threshold: number }>("SELECT threshold FROM lockout_policies WHERE organization_id = $1", [orgId]);
    const threshold = policy?.threshold ?? 10;
    const [before] = await db.query<{ failures: string }>(
      "SELECT coalesce(sum(failure_count), 0)::text AS failures FROM sign_in_rollups WHERE organization_id = $1",
      [orgId],
    );

    const [{ t0 }] = (await db.query<{ t0: Date }>("SELECT now() AS t0")) as [{ t0: Date }];
    const forms = {
      A: await fetchSignInForm(a.url),
      B: await fetchSignInForm(b.url),
    };
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const instance = i % 2 === 0 ? a : b;
        return fetch(`${instance.url}/sign-in`, {
          method: "POST",
          redirect: "manual",
          // Offices of the demo organization's allowlist (210.130.45.8/29), as a load balancer would pass them on.
          headers: {
            origin: instance.url,
            "x-forwarded-for": `210.130.45.${9 + (i % 6)}`,
          },
          body: (() => {
            const body = new FormData();
            for (const [name, value] of forms[instance.name as "A" | "B"]) body.append(name, value);
            body.append("loginId", target!.login_id);
            body.append("password", `wrong-password-${i}`);
            return body;
          })(),
        }).then(async (r) => ({
          status: r.status,
          cookies: r.headers.getSetCookie().join(";"),
          body: await r.text(),
        }));
      }),
    );
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      expect(answer.cookies).not.toMatch(/session-token=[^;]/);
    }

    const reasons = await db.query<{ reason: string; n: number }>(
      `SELECT reason, count(*)::int AS n FROM audit_events WHERE action = 'auth.sign_in' AND outcome = 'failure' AND target_id = $1 AND occurred_at >= $2 GROUP BY reason`,
      [target!.id, t0],
    );
    const byReason = Object.fromEntries(reasons.map((r) => [r.reason, r.n]));
    expect(byReason).toEqual({
      bad_password: threshold,
      locked: 40 - threshold,
    });
    const [locks] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'account.locked' AND target_id = $1", [
      target!.id,
    ]);
    expect(locks!.n).toBe(1);
    const [after] = await db.query<{ status: string; lock_count: number }>("SELECT status, lock_count FROM accounts WHERE id = $1", [target!.id]);
    expect(after).toEqual({
      status: "locked",
      lock_count: target!.lock_count + 1,
    });
    // The rollups moved by exactly the 40 failures: each event counted once, by whichever process moved the cursor.
    await eventually(
      async () => {
        const [now] = await db.query<{ failures: string }>(
          "SELECT coalesce(sum(failure_count), 0)::text AS failures FROM sign_in_rollups WHERE organization_id = $1",
          [orgId],
        );
        return BigInt(now!.failures) - BigInt(before!.failures) === 40n ? true : undefined;
      },
      10_000,
      "the rollups to count the 40 failures",
    );
  });
});

describe("sweepers and notices", () => {
  it("grants that end while both instances sweep every second: one audit event and one mail per recipient, each sent once", async () => {
    const holders = await db.query<{ id: string }>(
      `SELECT a.id::text FROM accounts a WHERE a.organization_id = $1 AND a.status = 'active' AND a.login_id LIKE 's%' ORDER BY a.login_id LIMIT 5`,
      [orgId],
    );
    expect(holders).toHaveLength(5);
    const [granter] = await db.query<{ id: string }>("SELECT id::text FROM accounts WHERE login_id = 'admin@minato-shoji.example.jp'");
    const [role] = await db.query<{ id: string }>("SELECT id::text FROM roles WHERE organization_id = $1 AND key = 'line_operator'", [orgId]);
    const [{ t0 }] = (await db.query<{ t0: Date }>("SELECT now() AS t0")) as [{ t0: Date }];
    const grants = await db.query<{ id: string }>(
      `INSERT INTO role_grants (organization_id, account_id, role_id, granted_by_id, reason, starts_at, ends_at)
       SELECT $1, h, $2, $3, 'cluster test', now() - interval '1 day', now() + interval '2 seconds' FROM unnest($4::uuid[]) AS h
       RETURNING id::text`,
      [orgId, role!.id, granter!.id, holders.map((h) => h.id)],
    );
    const ids = grants.map((g) => g.id);

    await eventually(
      async () => {
        const [open] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM role_grants WHERE id = ANY($1::uuid[]) AND expiry_recorded_at IS NULL", [
          ids,
        ]);
        return open!.n === 0 ? true : undefined;
      },
      30_000,
      "both sweepers to record the ended grants",
    );
    // A few more rounds of both sweepers: nothing may be recorded or sent twice.
    await new Promise((r) => setTimeout(r, 4_000));

    const events = await db.query<{ grant_id: string; n: number }>(
      `SELECT details->>'grantId' AS grant_id, count(*)::int AS n FROM audit_events WHERE action = 'grant.expired' AND details->>'grantId' = ANY($1) GROUP BY 1`,
      [ids],
    );
    expect(events.map((e) => e.n)).toEqual([1, 1, 1, 1, 1]);

    const mails = await db.query<{ id: string; to: string; sent: boolean }>(
      `SELECT id::text, "to", sent_at IS NOT NULL AS sent FROM mail_messages WHERE organization_id = $1 AND subject LIKE '%期限付き権限%' AND created_at >= $2`,
      [orgId, t0],
    );
    // The holder and the granter each get one mail per ended grant.
    expect(mails).toHaveLength(10);
    expect(mails.every((m) => m.sent)).toBe(true);
    for (const mail of mails) {
      const copies = sink.received.filter((r) => r.messageId === mail.id);
      expect(copies, `mail ${mail.id} to ${mail.to}`).toHaveLength(1);
      expect(copies[0]!.to).toEqual([mail.to]);
    }
  });

  it("across everything the two instances did: no message reached the SMTP server twice, none sent is missing there", async () => {
    // The lockout above raised an alert: its notices went out through the kick or the sweeper of either instance.
    await eventually(
      async () => {
        const [pending] = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM alert_deliveries WHERE channel = 'mail' AND delivered_at IS NULL AND created_at > now() - interval '10 minutes'",
        );
        return pending!.n === 0 ? true : undefined;
      },
      30_000,
      "the alert notices to be delivered",
    );
    const ids = sink.received.map((r) => r.messageId);
    expect(ids.every((id) => id !== null)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const sent = await db.query<{ id: string }>("SELECT id::text FROM mail_messages WHERE sent_at IS NOT NULL AND created_at > now() - interval '10 minutes'");
    expect(new Set(ids)).toEqual(new Set(sent.map((s) => s.id)));
    const [alerts] = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alert_deliveries WHERE channel = 'mail' AND delivered_at IS NOT NULL AND created_at > now() - interval '10 minutes'",
    );
    expect(alerts!.n).toBeGreaterThan(0);
  });

  it("the scheduled work of both instances left one row per period: compliance tasks and statements", async () => {
    const duplicates = await db.query(
      `SELECT kind, period_key, count(*) FROM compliance_tasks WHERE period_key IS NOT NULL GROUP BY organization_id, kind, period_key HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    const statements = await db.query(`SELECT month, count(*) FROM statements GROUP BY organization_id, month HAVING count(*) > 1`);
    expect(statements).toEqual([]);
    const [tasks] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM compliance_tasks WHERE organization_id = $1", [orgId]);
    expect(tasks!.n).toBeGreaterThan(0);
  });
});
