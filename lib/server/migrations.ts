import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// Applies prisma/migrations/*/migration.sql in name order, one transaction each, recorded in Prisma's own
// _prisma_migrations table (checksum = sha256 of the file) so `prisma migrate status` agrees both ways.

export interface SqlRunner {
  exec(sql: string): Promise<void>;
  rows<T>(sql: string): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function readMigrations(dir = path.join(process.cwd(), "prisma", "migrations")): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function pendingMigrations(db: SqlRunner, migrations = readMigrations()): Promise<Migration[]> {
  // Only when missing: the application's role (row-level security) may read the table but not create one.
  const [table] = await db.rows<{ present: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`);
  if (!table?.present) await db.exec(TABLE);
  const applied = await db.rows<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const done = new Map(applied.map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const checksum = done.get(m.name);
    if (checksum && checksum !== m.checksum) {
      throw new Error(`Migration ${m.name} was changed after it was applied (checksum differs); restore the file.`);
    }
  }
  return migrations.filter((m) => !done.has(m.name));
}

/** Applies what is pending; the caller holds whatever lock keeps two appliers apart. */
export async function applyMigrations(db: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  const pending = await pendingMigrations(db, migrations);
  for (const m of pending) {
    await db.exec(
      `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES (${literal(crypto.randomUUID())}, ${literal(m.checksum)}, ${literal(m.name)}, now(), now(), 1);\nCOMMIT;`,
    );
  }
  return pending.map((m) => m.name);
}
