"use client";
import { startTransition, useActionState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/server/action";

type ServerAction<T> = (previous: null, input: FormData) => Promise<ActionResult<T>>;

/**
 * Runs one of the area's actions from a form: keeps what was sent (the form is not reset, so typed input survives
 * an error) and refreshes the page's data on success.
 */
export function useSubmit<T>(serverAction: ServerAction<T>, onSuccess: (data: T) => void) {
  const router = useRouter();
  const [submission, dispatch, pending] = useActionState<{ result: ActionResult<T>; sent: FormData } | null, FormData>(async (_previous, form) => {
    const result = await serverAction(null, form);
    if (result.ok) {
      onSuccess(result.data);
      router.refresh();
    }
    return { result, sent: form };
  }, null);
  return {
    state: submission?.result ?? null,
    sent: submission?.sent ?? null,
    pending,
    submit: (form: FormData) => startTransition(() => dispatch(form)),
  };
}
