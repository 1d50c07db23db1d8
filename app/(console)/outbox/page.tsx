import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { listOutbox } from "@/lib/server/mail/list-outbox";
import { load } from "@/lib/server/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("outbox"))("title") };
}

export default async function OutboxPage() {
  const { smtp, messages } = await load(listOutbox);
  const t = await getTranslations("outbox");
  return (
    <div className="max-w-4xl">
      <PageHeader title={t("title")} description={t("description")} />
      <p className="mb-4 rounded-md border border-neutral-200 bg-white px-3 py-2 text-sm text-neutral-700">{smtp ? t("smtpOn") : t("smtpOff")}</p>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-8 text-center text-sm text-neutral-600">{t("empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {messages.map((m) => (
            <li key={m.id}>
              <article className="rounded-lg border border-neutral-200 bg-white p-4" aria-label={m.subject}>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <h2 className="font-semibold">{m.subject}</h2>
                  {m.sentAt ? <Badge tone="green">{t("sent")}</Badge> : m.error ? <Badge tone="red">{t("failed")}</Badge> : <Badge tone="grey">{t("kept")}</Badge>}
                </div>
                <p className="mt-1 text-xs text-neutral-600">
                  {t("to")}: {m.to} · <span className="num">{formatDateTime(m.createdAt)}</span>
                </p>
                <pre className="mt-3 whitespace-pre-wrap break-all rounded bg-neutral-50 p-3 font-sans text-sm text-neutral-800">{m.body}</pre>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
