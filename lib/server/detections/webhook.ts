import "server-only";
import crypto from "node:crypto";
import { webhookUrlAllowed } from "@/lib/policy/detections";
import { openSecret, sealSecret } from "../secret-box";

const TIMEOUT_MS = 5_000;

/** The sealed secret is bound to its organization: copied onto another organization's row it will not open. */
const context = (organizationId: string) => `alert-webhook:${organizationId}`;

export function sealWebhookSecret(organizationId: string, secret: string): string {
  return sealSecret(secret, context(organizationId));
}

export function openWebhookSecret(organizationId: string, sealed: string): string {
  return openSecret(sealed, context(organizationId));
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`: a receiver recomputes it and rejects old timestamps. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

export function webhookAllowed(url: string): boolean {
  return webhookUrlAllowed(url, process.env.NODE_ENV === "production");
}

export interface WebhookResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** One signed POST with a short timeout; never throws. */
export async function postWebhook(url: string, secret: string, payload: unknown, now = new Date()): Promise<WebhookResult> {
  if (!webhookAllowed(url)) return { ok: false, status: null, error: "url_not_allowed" };
  const body = JSON.stringify(payload);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "OCN-Business-Console-Webhook/1", "x-ocn-signature": signWebhook(secret, body, Math.floor(now.getTime() / 1000)) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => undefined);
    return { ok: res.status >= 200 && res.status < 300, status: res.status, error: res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}` };
  } catch (e) {
    const err = e as Error;
    return { ok: false, status: null, error: (err.name === "TimeoutError" ? "timeout" : err.message || "network_error").slice(0, 300) };
  }
}
