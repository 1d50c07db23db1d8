// What an accounts CSV would do, row by row, given what the database holds: create, update, unchanged or error,
// with the fields that change (before → after). Pure: the operation loads the facts, this decides.
import { levelSatisfies, mergePermissions, type BuiltInRoleKey, type Domain, type PermissionSet } from "@/lib/permissions";
import { sodConflicts, type SodRuleLike } from "@/lib/policy/separation-of-duties";
import {
  formatJst,
  headingOf,
  KIND_LABELS,
  newAccountIssues,
  type AccountImportRow,
  type ImportField,
  type ImportIssue,
  type ParsedAccountCsv,
} from "./account-csv";

export type AccountStatusValue = "invited" | "active" | "locked" | "suspended" | "disabled";
export type AccountKindValue = "employee" | "contractor";

export interface ExistingAccount {
  id: string;
  loginId: string;
  displayName: string;
  nameKana: string | null;
  email: string;
  employeeNumber: string | null;
  departmentId: string | null;
  kind: AccountKindValue;
  contractorCompany: string | null;
  status: AccountStatusValue;
  /** Roles held now (live grants). */
  roleIds: string[];
  /** The earliest end among the live grants; null when none ends. */
  grantEndsAt: Date | null;
  /** What the account can do now: an import by someone who holds less may not change it. */
  permissions: PermissionSet;
}

export interface PlanContext {
  now: Date;
  actorPermissions: PermissionSet;
  departments: { id: string; code: string; name: string }[];
  roles: { id: string; key: string | null; name: string; permissions: PermissionSet }[];
  /** Names a built-in role is also known by (its Japanese and English names), by key. */
  builtInRoleNames: Partial<Record<string, string[]>>;
  /** Roles outside the separation-of-duty rules (the org admin holds everything by definition). */
  sodExemptRoleKeys: readonly string[];
  sodRules: SodRuleLike[];
  /** The file's OCN IDs found in this organization. */
  existing: Map<string, ExistingAccount>;
  /** The file's OCN IDs taken in another organization: only that they are taken, never where. */
  takenElsewhere: Set<string>;
  /** Accounts of this organization that are not disabled, by employee number and by mail (lower case). */
  liveByEmployeeNumber: Map<string, { id: string; loginId: string }>;
  liveByEmail: Map<string, { id: string; loginId: string }>;
}

export type RowAction = "create" | "update" | "unchanged" | "error";

/** A field's value before and after, as a person reads it; the column's heading is the file's (ParsedAccountCsv.headings). */
export interface FieldChange {
  field: ImportField;
  before: string | null;
  after: string | null;
}

export interface NewAccountData {
  loginId: string;
  displayName: string;
  nameKana: string | null;
  email: string;
  employeeNumber: string | null;
  departmentId: string | null;
  kind: AccountKindValue;
  contractorCompany: string | null;
  roleIds: string[];
  grantEndsAt: Date | null;
}

type UpdatableFields = { displayName: string; nameKana: string | null; email: string; employeeNumber: string | null; departmentId: string | null };

export interface AccountUpdateData {
  accountId: string;
  /** Only the fields that change, and what they held before (for the audit event). */
  data: Partial<UpdatableFields>;
  before: Partial<UpdatableFields>;
}

export interface PlannedRow {
  row: number;
  loginId: string;
  displayName: string;
  action: RowAction;
  changes: FieldChange[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  create?: NewAccountData;
  update?: AccountUpdateData;
}

export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowAction, number>;
}

/** The end a CSV shows for an account's roles: the earliest end among its grants in effect (null when none ends). */
export function grantEndOf(ends: readonly (Date | null)[]): Date | null {
  return ends.reduce<Date | null>((earliest, end) => (end && (!earliest || end < earliest) ? end : earliest), null);
}

const key = (s: string) => s.normalize("NFKC").trim().toLowerCase();
const minute = (d: Date | null | undefined) => (d ? Math.floor(d.getTime() / 60_000) : null);

function roleIndex(context: PlanContext) {
  const index = new Map<string, PlanContext["roles"][number]>();
  for (const role of context.roles) {
    const names = [role.name, ...(role.key ? [role.key, ...(context.builtInRoleNames[role.key] ?? [])] : [])];
    for (const name of names) if (!index.has(key(name))) index.set(key(name), role);
  }
  return index;
}

/** Every domain the target can reach, the actor reaches at least as far. */
function holdsAtLeast(actor: PermissionSet, target: PermissionSet): boolean {
  return (Object.entries(target) as [Domain, NonNullable<PermissionSet[Domain]>][]).every(([domain, level]) => levelSatisfies(actor[domain], level));
}

export function planAccountImport(parsed: ParsedAccountCsv, context: PlanContext): ImportPlan {
  const roles = roleIndex(context);
  const rolesById = new Map(context.roles.map((r) => [r.id, r]));
  const departmentsByCode = new Map(context.departments.map((d) => [d.code, d]));
  const departmentsById = new Map(context.departments.map((d) => [d.id, d]));
  const deptLabel = (id: string | null) => {
    const d = id ? departmentsById.get(id) : undefined;
    return d ? `${d.code} ${d.name}` : null;
  };
  const heading = (field: ImportField) => headingOf(parsed.headings, field);

  // First occurrence in the file of each OCN ID, employee number and mail, to name the other row of a repeat.
  const firstRow = { loginId: new Map<string, number>(), employeeNumber: new Map<string, number>(), email: new Map<string, number>() };

  const rows = parsed.rows.map((p): PlannedRow => {
    const errors: ImportIssue[] = [...p.issues];
    const warnings: ImportIssue[] = [];
    const base = { row: p.row, loginId: (p.raw.loginId ?? "").trim(), displayName: (p.raw.displayName ?? "").trim() };
    const v = p.value;
    if (!v) return { ...base, action: "error", changes: [], errors, warnings };
    const at = (field: ImportField, code: ImportIssue["code"], params?: ImportIssue["params"]) =>
      errors.push({ row: p.row, column: heading(field), code, ...(params ? { params } : {}) });
    const warn = (field: ImportField) => warnings.push({ row: p.row, column: heading(field), code: "not_changed_by_import" });

    const seenAt = firstRow.loginId.get(v.loginId);
    if (seenAt !== undefined) at("loginId", "duplicate_in_file", { value: v.loginId, otherRow: seenAt });
    else firstRow.loginId.set(v.loginId, p.row);

    if (context.takenElsewhere.has(v.loginId)) {
      at("loginId", "login_id_taken", { value: v.loginId });
      return { ...base, loginId: v.loginId, displayName: v.displayName, action: "error", changes: [], errors, warnings };
    }

    const existing = context.existing.get(v.loginId);
    const department = resolveDepartment(v, departmentsByCode, at);
    const changes: FieldChange[] = [];
    let create: NewAccountData | undefined;
    let update: AccountUpdateData | undefined;

    if (existing) {
      const data: Partial<UpdatableFields> = {};
      const was: Partial<UpdatableFields> = {};
      const compare = <K extends keyof UpdatableFields>(field: ImportField, name: K, before: UpdatableFields[K], after: UpdatableFields[K] | undefined, show: (x: UpdatableFields[K]) => string | null = (x) => x) => {
        if (after === undefined || after === before) return;
        data[name] = after;
        was[name] = before;
        changes.push({ field, before: show(before), after: show(after) });
      };
      compare("displayName", "displayName", existing.displayName, v.displayName);
      compare("nameKana", "nameKana", existing.nameKana, v.nameKana);
      if (v.email !== existing.email.toLowerCase()) compare("email", "email", existing.email, v.email);
      compare("employeeNumber", "employeeNumber", existing.employeeNumber, v.employeeNumber);
      if (department !== undefined) compare("departmentCode", "departmentId", existing.departmentId, department?.id ?? null, (id) => deptLabel(id ?? null));

      if (v.kind !== undefined && v.kind !== existing.kind) warn("kind");
      if (v.contractorCompany !== undefined && (v.contractorCompany ?? null) !== existing.contractorCompany) warn("contractorCompany");
      if (v.roles !== undefined) {
        const ids = new Set(v.roles.map((name) => roles.get(key(name))?.id ?? `?${name}`));
        const same = ids.size === existing.roleIds.length && [...ids].every((id) => existing.roleIds.includes(id));
        if (!same) warn("roles");
      }
      if (v.grantEndsAt !== undefined && minute(v.grantEndsAt) !== minute(existing.grantEndsAt)) warn("grantEndsAt");

      if (changes.length > 0 && existing.status === "disabled") at("loginId", "target_disabled", { value: v.loginId });
      else if (changes.length > 0 && !holdsAtLeast(context.actorPermissions, existing.permissions)) at("loginId", "target_privileged", { value: v.loginId });
      if (changes.length > 0) update = { accountId: existing.id, data, before: was };
    } else {
      errors.push(...newAccountIssues(v, p.row, parsed.headings, context.now));
      const roleIds = resolveRoles(v.roles ?? [], roles, context, at);
      const kind = v.kind ?? "employee";
      create = {
        loginId: v.loginId,
        displayName: v.displayName,
        nameKana: v.nameKana ?? null,
        email: v.email,
        employeeNumber: v.employeeNumber ?? null,
        departmentId: department?.id ?? null,
        kind,
        contractorCompany: v.contractorCompany ?? null,
        roleIds,
        grantEndsAt: v.grantEndsAt ?? null,
      };
      const shown: [ImportField, string | null][] = [
        ["displayName", create.displayName],
        ["nameKana", create.nameKana],
        ["email", create.email],
        ["employeeNumber", create.employeeNumber],
        ["departmentCode", deptLabel(create.departmentId)],
        ["kind", KIND_LABELS[kind]],
        ["contractorCompany", create.contractorCompany],
        ["roles", roleIds.map((id) => rolesById.get(id)!.name).join("、") || null],
        ["grantEndsAt", create.grantEndsAt ? formatJst(create.grantEndsAt) : null],
      ];
      for (const [field, after] of shown) if (after !== null) changes.push({ field, before: null, after });
    }

    // One person, one OCN ID: a number or a mail belongs to one account that is not disabled, in the file and in the database.
    const self = existing?.id;
    const finalNumber = v.employeeNumber !== undefined ? v.employeeNumber : (existing?.employeeNumber ?? null);
    const settingNumber = !existing || (update?.data.employeeNumber !== undefined && finalNumber !== null);
    if (finalNumber && existing?.status !== "disabled") {
      const other = firstRow.employeeNumber.get(finalNumber);
      if (other !== undefined) at("employeeNumber", "duplicate_in_file", { value: finalNumber, otherRow: other });
      else firstRow.employeeNumber.set(finalNumber, p.row);
      const holder = context.liveByEmployeeNumber.get(finalNumber);
      if (settingNumber && holder && holder.id !== self) at("employeeNumber", "employee_number_taken", { value: finalNumber, other: holder.loginId });
    }
    if (existing?.status !== "disabled") {
      const other = firstRow.email.get(v.email);
      if (other !== undefined) at("email", "duplicate_in_file", { value: v.email, otherRow: other });
      else firstRow.email.set(v.email, p.row);
      const holder = context.liveByEmail.get(v.email);
      const settingEmail = !existing || update?.data.email !== undefined;
      if (settingEmail && holder && holder.id !== self) at("email", "email_taken", { value: v.email, other: holder.loginId });
    }

    const named = { ...base, loginId: v.loginId, displayName: v.displayName };
    if (errors.length > 0) return { ...named, action: "error", changes, errors, warnings };
    if (create) return { ...named, action: "create", changes, errors, warnings, create };
    if (update) return { ...named, action: "update", changes, errors, warnings, update };
    return { ...named, action: "unchanged", changes, errors, warnings };
  });

  const counts: Record<RowAction, number> = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action] += 1;
  return { rows, counts };
}

type At = (field: ImportField, code: ImportIssue["code"], params?: ImportIssue["params"]) => void;

function resolveDepartment(v: AccountImportRow, byCode: Map<string, { id: string; code: string; name: string }>, at: At) {
  if (v.departmentCode === undefined) return undefined;
  if (v.departmentCode === null) return null;
  const department = byCode.get(v.departmentCode);
  if (!department) {
    at("departmentCode", "department_unknown", { value: v.departmentCode });
    return undefined;
  }
  return department;
}

/** A new account's roles: known in this organization, within what the importer holds, and free of separation-of-duty conflicts. */
function resolveRoles(names: string[], index: Map<string, PlanContext["roles"][number]>, context: PlanContext, at: At): string[] {
  const found: PlanContext["roles"] = [];
  for (const name of names) {
    const role = index.get(key(name));
    if (!role) at("roles", "role_unknown", { value: name });
    else if (!holdsAtLeast(context.actorPermissions, role.permissions)) at("roles", "role_above_yours", { value: role.name });
    else if (!found.includes(role)) found.push(role);
  }
  const exempt = found.some((r) => r.key !== null && context.sodExemptRoleKeys.includes(r.key as BuiltInRoleKey));
  if (!exempt) {
    for (const rule of sodConflicts(mergePermissions(found.map((r) => r.permissions)), context.sodRules)) {
      at("roles", "sod_conflict", { rule: rule.name, a: `${rule.domainA}:${rule.levelA}`, b: `${rule.domainB}:${rule.levelB}` });
    }
  }
  return found.map((r) => r.id);
}
