// Accounts against the HR roster, matched by employee number: which differences each account shows. Pure: the
// queries are in lib/server/hr/reconcile.ts, and the review campaigns read the same flags.
import type { EmploymentStatusValue } from "./hr-csv";

export type AccountStatusValue = "invited" | "active" | "locked" | "suspended" | "disabled";

export interface AccountAgainstRoster {
  kind: "employee" | "contractor";
  status: AccountStatusValue;
  accessEndsAt: Date | null;
  departmentName: string | null;
  /** The roster's record with the account's employee number, or null when there is none. */
  hr: { employmentStatus: EmploymentStatusValue; department: string } | null;
}

export interface RosterAccountFlags {
  /** The roster's state for this account's employee number; null when the roster has no such person. */
  hrStatus: EmploymentStatusValue | null;
  /** An employee's account the roster does not list (contractors have no HR record by design). */
  noHrRecord: boolean;
  /** HR says the person has left, yet the account is not disabled. */
  hrTerminated: boolean;
  /** HR says the person is on leave or seconded, yet the account can still be used. */
  hrLeave: boolean;
  /** The account's department is not the one HR has (compared after NFKC, ignoring spaces and case). */
  departmentMismatch: boolean;
}

/** A department's name as compared: full-width folded, spaces (full-width too) and case ignored. */
export const departmentKey = (name: string | null | undefined) => (name ?? "").normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** Whether the account can be signed in with now (or soon: an invitation, a lock that expires). */
export function accountUsable(status: AccountStatusValue, accessEndsAt: Date | null, now: Date): boolean {
  if (status === "disabled" || status === "suspended") return false;
  return !(accessEndsAt && accessEndsAt.getTime() <= now.getTime());
}

/**
 * The differences one account shows. A leaver's account should be disabled, so anything short of that is flagged
 * (a suspended account can be reactivated); leave and secondment only while the account is usable (suspending it is
 * the expected handling). Without a roster at all, nothing is flagged: there is nothing to compare with.
 */
export function rosterFlags(a: AccountAgainstRoster, rosterLoaded: boolean, now: Date): RosterAccountFlags {
  const hrStatus = a.hr?.employmentStatus ?? null;
  if (a.status === "disabled" || !rosterLoaded) return { hrStatus, noHrRecord: false, hrTerminated: false, hrLeave: false, departmentMismatch: false };
  const usable = accountUsable(a.status, a.accessEndsAt, now);
  return {
    hrStatus,
    noHrRecord: a.kind === "employee" && !a.hr,
    hrTerminated: hrStatus === "terminated",
    hrLeave: (hrStatus === "leave" || hrStatus === "seconded") && usable,
    departmentMismatch: a.hr !== null && hrStatus !== "terminated" && departmentKey(a.hr.department) !== departmentKey(a.departmentName),
  };
}

/** Lines still in service (not returned or being returned, not cancelled or ported out) that a reconciliation looks at. */
export const LINE_STATUSES_IN_SERVICE = ["active", "suspended"] as const;
