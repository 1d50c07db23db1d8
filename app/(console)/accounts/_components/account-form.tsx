"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Field, fieldAria } from "@/components/forms/field";
import { useActionErrors } from "@/components/forms/action-errors";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { ActionResult } from "@/lib/server/action";

type Values = {
  loginId?: string;
  displayName: string;
  nameKana: string | null;
  email: string;
  employeeNumber: string | null;
  departmentId: string | null;
  kind: "employee" | "contractor";
  contractorCompany: string | null;
};
type Role = { id: string; label: string; aboveMine: boolean };
type Submit = (previous: null, form: FormData) => Promise<ActionResult<{ id: string }>>;

const FIELDS = ["loginId", "displayName", "nameKana", "email", "employeeNumber", "departmentId", "kind", "contractorCompany", "roleId", "grantEndsAt", "justification"] as const;

/** Invite (with OCN ID and an optional first role) or edit a person's details; typed input survives an error. */
export function AccountForm({ mode, initial, departments, roles, submit, cancelHref }: { mode: "invite" | "edit"; initial?: Values & { id: string }; departments: { id: string; name: string }[]; roles?: Role[]; submit: Submit; cancelHref: string }) {
  const t = useTranslations("accountForm");
  const router = useRouter();
  const errors = useActionErrors("accountForm");
  const [kind, setKind] = useState<Values["kind"]>(initial?.kind ?? "employee");
  const [state, formAction, pending] = useActionState(async (_previous: Awaited<ReturnType<Submit>> | null, form: FormData) => {
    const result = await submit(null, form);
    if (result.ok) router.push(`/accounts/${result.data.id}?notice=${mode === "invite" ? "invited" : "saved"}`);
    return result;
  }, null);
  const err = (f: string) => errors.field(state, f);
  const formError = errors.form(state, FIELDS);
  return (
    <form
      noValidate
      className="flex max-w-2xl flex-col gap-4"
      onSubmit={(e) => {
        // Not `action=`: React resets a form after an action, and a refused form must keep what was typed.
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      {initial ? <input type="hidden" name="id" value={initial.id} /> : null}
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      {mode === "invite" ? (
        <Field id="f-loginId" label={t("loginId")} hint={t("loginIdHint")} error={err("loginId")}>
          <Input id="f-loginId" name="loginId" autoComplete="off" autoCapitalize="none" spellCheck={false} {...fieldAria("f-loginId", err("loginId"), true)} />
        </Field>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="f-displayName" label={t("displayName")} error={err("displayName")}>
          <Input id="f-displayName" name="displayName" defaultValue={initial?.displayName} autoComplete="off" {...fieldAria("f-displayName", err("displayName"))} />
        </Field>
        <Field id="f-nameKana" label={t("nameKana")} error={err("nameKana")}>
          <Input id="f-nameKana" name="nameKana" defaultValue={initial?.nameKana ?? ""} autoComplete="off" {...fieldAria("f-nameKana", err("nameKana"))} />
        </Field>
      </div>
      <Field id="f-email" label={t("email")} hint={t("emailHint")} error={err("email")}>
        <Input id="f-email" name="email" type="email" defaultValue={initial?.email} autoComplete="off" {...fieldAria("f-email", err("email"), true)} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="f-employeeNumber" label={t("employeeNumber")} hint={t("employeeNumberHint")} error={err("employeeNumber")}>
          <Input id="f-employeeNumber" name="employeeNumber" defaultValue={initial?.employeeNumber ?? ""} autoComplete="off" className="num" {...fieldAria("f-employeeNumber", err("employeeNumber"), true)} />
        </Field>
        <Field id="f-departmentId" label={t("department")} error={err("departmentId")}>
          <Select id="f-departmentId" name="departmentId" defaultValue={initial?.departmentId ?? ""} className="w-full" {...fieldAria("f-departmentId", err("departmentId"))}>
            <option value="">{t("noDepartment")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("kind")}</legend>
        <div className="flex gap-4 text-sm">
          {(["employee", "contractor"] as const).map((k) => (
            <label key={k} className="inline-flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} className="accent-accent-600" />
              <KindLabel kind={k} />
            </label>
          ))}
        </div>
        {err("kind") ? <p className="mt-1 text-sm text-red-700">{err("kind")}</p> : null}
      </fieldset>
      {kind === "contractor" ? (
        <Field id="f-contractorCompany" label={t("contractorCompany")} error={err("contractorCompany")}>
          <Input id="f-contractorCompany" name="contractorCompany" defaultValue={initial?.contractorCompany ?? ""} autoComplete="off" {...fieldAria("f-contractorCompany", err("contractorCompany"))} />
        </Field>
      ) : null}
      {mode === "invite" && roles ? (
        <div className="grid gap-4 rounded-md border border-neutral-200 bg-neutral-50 p-3 sm:grid-cols-2">
          <Field id="f-roleId" label={t("firstRole")} error={err("roleId")}>
            <Select id="f-roleId" name="roleId" defaultValue="" className="w-full" {...fieldAria("f-roleId", err("roleId"))}>
              <option value="">{t("noRole")}</option>
              {roles.map((r) => (
                <option key={r.id} value={r.id} disabled={r.aboveMine}>
                  {r.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="f-grantEndsAt" label={t("grantEndsAt")} hint={t("grantEndsAtHint")} error={err("grantEndsAt") ?? err("endsAt")}>
            <Input id="f-grantEndsAt" name="grantEndsAt" type="datetime-local" {...fieldAria("f-grantEndsAt", err("grantEndsAt") ?? err("endsAt"), true)} />
          </Field>
          {err("justification") ? (
            <div className="sm:col-span-2">
              <Field id="f-justification" label={t("errors.sod")} error={err("justification")}>
                <Input id="f-justification" name="justification" {...fieldAria("f-justification", err("justification"))} />
              </Field>
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-neutral-200 pt-4">
        <Button asChild variant="secondary">
          <Link href={cancelHref}>{t("cancel")}</Link>
        </Button>
        <Button type="submit" disabled={pending}>
          {mode === "invite" ? (pending ? t("submitting") : t("submitInvite")) : pending ? t("saving") : t("submitEdit")}
        </Button>
      </div>
    </form>
  );
}

function KindLabel({ kind }: { kind: "employee" | "contractor" }) {
  const t = useTranslations("kind");
  return <span>{t(kind)}</span>;
}
