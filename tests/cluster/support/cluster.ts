// Several real console processes (scripts/serve.mjs, the production build) on one PostgreSQL database: the harness of
// the scale-out, fault and bad-input suites. Each test file copies the seeded template database (global-setup.ts), starts
// the instances it needs on ports of its own and talks to them over HTTP as browsers and other services do.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { inject } from "vitest";
import pg from "pg";
import { totpCode } from "@/lib/policy/totp";
import { freePort, withDatabase } from "@/scripts/lib/bench-server";
import { demoTotpSecret } from "@/prisma/demo-totp";

declare module "vitest" {
  export interface ProvidedContext {
    clusterServerUrl: string;
    clusterTemplate: string;
    clusterAppRole: string;
  }
}

/** Every instance of a run shares these, as the README asks of several instances. */
export const SHARED_SECRETS = {
  NEXTAUTH_SECRET: "cluster-tests-session-secret-0123456789abcdef",
  TOTP_ENCRYPTION_KEY: "7c1f0a4b9d2e8f3a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
} as const;

export interface ClusterDatabase {
  name: string;
  /** The tables' owner: for looking behind the console's back. */
  ownerUrl: string;
  /** The application's role (row-level security applies): what the instances connect as. */
  appUrl: string;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

export async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of this file's own: a copy of the template the global set-up migrated and seeded with the demo data. */
export async function createClusterDatabase(): Promise<ClusterDatabase> {
  const serverUrl = inject("clusterServerUrl");
  // Named after the run's template, so the run's clean-up finds the copies a crashed file left behind.
  const template = inject("clusterTemplate");
  const name = `${template.replace(/_template$/, "")}_${crypto.randomBytes(5).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const ownerUrl = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  return {
    name,
    ownerUrl,
    appUrl: withDatabase(serverUrl, name, inject("clusterAppRole")),
    query: async <T>(sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows as T[],
    async drop() {
      await pool.end();
      await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export interface Instance {
  name: string;
  url: string;
  /** Everything the process printed (the last 200 kB). */
  output(): string;
  /** SIGKILL: no clean-up, as a crashed machine or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
  /** A new process on the same port and settings (after kill or stop). */
  restart(): Promise<void>;
  running(): boolean;
}

export interface InstanceOptions {
  name?: string;
  /** Extra or overriding environment (SWEEP_INTERVAL_SECONDS, SMTP_URL, DATABASE_URL, …). */
  env?: Record<string, string>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r()));

/** Starts `node scripts/serve.mjs` (the production build) against the database, as `npm start` does, and waits until it is ready. */
export async function startInstance(database: Pick<ClusterDatabase, "appUrl">, options: InstanceOptions = {}): Promise<Instance> {
  const port = await freePort();
  const name = options.name ?? `instance-${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: database.appUrl,
    // The tests speak for many clients: X-Forwarded-For from the loopback counts, as behind a load balancer.
    TRUSTED_PROXIES: "127.0.0.1",
    SWEEP_INTERVAL_SECONDS: "0",
    ...SHARED_SECRETS,
    ...options.env,
  };
  delete env.NEXTAUTH_URL;
  delete env.TEST_DATABASE_URL;
  delete env.VITEST;
  let child: ChildProcess | undefined;
  let output = "";
  const launch = async () => {
    const started = spawn(process.execPath, ["scripts/serve.mjs"], {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    // What this process printed: the banner of an earlier one must not count as this one being ready.
    let mine = "";
    const onData = (chunk: Buffer) => {
      mine = (mine + chunk.toString()).slice(-20_000);
      output = (output + chunk.toString()).slice(-200_000);
    };
    started.stdout!.on("data", onData);
    started.stderr!.on("data", onData);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${name} not ready after 90 s:\n${output.slice(-4000)}`)), 90_000);
      const poll = setInterval(() => {
        if (mine.includes("OCN Business Console ready on")) {
          clearTimeout(timer);
          clearInterval(poll);
          resolve();
        }
      }, 50);
      started.once("exit", (code, signal) => {
        clearTimeout(timer);
        clearInterval(poll);
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.slice(-4000)}`));
      });
    });
  };
  const signal = async (sig: NodeJS.Signals) => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    try {
      process.kill(-c.pid!, sig);
    } catch {
      // already gone
    }
    await exited(c);
  };
  await launch();
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    kill: () => signal("SIGKILL"),
    async stop() {
      const timer = setTimeout(() => void signal("SIGKILL"), 5_000);
      await signal("SIGTERM");
      clearTimeout(timer);
    },
    async restart() {
      await signal("SIGKILL");
      await launch();
    },
    running: () => !!child && child.exitCode === null && child.signalCode === null,
  };
}

/** The demo account's one-time code; `step` 1 is the next 30-second window's (a code is accepted once). */
export function demoOtp(loginId: string, step = 0): string {
  return totpCode(demoTotpSecret(loginId), new Date(), step);
}

export const DEMO_PASSWORD = "Demo-Console-2026!";
export const DEMO_ORG = "N240112345";

/** Polls until `check` returns a value that is not undefined, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000, what = "condition"): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

/** Signs a demo account in through the real forms of `url` (password, then the one-time code); the session's Cookie header. */
export async function signInAs(url: string, loginId: string, step = 0): Promise<string> {
  const { fetchSignInForm, signInThroughForms } = await import("@/scripts/lib/http-forms");
  const { cookie } = await signInThroughForms(url, await fetchSignInForm(url), loginId, DEMO_PASSWORD, () => demoOtp(loginId, step));
  return cookie;
}

/** Reads an NDJSON progress answer line by line; `onLine` may return true to stop reading (the caller then kills). */
export async function readProgress(response: Response, onLine: (line: Record<string, unknown>) => boolean | void): Promise<Record<string, unknown>[]> {
  const lines: Record<string, unknown>[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf("\n")) >= 0) {
        const line = JSON.parse(buffer.slice(0, at)) as Record<string, unknown>;
        buffer = buffer.slice(at + 1);
        lines.push(line);
        if (onLine(line)) {
          await reader.cancel().catch(() => {});
          return lines;
        }
      }
    }
  } catch {
    // The server went away mid-answer (the fault tests kill it): what arrived is the answer.
  }
  return lines;
}

export { freePort };
