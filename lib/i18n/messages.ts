import type { Locale } from "./locale";

// Messages live in one file per area (messages/<locale>/<area>.json), each holding its own top-level keys.
export const MESSAGE_FILES = ["core", "recovery", "policies", "network", "access", "roles", "requests", "lines", "billing", "account-import", "audit", "alerts", "audit-export", "api-keys", "detections", "dashboard-security", "weekly-audit", "offboarding", "me", "compliance", "reviews", "campaigns"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(MESSAGE_FILES.map((file) => import(`./messages/${locale}/${file}.json`).then((m) => m.default)));
  return Object.assign({}, ...parts);
}
