"use client";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { CampaignItemRow } from "@/lib/server/reviews/get-campaign";
import { decisionTone } from "./campaign-text";

export type ReviewItem = CampaignItemRow;
export type SnapshotGrant = ReviewItem["snapshot"]["grants"][number];

export const day = (d: Date | string | null | undefined) => formatDateTime(d).slice(0, 10);

/** A role's name in the reader's language (built-in roles by key, custom roles as named). */
export function useRoleName() {
  const t = useTranslations("roles");
  return (g: Pick<SnapshotGrant, "roleKey" | "roleName">) => (g.roleKey && t.has(g.roleKey) ? t(g.roleKey) : g.roleName);
}

/** The roles held when the campaign started, as chips with their end dates. */
export function RoleChips({ grants }: { grants: SnapshotGrant[] }) {
  const t = useTranslations("campaigns.item");
  const roleName = useRoleName();
  if (grants.length === 0) return <span className="text-xs text-neutral-600">{t("noRoles")}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {grants.map((g) => (
        <li key={g.grantId} className="inline-flex items-baseline gap-1 whitespace-nowrap rounded border border-neutral-200 bg-neutral-50 px-1.5 py-0.5 text-xs text-neutral-800">
          {roleName(g)}
          {g.endsAt ? <span className="num text-[11px] text-amber-800">{t("until", { date: day(g.endsAt) })}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** The decision as a badge, with what it covers, who made it and when. */
export function DecisionSummary({ item }: { item: ReviewItem }) {
  const t = useTranslations("campaigns.decision");
  const roleName = useRoleName();
  const key = item.decision ?? "undecided";
  const chosen = item.snapshot.grants.filter((g) => item.revokeGrantIds.includes(g.grantId));
  return (
    <div className="space-y-0.5" data-testid="item-decision">
      <span className="flex flex-wrap items-center gap-1">
        <Badge tone={decisionTone[key]}>{t(key)}</Badge>
        {item.byDefault ? <span className="text-xs text-neutral-600">{t("byDefault")}</span> : null}
      </span>
      {item.decision === "revoke" ? (
        <span className="block text-xs text-neutral-700">{chosen.length === 0 ? t("wholeAccount") : t("roles", { roles: chosen.map(roleName).join("、") })}</span>
      ) : null}
      {item.decision === "modify" ? (
        <span className="block text-xs text-neutral-700">
          {t("roles", { roles: chosen.map(roleName).join("、") })} · {t("endsAt", { date: day(item.modifyEndsAt) })}
        </span>
      ) : null}
      {item.comment ? (
        <span className="line-clamp-2 block max-w-56 text-xs text-neutral-700" title={item.comment}>
          “{item.comment}”
        </span>
      ) : null}
      {item.decidedAt && !item.byDefault ? <span className="num block text-[11px] text-neutral-600">{t("by", { who: item.decidedByLabel ?? "—", at: formatDateTime(item.decidedAt) })}</span> : null}
    </div>
  );
}
