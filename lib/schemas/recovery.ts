import { z } from "zod";
import { storableText } from "@/lib/policy/storable-text";

export const requestPasswordResetSchema = z.object({ loginId: z.string().trim().min(1, "required").max(254, "too_long").refine(storableText, "required") });

export const remindLoginIdSchema = z.object({
  customerNumber: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z]\d{9}$/, "customer_number")),
  email: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().toLowerCase())
    .pipe(z.email("email").max(254, "too_long")),
});
