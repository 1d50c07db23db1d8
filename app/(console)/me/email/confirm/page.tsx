import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { isAppError } from "@/lib/server/errors";
import { getEmailChangeConfirmation } from "@/lib/server/me/get-email-change-confirmation";
import { load } from "@/lib/server/page";
import { ConfirmEmailChangeForm } from "./_components/confirm-email-change-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me.confirmEmail"))("title") };
}

// The link mailed to a new contact address lands here. Opening it changes nothing: the member, signed in as the
// account it was sent for, confirms with a button (a POST), so a mail scanner following the link cannot.
export default async function ConfirmEmailChangePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const token = typeof params.token === "string" ? params.token : "";
  const link = await load(async () => {
    try {
      return await getEmailChangeConfirmation({ token });
    } catch (e) {
      // A session that ended since the cookie was set: sign in again and come back to this link.
      if (isAppError(e) && e.code === "unauthenticated") redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/me/email/confirm?token=${token}`)}`);
      throw e;
    }
  });
  const t = await getTranslations("me.confirmEmail");
  return (
    <div className="max-w-2xl">
      <PageHeader title={t("title")} />
      <Card className="p-5">
        {link.state === "ready" ? (
          <>
            <p className="text-sm text-neutral-800">{t("ready", { loginId: link.loginId })}</p>
            <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-2">
              <div className="rounded-md border border-neutral-200 px-3 py-2.5">
                <dt className="text-xs text-neutral-600">{t("current")}</dt>
                <dd className="mt-0.5 break-all">{link.currentEmail}</dd>
              </div>
              <div className="rounded-md border border-accent-600/40 bg-accent-50 px-3 py-2.5">
                <dt className="text-xs text-neutral-600">{t("new")}</dt>
                <dd className="mt-0.5 break-all font-medium" data-testid="confirm-new-email">
                  {link.newEmail}
                </dd>
              </div>
            </dl>
            <p className="mt-2 text-xs text-neutral-600">{t("expires", { at: formatDateTime(link.expiresAt) })}</p>
            <ConfirmEmailChangeForm token={token} />
          </>
        ) : (
          <>
            <p role="alert" className="text-sm text-neutral-800" data-testid="confirm-email-refused">
              {t(link.state, { loginId: link.loginId })}
            </p>
            <Link href="/me#contact" className="mt-4 inline-block text-sm text-accent-700 hover:underline">
              {t("back")}
            </Link>
          </>
        )}
      </Card>
    </div>
  );
}
