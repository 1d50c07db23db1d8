"use server";
// ID reminder: the OCN IDs registered with a mail address under a customer number, sent to that address.
import { remindLoginIdSchema } from "@/lib/schemas/recovery";
import { formInput } from "@/lib/server/action";
import { clientWithCountry } from "@/lib/server/authorize";
import { remindLoginId } from "@/lib/server/recovery/remind-login-id";

export type ReminderState = { sent?: boolean; unavailable?: boolean; fieldErrors?: Record<string, string> } | null;

export async function remindLoginIdAction(_previous: ReminderState, input: FormData): Promise<ReminderState> {
  const form = formInput(input);
  const parsed = remindLoginIdSchema.safeParse({ customerNumber: form.get("customerNumber") ?? "", email: form.get("email") ?? "" });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
    return { fieldErrors };
  }
  try {
    await remindLoginId(parsed.data, await clientWithCountry());
  } catch (e) {
    console.error("ID reminder failed", e);
    return { unavailable: true };
  }
  return { sent: true };
}
