// Every row one organization owns, read straight from the catalog: each table with an organization_id column, the
// tables that hang off those by a foreign key (role permissions, backup codes, …) and the organization's own row.
// A table added later is included without a change here. Tests compare two snapshots to prove nothing changed.
import type { Db } from "@/lib/server/db";

/** Rows as JSON text per table, sorted, so two snapshots compare byte for byte. */
export type TenantSnapshot = Map<string, string[]>;

// Columns that move on their own while a session is used (authorize() touches last_seen_at once a minute).
const VOLATILE: Record<string, string[]> = { sessions: ["last_seen_at"] };

let cachedSql: string | undefined;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function snapshotSql(prisma: Db): Promise<string> {
  if (cachedSql) return cachedSql;
  // Partitions are read through their parent; views are not tables of their own. Catalog names are cast to text:
  // the pg driver adapter cannot read the `name` type (prisma/orm#27403).
  const tenantTables = await prisma.$queryRawUnsafe<{ table: string }[]>(`
    SELECT c.relname::text AS table FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND a.attname = 'organization_id' AND NOT a.attisdropped
      AND c.relkind IN ('r', 'p') AND NOT c.relispartition
    ORDER BY 1`);
  const tenant = new Set(tenantTables.map((r) => r.table));
  const links = await prisma.$queryRawUnsafe<{ child: string; column: string; parent: string; parent_column: string }[]>(`
    SELECT child.relname::text AS child, ca.attname::text AS column, parent.relname::text AS parent, pa.attname::text AS parent_column
    FROM pg_constraint con
    JOIN pg_class child ON child.oid = con.conrelid JOIN pg_namespace n ON n.oid = child.relnamespace
    JOIN pg_class parent ON parent.oid = con.confrelid
    JOIN pg_attribute ca ON ca.attrelid = con.conrelid AND ca.attnum = con.conkey[1]
    JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[1]
    WHERE con.contype = 'f' AND n.nspname = current_schema() AND cardinality(con.conkey) = 1
      AND child.relkind IN ('r', 'p') AND NOT child.relispartition
    ORDER BY 1, 2`);
  const rowText = (table: string) => {
    const drop = (VOLATILE[table] ?? []).map((c) => ` - '${c}'`).join("");
    return `(to_jsonb(r)${drop})::text`;
  };
  const selects = [`SELECT 'organizations' AS t, ${rowText("organizations")} AS row FROM organizations r WHERE r.id = $1::uuid`];
  for (const table of tenant) {
    selects.push(`SELECT '${table}' AS t, ${rowText(table)} AS row FROM ${ident(table)} r WHERE r.organization_id = $1::uuid`);
  }
  const dependents = new Map<string, string[]>();
  for (const link of links) {
    if (tenant.has(link.child) || link.child === "organizations" || !tenant.has(link.parent)) continue;
    const condition = `r.${ident(link.column)} IN (SELECT p.${ident(link.parent_column)} FROM ${ident(link.parent)} p WHERE p.organization_id = $1::uuid)`;
    dependents.set(link.child, [...(dependents.get(link.child) ?? []), condition]);
  }
  for (const [table, conditions] of dependents) {
    selects.push(`SELECT '${table}' AS t, ${rowText(table)} AS row FROM ${ident(table)} r WHERE ${conditions.join(" OR ")}`);
  }
  cachedSql = selects.join("\nUNION ALL\n");
  return cachedSql;
}

/** The tables a snapshot reads (tenant tables, their dependents, organizations): for a test that they are all there. */
export async function snapshotTables(prisma: Db): Promise<string[]> {
  const sql = await snapshotSql(prisma);
  return [...sql.matchAll(/SELECT '([^']+)' AS t/g)].map((m) => m[1]!);
}

export async function tenantSnapshot(prisma: Db, organizationId: string): Promise<TenantSnapshot> {
  const rows = await prisma.$queryRawUnsafe<{ t: string; row: string }[]>(await snapshotSql(prisma), organizationId);
  const out: TenantSnapshot = new Map();
  for (const { t, row } of rows) out.set(t, [...(out.get(t) ?? []), row]);
  for (const list of out.values()) list.sort();
  return out;
}

/** What differs between two snapshots, one line per table (empty when they are equal). */
export function snapshotDiff(before: TenantSnapshot, after: TenantSnapshot): string[] {
  const lines: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = new Set(before.get(table) ?? []);
    const b = new Set(after.get(table) ?? []);
    const removed = [...a].filter((r) => !b.has(r));
    const added = [...b].filter((r) => !a.has(r));
    if (removed.length === 0 && added.length === 0) continue;
    const show = (rows: string[]) => rows.slice(0, 2).map((r) => (r.length > 400 ? `${r.slice(0, 400)}…` : r)).join(" | ");
    lines.push(`${table}: ${removed.length} row(s) gone or changed [${show(removed)}], ${added.length} new or changed [${show(added)}]`);
  }
  return lines;
}

/** Every string value in a snapshot's rows (nested JSON too), for telling one organization's data from another's. */
export function snapshotStrings(snapshot: TenantSnapshot): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  for (const rows of snapshot.values()) for (const row of rows) walk(JSON.parse(row));
  return out;
}
