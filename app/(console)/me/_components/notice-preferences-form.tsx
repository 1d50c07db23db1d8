"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Send } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { useNotice } from "@/components/ui/notice";
import { NOTICE_CATEGORIES, type NoticeCategory } from "@/lib/schemas/me";
import { sendTestNoticeAction, updateNoticePreferencesAction } from "../actions";
import { useMeAction, useMeErrors } from "./use-me-errors";

type Optional = Exclude<NoticeCategory, "security">;

/** One row per category: a switch (security is always on), what it covers, and a test notice. */
export function NoticePreferencesForm({ saved }: { saved: Record<Optional, boolean> }) {
  const t = useTranslations("me.notifications");
  const errors = useMeErrors();
  const notice = useNotice();
  const [wanted, setWanted] = useState(saved);
  const save = useMeAction(updateNoticePreferencesAction, (data) => notice(data.changed ? t("saved") : t("unchanged")));
  const [testAnswer, setTestAnswer] = useState<{ category: NoticeCategory; text: string; ok: boolean } | null>(null);
  const [testing, startTest] = useTransition();
  const sendTest = (category: NoticeCategory) =>
    startTest(async () => {
      setTestAnswer(null);
      const result = await sendTestNoticeAction(null, { category });
      const name = t(`category.${category}`);
      setTestAnswer(
        result.ok
          ? { category, ok: result.data.sent, text: result.data.sent ? t("testSent", { category: name, email: result.data.to }) : t("testOff", { category: name }) }
          : { category, ok: false, text: errors.form(result, []) ?? errors.word("unavailable") },
      );
    });
  const dirty = (Object.keys(saved) as Optional[]).some((k) => saved[k] !== wanted[k]);
  const saveError = errors.form(save.result, []);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.run(wanted);
      }}
    >
      <ul className="divide-y divide-neutral-100 rounded-md border border-neutral-200">
        {NOTICE_CATEGORIES.map((category) => {
          const always = category === "security";
          const id = `notify-${category}`;
          return (
            <li key={category} className="flex flex-wrap items-start gap-x-4 gap-y-2 px-3 py-3">
              <input
                id={id}
                type="checkbox"
                className="mt-0.5 size-4 shrink-0 accent-accent-600"
                checked={always ? true : wanted[category]}
                disabled={always}
                aria-describedby={`${id}-explain`}
                onChange={(e) => !always && setWanted({ ...wanted, [category]: e.target.checked })}
              />
              <div className="min-w-0 flex-1 basis-56">
                <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-neutral-900">
                  {t(`category.${category}`)}
                  {always ? <Badge tone="grey">{t("alwaysOn")}</Badge> : null}
                </label>
                <p id={`${id}-explain`} className="mt-0.5 text-xs text-neutral-600">
                  {t(`explain.${category}`)}
                </p>
                {testAnswer?.category === category ? (
                  <p role="status" className={testAnswer.ok ? "mt-1 text-sm text-green-800" : "mt-1 text-sm text-amber-900"}>
                    {testAnswer.text}
                  </p>
                ) : null}
              </div>
              <Button type="button" variant="ghost" size="sm" onClick={() => sendTest(category)} disabled={testing} aria-label={`${t("test")}: ${t(`category.${category}`)}`}>
                <Send className="size-3.5" aria-hidden />
                {t("test")}
              </Button>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-neutral-600">{t("outboxHint")}</p>
      {saveError ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {saveError}
        </p>
      ) : null}
      <div className="mt-3">
        <Button type="submit" disabled={save.pending || !dirty}>
          {save.pending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}
