import { useTranslations } from "next-intl";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatDateTime } from "@/lib/format";

export interface LineHistoryEvent {
  id: string;
  occurredAt: Date;
  action: string;
  actorLabel: string | null;
  actorName: string | null;
  reason: string | null;
  details: unknown;
}

type Value = string | number | boolean | null | string[] | undefined;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

// Every audit event about the line, newest first: who did what, and each field before → after.
export function LineHistory({ events }: { events: LineHistoryEvent[] }) {
  const t = useTranslations();
  const field = (f: string) => (t.has(`lines.history.fields.${f}`) ? t(`lines.history.fields.${f}`) : f);
  const value = (f: string, v: Value): string => {
    if (v === null || v === undefined || v === "") return t("requests.values.empty");
    if (typeof v === "boolean") return v ? t("requests.values.on") : t("requests.values.off");
    if (f === "status" && typeof v === "string" && t.has(`lineStatus.${v}`)) return t(`lineStatus.${v}`);
    if (f === "simType" && typeof v === "string" && t.has(`simType.${v}`)) return t(`simType.${v}`);
    if (f === "dataAllowanceGb" || f === "addonGb") return t("lines.gb", { value: String(v) });
    if (typeof v === "string" && ISO.test(v)) return formatDateTime(v);
    return Array.isArray(v) ? v.join(", ") : String(v);
  };
  const describe = (e: LineHistoryEvent) => {
    const d = (e.details ?? {}) as { before?: Record<string, Value> | null; after?: Record<string, Value> | null; changes?: { field: string; before: Value; after: Value }[] };
    const changes = e.action.startsWith("request.")
      ? e.action === "request.filed"
        ? (d.changes ?? [])
        : []
      : Object.keys(d.after ?? {}).map((f) => ({ field: f, before: d.before?.[f] ?? null, after: d.after?.[f] ?? null }));
    return (
      <div className="flex flex-col gap-0.5">
        {changes.map((c) => (
          <span key={c.field}>
            {field(c.field)}: {value(c.field, c.before)} → {value(c.field, c.after)}
          </span>
        ))}
        {e.reason ? <span className="text-xs text-neutral-600">{e.reason}</span> : null}
      </div>
    );
  };
  return (
    <SimpleTable
      empty={t("lines.history.empty")}
      rows={events}
      rowKey={(e) => e.id}
      columns={[
        { header: t("lines.history.time"), cell: (e) => <span className="num whitespace-nowrap">{formatDateTime(e.occurredAt)}</span> },
        { header: t("lines.history.action"), cell: (e) => <span className="whitespace-nowrap">{t.has(`lines.history.actions.${e.action.replaceAll(".", "_")}`) ? t(`lines.history.actions.${e.action.replaceAll(".", "_")}`) : e.action}</span> },
        {
          header: t("lines.history.actor"),
          cell: (e) => (
            <span className="whitespace-nowrap" title={e.actorLabel ?? undefined}>
              {e.actorName ?? e.actorLabel ?? "—"}
            </span>
          ),
        },
        { header: t("lines.history.detail"), cell: describe },
      ]}
    />
  );
}
