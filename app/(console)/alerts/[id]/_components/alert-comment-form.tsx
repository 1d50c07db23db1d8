"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { commentOnAlertAction } from "../actions";
import { useAlertErrors } from "./use-alert-errors";

// A note on the alert's record; the typed text stays when it is refused.
export function AlertCommentForm({ alertId }: { alertId: string }) {
  const t = useTranslations("alerts.detail");
  const errors = useAlertErrors();
  const notice = useNotice();
  const [body, setBody] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const error = errors.field(result, "body");
  const formError = errors.form(result, ["body"]);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await commentOnAlertAction(null, { id: alertId, body });
          setResult(r);
          if (r.ok) {
            setBody("");
            notice(t("commented"));
          }
        });
      }}
    >
      <Field id="alert-comment" label={t("commentLabel")} hint={t("commentHint")} error={error}>
        <textarea
          id="alert-comment"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={3}
          maxLength={2000}
          className={textareaClass}
          {...fieldAria("alert-comment", error, true)}
        />
      </Field>
      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" size="sm" disabled={pending || body.trim() === ""}>
          {t("commentSubmit")}
        </Button>
      </div>
    </form>
  );
}
