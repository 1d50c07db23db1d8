"use server";
// My Page: the member's own password, contact mail, backup contact, notices, second factor and sign-in reports.
// Every operation takes the account from the session, never from the form.
import { revalidatePath } from "next/cache";
import {
  changeSecondFactorSchema,
  emailChangeTokenSchema,
  noInputSchema,
  regenerateBackupCodesSchema,
  reportSignInSchema,
  requestEmailChangeSchema,
  sendTestNoticeSchema,
  updateBackupEmailSchema,
  updateNoticePreferencesSchema,
} from "@/lib/schemas/me";
import { action } from "@/lib/server/action";
import { cancelEmailChange } from "@/lib/server/me/cancel-email-change";
import { changeMyPassword, changeMyPasswordSchema } from "@/lib/server/me/change-my-password";
import { changeSecondFactor } from "@/lib/server/me/change-second-factor";
import { confirmEmailChange } from "@/lib/server/me/confirm-email-change";
import { regenerateBackupCodes } from "@/lib/server/me/regenerate-backup-codes";
import { reportSignIn } from "@/lib/server/me/report-sign-in";
import { requestEmailChange } from "@/lib/server/me/request-email-change";
import { sendTestNotice } from "@/lib/server/me/send-test-notice";
import { startSecondFactorChange } from "@/lib/server/me/start-second-factor-change";
import { updateBackupEmail } from "@/lib/server/me/update-backup-email";
import { updateNoticePreferences } from "@/lib/server/me/update-notice-preferences";

const refreshed =
  <I, T>(operation: (input: I) => Promise<T>) =>
  async (input: I): Promise<T> => {
    const result = await operation(input);
    revalidatePath("/me");
    return result;
  };

export const changeMyPasswordAction = action(changeMyPasswordSchema, refreshed(changeMyPassword));
export const requestEmailChangeAction = action(requestEmailChangeSchema, refreshed(requestEmailChange));
export const cancelEmailChangeAction = action(noInputSchema, refreshed(cancelEmailChange));
export const confirmEmailChangeAction = action(emailChangeTokenSchema, refreshed(confirmEmailChange));
export const updateBackupEmailAction = action(updateBackupEmailSchema, refreshed(updateBackupEmail));
export const updateNoticePreferencesAction = action(updateNoticePreferencesSchema, refreshed(updateNoticePreferences));
export const sendTestNoticeAction = action(sendTestNoticeSchema, sendTestNotice);
export const startSecondFactorChangeAction = action(noInputSchema, startSecondFactorChange);
export const changeSecondFactorAction = action(changeSecondFactorSchema, refreshed(changeSecondFactor));
export const regenerateBackupCodesAction = action(regenerateBackupCodesSchema, refreshed(regenerateBackupCodes));
export const reportSignInAction = action(reportSignInSchema, refreshed(reportSignIn));
