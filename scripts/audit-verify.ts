// npm run audit:verify [-- --org <customer number or id>] — recomputes each organization's audit hash chain and records
// the result for the audit page's badge; exit 1 if any is broken.
import { parseArgs } from "node:util";
import { recordChainCheck } from "@/lib/server/audit/chain-checks";
import { verifyChain, type ChainVerification } from "@/lib/server/audit/verify-chain";
import { DatabaseOpenError, openConfigured, setProcessDatabase } from "@/lib/server/db";
import { EnvError } from "@/lib/server/env";
import { asSystem, withOrganization } from "@/lib/server/tenant-context";
import { forEachOrganization, organizationOf } from "@/lib/server/tenant-lookup";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PROBLEMS = {
  hash_mismatch: "its content differs from what was chained (changed after it was written)",
  broken_link: "it does not link to the event before it (an event was changed, inserted or rewritten)",
  missing: "events before it are missing (deleted)",
} as const;

function describe(label: string, r: ChainVerification): string {
  const from = r.anchorSeq !== null ? `, from anchor #${r.anchorSeq} (older partitions dropped by retention)` : "";
  if (r.ok) return `ok      ${label}: ${r.checked.toLocaleString("en")} events verified${from}`;
  const b = r.firstBroken!;
  const where =
    b.id === null
      ? `the newest events from #${b.chainSeq} on are missing (deleted)`
      : `event ${b.id} (#${b.chainSeq ?? "?"}, ${b.occurredAt?.toISOString() ?? "?"}, ${b.action}): ${PROBLEMS[b.problem]}`;
  return `BROKEN  ${label}: ${where}; ${r.checked.toLocaleString("en")} events verified before it${from}`;
}

let args: { org?: string };
try {
  args = parseArgs({ options: { org: { type: "string" } } }).values;
} catch (e) {
  console.error(`${(e as Error).message}\nusage: npm run audit:verify [-- --org <customer number or organization id>]`);
  process.exit(2);
}

try {
  const database = await openConfigured();
  setProcessDatabase(database);
  const prisma = database.prisma;
  let broken = 0;
  const verifyOrganization = async (id: string) => {
    const org = await prisma.organization.findUnique({ where: { id }, select: { customerNumber: true, name: true } });
    const result = await verifyChain(prisma, id);
    // The audit page's badge goes on from this walk (lib/server/audit/chain-checks.ts).
    await withOrganization(id, () => recordChainCheck(prisma, id, result));
    if (!result.ok) broken += 1;
    console.log(describe(`${org?.customerNumber ?? id} ${org?.name ?? ""}`.trim(), result));
  };
  try {
    if (args.org) {
      const id = UUID.test(args.org) ? args.org : await organizationOf("customerNumber", args.org.trim());
      if (!id) {
        console.error(`error: no organization with customer number or id "${args.org}"`);
        process.exit(1);
      }
      await withOrganization(id, () => verifyOrganization(id));
    } else {
      await forEachOrganization(verifyOrganization);
      const nobody = await asSystem(() => verifyChain(prisma, null));
      if (!nobody.ok) broken += 1;
      if (nobody.ok && nobody.checked === 0) console.log("ok      (no organization): no events");
      else console.log(describe("(no organization)", nobody));
    }
  } finally {
    await database.close();
  }
  process.exit(broken > 0 ? 1 : 0);
} catch (e) {
  if (e instanceof DatabaseOpenError || e instanceof EnvError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
