// Every page, route handler and server action, with what it requires. tests/unit/authz-matrix.test.ts fails when
// a file under app/ is missing here; tests/e2e/authz.spec.ts proves the pages refuse those who lack the permission.
import type { Domain, Level } from "@/lib/permissions";

export type Requirement = { domain: Domain; level: Level } | "signed-in" | "public" | "admin";

export const PAGES: Record<string, Requirement> = {
  "/": "admin",
  "/accounts": { domain: "accounts", level: "view" },
  "/accounts/[id]": { domain: "accounts", level: "view" },
  "/accounts/new": { domain: "accounts", level: "manage" },
  "/accounts/[id]/edit": { domain: "accounts", level: "manage" },
  "/roles": { domain: "accounts", level: "view" },
  "/roles/[id]": { domain: "accounts", level: "view" },
  "/roles/new": { domain: "accounts", level: "manage" },
  "/roles/[id]/edit": { domain: "accounts", level: "manage" },
  "/roles/sod": { domain: "accounts", level: "view" },
  "/roles/conflicts": { domain: "accounts", level: "view" },
  "/requests": "signed-in",
  // Visible to its requester and to whoever may view its domain; anyone else is told it is not found.
  "/requests/[id]": "signed-in",
  "/offboarding": { domain: "offboarding", level: "view" },
  "/reviews": { domain: "reviews", level: "view" },
  "/lines": { domain: "lines", level: "view" },
  "/lines/[id]": { domain: "lines", level: "view" },
  "/billing": { domain: "billing", level: "view" },
  "/alerts": { domain: "security", level: "view" },
  "/audit": { domain: "audit", level: "view" },
  "/security/network": { domain: "security", level: "view" },
  "/security/policies": { domain: "security", level: "view" },
  "/compliance": { domain: "security", level: "view" },
  "/settings": { domain: "org", level: "view" },
  "/me": "signed-in",
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
};

/** Server actions by file and export name. */
export const ACTIONS: Record<string, Requirement> = {
  "app/(console)/lines/[id]/actions.ts#updateLineSettingsAction": { domain: "lines", level: "manage" },
  "app/(console)/lines/[id]/actions.ts#requestLineSettingsChangeAction": { domain: "lines", level: "request" },
  "app/(console)/billing/actions.ts#updateBillingProfileAction": { domain: "billing", level: "manage" },
  "app/(console)/billing/actions.ts#requestBillingProfileChangeAction": { domain: "billing", level: "request" },
  // Deciding needs manage in the request's own domain, and someone other than its requester (checked by the operation).
  "app/(console)/requests/[id]/actions.ts#decideChangeRequestAction": "signed-in",
  // Only the requester may cancel (checked by the operation).
  "app/(console)/requests/[id]/actions.ts#cancelChangeRequestAction": "signed-in",
  "app/actions.ts#setLocaleAction": "public",
  "app/(console)/actions.ts#signOutAction": "signed-in",
  "app/(console)/me/actions.ts#changeMyPasswordAction": "signed-in",
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
  "app/(auth)/sign-in/invitation/actions.ts#acceptInvitationAction": "public",
  "app/(auth)/sign-in/actions.ts#signInAction": "public",
  "app/(auth)/sign-in/actions.ts#verifySecondFactorAction": "public",
  "app/(auth)/sign-in/actions.ts#enrollSecondFactorAction": "public",
  "app/(auth)/sign-in/actions.ts#changeExpiredPasswordAction": "public",
  "app/(auth)/sign-in/reset/actions.ts#requestPasswordResetAction": "public",
  "app/(auth)/sign-in/reset/actions.ts#resetPasswordAction": "public",
  "app/(auth)/sign-in/forgot-id/actions.ts#remindLoginIdAction": "public",
};
