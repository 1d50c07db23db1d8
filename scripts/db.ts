// npm run db:migrate | db:seed — apply migrations, or migrations plus the demo data, to the configured database.
import { openConfigured, DatabaseOpenError } from "@/lib/server/db";
import { EnvError } from "@/lib/server/env";
import { seedDemo } from "@/prisma/seed";
import { printCredentials } from "./lib/credentials";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed" && command !== "check") {
  console.error("usage: tsx --conditions=react-server scripts/db.ts migrate|seed|check");
  process.exit(2);
}

try {
  const database = await openConfigured({ migrate: command !== "check" });
  try {
    if (command === "seed") {
      const started = Date.now();
      const result = await seedDemo(database.prisma);
      console.log(result.seeded ? `Demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s.` : "Demo data already present; nothing seeded.");
      printCredentials(result.credentials);
    } else if (command === "migrate") {
      console.log(`Migrations applied (${database.kind}).`);
    }
  } finally {
    await database.close();
  }
} catch (e) {
  if (e instanceof DatabaseOpenError || e instanceof EnvError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
