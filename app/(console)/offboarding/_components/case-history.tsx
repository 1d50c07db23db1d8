import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { historyKey } from "./offboarding-text";

export interface HistoryEntry {
  id: string;
  occurredAt: Date;
  action: string;
  actorLabel: string | null;
  details: unknown;
}

// The case's audit events, oldest first: what happened, to which task or line, who did it.
export async function CaseHistory({ history }: { history: HistoryEntry[] }) {
  const t = await getTranslations();
  if (history.length === 0) return <p className="text-sm text-neutral-600">{t("offboarding.detail.noHistory")}</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label={t("offboarding.detail.history")}>
      {history.map((h) => {
        const details = (h.details ?? {}) as {
          kind?: string;
          line?: string | null;
          trackingNumber?: string | null;
          decision?: string | null;
        };
        const what = [
          details.kind && t.has(`offboarding.task.kind.${details.kind}`) ? t(`offboarding.task.kind.${details.kind}`) : null,
          details.line ?? null,
          details.decision && t.has(`offboarding.task.decisionValue.${details.decision}`) ? t(`offboarding.task.decisionValue.${details.decision}`) : null,
          details.trackingNumber ? `${t("offboarding.task.trackingNumber")} ${details.trackingNumber}` : null,
        ].filter(Boolean);
        return (
          <li key={h.id} className="grid grid-cols-[9.5rem_minmax(0,1fr)] gap-x-3 border-b border-neutral-100 pb-2 last:border-0">
            <span className="num text-neutral-600">{formatDateTime(h.occurredAt)}</span>
            <span>
              <span className="font-medium">{t.has(historyKey(h.action)) ? t(historyKey(h.action)) : h.action}</span>
              {what.length ? <span className="text-neutral-700">: {what.join(" · ")}</span> : null}
              <span className="block break-all text-xs text-neutral-600">{h.actorLabel ?? "—"}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
