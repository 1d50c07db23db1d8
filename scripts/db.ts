// npm run db:migrate | db:seed | db:app-role — apply migrations, add the demo data, or create the application's role (PostgreSQL).
import { AppRoleError, ensureAppRole } from "@/lib/server/app-role";
import { openConfigured, DatabaseOpenError } from "@/lib/server/db";
import { env, EnvError } from "@/lib/server/env";
import { seedDemo } from "@/prisma/seed";
import { printCredentials } from "./lib/credentials";

const commands = ["migrate", "seed", "check", "app-role"] as const;
const command = process.argv[2] as (typeof commands)[number];
if (!commands.includes(command)) {
  console.error(`usage: tsx --conditions=react-server scripts/db.ts ${commands.join("|")}`);
  process.exit(2);
}

try {
  // Everything but `check` connects as the tables' owner (MIGRATION_DATABASE_URL when set) and migrates first.
  const database = await openConfigured({ migrate: command !== "check" });
  try {
    if (command === "seed") {
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
  if (e instanceof DatabaseOpenError || e instanceof EnvError || e instanceof AppRoleError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
