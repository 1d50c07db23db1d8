import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { unstorableField } from "@/lib/policy/storable-text";
import type { ErrorCode } from "./errors";
import { isAppError } from "./errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

/**
 * A form action's second argument as posted. A caller that sends something else (an action called with JSON
 * arguments, or by its id without the form's state) gets an empty form, so every field reads as missing.
 */
export function formInput(input: unknown): FormData {
  return input instanceof FormData ? input : new FormData();
}

function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string") out[key] = value;
  return out;
}

/**
 * Wraps an operation as a server action: parse with the operation's schema, run, map errors.
 * The operation itself authorizes; this wrapper holds no business logic.
 */
export function action<S extends z.ZodType, T>(schema: S, operation: (input: z.infer<S>) => Promise<T>) {
  return async (_previous: ActionResult<T> | null, input: FormData | z.input<S>): Promise<ActionResult<T>> => {
    const fields = input instanceof FormData ? formToObject(input) : input;
    // A NUL or half a surrogate pair would fail in the database: the field is refused as unreadable.
    const unstorable = unstorableField(fields);
    if (unstorable !== null) return { ok: false, code: "invalid", message: "invalid", fieldErrors: { [unstorable || "_"]: "invalid" } };
    const parsed = schema.safeParse(fields);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "_"] ??= issue.message;
      return { ok: false, code: "invalid", message: "invalid", fieldErrors };
    }
    try {
      return { ok: true, data: await operation(parsed.data) };
    } catch (e) {
      unstable_rethrow(e);
      if (isAppError(e)) return { ok: false, code: e.code, message: e.key ?? e.message, ...(e.field ? { fieldErrors: { [e.field]: e.key ?? e.message } } : {}) };
      console.error("action failed", e);
      return { ok: false, code: "unavailable", message: "unavailable" };
    }
  };
}
