import { useTranslations } from "next-intl";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatDateTime } from "@/lib/format";
import { useChangeText, type ChangeValue } from "./change-text";

export interface HistoryEvent {
  id: string;
  occurredAt: Date;
  action: string;
  actorLabel: string | null;
  actorName: string | null;
  reason: string | null;
  details: unknown;
}

type Side = Record<string, ChangeValue> | undefined;

// The audit trail of one changeable thing (a line, the billing profile): its changes and the requests on it.
export function ChangeHistory({ kind, events }: { kind: string; events: HistoryEvent[] }) {
  const t = useTranslations("requests");
  const text = useChangeText();
  // The stored before/after objects come back with their keys reordered (jsonb): show the fields in the kind's order.
  const order = t.has(`fields.${kind}`) ? Object.keys(t.raw(`fields.${kind}`) as Record<string, string>) : [];
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  const describe = (e: HistoryEvent) => {
    const details = (e.details ?? {}) as { before?: Side; after?: Side; changes?: { field: string; before: ChangeValue; after: ChangeValue }[] };
    // A filing shows what it asks for; a decision only its comment (the change it applied has its own row).
    const changes = e.action.startsWith("request.")
      ? e.action === "request.filed"
        ? (details.changes ?? [])
        : []
      : Object.keys(details.after ?? {})
          .sort((a, b) => rank(a) - rank(b))
          .map((field) => ({ field, before: details.before?.[field] ?? null, after: details.after?.[field] ?? null }));
    return (
      <div className="flex flex-col gap-0.5">
        {changes.map((c) => (
          <span key={c.field}>
            {text.field(kind, c.field)}: {text.value(kind, c.field, c.before)} → {text.value(kind, c.field, c.after)}
          </span>
        ))}
        {e.reason ? <span className="text-xs text-neutral-600">{e.reason}</span> : null}
      </div>
    );
  };
  return (
    <SimpleTable
      empty={t("history.empty")}
      rows={events}
      rowKey={(e) => e.id}
      columns={[
        { header: t("history.time"), cell: (e) => <span className="num whitespace-nowrap">{formatDateTime(e.occurredAt)}</span> },
        { header: t("history.action"), cell: (e) => <span className="whitespace-nowrap">{t.has(`auditActions.${e.action}`) ? t(`auditActions.${e.action}`) : e.action}</span> },
        {
          header: t("history.actor"),
          cell: (e) => (
            <span className="whitespace-nowrap" title={e.actorLabel ?? undefined}>
              {e.actorName ?? e.actorLabel ?? "—"}
            </span>
          ),
        },
        { header: t("history.detail"), cell: describe },
      ]}
    />
  );
}
