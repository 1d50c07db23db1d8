import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { cookies } from "next/headers";
import { currentActor } from "@/lib/server/authorize";
import { SHOWING_BACKUP_CODES_COOKIE, challengeToken } from "@/lib/server/sign-in/challenge-cookie";
import { getEnrolment } from "@/lib/server/sign-in/enroll-second-factor";
import { EnrollForm } from "./enroll-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("enrollTitle") };
}

export default async function EnrollPage() {
  const enrolment = await getEnrolment(await challengeToken());
  const t = await getTranslations("signIn");
  if (!enrolment) {
    // Just enrolled: the session cookie re-rendered this page while the form shows the backup codes once.
    const justEnrolled = (await cookies()).has(SHOWING_BACKUP_CODES_COOKIE) && (await currentActor());
    if (!justEnrolled) redirect("/sign-in?expired=1");
    return (
      <AuthCard title={t("enrollTitle")}>
        {[<EnrollForm key="enroll-form" />]}
      </AuthCard>
    );
  }
  const grouped = enrolment.secret.match(/.{1,4}/g)?.join(" ") ?? enrolment.secret;
  return (
    <AuthCard title={t("enrollTitle")} subtitle={t("enrollSubtitle")}>
      {[
        <ol key="steps" className="mb-4 list-decimal space-y-2 pl-5 text-sm text-neutral-800">
          <li>{t("enrollStep1")}</li>
          <li>{t("enrollStep2")}</li>
        </ol>,
        // The SVG comes from the qrcode library on our server, built from our own otpauth URI.
        <div key="qr" className="mx-auto mb-3 w-44" role="img" aria-label={t("qrLabel")} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />,
        <details key="manual" className="mb-4 text-sm">
          <summary className="cursor-pointer text-accent-700">{t("manualEntry")}</summary>
          <p className="mt-2 text-xs text-neutral-600">{t("manualEntryHint", { account: enrolment.loginId })}</p>
          <code data-testid="totp-secret" className="num mt-1 block break-all rounded bg-neutral-100 px-2 py-1 font-mono text-sm">
            {grouped}
          </code>
        </details>,
        <EnrollForm key="enroll-form" />,
      ]}
    </AuthCard>
  );
}
