"use client";
import { startTransition, useActionState, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { TriangleAlert } from "lucide-react";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input } from "@/components/ui/input";
import { DOMAINS, LEVELS, levelSatisfies, mergePermissions, type Domain, type Level, type PermissionSet } from "@/lib/permissions";
import { newSodConflicts, sodConflicts, type SodRuleLike } from "@/lib/policy/separation-of-duties";
import { JUSTIFICATION_MAX, LEVEL_CHOICES, NO_LEVEL, ROLE_DESCRIPTION_MAX, ROLE_NAME_MAX } from "@/lib/schemas/roles";
import type { ActionResult } from "@/lib/server/action";
import { useRolesErrors } from "./error-text";
import { RuleSides } from "./rule-sides";
import { useRuleName } from "./permission-text";

type Choice = (typeof LEVEL_CHOICES)[number];
type Saved = { id: string; name: string; sodOverride?: boolean };
type RoleAction = (previous: null, input: FormData) => Promise<ActionResult<Saved>>;

export interface RoleFormProps {
  action: RoleAction;
  role: { id: string; name: string; description: string | null; permissions: PermissionSet } | null;
  actorPermissions: PermissionSet;
  rules: SodRuleLike[];
  overrideAllowed: boolean;
  holders: { accountId: string; displayName: string; loginId: string; sodExempt: boolean; otherPermissions: PermissionSet }[];
}

const toSet = (choices: Record<Domain, Choice>): PermissionSet => {
  const set: PermissionSet = {};
  for (const d of DOMAINS) if (choices[d] !== NO_LEVEL) set[d] = choices[d] as Level;
  return set;
};

/**
 * Create or edit a custom role. Warns as the levels change, with the same pure rules the server applies on save:
 * levels above the editor's own cannot be chosen, a role that breaks a rule by itself is flagged, and on an edit the
 * holders it would push into a conflict are named (refused, or saved with a justification where the organization allows).
 */
export function RoleForm({ action, role, actorPermissions, rules, overrideAllowed, holders }: RoleFormProps) {
  const t = useTranslations("rolesArea");
  const errors = useRolesErrors();
  const ruleName = useRuleName();
  const router = useRouter();
  const list = new Intl.ListFormat(useLocale(), { type: "conjunction" });
  const initial = role?.permissions ?? {};
  const [choices, setChoices] = useState<Record<Domain, Choice>>(() => Object.fromEntries(DOMAINS.map((d) => [d, initial[d] ?? NO_LEVEL])) as Record<Domain, Choice>);
  const [submission, dispatch, pending] = useActionState<{ result: ActionResult<Saved>; sent: FormData } | null, FormData>(async (_previous, form) => {
    const result = await action(null, form);
    if (result.ok) router.push(`/roles/${result.data.id}?saved=${role ? (result.data.sodOverride ? "override" : "updated") : "created"}`);
    return { result, sent: form };
  }, null);
  const result = submission?.result ?? null;
  const fieldError = (field: string) => errors.field(result, field);

  const permissions = toSet(choices);
  const ownConflicts = sodConflicts(permissions, rules);
  const pushed = holders
    .filter((h) => !h.sodExempt)
    .map((h) => ({ holder: h, rules: newSodConflicts(mergePermissions([h.otherPermissions, initial]), mergePermissions([h.otherPermissions, permissions]), rules) }))
    .filter((p) => p.rules.length > 0);
  const needsJustification = pushed.length > 0 && overrideAllowed;
  const fields = ["name", "description", "justification", "permissions", ...DOMAINS.map((d) => `permissions.${d}`)];
  const formError = errors.form(result, fields);
  const sodRefusal = fieldError("permissions");

  // An error on a level names the permission as it was sent.
  const levelError = (domain: Domain) => {
    const code = result && !result.ok ? result.fieldErrors?.[`permissions.${domain}`] : undefined;
    if (code !== "escalation") return fieldError(`permissions.${domain}`);
    const level = String(submission?.sent.get(`permissions.${domain}`) ?? "") as Level;
    const permission = LEVELS.includes(level) ? t("permissionExact", { domain: t(`domains.${domain}`), level: t(`levels.${level}`) }) : t(`domains.${domain}`);
    return t("errors.escalation", { permission });
  };
  const selectable = (domain: Domain, level: Choice) => level === NO_LEVEL || levelSatisfies(actorPermissions[domain], level) || levelSatisfies(initial[domain], level);
  const anyAboveOwn = DOMAINS.some((d) => LEVELS.some((l) => !selectable(d, l)));

  return (
    <form
      noValidate
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        startTransition(() => dispatch(form));
      }}
    >
      {role ? <input type="hidden" name="id" value={role.id} /> : null}
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <Card className="flex flex-col gap-4 p-5">
        <Field id="role-name" label={t("form.name")} hint={t("form.nameHint", { max: ROLE_NAME_MAX })} error={fieldError("name")}>
          <Input id="role-name" name="name" defaultValue={role?.name} maxLength={ROLE_NAME_MAX + 20} autoComplete="off" className="max-w-md" {...fieldAria("role-name", fieldError("name"), true)} />
        </Field>
        <Field id="role-description" label={t("form.description")} hint={t("form.descriptionHint")} error={fieldError("description")}>
          <textarea
            id="role-description"
            name="description"
            rows={2}
            defaultValue={role?.description ?? ""}
            maxLength={ROLE_DESCRIPTION_MAX + 20}
            className={textareaClass}
            {...fieldAria("role-description", fieldError("description"), true)}
          />
        </Field>
      </Card>

      <Card className="p-5" role="group" aria-labelledby="role-permissions-heading" aria-describedby="role-permissions-hint">
        <h2 id="role-permissions-heading" className="text-base font-semibold">
          {t("form.permissions")}
        </h2>
        <p id="role-permissions-hint" className="mt-1 text-sm text-neutral-600">
          {t("form.permissionsHint")}
          {anyAboveOwn ? ` ${t("form.aboveYours")}` : null}
        </p>
        <div className="mt-3 divide-y divide-neutral-100 border-y border-neutral-100">
          {DOMAINS.map((domain) => {
            const error = levelError(domain);
            return (
              <fieldset
                key={domain}
                aria-labelledby={`perm-${domain}-label`}
                aria-describedby={error ? `perm-${domain}-error` : undefined}
                className="grid gap-2 py-2.5 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center sm:gap-4"
              >
                <div>
                  <span id={`perm-${domain}-label`} className="text-sm font-medium text-neutral-900">
                    {t(`domains.${domain}`)}
                  </span>
                  <span className="block text-xs text-neutral-600">{t(`domainHints.${domain}`)}</span>
                  {error ? (
                    <span id={`perm-${domain}-error`} className="mt-1 block text-sm text-red-700">
                      {error}
                    </span>
                  ) : null}
                </div>
                <div className="inline-flex w-fit overflow-hidden rounded-md border border-neutral-300">
                  {LEVEL_CHOICES.map((level) => {
                    const enabled = selectable(domain, level);
                    return (
                      <label
                        key={level}
                        title={enabled ? undefined : t("form.aboveYoursOption", { level: t(`levels.${level}`) })}
                        className={cn(
                          "relative min-w-16 border-l border-neutral-300 px-3 py-1.5 text-center text-sm first:border-l-0",
                          "has-[:focus-visible]:z-10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-600",
                          enabled ? "cursor-pointer hover:bg-neutral-50" : "cursor-not-allowed bg-neutral-100 text-neutral-500",
                          level === NO_LEVEL
                            ? "has-[:checked]:bg-neutral-200 has-[:checked]:font-medium has-[:checked]:text-neutral-900"
                            : "has-[:checked]:bg-accent-600 has-[:checked]:text-white",
                        )}
                      >
                        <input
                          type="radio"
                          name={`permissions.${domain}`}
                          value={level}
                          checked={choices[domain] === level}
                          disabled={!enabled}
                          onChange={() => setChoices((c) => ({ ...c, [domain]: level }))}
                          className="sr-only"
                        />
                        {t(`levels.${level}`)}
                        {enabled ? null : <span className="sr-only">{t("form.aboveYoursShort")}</span>}
                      </label>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
        </div>
      </Card>

      {ownConflicts.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="own-conflicts">
          <p className="flex items-center gap-2 font-medium">
            <TriangleAlert className="size-4 shrink-0" aria-hidden />
            {t("form.ownConflictTitle")}
          </p>
          <ul className="mt-1 list-disc pl-10">
            {ownConflicts.map((rule) => (
              <li key={rule.id}>
                <RuleSides rule={rule} withName />
              </li>
            ))}
          </ul>
          <p className="mt-1 pl-6">{overrideAllowed ? t("form.ownConflictJustify") : t("form.ownConflictRefused")}</p>
        </div>
      ) : null}

      {pushed.length > 0 ? (
        <div
          className={cn("rounded-md border px-4 py-3 text-sm", overrideAllowed ? "border-amber-200 bg-amber-50 text-amber-900" : "border-red-200 bg-red-50 text-red-900")}
          role={sodRefusal ? "alert" : undefined}
          data-testid="holder-conflicts"
        >
          <p className="flex items-center gap-2 font-medium">
            <TriangleAlert className="size-4 shrink-0" aria-hidden />
            {t("form.holdersTitle", { count: pushed.length })}
          </p>
          <ul className="mt-1 list-disc pl-10">
            {pushed.map(({ holder, rules: broken }) => (
              <li key={holder.accountId}>
                {t("form.holderBreaks", {
                  name: holder.displayName,
                  loginId: holder.loginId,
                  rules: list.format(broken.map((r) => t("form.ruleName", { name: ruleName(r.name) }))),
                })}
              </li>
            ))}
          </ul>
          <p className="mt-1 pl-6">{overrideAllowed ? t("form.holdersJustify") : t("form.holdersRefused")}</p>
        </div>
      ) : sodRefusal ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {sodRefusal}
        </p>
      ) : null}

      {needsJustification || fieldError("justification") ? (
        <Field
          id="role-justification"
          label={t("form.justification")}
          hint={t("form.justificationHint", { max: JUSTIFICATION_MAX })}
          error={fieldError("justification")}
        >
          <textarea
            id="role-justification"
            name="justification"
            rows={3}
            required
            maxLength={JUSTIFICATION_MAX + 20}
            className={textareaClass}
            {...fieldAria("role-justification", fieldError("justification"), true)}
          />
        </Field>
      ) : null}

      <div className="flex justify-end gap-2">
        <Button asChild variant="secondary">
          <Link href={role ? `/roles/${role.id}` : "/roles"}>{t("form.cancel")}</Link>
        </Button>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("form.saving") : role ? t("form.submitEdit") : t("form.submitCreate")}
        </Button>
      </div>
    </form>
  );
}
