"use client";
import { startTransition, useActionState, useState } from "react";
import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/server/action";

type ServerAction<T> = (previous: ActionResult<T> | null, input: FormData) => Promise<ActionResult<T>>;

/** The self-lockout refusal: a conflict the caller can answer by resending with confirmLockout. */
export function isLockoutWarning(result: ActionResult<unknown> | null): boolean {
  return result !== null && !result.ok && result.code === "conflict" && Boolean(result.fieldErrors?.confirmLockout);
}

/**
 * Runs one of this screen's actions: keeps what was sent (the form is not reset, so typed input survives an
 * error), refreshes the page's data on success, and opens the lockout warning when the server asks for it.
 */
export function useGuardedAction<T>(serverAction: ServerAction<T>, onSuccess: (data: T) => void) {
  const router = useRouter();
  const [lockoutOpen, setLockoutOpen] = useState(false);
  const [submission, dispatch, pending] = useActionState<{ result: ActionResult<T>; sent: FormData } | null, FormData>(async (previous, form) => {
    const result = await serverAction(previous?.result ?? null, form);
    if (result.ok) {
      onSuccess(result.data);
      router.refresh();
    } else if (isLockoutWarning(result)) {
      setLockoutOpen(true);
    }
    return { result, sent: form };
  }, null);

  const submit = (form: FormData) => startTransition(() => dispatch(form));
  const confirmLockout = () => {
    const form = new FormData();
    for (const [key, value] of submission?.sent ?? []) form.append(key, value);
    form.set("confirmLockout", "true");
    setLockoutOpen(false);
    submit(form);
  };
  return {
    state: submission?.result ?? null,
    /** The values of the last submission, to word errors about what was actually sent. */
    sent: submission?.sent ?? null,
    pending,
    submit,
    lockout: { open: lockoutOpen, setOpen: setLockoutOpen, confirm: confirmLockout },
  };
}
