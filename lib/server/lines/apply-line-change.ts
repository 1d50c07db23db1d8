import "server-only";
// The one writer of a line's state: the line page, offboarding and anything else that suspends, cancels, ports out,
// moves or takes back a line calls this inside its own transaction, after authorizing its caller.
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatJst } from "@/lib/policy/account-csv";
import { mnpReservationProblem, normalizeMnpNumber, statusAfter, transitionProblem, type LineStatusValue } from "@/lib/policy/lines";
import { recordAudit } from "../audit";
import type { Tx } from "../db";
import { AppError } from "../errors";
import { activeHolderOrThrow } from "./line-holder";

export type LineChange =
  | { kind: "reassign"; toAccountId: string }
  | { kind: "unassign" }
  | { kind: "suspend" }
  | { kind: "resume" }
  | { kind: "cancel" }
  | { kind: "port_out"; mnpNumber?: string; mnpExpiresAt?: Date }
  | { kind: "mark_pending_return" }
  | { kind: "mark_returned" }
  | { kind: "statements_exported" };

export interface ApplyLineChangeInput {
  organizationId: string;
  lineId: string;
  change: LineChange;
  actor: { accountId: string | null; label: string };
  now: Date;
  ip?: string | null;
  /** Why, for the audit log (optional). */
  reason?: string | null;
  userAgent?: string | null;
}

type Side = Record<string, string | null>;

const STATUS_WORDS: Record<LineStatusValue, string> = {
  active: "active",
  suspended: "suspended",
  pending_return: "awaiting the SIM's return",
  returned: "returned",
  cancelled: "cancelled",
  ported_out: "ported out",
};

/**
 * Validates the change against the line as it is now (locked), writes it and its audit event `line.<kind>` with
 * before/after in the caller's transaction. Throws AppError (message key and field) and writes nothing when refused.
 * No authorization here: callers authorize.
 */
export async function applyLineChange(tx: Tx, input: ApplyLineChangeInput): Promise<{ before: Record<string, unknown>; after: Record<string, unknown> }> {
  const { organizationId, lineId, change, now } = input;
  // The same lock as the line's change requests, then the row itself: one change to a line at a time.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727002, hashtext(${`${organizationId}:line:${lineId}`}))`;
  const line = await tx.line.findFirst({
    where: { id: lineId, organizationId },
    select: {
      id: true,
      phoneNumber: true,
      simType: true,
      status: true,
      mnpNumber: true,
      mnpExpiresAt: true,
      statementsExportedAt: true,
      assignedAccountId: true,
      assignedAccount: { select: { loginId: true } },
    },
  });
  if (!line) throw new AppError("not_found", "No such line.", "lineId", "line_not_found");

  const problem = transitionProblem(change.kind, line);
  if (problem === "line_finished") {
    throw new AppError("invalid", `The line ${line.phoneNumber} is ${STATUS_WORDS[line.status]}; it can no longer change.`, "change", "line_finished");
  }
  if (problem === "esim_no_return") throw new AppError("invalid", `The line ${line.phoneNumber} is an eSIM: there is no card to send back.`, "change", "esim_no_return");
  if (problem) throw new AppError("invalid", `The line ${line.phoneNumber} is ${STATUS_WORDS[line.status]}, so it cannot be changed this way (${change.kind}).`, "change", "not_from_status");

  const before: Side = {};
  const after: Side = {};
  const data: Prisma.LineUncheckedUpdateInput = {};
  const set = (field: string, was: string | null, now_: string | null) => {
    before[field] = was;
    after[field] = now_;
  };
  const newStatus = statusAfter(change.kind, line.status);
  if (newStatus !== line.status) {
    set("status", line.status, newStatus);
    data.status = newStatus;
    if (newStatus === "cancelled" || newStatus === "ported_out") data.endedAt = now;
  }

  switch (change.kind) {
    case "reassign": {
      const holder = await activeHolderOrThrow(tx, organizationId, { id: change.toAccountId }, "toAccountId");
      if (holder.id === line.assignedAccountId) throw new AppError("invalid", `The line ${line.phoneNumber} is already held by ${holder.loginId}.`, "toAccountId", "already_holder");
      set("holder", line.assignedAccount?.loginId ?? null, holder.loginId);
      data.assignedAccountId = holder.id;
      break;
    }
    case "unassign":
      if (!line.assignedAccountId) throw new AppError("invalid", `The line ${line.phoneNumber} has no holder to take it from.`, "change", "not_assigned");
      set("holder", line.assignedAccount?.loginId ?? null, null);
      data.assignedAccountId = null;
      break;
    case "cancel":
      if (!line.statementsExportedAt) {
        throw new AppError("invalid", `Export the statements of ${line.phoneNumber} before cancelling it: a cancelled line's statements cannot be fetched later.`, "statementsExportedAt", "statements_not_exported");
      }
      break;
    case "port_out": {
      const number = change.mnpNumber !== undefined && change.mnpNumber !== "" ? normalizeMnpNumber(change.mnpNumber) : line.mnpNumber;
      // A new number brings its own expiry: the stored one belongs to the old number.
      const newNumber = number !== line.mnpNumber;
      const expiresAt = change.mnpExpiresAt ?? (newNumber ? null : line.mnpExpiresAt);
      const mnp = mnpReservationProblem({ number, expiresAt }, now);
      if (mnp?.problem === "mnp_expired") {
        throw new AppError("invalid", `The MNP reservation number ${number} expired on ${formatJst(expiresAt!)} (JST); get a new one from the carrier and try again.`, mnp.field, "mnp_expired");
      }
      if (mnp) {
        const words = { mnp_number_required: "Enter the MNP reservation number.", mnp_number_format: "An MNP reservation number is 10 digits.", mnp_expiry_required: "Enter when the MNP reservation number expires." };
        throw new AppError("invalid", words[mnp.problem], mnp.field, mnp.problem);
      }
      if (number !== line.mnpNumber) {
        set("mnpNumber", line.mnpNumber, number);
        data.mnpNumber = number;
      }
      if (expiresAt!.getTime() !== line.mnpExpiresAt?.getTime()) {
        set("mnpExpiresAt", line.mnpExpiresAt?.toISOString() ?? null, expiresAt!.toISOString());
        data.mnpExpiresAt = expiresAt;
      }
      break;
    }
    case "statements_exported":
      set("statementsExportedAt", line.statementsExportedAt?.toISOString() ?? null, now.toISOString());
      data.statementsExportedAt = now;
      break;
    default:
      break;
  }

  await tx.line.update({ where: { id: line.id }, data });
  await recordAudit(tx, {
    organizationId,
    actorId: input.actor.accountId,
    actorLabel: input.actor.label,
    action: `line.${change.kind}`,
    targetType: "line",
    targetId: line.id,
    targetLabel: line.phoneNumber,
    outcome: "success",
    reason: input.reason ?? null,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
    occurredAt: now,
    details: { before, after },
  });
  return { before, after };
}
