import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ErrorCode } from "./errors";
import { isAppError } from "./errors";

export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: Record<string, string> };

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
    const parsed = schema.safeParse(input instanceof FormData ? formToObject(input) : input);
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
