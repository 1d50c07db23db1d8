"use client";
import { createContext, useContext, useEffect, useState } from "react";
import { CheckCircle2, X } from "lucide-react";
import { useTranslations } from "next-intl";

// One success message for the whole screen, in the corner, leaving by itself; screen readers hear it (role="status").
const NoticeContext = createContext<(message: string) => void>(() => {});

export const useNotice = () => useContext(NoticeContext);

export function NoticeProvider({ children }: { children: React.ReactNode }) {
  const t = useTranslations("common");
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <NoticeContext.Provider value={setMessage}>
      {children}
      <div role="status" aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50">
        {message ? (
          <div className="pointer-events-auto flex max-w-sm items-start gap-2 rounded-md border border-green-200 bg-white px-4 py-3 text-sm text-neutral-900 shadow-lg">
            <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
            <p className="flex-1">{message}</p>
            <button type="button" onClick={() => setMessage(null)} className="-mr-1 rounded p-0.5 text-neutral-500 hover:bg-neutral-100" aria-label={t("close")}>
              <X className="size-4" aria-hidden />
            </button>
          </div>
        ) : null}
      </div>
    </NoticeContext.Provider>
  );
}
