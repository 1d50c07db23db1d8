import { z } from "zod";

// Organization API keys (/settings/api-keys): what other OCN services use to send events to the console.

/** What a key may do. `events:write`: POST /api/v1/events (sign-in events from other OCN services). */
export const API_KEY_SCOPES = ["events:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const API_KEY_NAME_MAX = 80;

/** The key as handed out once: `ocnk_<prefix>_<secret>`; the prefix (shown in lists) is 10 lower-case hex digits. */
export const API_KEY_PATTERN = /^ocnk_([0-9a-f]{10})_[A-Za-z0-9_-]{43}$/;

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "not_found");

export const createApiKeySchema = z.object({
  name: z
    .string({ error: "name_required" })
    .transform((s) => s.normalize("NFKC").trim())
    .pipe(z.string().min(1, "name_required").max(API_KEY_NAME_MAX, "name_too_long")),
  scopes: z
    .preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.enum(API_KEY_SCOPES, { error: "scope_unknown" })).min(1, "scope_required"))
    .default(["events:write"]),
});
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;

export const revokeApiKeySchema = z.object({ id: uuid });
export type RevokeApiKeyInput = z.input<typeof revokeApiKeySchema>;
