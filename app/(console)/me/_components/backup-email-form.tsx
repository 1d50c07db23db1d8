"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { updateBackupEmailAction } from "../actions";
import { useMeAction, useMeErrors } from "./use-me-errors";

/** The backup contact: one address other than the contact mail, or none. */
export function BackupEmailForm({ backupEmail }: { backupEmail: string | null }) {
  const t = useTranslations("me.contact");
  const errors = useMeErrors();
  const notice = useNotice();
  const [typed, setTyped] = useState(backupEmail ?? "");
  const save = useMeAction(updateBackupEmailAction, (data) => {
    notice(!data.changed ? t("backupUnchanged") : data.backupEmail ? t("backupSaved") : t("backupRemoved"));
    setTyped(data.backupEmail ?? "");
  });
  const fieldError = errors.field(save.result, "backupEmail");
  const formError = errors.form(save.result, ["backupEmail"]);
  return (
    <div className="flex flex-col gap-3">
      <div>
        <h3 className="text-sm font-semibold text-neutral-900">{t("backupEmail")}</h3>
        <p className="mt-1 break-all text-base font-medium" data-testid="backup-email">
          {backupEmail ?? <span className="font-normal text-neutral-500">{t("backupNone")}</span>}
        </p>
      </div>
      <form
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.run({ backupEmail: typed });
        }}
      >
        {formError ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        ) : null}
        <Field id="backup-email" label={t("backupInput")} hint={t("backupHint")} error={fieldError}>
          <Input
            id="backup-email"
            name="backupEmail"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            {...fieldAria("backup-email", fieldError, true)}
          />
        </Field>
        <div>
          <Button type="submit" variant="secondary" disabled={save.pending || typed.trim() === (backupEmail ?? "")}>
            {t("saveBackup")}
          </Button>
        </div>
      </form>
    </div>
  );
}
