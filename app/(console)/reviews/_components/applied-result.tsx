import Link from "next/link";
import { useTranslations } from "next-intl";
import { formatDateTime } from "@/lib/format";

interface ApplyResult {
  revokedGrants?: string[];
  suspended?: boolean;
  sessionsEnded?: number;
  proposalId?: string;
  endsAt?: string;
  changedGrants?: string[];
  skipped?: "last_org_admin";
}

// What applying a closed campaign's decision did to the account: roles ended, account suspended, offboarding proposed.
export function AppliedResult({ decision, appliedAt, applyResult, link = true }: { decision: string | null; appliedAt: Date | string | null; applyResult: unknown; link?: boolean }) {
  const t = useTranslations("campaigns.applied");
  if (decision !== "revoke" && decision !== "modify") return <span className="text-xs text-neutral-600">{t("nothing")}</span>;
  if (!appliedAt) return <span className="text-xs font-medium text-amber-800">{t("pending")}</span>;
  const r = (applyResult ?? {}) as ApplyResult;
  const parts: React.ReactNode[] = [];
  if (r.skipped === "last_org_admin") parts.push(<span className="font-medium text-amber-800">{t("lastOrgAdmin")}</span>);
  if (r.revokedGrants?.length) parts.push(t("rolesEnded", { count: r.revokedGrants.length }));
  if (r.changedGrants?.length && r.endsAt) parts.push(t("endsChanged", { count: r.changedGrants.length, date: formatDateTime(r.endsAt).slice(0, 10) }));
  if (r.suspended) parts.push(t("suspended"));
  if (r.sessionsEnded) parts.push(t("sessionsEnded", { count: r.sessionsEnded }));
  if (r.proposalId) {
    parts.push(
      link ? (
        <>
          {t("offboarding")} (
          <Link href="/offboarding" className="text-accent-700 underline">
            {t("offboardingLink")}
          </Link>
          )
        </>
      ) : (
        t("offboarding")
      ),
    );
  }
  return (
    <span className="block text-xs text-neutral-700" data-testid="applied-result">
      {parts.length ? (
        <ul className="list-disc pl-4">
          {parts.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      ) : (
        t("nothing")
      )}
      <span className="num block text-neutral-600">{t("at", { at: formatDateTime(appliedAt) })}</span>
    </span>
  );
}
