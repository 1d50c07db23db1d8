import { z } from "zod";
import { emailAddress } from "./accounts";

// My Page: what a member changes about their own account. None of these name an account: the session does.
// Messages are codes the forms word (me.errors.<code>).

/** Notice categories a member receives; security notices always go out and cannot be turned off. */
export const NOTICE_CATEGORIES = ["billing", "data", "contract", "security"] as const;
export type NoticeCategory = (typeof NOTICE_CATEGORIES)[number];
export const OPTIONAL_NOTICE_CATEGORIES = ["billing", "data", "contract"] as const satisfies readonly NoticeCategory[];

/** Each link is 32 random bytes as base64url (43 characters). */
export const EMAIL_CHANGE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The current password too: the contact address is where password resets go, so moving it takes the password. */
export const requestEmailChangeSchema = z.object({ email: emailAddress, current: z.string().min(1, "required").max(1024, "too_long") });

export const emailChangeTokenSchema = z.object({ token: z.string().trim().regex(EMAIL_CHANGE_TOKEN, "invalid_link") });

export const noInputSchema = z.object({});

/** Empty removes the backup contact. */
export const updateBackupEmailSchema = z.object({
  backupEmail: z
    .string()
    .transform((s) => s.normalize("NFKC").trim().toLowerCase())
    .pipe(z.string().max(254, "too_long"))
    .refine((s) => s === "" || z.email().safeParse(s).success, "email")
    .transform((s) => (s === "" ? null : s)),
});

/** A checkbox: present ("on") when ticked, absent when not. */
const ticked = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

export const updateNoticePreferencesSchema = z.object({ billing: ticked, data: ticked, contract: ticked });

export const sendTestNoticeSchema = z.object({ category: z.enum(NOTICE_CATEGORIES, { error: "invalid_choice" }) });

const currentPassword = z.string({ error: "required" }).min(1, "required").max(1024, "too_long");

/** The new authenticator app: the sealed secret the start step handed out, the current password and a code from the app. */
export const changeSecondFactorSchema = z.object({
  pending: z.string({ error: "enrolment_expired" }).min(1, "enrolment_expired").max(2000, "enrolment_expired"),
  current: currentPassword,
  code: z.string({ error: "required" }).trim().min(1, "required").max(16, "code_invalid"),
});

export const regenerateBackupCodesSchema = z.object({ current: currentPassword });

/** An audit event's id (a bigint) as text. */
export const reportSignInSchema = z.object({ eventId: z.string().regex(/^[1-9][0-9]{0,18}$/, "invalid") });

export type RequestEmailChangeInput = z.input<typeof requestEmailChangeSchema>;
export type UpdateBackupEmailInput = z.input<typeof updateBackupEmailSchema>;
export type UpdateNoticePreferencesInput = z.input<typeof updateNoticePreferencesSchema>;
export type ChangeSecondFactorInput = z.input<typeof changeSecondFactorSchema>;
