// Rules for a line's life: which change may follow which status, what an MNP reservation number looks like and when
// it has expired, and the shapes of phone numbers and ICCIDs. Pure: the operations load the line and call these.

export type LineStatusValue = "active" | "suspended" | "pending_return" | "returned" | "cancelled" | "ported_out";
export type SimTypeValue = "physical" | "esim";

export const LINE_CHANGE_KINDS = [
  "reassign",
  "unassign",
  "suspend",
  "resume",
  "cancel",
  "port_out",
  "mark_pending_return",
  "mark_returned",
  "statements_exported",
] as const;
export type LineChangeKind = (typeof LINE_CHANGE_KINDS)[number];

/** A cancelled or ported-out line is finished: nothing about it changes any more. */
export const FINISHED_LINE_STATUSES: readonly LineStatusValue[] = ["cancelled", "ported_out"];

export const isFinished = (status: LineStatusValue) => FINISHED_LINE_STATUSES.includes(status);

/** The statuses each change may start from. Exporting statements is a record, not a change of state: any status. */
const ALLOWED_FROM: Record<LineChangeKind, readonly LineStatusValue[]> = {
  reassign: ["active", "suspended", "pending_return", "returned"],
  unassign: ["active", "suspended", "pending_return", "returned"],
  suspend: ["active"],
  resume: ["suspended"],
  cancel: ["active", "suspended", "pending_return", "returned"],
  port_out: ["active", "suspended", "pending_return", "returned"],
  mark_pending_return: ["active", "suspended"],
  mark_returned: ["pending_return"],
  statements_exported: ["active", "suspended", "pending_return", "returned", "cancelled", "ported_out"],
};

/** The status a change leaves the line in (unchanged for the ones that do not move it). */
export function statusAfter(kind: LineChangeKind, from: LineStatusValue): LineStatusValue {
  switch (kind) {
    case "suspend":
      return "suspended";
    case "resume":
      return "active";
    case "cancel":
      return "cancelled";
    case "port_out":
      return "ported_out";
    case "mark_pending_return":
      return "pending_return";
    case "mark_returned":
      return "returned";
    default:
      return from;
  }
}

export type TransitionProblem =
  /** The line is cancelled or ported out. */
  | "line_finished"
  /** The change does not apply to a line in this status (resume an active line, return a line not awaiting return). */
  | "not_from_status"
  /** An eSIM has no card to send back. */
  | "esim_no_return";

/** Whether `kind` may be applied to a line in `status`; null when it may. */
export function transitionProblem(kind: LineChangeKind, line: { status: LineStatusValue; simType: SimTypeValue }): TransitionProblem | null {
  if (kind !== "statements_exported" && isFinished(line.status)) return "line_finished";
  if (!ALLOWED_FROM[kind].includes(line.status)) return "not_from_status";
  if (kind === "mark_pending_return" && line.simType === "esim") return "esim_no_return";
  return null;
}

/** The changes the detail page may offer for a line in this status. */
export function allowedChanges(line: { status: LineStatusValue; simType: SimTypeValue }): LineChangeKind[] {
  return LINE_CHANGE_KINDS.filter((k) => transitionProblem(k, line) === null);
}

// ───────────────────────── MNP reservation numbers ─────────────────────────

/** Full-width digits and the hyphens or spaces people type are accepted; the number itself is 10 digits. */
export function normalizeMnpNumber(text: string): string {
  return text.normalize("NFKC").replace(/[\s-]/g, "");
}

export const isMnpNumber = (text: string) => /^\d{10}$/.test(text);

export type MnpProblem = "mnp_number_required" | "mnp_number_format" | "mnp_expiry_required" | "mnp_expired";

/**
 * The reservation a port-out uses: the number and expiry given, else the ones stored on the line. It must be a
 * 10-digit number that has not expired at `now` (a reservation is good up to its expiry, not at it).
 */
export function mnpReservationProblem(
  reservation: { number: string | null | undefined; expiresAt: Date | null | undefined },
  now: Date,
): { problem: MnpProblem; field: "mnpNumber" | "mnpExpiresAt" } | null {
  const number = reservation.number ? normalizeMnpNumber(reservation.number) : "";
  if (number === "") return { problem: "mnp_number_required", field: "mnpNumber" };
  if (!isMnpNumber(number)) return { problem: "mnp_number_format", field: "mnpNumber" };
  if (!reservation.expiresAt) return { problem: "mnp_expiry_required", field: "mnpExpiresAt" };
  if (reservation.expiresAt.getTime() <= now.getTime()) return { problem: "mnp_expired", field: "mnpExpiresAt" };
  return null;
}

export const isMnpExpired = (expiresAt: Date | null | undefined, now: Date) => Boolean(expiresAt && expiresAt.getTime() <= now.getTime());

// ───────────────────────── phone numbers and ICCIDs ─────────────────────────

/**
 * A Japanese mobile or data number (020, 060, 070, 080, 090 and 11 digits) in the stored form 090-1234-5678; full-width
 * digits, hyphens and spaces are accepted. Null when it is not one.
 */
export function normalizePhoneNumber(text: string): string | null {
  const digits = text.normalize("NFKC").replace(/[\s-]/g, "");
  if (!/^0[2-9]0\d{8}$/.test(digits)) return null;
  return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
}

/** An ICCID: 19 or 20 digits beginning with 89 (telecommunications), full-width digits and spaces accepted. */
export function normalizeIccid(text: string): string | null {
  const digits = text.normalize("NFKC").replace(/[\s-]/g, "");
  return /^89\d{17,18}$/.test(digits) ? digits : null;
}
