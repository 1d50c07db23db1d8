"use client";
import { useState } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import type { SodRuleLike } from "@/lib/policy/separation-of-duties";
import { useRolesErrors } from "../../_components/error-text";
import { usePermissionText, useRuleName } from "../../_components/permission-text";
import { useSubmit } from "../../_components/use-submit";
import { deleteSodRuleAction } from "../actions";
import { RuleDialog } from "./rule-dialog";

export type RuleRow = SodRuleLike & { conflictCount: number };

// The rules with how many people break each now; edit and delete for those who manage security.
export function RulesTable({ rules, canManage }: { rules: RuleRow[]; canManage: boolean }) {
  const t = useTranslations("rolesArea.sod");
  const permission = usePermissionText();
  const ruleName = useRuleName();
  const notice = useNotice();
  const errors = useRolesErrors();
  const [editing, setEditing] = useState<RuleRow | null>(null);
  const [deleting, setDeleting] = useState<RuleRow | null>(null);
  const remove = useSubmit(deleteSodRuleAction, (deleted) => {
    setDeleting(null);
    notice(t("delete.done", { name: ruleName(deleted.name) }));
  });
  const removeError = errors.form(remove.state);

  if (rules.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
        <p className="font-medium">{t("list.empty")}</p>
        {canManage ? <p className="mt-1 text-sm text-neutral-600">{t("list.emptyHint")}</p> : null}
      </div>
    );
  }

  return (
    <>
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                {t("list.name")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t("list.sideA")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t("list.sideB")}
              </th>
              <th scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {t("list.conflicts")}
              </th>
              {canManage ? (
                <th scope="col" className="px-3 py-2 font-medium">
                  <span className="sr-only">{t("list.actions")}</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-100">
            {rules.map((rule) => (
              <tr key={rule.id}>
                <th scope="row" className="px-3 py-2 font-medium">
                  {ruleName(rule.name)}
                </th>
                <td className="px-3 py-2 whitespace-nowrap">{permission(rule.domainA, rule.levelA)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{permission(rule.domainB, rule.levelB)}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {rule.conflictCount > 0 ? (
                    <Link href="/roles/conflicts" className="hover:underline">
                      <Badge tone="red" className="num">
                        {t("list.conflictCount", { count: rule.conflictCount })}
                      </Badge>
                    </Link>
                  ) : (
                    <span className="text-neutral-600">{t("list.noConflicts")}</span>
                  )}
                </td>
                {canManage ? (
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <div className="inline-flex gap-2">
                      <Button size="sm" variant="secondary" onClick={() => setEditing(rule)} aria-label={`${t("list.edit")}: ${ruleName(rule.name)}`}>
                        {t("list.edit")}
                      </Button>
                      <Button size="sm" variant="dangerOutline" onClick={() => setDeleting(rule)} aria-label={`${t("list.delete")}: ${ruleName(rule.name)}`}>
                        {t("list.delete")}
                      </Button>
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RuleDialog open={editing !== null} onOpenChange={(open) => (open ? null : setEditing(null))} rule={editing} />
      <DialogShell
        open={deleting !== null}
        onOpenChange={(open) => (open ? null : setDeleting(null))}
        title={t("delete.title")}
        description={deleting ? t("delete.body", { name: ruleName(deleting.name) }) : ""}
      >
        {removeError ? (
          <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {removeError}
          </p>
        ) : null}
        <div className="mt-5 flex justify-end gap-2">
          <DialogClose asChild>
            <Button type="button" variant="secondary">
              {t("add.cancel")}
            </Button>
          </DialogClose>
          <Button
            type="button"
            variant="danger"
            disabled={remove.pending}
            onClick={() => {
              const form = new FormData();
              form.set("id", deleting!.id);
              remove.submit(form);
            }}
          >
            {t("delete.confirm")}
          </Button>
        </div>
      </DialogShell>
    </>
  );
}
