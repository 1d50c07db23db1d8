import { z } from "zod";
import { storableText } from "@/lib/policy/storable-text";

export const signInSchema = z.object({
  // No OCN ID holds a NUL character: such an attempt is refused as failed before it reaches the database.
  loginId: z.string().trim().min(1, "required").max(254, "too_long").refine(storableText, "failed"),
  password: z.string().min(1, "required").max(1024, "too_long"),
  callbackUrl: z.string().max(2048).optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** Only same-site paths: "/accounts?x=1" yes, "//evil.example" or "https://…" no. */
export function safeCallbackUrl(url: string | undefined | null): string {
  if (!url || !url.startsWith("/") || url.startsWith("//") || url.startsWith("/\\")) return "/";
  return url;
}
