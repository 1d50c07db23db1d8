import "server-only";
// Accounts against the latest HR roster, matched by employee number, in a few set-based queries however many accounts
// and people there are. reconcileRoster gives each account's flags (the review campaigns read them);
// reconcileRosterInDetail adds what the reconciliation page lists: the people with no account and the lines held by
// people HR does not have as active.
import type { EmploymentStatusValue } from "@/lib/policy/hr-csv";
import { LINE_STATUSES_IN_SERVICE, rosterFlags, type AccountStatusValue, type RosterAccountFlags } from "@/lib/policy/roster-reconcile";
import type { Db, Tx } from "../db";

export type { RosterAccountFlags } from "@/lib/policy/roster-reconcile";

export interface RosterAccount {
  accountId: string;
  loginId: string;
  displayName: string;
  employeeNumber: string | null;
  kind: "employee" | "contractor";
  status: AccountStatusValue;
  accessEndsAt: Date | null;
  departmentName: string | null;
  hr: { name: string; department: string; employmentStatus: EmploymentStatusValue; terminationDate: Date | null } | null;
  flags: RosterAccountFlags;
}

export interface RosterPersonWithoutAccount {
  employeeNumber: string;
  name: string;
  nameKana: string | null;
  department: string;
}

export interface RosterLineOfInactive {
  lineId: string;
  phoneNumber: string;
  lineStatus: string;
  accountId: string;
  loginId: string;
  displayName: string;
  accountStatus: AccountStatusValue;
  employeeNumber: string;
  hrStatus: Exclude<EmploymentStatusValue, "active">;
  terminationDate: Date | null;
}

export interface RosterReconciliation {
  /** Whether the organization has a roster at all; without one nothing is flagged. */
  rosterLoaded: boolean;
  /** Every account that is not disabled, with its flags. */
  accounts: RosterAccount[];
  /** People HR has as active whom no account (other than a disabled one) carries the employee number of. */
  peopleWithoutAccount: RosterPersonWithoutAccount[];
  /** Lines in service assigned to people HR has as on leave, seconded or terminated (whatever their account's state). */
  linesOfInactive: RosterLineOfInactive[];
}

interface AccountRow {
  id: string;
  login_id: string;
  display_name: string;
  employee_number: string | null;
  kind: "employee" | "contractor";
  status: AccountStatusValue;
  access_ends_at: Date | null;
  department_name: string | null;
  hr_name: string | null;
  hr_department: string | null;
  hr_status: EmploymentStatusValue | null;
  hr_termination_date: string | null;
}

/** A DATE read as text (YYYY-MM-DD) as the UTC midnight the rest of the code uses for a calendar day. */
const dayOf = (text: string | null) => (text ? new Date(`${text}T00:00:00Z`) : null);

async function rosterLoaded(prisma: Db | Tx, organizationId: string): Promise<boolean> {
  return (await prisma.hrRosterRecord.findFirst({ where: { organizationId }, select: { id: true } })) !== null;
}

async function accountsAgainstRoster(prisma: Db | Tx, organizationId: string, loaded: boolean, now: Date): Promise<RosterAccount[]> {
  const rows = await prisma.$queryRaw<AccountRow[]>`
    SELECT a.id::text AS id, a.login_id, a.display_name, a.employee_number, a.kind::text AS kind, a.status::text AS status, a.access_ends_at,
           d.name AS department_name, h.name AS hr_name, h.department AS hr_department, h.employment_status::text AS hr_status,
           to_char(h.termination_date, 'YYYY-MM-DD') AS hr_termination_date
    FROM accounts a
    LEFT JOIN departments d ON d.id = a.department_id AND d.organization_id = a.organization_id
    LEFT JOIN hr_roster_records h ON h.organization_id = a.organization_id AND h.employee_number = a.employee_number
    WHERE a.organization_id = ${organizationId}::uuid AND a.status <> 'disabled'
    ORDER BY a.login_id`;
  return rows.map((r) => {
    const hr = r.hr_status ? { name: r.hr_name!, department: r.hr_department!, employmentStatus: r.hr_status, terminationDate: dayOf(r.hr_termination_date) } : null;
    return {
      accountId: r.id,
      loginId: r.login_id,
      displayName: r.display_name,
      employeeNumber: r.employee_number,
      kind: r.kind,
      status: r.status,
      accessEndsAt: r.access_ends_at,
      departmentName: r.department_name,
      hr,
      flags: rosterFlags({ kind: r.kind, status: r.status, accessEndsAt: r.access_ends_at, departmentName: r.department_name, hr }, loaded, now),
    };
  });
}

/**
 * Each account's differences from the roster, by account id: every account that is not disabled has an entry (a
 * disabled one has nothing left to review). Two queries, whatever the number of accounts.
 */
export async function reconcileRoster(prisma: Db | Tx, organizationId: string, now: Date = new Date()): Promise<Map<string, RosterAccountFlags>> {
  const accounts = await accountsAgainstRoster(prisma, organizationId, await rosterLoaded(prisma, organizationId), now);
  return new Map(accounts.map((a) => [a.accountId, a.flags]));
}

/** The whole picture the reconciliation page lists: accounts with their flags, people with no account, lines of people not active. */
export async function reconcileRosterInDetail(prisma: Db | Tx, organizationId: string, now: Date = new Date()): Promise<RosterReconciliation> {
  const loaded = await rosterLoaded(prisma, organizationId);
  if (!loaded) return { rosterLoaded: false, accounts: await accountsAgainstRoster(prisma, organizationId, false, now), peopleWithoutAccount: [], linesOfInactive: [] };
  const [accounts, people, lines] = await Promise.all([
    accountsAgainstRoster(prisma, organizationId, true, now),
    prisma.$queryRaw<{ employee_number: string; name: string; name_kana: string | null; department: string }[]>`
      SELECT h.employee_number, h.name, h.name_kana, h.department
      FROM hr_roster_records h
      WHERE h.organization_id = ${organizationId}::uuid AND h.employment_status = 'active'
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.organization_id = h.organization_id AND a.employee_number = h.employee_number AND a.status <> 'disabled')
      ORDER BY h.employee_number`,
    prisma.$queryRaw<
      { id: string; phone_number: string; status: string; account_id: string; login_id: string; display_name: string; account_status: AccountStatusValue; employee_number: string; hr_status: Exclude<EmploymentStatusValue, "active">; termination_date: string | null }[]
    >`
      SELECT l.id::text AS id, l.phone_number, l.status::text AS status, a.id::text AS account_id, a.login_id, a.display_name, a.status::text AS account_status,
             h.employee_number, h.employment_status::text AS hr_status, to_char(h.termination_date, 'YYYY-MM-DD') AS termination_date
      FROM lines l
      JOIN accounts a ON a.id = l.assigned_account_id AND a.organization_id = l.organization_id
      JOIN hr_roster_records h ON h.organization_id = a.organization_id AND h.employee_number = a.employee_number
      WHERE l.organization_id = ${organizationId}::uuid AND l.status::text = ANY(${[...LINE_STATUSES_IN_SERVICE]}::text[]) AND h.employment_status <> 'active'
      ORDER BY l.phone_number`,
  ]);
  return {
    rosterLoaded: true,
    accounts,
    peopleWithoutAccount: people.map((p) => ({ employeeNumber: p.employee_number, name: p.name, nameKana: p.name_kana, department: p.department })),
    linesOfInactive: lines.map((l) => ({
      lineId: l.id,
      phoneNumber: l.phone_number,
      lineStatus: l.status,
      accountId: l.account_id,
      loginId: l.login_id,
      displayName: l.display_name,
      accountStatus: l.account_status,
      employeeNumber: l.employee_number,
      hrStatus: l.hr_status,
      terminationDate: dayOf(l.termination_date),
    })),
  };
}
