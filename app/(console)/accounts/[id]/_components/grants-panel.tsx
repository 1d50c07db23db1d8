"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { useActionErrors } from "@/components/forms/action-errors";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input, Select } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import {
  grantRoleAction,
  previewRoleGrantAction,
  requestRoleGrantAction,
  revokeGrantAction,
} from "../actions";

export interface GrantRow {
  id: string;
  roleLabel: string;
  grantedBy: string | null;
  grantedAt: string;
  endsAt: string | null;
  expired: boolean;
  reason: string | null;
  justification: string | null;
  /** The base member role carries no permissions: there is nothing to revoke. */
  base: boolean;
}
type Role = { id: string; label: string; aboveMine: boolean };
type Conflict = { name: string; a: string; b: string };

const FIELDS = ["roleId", "endsAt", "reason", "justification"] as const;

/** The permissions tab: roles held with their end times, and (for admins) grant and revoke. */
export function GrantsPanel({
  accountId,
  contractor,
  rows,
  roles,
  canGrant,
  canRequest,
  canRevoke,
  ruleLabel,
}: {
  accountId: string;
  contractor: boolean;
  rows: GrantRow[];
  roles: Role[];
  canGrant: boolean;
  canRequest: boolean;
  canRevoke: boolean;
  ruleLabel: Record<string, string>;
}) {
  const t = useTranslations("grants");
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState<GrantRow | null>(null);
  const notice = useNotice();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const errors = useActionErrors("grants");
  return (
    <div>
      <div className="mb-3 flex items-center justify-between gap-3">
        <h2 className="text-sm font-semibold">{t("title")}</h2>
        {canGrant || canRequest ? (
          <Button size="sm" onClick={() => setOpen(true)}>
            <Plus className="size-4" aria-hidden />
            {canGrant ? t("add") : t("request")}
          </Button>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("role")}</th>
              <th className="px-3 py-2 font-medium">{t("endsAtColumn")}</th>
              <th className="px-3 py-2 font-medium">{t("grantedByColumn")}</th>
              <th className="px-3 py-2 font-medium">{t("reason")}</th>
              {canRevoke ? <th className="px-3 py-2" /> : null}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td
                  colSpan={5}
                  className="px-3 py-6 text-center text-neutral-600"
                >
                  {t("none")}
                </td>
              </tr>
            ) : (
              rows.map((g) => (
                <tr
                  key={g.id}
                  className="border-t border-neutral-100 align-top"
                >
                  <td className="px-3 py-2 font-medium">{g.roleLabel}</td>
                  <td className="px-3 py-2">
                    {g.endsAt ? (
                      <span className="inline-flex flex-wrap items-center gap-1">
                        <span className="num whitespace-nowrap">
                          {g.endsAt}
                        </span>
                        {g.expired ? (
                          <Badge tone="grey">{t("expired")}</Badge>
                        ) : (
                          <Badge tone="amber">{t("timeLimited")}</Badge>
                        )}
                      </span>
                    ) : (
                      <span className="text-neutral-600">{t("noEnd")}</span>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <span className="block">{g.grantedBy ?? "—"}</span>
                    <span className="num block text-xs text-neutral-600">
                      {g.grantedAt}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    <span className="block">{g.reason ?? "—"}</span>
                    {g.justification ? (
                      <span className="mt-1 block text-xs text-amber-800">
                        {t("justificationShown", { text: g.justification })}
                      </span>
                    ) : null}
                  </td>
                  {canRevoke ? (
                    <td className="px-3 py-2 text-right">
                      {g.expired || g.base ? null : (
                        <Button
                          size="sm"
                          variant="dangerOutline"
                          onClick={() => (setRevokeError(null), setRevoking(g))}
                        >
                          {t("revoke")}
                        </Button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {canGrant || canRequest ? (
        <DialogShell
          open={open}
          onOpenChange={setOpen}
          title={canGrant ? t("add") : t("request")}
          description={canGrant ? t("addDescription") : t("requestDescription")}
          className="w-[min(34rem,94vw)]"
        >
          <GrantForm
            accountId={accountId}
            contractor={contractor}
            roles={roles}
            canGrant={canGrant}
            ruleLabel={ruleLabel}
            onDone={(requested) => {
              setOpen(false);
              notice(requested ? t("requested") : t("granted"));
              router.refresh();
            }}
          />
        </DialogShell>
      ) : null}
      <DialogShell
        open={revoking !== null}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={t("revokeTitle")}
        description={
          revoking ? t("revokeConsequence", { role: revoking.roleLabel }) : ""
        }
      >
        {revokeError ? (
          <p
            role="alert"
            className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
          >
            {revokeError}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">{t("cancel")}</Button>
          </DialogClose>
          <Button
            variant="danger"
            disabled={pending}
            onClick={() =>
              revoking &&
              start(async () => {
                const result = await revokeGrantAction(null, {
                  grantId: revoking.id,
                  accountId,
                });
                if (!result.ok)
                  return setRevokeError(
                    errors.form(result, []) ?? t("errors.unavailable"),
                  );
                setRevoking(null);
                notice(t("revoked"));
                router.refresh();
              })
            }
          >
            {t("revokeConfirm")}
          </Button>
        </div>
      </DialogShell>
    </div>
  );
}

function GrantForm({
  accountId,
  contractor,
  roles,
  canGrant,
  ruleLabel,
  onDone,
}: {
  accountId: string;
  contractor: boolean;
  roles: Role[];
  canGrant: boolean;
  ruleLabel: Record<string, string>;
  onDone: (requested: boolean) => void;
}) {
  const t = useTranslations("grants");
  const errors = useActionErrors("grants");
  const [state, setState] = useState<ActionResult<unknown> | null>(null);
  const [preview, setPreview] = useState<{
    conflicts: Conflict[];
    overrideAllowed: boolean;
  } | null>(null);
  const [pending, start] = useTransition();
  const [roleId, setRoleId] = useState("");
  // A role above the admin's own permissions, or no manage at all: the form files a request for someone else to approve.
  const asRequest =
    !canGrant || roles.some((r) => r.id === roleId && r.aboveMine);
  const err = (f: string) => errors.field(state, f);
  const formError = errors.form(state, FIELDS);
  const check = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const roleId = String(data.get("roleId") ?? "");
    if (!roleId) return setPreview(null);
    start(async () => {
      const result = await previewRoleGrantAction(null, {
        accountId,
        roleId,
        endsAt: String(data.get("endsAt") ?? ""),
      });
      setPreview(result.ok ? result.data : null);
    });
  };
  const refused =
    preview !== null &&
    preview.conflicts.length > 0 &&
    !preview.overrideAllowed;
  const needsJustification =
    preview !== null && preview.conflicts.length > 0 && preview.overrideAllowed;
  return (
    <form
      noValidate
      className="mt-4 flex flex-col gap-4"
      onChange={(e) => {
        const target = e.target as HTMLElement;
        if (
          target instanceof HTMLSelectElement ||
          (target instanceof HTMLInputElement && target.name === "endsAt")
        )
          check(e.currentTarget);
      }}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        data.set("accountId", accountId);
        start(async () => {
          const result = asRequest
            ? await requestRoleGrantAction(null, data)
            : await grantRoleAction(null, data);
          setState(result);
          if (result.ok) onDone(asRequest);
        });
      }}
    >
      {formError ? (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {formError}
        </p>
      ) : null}
      <Field id="g-roleId" label={t("role")} error={err("roleId")}>
        <Select
          id="g-roleId"
          name="roleId"
          value={roleId}
          onChange={(e) => setRoleId(e.target.value)}
          className="w-full"
          {...fieldAria("g-roleId", err("roleId"))}
        >
          <option value="" disabled>
            {t("chooseRole")}
          </option>
          {roles.map((r) => (
            <option key={r.id} value={r.id}>
              {r.aboveMine && canGrant
                ? `${r.label} — ${t("aboveMine")}`
                : r.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="g-endsAt"
        label={contractor ? t("endsAtRequired") : t("endsAt")}
        hint={t("endsAtHint")}
        error={err("endsAt")}
      >
        <Input
          id="g-endsAt"
          name="endsAt"
          type="datetime-local"
          required={contractor}
          {...fieldAria("g-endsAt", err("endsAt"), true)}
        />
      </Field>
      <Field
        id="g-reason"
        label={t("reason")}
        hint={t("reasonHint")}
        error={err("reason")}
      >
        <textarea
          id="g-reason"
          name="reason"
          rows={2}
          maxLength={520}
          className={textareaClass}
          {...fieldAria("g-reason", err("reason"), true)}
        />
      </Field>
      {asRequest && roleId ? (
        <p className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">
          {canGrant ? t("aboveMineNote") : t("requestNote")}
        </p>
      ) : null}
      {preview && preview.conflicts.length > 0 ? (
        <div
          role="alert"
          className={
            refused
              ? "rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900"
              : "rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900"
          }
        >
          <p className="font-medium">{t("conflictsTitle")}</p>
          <ul className="mt-1 list-disc pl-5">
            {preview.conflicts.map((c) => (
              <li key={c.name}>
                {ruleLabel[c.name] ?? c.name}{" "}
                <span className="whitespace-nowrap font-mono text-xs">
                  ({c.a} × {c.b})
                </span>
              </li>
            ))}
          </ul>
          {refused ? <p className="mt-2">{t("conflictRefused")}</p> : null}
        </div>
      ) : null}
      {needsJustification ? (
        <Field
          id="g-justification"
          label={t("justification")}
          hint={t("justificationHint")}
          error={err("justification")}
        >
          <textarea
            id="g-justification"
            name="justification"
            rows={2}
            maxLength={520}
            className={textareaClass}
            {...fieldAria("g-justification", err("justification"), true)}
          />
        </Field>
      ) : null}
      <div className="flex justify-end gap-2 border-t border-neutral-100 pt-4">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending || refused}>
          {pending
            ? t("submitting")
            : asRequest
              ? t("submitRequest")
              : t("submit")}
        </Button>
      </div>
    </form>
  );
}
