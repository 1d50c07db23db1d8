"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { revokeApiKeyAction } from "../actions";
import { useApiKeyErrorText } from "./error-text";

type Person = { displayName: string; loginId: string } | null;
export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdBy: Person;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: Person;
}

export function ApiKeysTable({ keys, canManage }: { keys: ApiKeyRow[]; canManage: boolean }) {
  const t = useTranslations("apiKeys");
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-sm">
        <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
          <tr>
            <th className="px-3 py-2 font-medium">{t("columns.name")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.prefix")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.scopes")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.created")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.lastUsed")}</th>
            <th className="px-3 py-2 font-medium">{t("columns.status")}</th>
            {canManage ? <th className="px-3 py-2" aria-label={t("revoke.button")} /> : null}
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colSpan={canManage ? 7 : 6} className="px-3 py-8 text-center text-neutral-600">
                {t("empty")}
              </td>
            </tr>
          ) : (
            keys.map((k) => (
              <tr key={k.id} className="border-t border-neutral-100 align-top">
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2">
                  <code className="whitespace-nowrap text-xs">{k.prefix}_…</code>
                </td>
                <td className="px-3 py-2">
                  {k.scopes.map((s) => (
                    <span key={s} className="block whitespace-nowrap" title={s}>
                      {t.has(`scope.${s}`) ? t(`scope.${s}`) : s}
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2">
                  <span className="num block whitespace-nowrap">{formatDateTime(k.createdAt)}</span>
                  {k.createdBy ? <span className="block text-xs text-neutral-600">{k.createdBy.displayName}</span> : null}
                </td>
                <td className="num whitespace-nowrap px-3 py-2">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : <span className="text-neutral-500">{t("never")}</span>}</td>
                <td className="px-3 py-2">
                  <Badge tone={k.revokedAt ? "grey" : "green"}>{k.revokedAt ? t("status.revoked") : t("status.active")}</Badge>
                  {k.revokedAt ? (
                    <span className="mt-0.5 block text-xs text-neutral-600">
                      {t("revokedBy", { name: k.revokedBy?.displayName ?? "—", time: formatDateTime(k.revokedAt) })}
                    </span>
                  ) : null}
                </td>
                {canManage ? (
                  <td className="px-3 py-2 text-right">
                    {!k.revokedAt ? (
                      <Button variant="dangerOutline" size="sm" onClick={() => setRevoking(k)} aria-label={`${t("revoke.button")}: ${k.name}`}>
                        {t("revoke.button")}
                      </Button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {revoking ? <RevokeDialog key={revoking.id} apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </div>
  );
}

function RevokeDialog({ apiKey, onClose }: { apiKey: ApiKeyRow; onClose: () => void }) {
  const t = useTranslations("apiKeys.revoke");
  const router = useRouter();
  const notice = useNotice();
  const errorText = useApiKeyErrorText();
  const [state, dispatch, pending] = useActionState(async (_previous: Awaited<ReturnType<typeof revokeApiKeyAction>> | null, id: string) => {
    const result = await revokeApiKeyAction(null, { id });
    if (result.ok) {
      notice(t("done", { name: apiKey.name }));
      onClose();
      router.refresh();
    }
    return result;
  }, null);
  const formError = errorText.form(state);
  return (
    <DialogShell open onOpenChange={(open) => (open ? null : onClose())} title={t("title", { name: apiKey.name })} description={t("description")}>
      {formError ? (
        <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <p className="mt-3 text-sm text-neutral-700">
        <code className="text-xs">{apiKey.prefix}_…</code>
      </p>
      <div className="mt-4 flex justify-end gap-2 border-t border-neutral-100 pt-4">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("cancel")}
          </Button>
        </DialogClose>
        <Button type="button" variant="danger" disabled={pending} aria-disabled={pending} onClick={() => startTransition(() => dispatch(apiKey.id))}>
          {pending ? t("submitting") : t("confirm")}
        </Button>
      </div>
    </DialogShell>
  );
}
