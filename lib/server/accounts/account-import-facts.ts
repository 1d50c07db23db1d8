import "server-only";
// The dry run of an accounts CSV: decode and validate the file, load what the database holds about its rows,
// and plan each row. Shared by the preview and the apply operation, which runs it again on the same bytes.
import { SOD_EXEMPT_ROLE_KEYS, type PermissionSet } from "@/lib/permissions";
import { parseAccountCsv, type ParsedAccountCsv } from "@/lib/policy/account-csv";
import { grantEndOf, planAccountImport, type ExistingAccount, type ImportPlan, type PlanContext } from "@/lib/policy/account-import-plan";
import { accountImportFileSchema, type AccountImportFile, type AccountImportPreview, type ProgressListener } from "@/lib/schemas/account-import";
import en from "@/lib/i18n/messages/en/core.json";
import ja from "@/lib/i18n/messages/ja/core.json";
import { effectivePermissions, permissionSetOf } from "../access/effective-permissions";
import type { Actor } from "../authorize";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

const CHUNK = 1_000;

const builtInRoleNames: PlanContext["builtInRoleNames"] = Object.fromEntries(
  Object.keys(ja.roles).map((key) => [key, [ja.roles[key as keyof typeof ja.roles], en.roles[key as keyof typeof en.roles]]]),
);

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

/** The upload as the operations take it: a file name and its bytes. */
export function parseImportFile(input: AccountImportFile): ImportFile {
  const parsed = accountImportFileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("invalid", issue.message === "file_required" ? "Choose a CSV file." : "The file name is too long.", "file", issue.message);
  }
  return parsed.data;
}

export async function planImportFile(
  prisma: Db | Tx,
  actor: Pick<Actor, "organizationId" | "permissions">,
  file: ImportFile,
  progress: ProgressListener = () => {},
  now = new Date(),
): Promise<{ parsed: ParsedAccountCsv; plan: ImportPlan }> {
  progress({ phase: "read", done: 0, total: 1 });
  const parsed = parseAccountCsv(file.bytes);
  progress({ phase: "read", done: 1, total: 1 });
  if (parsed.fileIssues.length > 0) return { parsed, plan: { rows: [], counts: { create: 0, update: 0, unchanged: 0, error: 0 } } };

  const organizationId = actor.organizationId;
  const [departments, roles, sodRules] = [
    await prisma.department.findMany({ where: { organizationId }, select: { id: true, code: true, name: true } }),
    await prisma.role.findMany({ where: { organizationId }, select: { id: true, key: true, name: true, permissions: { select: { domain: true, level: true } } } }),
    await prisma.sodRule.findMany({ where: { organizationId }, select: { id: true, name: true, domainA: true, levelA: true, domainB: true, levelB: true } }),
  ];
  const context: PlanContext = {
    now,
    actorPermissions: actor.permissions,
    departments,
    roles: roles.map((r) => ({ id: r.id, key: r.key, name: r.name, permissions: permissionSetOf(r.permissions) })),
    builtInRoleNames,
    sodExemptRoleKeys: SOD_EXEMPT_ROLE_KEYS,
    sodRules,
    existing: new Map(),
    takenElsewhere: new Set(),
    liveByEmployeeNumber: new Map(),
    liveByEmail: new Map(),
  };

  const values = parsed.rows.flatMap((r) => (r.value ? [r.value] : []));
  const total = parsed.rows.length;
  progress({ phase: "check", done: 0, total });
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK);
    const loginIds = chunk.map((v) => v.loginId);
    const numbers = chunk.flatMap((v) => (v.employeeNumber ? [v.employeeNumber] : []));
    const emails = chunk.map((v) => v.email);
    const mine = await prisma.account.findMany({
      where: { organizationId, loginId: { in: loginIds } },
      select: {
        id: true,
        loginId: true,
        displayName: true,
        nameKana: true,
        email: true,
        employeeNumber: true,
        departmentId: true,
        kind: true,
        contractorCompany: true,
        status: true,
      },
    });
    // Another organization's OCN ID: only that it is taken, never whose. Row-level security hides other organizations'
    // accounts, so this asks the lookup the sign-in uses (migration 20261126060000_row_level_security), which returns
    // an organization id and nothing else.
    const elsewhere = await prisma.$queryRaw<{ loginId: string }[]>`
      SELECT l AS "loginId" FROM unnest(${loginIds}::text[]) AS l
      WHERE ocn_organization_of_login_id(l) IS DISTINCT FROM ${organizationId}::uuid AND ocn_organization_of_login_id(l) IS NOT NULL`;
    const live = { organizationId, status: { not: "disabled" as const } };
    const byNumber = numbers.length > 0 ? await prisma.account.findMany({ where: { ...live, employeeNumber: { in: numbers } }, select: { id: true, loginId: true, employeeNumber: true } }) : [];
    const byEmail = await prisma.account.findMany({ where: { ...live, email: { in: emails, mode: "insensitive" } }, select: { id: true, loginId: true, email: true } });
    const access = await effectivePermissions(prisma, organizationId, mine.map((a) => a.id), now);

    for (const a of mine) {
      const grants = access.get(a.id)?.grants ?? [];
      const existing: ExistingAccount = {
        ...a,
        roleIds: grants.map((g) => g.roleId),
        grantEndsAt: grantEndOf(grants.map((g) => g.endsAt)),
        permissions: access.get(a.id)?.permissions ?? ({} as PermissionSet),
      };
      context.existing.set(a.loginId, existing);
    }
    for (const a of elsewhere) context.takenElsewhere.add(a.loginId);
    for (const a of byNumber) context.liveByEmployeeNumber.set(a.employeeNumber!, { id: a.id, loginId: a.loginId });
    for (const a of byEmail) context.liveByEmail.set(a.email.toLowerCase(), { id: a.id, loginId: a.loginId });
    progress({ phase: "check", done: Math.min(total, i + chunk.length), total });
  }
  const plan = planAccountImport(parsed, context);
  progress({ phase: "check", done: total, total });
  return { parsed, plan };
}

/** The dry run as the page shows it: what each row would do, without the data the apply step writes. */
export function previewOf(fileName: string, parsed: ParsedAccountCsv, plan: ImportPlan): AccountImportPreview {
  return {
    fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rows.length,
    counts: plan.counts,
    fileIssues: parsed.fileIssues,
    warnings: parsed.warnings,
    headings: parsed.headings,
    rows: plan.rows.map(({ row, loginId, displayName, action, changes, errors, warnings }) => ({ row, loginId, displayName, action, changes, errors, warnings })),
  };
}
