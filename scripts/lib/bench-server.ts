// The production server for the bench: build when missing, start in its own process group, sign in through the no-JS form.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface BenchServer {
  url: string;
  stop(): Promise<void>;
  /** The end of what the server printed, for error messages. */
  output(): string;
}

export async function buildIfMissing(root: string, log: (line: string) => void): Promise<void> {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (fs.existsSync(buildId)) return;
  log("No production build (.next/BUILD_ID): running `npx next build`…");
  // The build's output goes to stderr: stdout belongs to the results.
  const result = spawnSync("npx", ["next", "build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  process.stderr.write(result.stdout + result.stderr);
  if (result.status === 0) return;
  if (/Another next build process is already running/.test(result.stdout + result.stderr)) {
    log("Another `next build` is running here; waiting up to 3 minutes for its .next/BUILD_ID…");
    for (let waited = 0; waited < 180_000 && !fs.existsSync(buildId); waited += 2_000) await new Promise((r) => setTimeout(r, 2_000));
    if (fs.existsSync(buildId)) return;
  }
  throw new Error(`next build failed (exit ${result.status ?? result.signal})`);
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

/** A TCP port nobody listens on right now, on the loopback. */
export function freePort(): Promise<number> {
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

/**
 * Starts scripts/serve.mjs on an embedded database the caller has already seeded and closed. `spawned` receives the
 * stop function as soon as the process exists, so an interruption during start-up can still end it.
 */
export async function startServer(
  root: string,
  pgliteDir: string,
  log: (line: string) => void,
  spawned: (stop: () => Promise<void>) => void = () => {},
): Promise<BenchServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    PGLITE_DATA_DIR: pgliteDir,
    // A session key of its own, so the server never reads or writes the developer's .data/auth-secret. The TOTP key
    // comes from the caller's environment: it sealed the seeded secrets with it.
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    NODE_ENV: "production",
  };
  if (!env.TOTP_ENCRYPTION_KEY) throw new Error("startServer needs TOTP_ENCRYPTION_KEY set, or the server would use the developer's key file");
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
  spawned(stop);
  const url = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`server not ready after 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
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
  return { url, stop, output: () => output };
}

/** The same PostgreSQL server's URL for another database (and, when given, another role without a password). */
export function withDatabase(serverUrl: string, name: string, user?: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (user) {
    url.username = user;
    url.password = "";
  }
  return url.toString();
}
