"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria } from "@/components/forms/field";
import { PasswordInput } from "@/components/forms/password-input";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { cancelEmailChangeAction, requestEmailChangeAction } from "../actions";
import { useMeAction, useMeErrors } from "./use-me-errors";

/** The contact mail: the address in force, a change waiting for its link (with cancel), and the form to request one. */
export function ContactEmailForm({ email, pending }: { email: string; pending: { newEmail: string; expiresAtText: string } | null }) {
  const t = useTranslations("me.contact");
  const errors = useMeErrors();
  const notice = useNotice();
  const [typed, setTyped] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const request = useMeAction(requestEmailChangeAction, (data) => {
    notice(t("linkSent", { email: data.newEmail }));
    setTyped("");
    formRef.current?.reset();
  });
  const cancel = useMeAction(cancelEmailChangeAction, () => notice(t("cancelled")));
  const fieldError = errors.field(request.result, "email");
  const currentError = errors.field(request.result, "current");
  const formError = errors.form(request.result, ["email", "current"]);
  const cancelError = errors.form(cancel.result, []);
  return (
    <div className="flex flex-col gap-3">
      <div>
        <h3 className="text-sm font-semibold text-neutral-900">{t("email")}</h3>
        <p className="mt-1 break-all text-base font-medium" data-testid="contact-email">
          {email}
        </p>
      </div>
      {pending ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2.5 text-sm text-amber-950" data-testid="pending-email-change">
          <p className="font-medium">{t("pendingTitle")}</p>
          <p className="mt-0.5 break-all">{t("pending", { email: pending.newEmail, at: pending.expiresAtText })}</p>
          <p className="mt-0.5 text-xs text-amber-900">{t("pendingReplace")}</p>
          <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => cancel.run({})} disabled={cancel.pending}>
            {t("cancel")}
          </Button>
          {cancelError ? (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {cancelError}
            </p>
          ) : null}
        </div>
      ) : null}
      <form
        ref={formRef}
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          request.run({ email: typed, current: String(new FormData(e.currentTarget).get("current") ?? "") });
        }}
      >
        {formError ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        ) : null}
        <Field id="new-email" label={t("newEmail")} hint={t("newEmailHint")} error={fieldError}>
          <Input
            id="new-email"
            name="email"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            {...fieldAria("new-email", fieldError, true)}
          />
        </Field>
        <Field id="email-change-current" label={t("currentPassword")} hint={t("currentPasswordHint")} error={currentError}>
          <PasswordInput
            id="email-change-current"
            name="current"
            autoComplete="current-password"
            invalid={Boolean(currentError)}
            describedBy="email-change-current-error"
          />
        </Field>
        <div>
          <Button type="submit" disabled={request.pending || typed.trim() === ""}>
            {request.pending ? t("sending") : t("sendLink")}
          </Button>
        </div>
      </form>
    </div>
  );
}
