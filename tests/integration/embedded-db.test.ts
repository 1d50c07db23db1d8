import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/server/db";

// PGlite-only behaviour: a data directory on disk, kept across restarts, opened by one process at a time.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ocn-pglite-"));
const dataDir = path.join(dir, "nested", "pglite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function checkFromAnotherProcess() {
  return spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db.ts", "check"], {
    env: { ...process.env, PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("embedded database", () => {
  it("creates missing folders, applies the migrations as Prisma records them and keeps data across restarts", async () => {
    const first = await openPglite(dataDir);
    await first.prisma.organization.create({ data: { name: "再起動テスト株式会社", customerNumber: "R000000001" } });
    const migrations = await first.sql.rows<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`,
    );
    const folders = fs.readdirSync("prisma/migrations").filter((f) => fs.statSync(path.join("prisma/migrations", f)).isDirectory()).sort();
    expect(migrations.map((m) => m.migration_name)).toEqual(folders);
    const sql = fs.readFileSync(path.join("prisma/migrations", folders[0]!, "migration.sql"));
    expect(migrations[0]!.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
    await first.close();

    const second = await openPglite(dataDir);
    expect(await second.prisma.organization.count({ where: { customerNumber: "R000000001" } })).toBe(1);
    expect(await second.sql.rows(`SELECT 1 FROM _prisma_migrations`)).toHaveLength(folders.length);
    await second.close();
  });

  it("refuses a second process with one clear line while the directory is open, and lets it in afterwards", async () => {
    const holder = await openPglite(dataDir);
    const refused = checkFromAnotherProcess();
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toMatch(new RegExp(`^error: The embedded database in .+ is already open in process ${process.pid}\\.`));
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    await holder.close();
    const allowed = checkFromAnotherProcess();
    expect(allowed.status, allowed.stderr).toBe(0);
  });

  it("treats a lock left by a dead process as stale", async () => {
    fs.writeFileSync(`${dataDir}.lock`, "999999 1");
    const d = await openPglite(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toMatch(new RegExp(`^${process.pid} `));
    await d.close();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
