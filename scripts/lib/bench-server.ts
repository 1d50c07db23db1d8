// The production server for the bench: build when missing, start in its own process group, sign in through the no-JS form.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
}

export function buildIfMissing(root: string, log: (line: string) => void): void {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  log("No production build (.next/BUILD_ID): running `npx next build`…");
  // The build's own output goes to stderr too: stdout belongs to the results.
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: ["ignore", process.stderr, process.stderr] });
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === "generated" || entry.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** True when a source the build depends on changed after .next/BUILD_ID was written. */
export function buildIsStale(root: string): boolean {
  const built = fs.statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["app", "components", "lib", "proxy.ts", "next.config.mjs"].map((s) => newestMtime(path.join(root, s)));
  return built < Math.max(...sources);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", () => r()));
}

/** Starts scripts/serve.mjs on an embedded database the caller has already seeded and closed. */
export async function startServer(root: string, pgliteDir: string, log: (line: string) => void): Promise<BenchServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: pgliteDir,
    // Keys of its own, so the server never reads or writes the developer's key files under .data/.
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    TOTP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_URL;
  const child = spawn(process.execPath, ["scripts/serve.mjs"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid;
  if (pid === undefined) throw new Error("could not start scripts/serve.mjs");
  let output = "";
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // already gone
        }
      }, 5_000);
      await exited(child);
      clearTimeout(timer);
    }
  };
  // The banner may name localhost; the server listens on 127.0.0.1 only, so the bench talks to that.
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server not ready after 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("OCN Business Console ready on")) {
        clearTimeout(timeout);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timeout);
      reject(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  child.stdout!.resume();
  child.stderr!.resume();
  log(`server ready on ${url} (pid ${pid})`);
  return { url, stop };
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The hidden inputs of the page's first <form>: React's server-action fields and callbackUrl. */
export function hiddenInputs(html: string): [string, string][] {
  const form = /<form\b[\s\S]*?<\/form>/i.exec(html)?.[0];
  if (!form) throw new Error("no <form> on the sign-in page");
  const fields: [string, string][] = [];
  for (const input of form.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/\btype="hidden"/i.test(input)) continue;
    const name = /\bname="([^"]*)"/i.exec(input)?.[1];
    if (name === undefined) continue;
    fields.push([decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/i.exec(input)?.[1] ?? "")]);
  }
  if (!fields.some(([name]) => name.startsWith("$ACTION"))) throw new Error("the sign-in form carries no server-action fields");
  return fields;
}

export async function fetchSignInForm(url: string): Promise<[string, string][]> {
  const page = await fetch(`${url}/sign-in`, { redirect: "manual" });
  if (page.status !== 200) throw new Error(`GET /sign-in answered ${page.status}`);
  return hiddenInputs(await page.text());
}

export interface SignInAnswer {
  /** "session": signed in; "step": sent on to the next sign-in step (second factor, enrolment, password change). */
  reached: "session" | "step";
  location: string;
}

/**
 * POSTs the password form as a browser without JavaScript would. Passing answers 303 with a cookie: the session, or
 * the challenge of the next step under /sign-in/; anything else (a refusal renders the page with role="alert") throws.
 */
export async function postSignIn(url: string, fields: [string, string][], loginId: string, password: string): Promise<SignInAnswer> {
  const body = new FormData();
  for (const [name, value] of fields) body.append(name, value);
  body.append("loginId", loginId);
  body.append("password", password);
  const response = await fetch(`${url}/sign-in`, { method: "POST", body, redirect: "manual" });
  const text = await response.text();
  const location = response.headers.get("location") ?? "";
  const cookies = response.headers.getSetCookie();
  if (response.status === 303 && cookies.some((c) => c.startsWith("ocn.session-token="))) return { reached: "session", location };
  if (response.status === 303 && cookies.length > 0 && new URL(location, url).pathname.startsWith("/sign-in/")) return { reached: "step", location };
  const refused = /role="alert"/.test(text) ? " (the page shows an alert: sign-in refused)" : "";
  throw new Error(`POST /sign-in for ${loginId} answered ${response.status} ${location} without a session or next step${refused}`);
}
