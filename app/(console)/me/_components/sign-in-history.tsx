import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/format";
import type { listMySignIns } from "@/lib/server/me/list-my-sign-ins";
import { ReportSignInButton } from "./report-sign-in-button";

type SignIn = Awaited<ReturnType<typeof listMySignIns>>[number];

/** The member's last sign-ins, newest first, each with a "this wasn't me" action. */
export async function SignInHistory({ signIns }: { signIns: SignIn[] }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const regions = new Intl.DisplayNames([locale], { type: "region" });
  const countryName = (code: string | null) => {
    if (!code) return t("me.signIns.unknown");
    try {
      return `${regions.of(code.trim()) ?? code} (${code.trim()})`;
    } catch {
      return code;
    }
  };
  if (signIns.length === 0) return <p className="rounded-md border border-dashed border-neutral-300 px-4 py-6 text-center text-sm text-neutral-600">{t("me.signIns.none")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={t("me.signIns.title")}>
        <thead className="text-left text-xs text-neutral-600">
          <tr className="border-b border-neutral-200">
            <th className="whitespace-nowrap py-2 pr-3 font-medium">{t("me.signIns.time")}</th>
            <th className="whitespace-nowrap py-2 pr-3 font-medium">{t("me.signIns.result")}</th>
            <th className="whitespace-nowrap py-2 pr-3 font-medium">{t("me.signIns.ip")}</th>
            <th className="whitespace-nowrap py-2 pr-3 font-medium">{t("me.signIns.country")}</th>
            <th className="whitespace-nowrap py-2 pr-3 font-medium">{t("me.signIns.device")}</th>
            <th className="whitespace-nowrap py-2 text-right font-medium">{t("me.signIns.action")}</th>
          </tr>
        </thead>
        <tbody>
          {signIns.map((e) => {
            const time = formatDateTime(e.occurredAt);
            const country = countryName(e.country);
            const device = e.device ?? t("me.signIns.unknown");
            return (
              <tr key={e.id} className="border-b border-neutral-100 align-top last:border-0" data-testid="my-sign-in">
                <td className="num whitespace-nowrap py-2 pr-3">{time}</td>
                <td className="py-2 pr-3">
                  <Badge tone={e.outcome === "success" ? "green" : "red"}>{e.outcome === "success" ? t("me.signIns.success") : t("me.signIns.failure")}</Badge>
                  {e.reason ? <span className="mt-0.5 block text-xs text-neutral-600">{t.has(`failureReason.${e.reason}`) ? t(`failureReason.${e.reason}`) : e.reason}</span> : null}
                </td>
                <td className="num break-all py-2 pr-3">{e.ip ?? "—"}</td>
                <td className="py-2 pr-3">{country}</td>
                <td className="py-2 pr-3" title={e.userAgent ?? undefined}>
                  {device}
                </td>
                <td className="py-2 text-right">
                  {e.reported ? (
                    <Badge tone="amber">{t("me.signIns.reported")}</Badge>
                  ) : (
                    <ReportSignInButton eventId={e.id} summary={{ time, outcome: e.outcome, ip: e.ip ?? "—", country, device }} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
