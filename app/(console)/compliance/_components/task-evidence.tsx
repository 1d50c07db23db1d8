import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { ComplianceTaskView } from "@/lib/server/compliance/list-compliance-tasks";

const linkClass = "text-accent-700 underline underline-offset-2 hover:text-accent-800";
const text = (v: unknown) => (typeof v === "string" ? v : null);

/** A link the evidence names: a page of this console in the same tab, anything else (http/https only) in a new one. */
function EvidenceLink({ href, children }: { href: string; children: React.ReactNode }) {
  if (href.startsWith("/")) {
    return (
      <Link href={href} className={`${linkClass} break-all`}>
        {children}
      </Link>
    );
  }
  if (!/^https?:\/\//i.test(href)) return <span className="break-all">{href}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={`${linkClass} break-all`}>
      {children}
    </a>
  );
}

/** What a closed task recorded: the note and link given by hand, or what its source says (sign-off, case, incident). */
export async function TaskEvidence({ task }: { task: Pick<ComplianceTaskView, "status" | "note" | "evidence"> }) {
  const t = await getTranslations("compliance.evidence");
  const e = task.evidence ?? {};
  const items: { label?: string; value: React.ReactNode }[] = [];
  switch (e.kind) {
    case "weekly_sign_off":
      items.push({ value: t("signedBy", { name: text(e.signedBy) ?? "—", at: formatDateTime(text(e.signedAt)) }) });
      if (task.note) items.push({ label: t("note"), value: task.note });
      if (text(e.href)) items.push({ value: <EvidenceLink href={text(e.href)!}>{t("weekPage")}</EvidenceLink> });
      break;
    case "disposal_case":
      items.push({ value: e.caseStatus === "cancelled" ? t("caseCancelled") : t("caseCompleted", { at: formatDateTime(text(e.closedAt)) }) });
      if (text(e.href)) items.push({ value: <EvidenceLink href={text(e.href)!}>{`${t("casePage")}${text(e.subject) ? `: ${text(e.subject)}` : ""}`}</EvidenceLink> });
      break;
    case "incident": {
      const minutes = typeof e.slaMinutes === "number" ? e.slaMinutes : 0;
      items.push({
        value: (
          <span className="inline-flex flex-wrap items-center gap-2">
            <span className="num">{t("incidentTimes", { detected: formatDateTime(text(e.detectedAt)), locked: formatDateTime(text(e.lockedAt)), notified: formatDateTime(text(e.notifiedAt)) })}</span>
            <Badge tone={e.slaMet ? "green" : "red"}>{e.slaMet ? t("slaMet", { minutes }) : t("slaMissed", { minutes })}</Badge>
          </span>
        ),
      });
      if (text(e.href)) items.push({ value: <EvidenceLink href={text(e.href)!}>{t("accountPage")}</EvidenceLink> });
      break;
    }
    default:
      if (task.note) items.push({ label: task.status === "skipped" ? t("skipReason") : t("note"), value: task.note });
      if (text(e.url)) items.push({ label: t("link"), value: <EvidenceLink href={text(e.url)!}>{text(e.url)}</EvidenceLink> });
  }
  if (items.length === 0) return null;
  return (
    <ul className="space-y-0.5 text-sm" data-testid="compliance-evidence">
      {items.map((item, i) => (
        <li key={i} className="min-w-0 whitespace-pre-wrap break-words">
          {item.label ? <span className="mr-1.5 text-neutral-600">{item.label}:</span> : null}
          {item.value}
        </li>
      ))}
    </ul>
  );
}
