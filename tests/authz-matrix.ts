// Every page, route handler and server action, with what it requires. tests/unit/authz-matrix.test.ts fails when
// a file under app/ is missing here; tests/e2e/authz.spec.ts proves the pages refuse those who lack the permission.
import type { Domain, Level } from "@/lib/permissions";

// "api-key": no session at all; an organization's API key (Authorization: Bearer) with the route's scope.
export type Requirement = { domain: Domain; level: Level } | "signed-in" | "public" | "admin" | "api-key";

export const PAGES: Record<string, Requirement> = {
  "/": "admin",
  "/accounts": { domain: "accounts", level: "view" },
  "/accounts/[id]": { domain: "accounts", level: "view" },
  "/accounts/new": { domain: "accounts", level: "manage" },
  "/accounts/[id]/edit": { domain: "accounts", level: "manage" },
  "/accounts/import": { domain: "accounts", level: "manage" },
  "/roles": { domain: "accounts", level: "view" },
  "/roles/[id]": { domain: "accounts", level: "view" },
  "/roles/new": { domain: "accounts", level: "manage" },
  "/roles/[id]/edit": { domain: "accounts", level: "manage" },
  "/roles/sod": { domain: "accounts", level: "view" },
  "/roles/conflicts": { domain: "accounts", level: "view" },
  "/requests": "signed-in",
  // Visible to its requester and to whoever may view its domain; anyone else is told it is not found.
  "/requests/[id]": "signed-in",
  // Offboarding is read by offboarding:view and by the functions that close its tasks (lines:, accounts:, billing:manage):
  // the operations decide (lib/server/offboarding/read-access.ts); a member is refused (tests/e2e/offboarding.spec.ts).
  "/offboarding": "signed-in",
  "/offboarding/new": { domain: "offboarding", level: "manage" },
  "/offboarding/[id]": "signed-in",
  "/offboarding/[id]/print": "signed-in",
  "/offboarding/returns": "signed-in",
  // Access review campaigns: reviews:view sees them all, a reviewer (a department manager, the fallback) the campaigns and
  // items they review; the loaders decide (list-campaigns, get-campaign), and a member with no items is refused.
  "/reviews": "signed-in",
  "/reviews/[id]": "signed-in",
  "/reviews/[id]/report": "signed-in",
  // The HR roster reconciliation: one requirement, reviews:view (HR reads it through its own reviews:view; every
  // built-in role with offboarding:view holds reviews:view too). Importing the roster is HR's: offboarding:manage.
  "/reviews/roster": { domain: "reviews", level: "view" },
  "/reviews/roster/import": { domain: "offboarding", level: "manage" },
  "/lines": { domain: "lines", level: "view" },
  "/lines/[id]": { domain: "lines", level: "view" },
  "/lines/import": { domain: "lines", level: "manage" },
  "/billing": { domain: "billing", level: "view" },
  "/billing/statements/[month]": { domain: "billing", level: "view" },
  "/billing/statements/[month]/print": { domain: "billing", level: "view" },
  "/billing/payment": { domain: "billing", level: "view" },
  "/alerts": { domain: "security", level: "view" },
  "/alerts/[id]": { domain: "security", level: "view" },
  "/audit": { domain: "audit", level: "view" },
  "/audit/[id]": { domain: "audit", level: "view" },
  "/audit/weekly": { domain: "audit", level: "view" },
  "/audit/weekly/[week]": { domain: "audit", level: "view" },
  "/security/network": { domain: "security", level: "view" },
  "/security/policies": { domain: "security", level: "view" },
  "/security/detections": { domain: "security", level: "view" },
  "/security/travel": { domain: "security", level: "view" },
  "/compliance": { domain: "security", level: "view" },
  "/settings": { domain: "org", level: "view" },
  "/settings/api-keys": { domain: "org", level: "view" },
  "/me": "signed-in",
  // The link mailed to a new contact address: any member, for their own account only (the operation checks the link's owner).
  "/me/email/confirm": "signed-in",
  "/sign-in": "public",
  // The sign-in steps need a live challenge from the step before, not a session.
  "/sign-in/verify": "public",
  "/sign-in/enroll": "public",
  "/sign-in/change-password": "public",
  "/sign-in/reset": "public",
  "/sign-in/reset/[token]": "public",
  "/sign-in/forgot-id": "public",
  "/sign-in/invitation/[token]": "public",
  "/outbox": { domain: "org", level: "view" },
};

export const ROUTES: Record<string, Requirement> = {
  "GET /api/health": "public",
  "POST /api/accounts/import": { domain: "accounts", level: "manage" },
  "GET /api/accounts/export": { domain: "accounts", level: "view" },
  "GET /api/audit/export": { domain: "audit", level: "view" },
  "POST /api/lines/import": { domain: "lines", level: "manage" },
  "GET /api/lines/export": { domain: "lines", level: "view" },
  // Closing a campaign applies its decisions, streaming progress (NDJSON); posting again resumes an interrupted apply.
  "POST /api/reviews/[id]/close": { domain: "reviews", level: "manage" },
  "GET /api/reviews/[id]/report": { domain: "reviews", level: "view" },
  "POST /api/hr/roster/import": { domain: "offboarding", level: "manage" },
  "GET /api/hr/roster/template": { domain: "offboarding", level: "manage" },
  // Downloading a line's statement marks it exported (what a cancellation needs): a change, so manage.
  // lines:manage or billing:manage (billing exports a leaver's statements): the run says per role.
  "POST /api/lines/[id]/statement": "signed-in",
  "GET /api/billing/statements/[month]": { domain: "billing", level: "view" },
  // Other OCN services send sign-in events with an API key holding events:write (tests/integration/ingestion.test.ts).
  "POST /api/v1/events": "api-key",
};

/** Server actions by file and export name. */
export const ACTIONS: Record<string, Requirement> = {
  "app/(console)/lines/[id]/actions.ts#updateLineSettingsAction": { domain: "lines", level: "manage" },
  "app/(console)/offboarding/actions.ts#startOffboardingAction": { domain: "offboarding", level: "manage" },
  "app/(console)/offboarding/actions.ts#cancelOffboardingAction": { domain: "offboarding", level: "manage" },
  // Closed by HR or the task's owning function (lines:, accounts:, billing:manage); a line decision needs lines:manage.
  "app/(console)/offboarding/actions.ts#completeOffboardingTaskAction": "signed-in",
  "app/(console)/offboarding/actions.ts#skipOffboardingTaskAction": "signed-in",
  "app/(console)/offboarding/actions.ts#startDeviceDisposalAction": { domain: "lines", level: "manage" },
  "app/(console)/offboarding/actions.ts#updateSimReturnDaysAction": { domain: "offboarding", level: "manage" },
  "app/(console)/lines/[id]/actions.ts#requestLineSettingsChangeAction": { domain: "lines", level: "request" },
  "app/(console)/lines/[id]/actions.ts#assignLineAction": { domain: "lines", level: "manage" },
  "app/(console)/lines/[id]/actions.ts#requestLineAssignmentAction": { domain: "lines", level: "request" },
  "app/(console)/lines/[id]/actions.ts#changeLineStateAction": { domain: "lines", level: "manage" },
  "app/(console)/settings/api-keys/actions.ts#createApiKeyAction": { domain: "org", level: "manage" },
  "app/(console)/settings/api-keys/actions.ts#revokeApiKeyAction": { domain: "org", level: "manage" },
  "app/(console)/billing/actions.ts#updateBillingProfileAction": { domain: "billing", level: "manage" },
  "app/(console)/billing/actions.ts#requestBillingProfileChangeAction": { domain: "billing", level: "request" },
  // A payment method always takes four eyes: filed with billing:request, approved by another with billing:manage.
  "app/(console)/billing/actions.ts#requestPaymentMethodChangeAction": { domain: "billing", level: "request" },
  "app/(console)/billing/actions.ts#addDataAddonAction": { domain: "lines", level: "manage" },
  // lines:request on any line, or the line's own user on theirs (checked by the operation on the line).
  "app/(console)/billing/actions.ts#requestDataAddonAction": "signed-in",
  // Deciding needs manage in the request's own domain, and someone other than its requester (checked by the operation).
  "app/(console)/requests/[id]/actions.ts#decideChangeRequestAction": "signed-in",
  // Only the requester may cancel (checked by the operation).
  "app/(console)/requests/[id]/actions.ts#cancelChangeRequestAction": "signed-in",
  "app/(console)/audit/weekly/[week]/actions.ts#signOffWeeklyAuditAction": { domain: "audit", level: "manage" },
  // The compliance calendar: seen with security:view; a task is recorded with manage in its kind's owning domain
  // (security:manage for the IP allowlist review, reviews:manage for the reconciliation with HR), checked by the operation.
  "app/(console)/compliance/actions.ts#completeComplianceTaskAction": { domain: "security", level: "view" },
  "app/(console)/compliance/actions.ts#skipComplianceTaskAction": { domain: "security", level: "view" },
  "app/(console)/reviews/actions.ts#createCampaignAction": { domain: "reviews", level: "manage" },
  // An item is decided by its reviewer or by reviews:manage, never by the person it is about (checked by the operation).
  "app/(console)/reviews/actions.ts#decideReviewItemAction": "signed-in",
  "app/(console)/reviews/actions.ts#bulkKeepItemsAction": "signed-in",
  "app/actions.ts#setLocaleAction": "public",
  "app/(console)/actions.ts#signOutAction": "signed-in",
  "app/(console)/me/actions.ts#changeMyPasswordAction": "signed-in",
  // My Page: each acts on the caller's own account, found from the session.
  "app/(console)/me/actions.ts#requestEmailChangeAction": "signed-in",
  "app/(console)/me/actions.ts#cancelEmailChangeAction": "signed-in",
  "app/(console)/me/actions.ts#confirmEmailChangeAction": "signed-in",
  "app/(console)/me/actions.ts#updateBackupEmailAction": "signed-in",
  "app/(console)/me/actions.ts#updateNoticePreferencesAction": "signed-in",
  "app/(console)/me/actions.ts#sendTestNoticeAction": "signed-in",
  "app/(console)/me/actions.ts#startSecondFactorChangeAction": "signed-in",
  "app/(console)/me/actions.ts#changeSecondFactorAction": "signed-in",
  "app/(console)/me/actions.ts#regenerateBackupCodesAction": "signed-in",
  "app/(console)/me/actions.ts#reportSignInAction": "signed-in",
  "app/(console)/roles/new/actions.ts#createRoleAction": { domain: "accounts", level: "manage" },
  "app/(console)/roles/[id]/edit/actions.ts#updateRoleAction": { domain: "accounts", level: "manage" },
  "app/(console)/roles/[id]/actions.ts#deleteRoleAction": { domain: "accounts", level: "manage" },
  "app/(console)/roles/sod/actions.ts#createSodRuleAction": { domain: "security", level: "manage" },
  "app/(console)/roles/sod/actions.ts#updateSodRuleAction": { domain: "security", level: "manage" },
  "app/(console)/roles/sod/actions.ts#deleteSodRuleAction": { domain: "security", level: "manage" },
  "app/(console)/roles/sod/actions.ts#updateSodSettingsAction": { domain: "security", level: "manage" },
  "app/(console)/security/network/actions.ts#addAllowlistEntryAction": { domain: "security", level: "manage" },
  "app/(console)/security/network/actions.ts#revokeAllowlistEntryAction": { domain: "security", level: "manage" },
  "app/(console)/security/network/actions.ts#updateNetworkPolicyAction": { domain: "security", level: "manage" },
  "app/(console)/security/policies/actions.ts#updateLockoutPolicyAction": { domain: "security", level: "manage" },
  "app/(console)/security/policies/actions.ts#updatePasswordPolicyAction": { domain: "security", level: "manage" },
  "app/(console)/security/policies/actions.ts#updateSessionPolicyAction": { domain: "security", level: "manage" },
  "app/(console)/security/detections/actions.ts#updateDetectionRuleAction": { domain: "security", level: "manage" },
  "app/(console)/security/detections/actions.ts#updateDetectionCalendarAction": { domain: "security", level: "manage" },
  "app/(console)/security/detections/actions.ts#updateAlertWebhookAction": { domain: "security", level: "manage" },
  "app/(console)/security/detections/actions.ts#rotateAlertWebhookSecretAction": { domain: "security", level: "manage" },
  "app/(console)/security/detections/actions.ts#sendTestAlertWebhookAction": { domain: "security", level: "manage" },
  "app/(console)/security/travel/actions.ts#createTravelNoticeAction": { domain: "security", level: "manage" },
  "app/(console)/security/travel/actions.ts#revokeTravelNoticeAction": { domain: "security", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#unlockAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#resetSecondFactorAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#requirePasswordChangeAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#endSessionsAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#disableAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#respondToIncidentAction": { domain: "security", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#suspendAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#reactivateAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#resendInvitationAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#updateAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#grantRoleAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#previewRoleGrantAction": { domain: "accounts", level: "request" },
  "app/(console)/accounts/[id]/actions.ts#revokeGrantAction": { domain: "accounts", level: "manage" },
  "app/(console)/accounts/[id]/actions.ts#requestRoleGrantAction": { domain: "accounts", level: "request" },
  "app/(console)/accounts/new/actions.ts#inviteAccountAction": { domain: "accounts", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#acknowledgeAlertAction": { domain: "security", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#resolveAlertAction": { domain: "security", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#markAlertFalsePositiveAction": { domain: "security", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#reopenAlertAction": { domain: "security", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#assignAlertAction": { domain: "security", level: "manage" },
  "app/(console)/alerts/[id]/actions.ts#commentOnAlertAction": { domain: "security", level: "manage" },
  "app/(auth)/sign-in/invitation/actions.ts#acceptInvitationAction": "public",
  "app/(auth)/sign-in/actions.ts#signInAction": "public",
  "app/(auth)/sign-in/actions.ts#verifySecondFactorAction": "public",
  "app/(auth)/sign-in/actions.ts#enrollSecondFactorAction": "public",
  "app/(auth)/sign-in/actions.ts#changeExpiredPasswordAction": "public",
  "app/(auth)/sign-in/reset/actions.ts#requestPasswordResetAction": "public",
  "app/(auth)/sign-in/reset/actions.ts#resetPasswordAction": "public",
  "app/(auth)/sign-in/forgot-id/actions.ts#remindLoginIdAction": "public",
};
