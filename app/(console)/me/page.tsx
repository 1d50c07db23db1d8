import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getMyProfile } from "@/lib/server/me/get-my-profile";
import { listMyLines } from "@/lib/server/me/list-my-lines";
import { MY_SIGN_INS_SHOWN, listMySignIns } from "@/lib/server/me/list-my-sign-ins";
import { BACKUP_CODE_COUNT } from "@/lib/server/me/regenerate-backup-codes";
import { load } from "@/lib/server/page";
import { BackupEmailForm } from "./_components/backup-email-form";
import { ChangePasswordForm } from "./_components/change-password-form";
import { ContactEmailForm } from "./_components/contact-email-form";
import { DataAddonForm } from "../billing/_components/data-addon-form";
import { MyLines } from "./_components/my-lines";
import { NoticePreferencesForm } from "./_components/notice-preferences-form";
import { Section, SectionNav } from "./_components/section";
import { SignInHistory } from "./_components/sign-in-history";
import { TwoStepPanel } from "./_components/two-step-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me"))("title") };
}

const LOW_CODES = 3;

// Every member's own page: profile, contact, notices, lines and usage, password, two-step verification, sign-ins.
export default async function MyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const [me, myLines, signIns] = await Promise.all([load(getMyProfile), load(() => listMyLines()), load(listMySignIns)]);
  const t = await getTranslations();
  const emailChanged = params.emailChanged === "1";
  const reported = params.reported === "1";

  const profile: DetailItem[] = [
    { label: t("accounts.columns.displayName"), value: me.displayName },
    { label: t("account.nameKana"), value: me.nameKana ?? "—" },
    { label: t("accounts.columns.loginId"), value: <span className="break-all">{me.loginId}</span> },
    { label: t("accounts.columns.employeeNumber"), value: <span className="num">{me.employeeNumber ?? "—"}</span> },
    { label: t("accounts.columns.department"), value: me.department?.name ?? "—" },
    ...(me.kind === "contractor" ? [{ label: t("me.contractor"), value: me.contractorCompany ?? "—" }] : []),
    { label: t("nav.customerNumber"), value: <span className="num">{me.organization.customerNumber}</span> },
    { label: t("accounts.columns.lastSignInAt"), value: <span className="num">{formatDateTime(me.lastSignInAt)}</span> },
  ];
  const [year, month] = myLines.month.split("-");
  const monthLabel = t("me.lines.month", { year: year ?? "", month: String(Number(month)) });

  return (
    <div className="max-w-5xl">
      <PageHeader title={t("me.title")} description={t("me.description", { organization: me.organization.name, customerNumber: me.organization.customerNumber })} />
      <SectionNav
        label={t("me.sectionsLabel")}
        sections={[
          { id: "profile", label: t("me.sections.profile") },
          { id: "contact", label: t("me.sections.contact"), ...(me.pendingEmailChange ? { hint: t("me.navHint.pending") } : {}) },
          { id: "notifications", label: t("me.sections.notifications") },
          { id: "lines", label: t("me.sections.lines") },
          { id: "password", label: t("me.sections.password") },
          { id: "two-step", label: t("me.sections.twoStep"), ...(me.backupCodesLeft <= LOW_CODES ? { hint: t("me.navHint.codesLow", { count: me.backupCodesLeft }) } : {}) },
          { id: "sign-ins", label: t("me.sections.signIns") },
        ]}
      />
      <div className="space-y-5">
        <Section id="profile" title={t("me.profile")} description={t("me.profileHint")}>
          <DetailList items={profile} />
        </Section>

        <Section id="contact" title={t("me.contact.title")} description={t("me.contact.description")}>
          {emailChanged ? (
            <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
              {t("me.contact.changed", { email: me.email })}
            </p>
          ) : null}
          <div className="grid gap-4 md:grid-cols-2">
            <div className="rounded-md border border-neutral-200 p-4">
              <ContactEmailForm
                key={me.email}
                email={me.email}
                pending={me.pendingEmailChange ? { newEmail: me.pendingEmailChange.newEmail, expiresAtText: formatDateTime(me.pendingEmailChange.expiresAt) } : null}
              />
            </div>
            <div className="rounded-md border border-neutral-200 p-4">
              <BackupEmailForm key={me.backupEmail ?? ""} backupEmail={me.backupEmail} />
            </div>
          </div>
        </Section>

        <Section id="notifications" title={t("me.notifications.title")} description={t("me.notifications.description", { email: me.email })}>
          <NoticePreferencesForm
            key={`${me.notifyBilling}${me.notifyData}${me.notifyContract}`}
            saved={{ billing: me.notifyBilling, data: me.notifyData, contract: me.notifyContract }}
          />
        </Section>

        <Section id="lines" title={t("me.lines.title")} description={t("me.lines.description", { month: monthLabel })}>
          <MyLines
            lines={myLines.lines}
            monthLabel={monthLabel}
            lineAction={(line) =>
              line.status === "active" ? (
                <details open={line.pendingAddon !== null} className="group">
                  <summary className="cursor-pointer text-sm font-medium text-accent-700 hover:underline">
                    {line.pendingAddon ? t("me.lines.addonPending") : t("me.lines.addonToggle")}
                  </summary>
                  <div className="mt-2">
                    <DataAddonForm lineId={line.id} mode="request" pendingRequest={line.pendingAddon} remainingGb={line.addonRemainingGb} />
                  </div>
                </details>
              ) : null
            }
          />
        </Section>

        <Section
          id="password"
          title={t("me.password")}
          description={
            <>
              {t("me.passwordChangedAt", { at: formatDateTime(me.passwordChangedAt) })}
              {me.passwordExpiry.expiresAt ? ` ${t("me.passwordExpiresAt", { at: formatDateTime(me.passwordExpiry.expiresAt) })}` : ""}
            </>
          }
        >
          <ChangePasswordForm minLength={me.minPasswordLength} offered={reported} />
        </Section>

        <Section id="two-step" title={t("me.twoStep.title")} description={t("me.twoStep.description")}>
          <TwoStepPanel appSinceText={me.totpEnabledAt ? formatDateTime(me.totpEnabledAt) : null} codesLeft={me.backupCodesLeft} codesTotal={BACKUP_CODE_COUNT} />
        </Section>

        <Section id="sign-ins" title={t("me.signIns.title")} description={t("me.signIns.description", { count: MY_SIGN_INS_SHOWN })}>
          <SignInHistory signIns={signIns} />
        </Section>
      </div>
    </div>
  );
}
