import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";

export interface TaskRecord {
  kind: string;
  decision: string | null;
  trackingNumber: string | null;
  receivedAt: Date | null;
  condition: string | null;
  evidence: unknown;
  note: string | null;
  line: { mnpNumber: string | null; mnpExpiresAt: Date | null } | null;
}

const day = (d: Date) => formatDateTime(d).slice(0, 10);

/** What a closed task recorded, as label/value pairs: the case page and the printed summary show the same. */
export async function TaskEvidence({ task }: { task: TaskRecord }) {
  const t = await getTranslations("offboarding.task");
  const items: { label: string; value: string }[] = [];
  if (task.trackingNumber) items.push({ label: t("trackingNumber"), value: task.trackingNumber });
  if (task.receivedAt) items.push({ label: t("receivedOn"), value: day(task.receivedAt) });
  if (task.condition && t.has(`conditionValue.${task.condition}`))
    items.push({
      label: t("condition"),
      value: t(`conditionValue.${task.condition}`),
    });
  if (task.decision && t.has(`decisionValue.${task.decision}`))
    items.push({
      label: t("decision"),
      value: t(`decisionValue.${task.decision}`),
    });
  if (task.decision === "port_out" && task.line?.mnpNumber) {
    items.push({ label: t("mnpNumber"), value: task.line.mnpNumber });
    if (task.line.mnpExpiresAt)
      items.push({
        label: t("mnpExpiresOn"),
        value: day(task.line.mnpExpiresAt),
      });
  }
  const wiped = task.evidence as {
    mailClientWiped?: boolean;
    appWiped?: boolean;
  } | null;
  if (wiped?.mailClientWiped) items.push({ label: "✓", value: t("mailClientWiped") });
  if (wiped?.appWiped) items.push({ label: "✓", value: t("appWiped") });
  if (task.note) items.push({ label: t("note"), value: task.note });
  if (items.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-sm">
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt className="text-neutral-600">{item.label}</dt>
          <dd className="whitespace-pre-wrap break-words">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
