import "server-only";
import { csvLine, UTF8_BOM } from "@/lib/policy/account-csv";
import type { Locale } from "@/lib/i18n/locale";
import en from "@/lib/i18n/messages/en/audit-export.json";
import ja from "@/lib/i18n/messages/ja/audit-export.json";
import { AUDIT_EXPORT_FORMATS, auditFilterSchema, type AuditCursor, type AuditFilter, type AuditFilterInput } from "@/lib/schemas/audit";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db, replicaDb, type Db } from "../db";
import { AppError } from "../errors";
import { withOrganization } from "../tenant-context";
import { AUDIT_EVENT_COLUMNS, auditEventsWhere, type AuditEventRow } from "./audit-event-query";

/** Rows per query: the file is written page by page (keyset), so memory stays flat however many rows match. */
export const AUDIT_EXPORT_PAGE = 2000;
const FILTER_FIELDS = ["from", "to", "actor", "target", "action", "outcome", "ip", "country"] as const;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const WORDS = { ja: ja.auditExport, en: en.auditExport };
const COLUMNS = ["eventId", "time", "actor", "actorId", "action", "targetType", "targetId", "target", "outcome", "reason", "ip", "country", "userAgent", "details"] as const;

export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];
export type AuditExportInput = AuditFilterInput & { format?: string };

/**
 * The explorer's filter (same schema, same WHERE) as a download: CSV (Excel-safe, headings in the reader's language)
 * or JSON Lines (every field). The export is audited before the first row goes out, with its filter, format and row
 * count: the rows are those at most as new as the newest one counted, so the file holds exactly that many.
 * Unlike the explorer, which falls back to no filter, a value that cannot be read is refused: an export must never
 * hold more than was asked for.
 */
export async function exportAuditEvents(input: AuditExportInput, locale: Locale) {
  const actor = await authorize("audit", "view");
  const format = input.format ?? "csv";
  if (!(AUDIT_EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AppError("invalid", `Unknown export format "${format}": use csv or jsonl.`, "format");
  }
  const raw = Object.fromEntries(FILTER_FIELDS.map((k) => [k, input[k]?.trim() ? input[k] : undefined]));
  const filter = auditFilterSchema.parse(raw);
  if (filter.ipError) throw new AppError("invalid", `"${filter.ipText}" is not an IP address or CIDR (e.g. 203.0.113.0/24).`, "ip");
  for (const k of FILTER_FIELDS) {
    if (k !== "ip" && raw[k] !== undefined && filter[k] === undefined) throw new AppError("invalid", `The ${k} filter "${raw[k]}" cannot be read.`, k);
  }
  if (filter.from && filter.to && filter.from >= filter.to) throw new AppError("invalid", "The range ends before it starts.", "to");

  const [prisma, replica] = await Promise.all([db(), replicaDb()]);
  const organizationId = actor.organizationId;
  // Counted and read from the same place (the replica when there is one), so the file holds exactly the rows counted;
  // the export's own record is written to the primary.
  const [counted] = await replica.$queryRaw<{ n: bigint; last: bigint | null }[]>`
    SELECT count(*) AS n, max(id) AS last FROM audit_events WHERE ${auditEventsWhere(organizationId, filter)}`;
  const rowCount = Number(counted?.n ?? 0);
  const lastId = counted?.last === null || counted?.last === undefined ? null : BigInt(counted.last);
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { customerNumber: true } });
  const now = new Date();
  const { userAgent } = await clientContext();
  await prisma.$transaction((tx) =>
    recordAudit(tx, {
      organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "audit.exported",
      targetType: "audit_log",
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { format, filter: describeFilter(filter), rowCount },
    }),
  );
  const range = `${filter.from ? stamp(filter.from) : "start"}_${stamp(filter.to ?? now)}`;
  const fileName = `audit-log_${org.customerNumber.replace(/[^\w-]/g, "")}_${range}.${format}`;
  const pages = lastId === null ? emptyPages() : keysetPages(replica, organizationId, filter, lastId);
  return { fileName, format: format as AuditExportFormat, rowCount, chunks: format === "csv" ? csvChunks(pages, locale) : jsonlChunks(pages) };
}

function describeFilter(f: AuditFilter) {
  return {
    from: f.from?.toISOString() ?? null,
    to: f.to?.toISOString() ?? null,
    actor: f.actor ?? null,
    target: f.target ?? null,
    action: f.action ?? null,
    outcome: f.outcome ?? null,
    ip: f.cidr ?? null,
    country: f.country ?? null,
  };
}

/** 20261124-0930 in JST. */
function stamp(d: Date): string {
  const j = new Date(d.getTime() + JST_OFFSET_MS).toISOString();
  return `${j.slice(0, 10).replaceAll("-", "")}-${j.slice(11, 16).replace(":", "")}`;
}

/** 2026/11/24 09:30:15 in JST, as a spreadsheet shows it. */
function jstTime(d: Date): string {
  const j = new Date(d.getTime() + JST_OFFSET_MS).toISOString();
  return `${j.slice(0, 10).replaceAll("-", "/")} ${j.slice(11, 19)}`;
}

async function* emptyPages(): AsyncGenerator<AuditEventRow[]> {}

async function* keysetPages(prisma: Db, organizationId: string, filter: AuditFilter, lastId: bigint): AsyncGenerator<AuditEventRow[]> {
  let after: AuditCursor | undefined;
  for (;;) {
    const where = auditEventsWhere(organizationId, filter, after);
    // Read after the response has started: the organization is named for row-level security explicitly.
    const page = await withOrganization(organizationId, () =>
      prisma.$queryRaw<AuditEventRow[]>`SELECT ${AUDIT_EVENT_COLUMNS} FROM audit_events WHERE ${where} AND id <= ${lastId.toString()}::bigint
        ORDER BY occurred_at DESC, id DESC LIMIT ${AUDIT_EXPORT_PAGE}`,
    );
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < AUDIT_EXPORT_PAGE) return;
    after = { occurredAt: last.occurredAt, id: BigInt(last.id) };
  }
}

async function* csvChunks(pages: AsyncGenerator<AuditEventRow[]>, locale: Locale): AsyncGenerator<string> {
  const words = WORDS[locale];
  yield UTF8_BOM + csvLine(COLUMNS.map((c) => words.columns[c]));
  for await (const page of pages) {
    let text = "";
    for (const e of page) {
      text += csvLine([
        String(e.id),
        jstTime(e.occurredAt),
        e.actorLabel,
        e.actorId,
        e.action,
        e.targetType,
        e.targetId,
        e.targetLabel,
        words.outcome[e.outcome],
        e.reason,
        e.ip,
        e.country,
        e.userAgent,
        JSON.stringify(e.details ?? {}),
      ]);
    }
    yield text;
  }
}

async function* jsonlChunks(pages: AsyncGenerator<AuditEventRow[]>): AsyncGenerator<string> {
  for await (const page of pages) {
    let text = "";
    for (const e of page) {
      text += `${JSON.stringify({
        id: String(e.id),
        occurredAt: e.occurredAt.toISOString(),
        actorId: e.actorId,
        actorLabel: e.actorLabel,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        targetLabel: e.targetLabel,
        outcome: e.outcome,
        reason: e.reason,
        ip: e.ip,
        country: e.country,
        userAgent: e.userAgent,
        details: e.details ?? {},
      })}\n`;
    }
    yield text;
  }
}
