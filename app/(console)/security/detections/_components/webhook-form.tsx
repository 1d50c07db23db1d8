"use client";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { rotateAlertWebhookSecretAction, sendTestAlertWebhookAction, updateAlertWebhookAction } from "../actions";
import { FieldError, SettingsCard, StatusLine, useErrorText } from "./form-bits";

interface Delivery {
  channel: string;
  createdAt: Date;
  deliveredAt: Date | null;
  failedAt: Date | null;
  statusCode: number | null;
  lastError: string | null;
  attempts: number;
}

const when = (d: Date) => new Date(d).toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });

export function WebhookForm({ webhook, canManage }: { webhook: { url: string | null; hasSecret: boolean; recent: Delivery[] }; canManage: boolean }) {
  const t = useTranslations("detections");
  const errorText = useErrorText();
  const id = useId();
  const [url, setUrl] = useState(webhook.url ?? "");
  const [hasSecret, setHasSecret] = useState(webhook.hasSecret);
  const [secret, setSecret] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [status, setStatus] = useState<{ problem?: string | null; success?: string | null }>({});
  const [pending, start] = useTransition();

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      const r = await updateAlertWebhookAction(null, { url });
      setFieldError(r.ok ? undefined : errorText(r.fieldErrors?.url ?? r.message));
      if (r.ok) {
        if (r.data.secret) {
          setSecret(r.data.secret);
          setHasSecret(true);
        }
        setStatus({ success: t(r.data.changed ? "saved" : "unchanged") });
      } else setStatus({});
    });
  };
  const rotate = () => {
    if (hasSecret && !window.confirm(t("webhook.rotateConfirm"))) return;
    start(async () => {
      const r = await rotateAlertWebhookSecretAction(null, {});
      if (r.ok) {
        setSecret(r.data.secret);
        setHasSecret(true);
        setStatus({});
      } else setStatus({ problem: errorText(r.message) });
    });
  };
  const test = () =>
    start(async () => {
      const r = await sendTestAlertWebhookAction(null, {});
      if (!r.ok) setStatus({ problem: errorText(r.fieldErrors?.url ?? r.message) });
      else if (r.data.ok) setStatus({ success: t("webhook.testOk", { status: r.data.status ?? 0 }) });
      else setStatus({ problem: t("webhook.testFailed", { error: r.data.error ?? String(r.data.status) }) });
    });

  return (
    <SettingsCard title={t("webhook.title")} description={t("webhook.description")}>
      <form onSubmit={save} noValidate className="flex flex-col gap-4">
        <fieldset disabled={!canManage}>
          <Label htmlFor={`${id}-url`}>{t("webhook.url")}</Label>
          <Input
            id={`${id}-url`}
            type="url"
            value={url}
            placeholder="https://"
            onChange={(e) => setUrl(e.currentTarget.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={`${fieldError ? `${id}-url-error ` : ""}${id}-url-hint`}
            className="w-full"
          />
          <FieldError id={`${id}-url-error`} text={fieldError} />
          <p id={`${id}-url-hint`} className="mt-1 text-xs text-neutral-600">
            {t("webhook.urlHint")}
          </p>
        </fieldset>
        <p className="text-sm text-neutral-700">{hasSecret ? t("webhook.secretSet") : t("webhook.secretMissing")}</p>
        {secret ? (
          <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
            <p className="text-amber-900">{t("webhook.secretOnce")}</p>
            <code data-testid="webhook-secret" className="mt-1 block break-all font-mono text-xs text-neutral-900 select-all">
              {secret}
            </code>
          </div>
        ) : null}
        {canManage ? (
          <div className="flex flex-wrap items-center justify-end gap-2 border-t border-neutral-100 pt-4">
            <StatusLine problem={status.problem} success={status.success} />
            <Button type="button" variant="secondary" onClick={rotate} disabled={pending}>
              {t("webhook.rotate")}
            </Button>
            <Button type="button" variant="secondary" onClick={test} disabled={pending || !url}>
              {t("webhook.test")}
            </Button>
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
        ) : null}
      </form>
      {webhook.recent.length > 0 ? (
        <div className="mt-4">
          <h4 className="mb-1 text-xs font-medium text-neutral-600">{t("webhook.recent")}</h4>
          <ul className="divide-y divide-neutral-100 text-sm">
            {webhook.recent.map((d, i) => (
              <li key={i} className="flex items-center gap-3 py-1">
                <span className="num text-neutral-700">{when(d.createdAt)}</span>
                {d.deliveredAt ? <Badge tone="green">{t("webhook.delivered")}</Badge> : d.failedAt ? <Badge tone="red">{t("webhook.failed")}</Badge> : <Badge tone="amber">{t("webhook.pending")}</Badge>}
                <span className="truncate text-xs text-neutral-600">{d.lastError ?? (d.statusCode ? `HTTP ${d.statusCode}` : "")}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </SettingsCard>
  );
}
