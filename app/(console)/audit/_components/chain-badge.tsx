import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ShieldAlert, ShieldCheck, ShieldEllipsis } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import { getChainStatus } from "@/lib/server/audit/get-chain-status";
import { load } from "@/lib/server/page";

// The organization's audit hash chain, verified on load: green when intact, red naming the first event at fault,
// grey while a long chain is still being verified.
export async function ChainBadge() {
  const status = await load(() => getChainStatus());
  const t = await getTranslations("audit.chain");
  if (status.state === "verifying") {
    return (
      <Badge tone="grey" role="status" className="gap-1 py-1">
        <ShieldEllipsis className="size-3.5" aria-hidden />
        {t("verifying")}
      </Badge>
    );
  }
  const checkedAt = [
    t("checkedAt", { time: formatDateTime(status.verifiedAt) }),
    status.wholeAt ? t("wholeAt", { time: formatDateTime(status.wholeAt) }) : t("wholeNever"),
  ].join(" ");
  if (status.state === "ok") {
    return (
      <Badge tone="green" role="status" title={`${t("okHint")} ${checkedAt}`} className="gap-1 py-1">
        <ShieldCheck className="size-3.5" aria-hidden />
        {t("ok", { count: status.checked })}
      </Badge>
    );
  }
  const broken = status.firstBroken!;
  const label =
    broken.id === null
      ? t("brokenTail", { seq: broken.chainSeq ?? "?" })
      : t("broken", { time: formatDateTime(broken.occurredAt), action: broken.action ?? "", problem: t(`problem.${broken.problem}`) });
  return (
    <Badge tone="red" role="alert" title={checkedAt} className="gap-1 py-1 whitespace-normal">
      <ShieldAlert className="size-3.5 shrink-0" aria-hidden />
      {broken.id === null ? (
        label
      ) : (
        <Link href={`/audit/${broken.id}`} className="underline underline-offset-2 hover:no-underline">
          {label}
        </Link>
      )}
    </Badge>
  );
}
