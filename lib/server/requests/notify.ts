import "server-only";
// Mail about change requests: approvers hear of a new request, the requester of the decision. In Japanese, with the
// same words as the screens (messages/ja/requests.json).
import ja from "@/lib/i18n/messages/ja/requests.json";
import type { Domain } from "@/lib/permissions";
import type { Tx } from "../db";
import { publicUrl, queueMail } from "../mail/mailer";
import type { Change, FieldValue } from "./request-kind";

const words = ja.requests as unknown as {
  kinds: Record<string, string>;
  fields: Record<string, Record<string, string>>;
  units: Record<string, Record<string, string>>;
  choices: Record<string, Record<string, Record<string, string>>>;
  values: { on: string; off: string; empty: string };
};

export const kindTitle = (kind: string) => words.kinds[kind] ?? kind;
const fieldName = (kind: string, field: string) => words.fields[kind]?.[field] ?? field;

function valueText(kind: string, field: string, value: FieldValue): string {
  if (value === null || value === "" || (Array.isArray(value) && value.length === 0)) return words.values.empty;
  if (typeof value === "boolean") return value ? words.values.on : words.values.off;
  const choice = typeof value === "string" ? words.choices[kind]?.[field]?.[value] : undefined;
  if (choice) return choice;
  const text = Array.isArray(value) ? value.join("、") : String(value);
  const unit = words.units[kind]?.[field];
  return unit ? unit.replace("{value}", text) : text;
}

function changeLines(kind: string, changes: Change[]): string {
  return changes.map((c) => `・${fieldName(kind, c.field)}: ${valueText(kind, c.field, c.before)} → ${valueText(kind, c.field, c.after)}`).join("\n");
}

/** Active accounts holding <domain>:manage now, the requester excepted: those who can decide. */
export async function approverEmails(tx: Tx, organizationId: string, domain: Domain, exceptAccountId: string): Promise<string[]> {
  const now = new Date();
  const approvers = await tx.account.findMany({
    where: {
      organizationId,
      status: "active",
      id: { not: exceptAccountId },
      grants: {
        some: {
          revokedAt: null,
          startsAt: { lte: now },
          OR: [{ endsAt: null }, { endsAt: { gt: now } }],
          role: { permissions: { some: { domain, level: "manage" } } },
        },
      },
    },
    select: { email: true },
    orderBy: { loginId: "asc" },
  });
  return approvers.map((a) => a.email);
}

interface RequestMail {
  organizationId: string;
  requestId: string;
  kind: string;
  targetLabel: string;
  changes: Change[];
}

export async function mailApprovers(tx: Tx, request: RequestMail & { domain: Domain; requester: { id: string; displayName: string }; reason: string }): Promise<string[]> {
  const to = await approverEmails(tx, request.organizationId, request.domain, request.requester.id);
  const title = kindTitle(request.kind);
  return Promise.all(
    to.map((address) =>
      queueMail(tx, {
        organizationId: request.organizationId,
        to: address,
        subject: `【OCN ビジネスコンソール】承認依頼: ${title} (${request.targetLabel})`,
        body:
          `${request.requester.displayName} さんから変更の申請がありました。内容を確認して、承認または却下してください。\n\n` +
          `種類: ${title}\n対象: ${request.targetLabel}\n理由: ${request.reason}\n\n変更内容:\n${changeLines(request.kind, request.changes)}\n\n` +
          `${publicUrl(`/requests/${request.requestId}`)}`,
      }),
    ),
  );
}

export async function mailRequester(
  tx: Tx,
  request: RequestMail & { requesterEmail: string; decision: "approved" | "rejected"; decider: string; note: string | null },
): Promise<string> {
  const title = kindTitle(request.kind);
  const outcome = request.decision === "approved" ? "承認され、反映されました" : "却下されました";
  return queueMail(tx, {
    organizationId: request.organizationId,
    to: request.requesterEmail,
    subject: `【OCN ビジネスコンソール】申請が${request.decision === "approved" ? "承認" : "却下"}されました: ${title} (${request.targetLabel})`,
    body:
      `あなたの申請「${title} (${request.targetLabel})」は ${request.decider} さんにより${outcome}。\n` +
      (request.note ? `コメント: ${request.note}\n` : "") +
      `\n変更内容:\n${changeLines(request.kind, request.changes)}\n\n${publicUrl(`/requests/${request.requestId}`)}`,
  });
}
