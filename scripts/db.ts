// npm run db:migrate | db:seed [-- --scale large [--accounts N] [--lines N] [--events N]] | db:app-role — apply migrations, add the demo data, or create the application's role (PostgreSQL).
import { parseArgs } from "node:util";
import { AppRoleError, ensureAppRole } from "@/lib/server/app-role";
import { openConfigured, DatabaseOpenError } from "@/lib/server/db";
import { env, EnvError } from "@/lib/server/env";
import { seedDemo } from "@/prisma/seed";
import { printCredentials } from "./lib/credentials";
import { largeSignInIds, LargeSeedError, seedLarge } from "./lib/seed-large";

const commands = ["migrate", "seed", "check", "app-role"] as const;
const usage = `usage: tsx --conditions=react-server scripts/db.ts ${commands.join("|")} [--scale default|large [--accounts N] [--lines N] [--events N]]`;
let command: (typeof commands)[number];
let large: { accounts?: number; lines?: number; events?: number } | null = null;
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { scale: { type: "string", default: "default" }, accounts: { type: "string" }, lines: { type: "string" }, events: { type: "string" } },
  });
  command = positionals[0] as (typeof commands)[number];
  if (!commands.includes(command) || positionals.length > 1) throw new Error(`unknown command: ${positionals.join(" ") || "(none)"}`);
  if (values.scale !== "default" && values.scale !== "large") throw new Error(`--scale is default or large, not ${values.scale}`);
  const count = (name: "accounts" | "lines" | "events") => {
    const text = values[name]?.replace(/_/g, "");
    if (text === undefined) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`--${name} takes a whole number above 0, not ${values[name]}`);
    return Number(text);
  };
  const sizes = { accounts: count("accounts"), lines: count("lines"), events: count("events") };
  if (command !== "seed" && (values.scale !== "default" || Object.values(sizes).some((v) => v !== undefined))) throw new Error(`--scale and the sizes go with seed, not ${command}`);
  if (values.scale === "large") large = sizes;
  else if (Object.values(sizes).some((v) => v !== undefined)) throw new Error("--accounts, --lines and --events go with --scale large");
} catch (e) {
  console.error(`${(e as Error).message}\n${usage}`);
  process.exit(2);
}

try {
  // Everything but `check` connects as the tables' owner (MIGRATION_DATABASE_URL when set) and migrates first.
  const database = await openConfigured({ migrate: command !== "check" });
  try {
    if (command === "seed" && large) {
      console.log(`Seeding the large demo (${database.kind})…`);
      const result = await seedLarge(database, { ...large, log: (line) => console.log(line) });
      const figures = `${result.accounts.toLocaleString("en")} accounts, ${result.lines.toLocaleString("en")} lines, ${result.events.toLocaleString("en")} audit events in 株式会社みなと商事`;
      console.log(result.seeded ? `Large demo seeded in ${result.timings.total} s: ${figures}.` : `Large demo already present (${figures}); nothing seeded.`);
      printCredentials(result.credentials);
      console.log(`Bulk accounts (${largeSignInIds(2).join(", ")}, …) share the demo password; npm run demo:otp prints their codes too.`);
    } else if (command === "seed") {
      const started = Date.now();
      const result = await seedDemo(database.prisma);
      console.log(result.seeded ? `Demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.` : "Demo data already present; nothing seeded.");
      printCredentials(result.credentials);
    } else if (command === "migrate") {
      console.log(`Migrations applied (${database.kind}).`);
      if (database.rowLevelSecurity) {
        console.warn(
          "warning: this role is subject to row-level security (neither superuser nor BYPASSRLS): the organization lookups " +
            "it owns find nothing and data migrations see no rows. Migrate as a superuser or a role with BYPASSRLS.",
        );
      }
    } else if (command === "app-role") {
      if (database.kind !== "postgres") throw new AppRoleError("db:app-role is for PostgreSQL (set DATABASE_URL); the embedded PGlite runs as a superuser.");
      const { APP_DATABASE_ROLE: role, APP_DATABASE_PASSWORD: password } = env();
      await ensureAppRole(database.sql, role, password);
      console.log(`Role ${role} is ready: LOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing; reads and writes rows under row-level security.`);
      console.log(
        `Run the console with DATABASE_URL=postgresql://${role}${password ? ":…" : ""}@host:5432/db and keep the owner in ` +
          "MIGRATION_DATABASE_URL for db:migrate, db:seed and this command.",
      );
    }
  } finally {
    await database.close();
  }
} catch (e) {
  if (e instanceof DatabaseOpenError || e instanceof EnvError || e instanceof AppRoleError || e instanceof LargeSeedError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
