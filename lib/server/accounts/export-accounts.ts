import "server-only";
import { csvLine, EXPORT_HEADINGS, formatJst, KIND_LABELS, UTF8_BOM } from "@/lib/policy/account-csv";
import { grantEndOf } from "@/lib/policy/account-import-plan";
import { listAccountsSchema, type ListAccountsInput } from "@/lib/schemas/accounts";
import ja from "@/lib/i18n/messages/ja/core.json";
import { effectivePermissions } from "../access/effective-permissions";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db, type Db } from "../db";
import { withOrganization } from "../tenant-context";
import { accountsOrderBy, accountsWhere } from "./account-list-query";

const BATCH = 500;

/**
 * The accounts the list shows for the same filters and order, as an Excel-safe CSV in the headings the import reads
 * (an export re-imports as "unchanged"). The export itself is audited with its filter and row count.
 */
export async function exportAccounts(input: ListAccountsInput): Promise<{ fileName: string; rowCount: number; chunks: AsyncGenerator<string> }> {
  const actor = await authorize("accounts", "view");
  const query = listAccountsSchema.parse(input);
  const prisma = await db();
  const now = new Date();
  const ordered = await prisma.account.findMany({ where: accountsWhere(actor.organizationId, query), orderBy: accountsOrderBy(query.sort, query.dir), select: { id: true } });
  const filter = { q: query.q ?? null, status: query.status ?? null, kind: query.kind ?? null, department: query.department ?? null, sort: query.sort, dir: query.dir };
  const { userAgent } = await clientContext();
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "account.export",
      targetType: "account",
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { format: "csv", filter, rowCount: ordered.length },
    }),
  );
  const stamp = formatJst(now).replace(/\//g, "").replace(" ", "-").replace(":", "");
  return { fileName: `accounts-${stamp}.csv`, rowCount: ordered.length, chunks: csvChunks(prisma, actor.organizationId, ordered.map((a) => a.id), now) };
}

async function* csvChunks(prisma: Db, organizationId: string, ids: string[], now: Date): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(EXPORT_HEADINGS);
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    // The file is read after the request has answered: name the organization for row-level security explicitly.
    const rows = await withOrganization(organizationId, () => prisma.account.findMany({
      where: { organizationId, id: { in: batch } },
      select: {
        id: true,
        loginId: true,
        displayName: true,
        nameKana: true,
        email: true,
        employeeNumber: true,
        kind: true,
        contractorCompany: true,
        status: true,
        lastSignInAt: true,
        department: { select: { code: true, name: true } },
      },
    }));
    const access = await withOrganization(organizationId, () => effectivePermissions(prisma, organizationId, batch, now));
    const byId = new Map(rows.map((r) => [r.id, r]));
    let text = "";
    for (const id of batch) {
      const a = byId.get(id);
      if (!a) continue;
      const grants = access.get(id)?.grants ?? [];
      const end = grantEndOf(grants.map((g) => g.endsAt));
      text += csvLine([
        a.loginId,
        a.displayName,
        a.nameKana,
        a.email,
        a.employeeNumber,
        a.department?.code,
        KIND_LABELS[a.kind],
        a.contractorCompany,
        grants.map((g) => g.roleName).join(";"),
        end ? formatJst(end) : "",
        a.department?.name,
        ja.status[a.status],
        a.lastSignInAt ? formatJst(a.lastSignInAt) : "",
      ]);
    }
    yield text;
  }
}
