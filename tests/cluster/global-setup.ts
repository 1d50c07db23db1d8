// Once per `vitest --project cluster` run: the production build (when missing or older than the sources), one template
// database migrated and seeded with the demo data, and the application's role. Each test file copies the template.
import crypto from "node:crypto";
import type { TestProject } from "vitest/node";
import { buildIfMissing, buildIsStale } from "@/scripts/lib/bench-server";
import { onServer, SHARED_SECRETS } from "./support/cluster";

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("the cluster suite needs PostgreSQL: set TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)");
  const root = process.cwd();
  const log = (line: string) => console.log(`cluster: ${line}`);
  if (process.env.CLUSTER_SKIP_BUILD !== "1") {
    if (buildIsStale(root)) {
      log("the production build is older than the sources: rebuilding");
      await import("node:fs").then((fs) => fs.rmSync(`${root}/.next/BUILD_ID`, { force: true }));
    }
    await buildIfMissing(root, log);
  }

  Object.assign(process.env, SHARED_SECRETS);
  const { openPostgres } = await import("@/lib/server/db");
  const { ensureAppRole } = await import("@/lib/server/app-role");
  const { seedDemo } = await import("@/prisma/seed");
  const tag = crypto.randomBytes(4).toString("hex");
  const template = `ocn_cluster_${tag}_template`;
  const role = `ocn_cluster_app_${tag}`;
  await onServer(serverUrl, `CREATE DATABASE ${template}`);
  const url = new URL(serverUrl);
  url.pathname = `/${template}`;
  const started = Date.now();
  const database = await openPostgres(url.toString(), { migrate: true });
  try {
    await ensureAppRole(database.sql, role);
    await seedDemo(database.prisma);
  } finally {
    await database.close();
  }
  log(`template ${template} migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide("clusterServerUrl", serverUrl);
  project.provide("clusterTemplate", template);
  project.provide("clusterAppRole", role);

  return async () => {
    // This run's copies (a crashed file leaves its own behind), the template, then the role (it owns nothing; its grants
    // go with the databases). Other runs' databases are not ours to touch.
    const client = new (await import("pg")).default.Client({
      connectionString: serverUrl,
    });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`ocn_cluster_${tag}_`]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await client.query(`DROP ROLE IF EXISTS ${role}`);
    } finally {
      await client.end();
    }
  };
}
