"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words My Page's error codes (me.errors.<code>): per field, or for the form when no field is named. */
export function useMeErrors() {
  const t = useTranslations("me.errors");
  const word = (code: string) => (t.has(code) ? t(code) : t("invalid"));
  return {
    word,
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? word(code) : undefined;
    },
    /** The error to show above a form when it names none of `fields`. */
    form: (result: ActionResult<unknown> | null, fields: readonly string[]): string | null => {
      if (!result || result.ok) return null;
      if (Object.keys(result.fieldErrors ?? {}).some((f) => fields.includes(f))) return null;
      return t.has(result.message) ? t(result.message) : word(result.code);
    },
  };
}

type ServerAction<I, T> = (previous: null, input: I) => Promise<ActionResult<T>>;

/**
 * Runs one of My Page's actions from a form's submit handler: nothing resets the form (typed input survives an error),
 * the last answer is kept, and `onDone` runs on success.
 */
export function useMeAction<I, T>(serverAction: ServerAction<I, T>, onDone?: (data: T) => void) {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  const run = (input: I) =>
    start(async () => {
      const answer = await serverAction(null, input);
      setResult(answer);
      if (answer.ok) onDone?.(answer.data);
    });
  return { result, pending, run, reset: () => setResult(null) };
}
