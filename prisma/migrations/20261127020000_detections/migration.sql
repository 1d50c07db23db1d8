-- Issue 5, detections: alert notifications waiting for (or done with) delivery, and an index for sign-in failures by address.

-- One row per alert notice: a mail in the outbox to hand to SMTP, or a webhook POST. Written in the transaction that
-- creates the alert; delivered after commit by the sweeper (retried with backoff, each attempt's result kept).
CREATE TABLE "alert_deliveries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "alert_id" UUID NOT NULL,
    "channel" TEXT NOT NULL,
    "mail_message_id" UUID,
    "url" TEXT,
    "payload" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ,
    "failed_at" TIMESTAMPTZ,
    "status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_deliveries_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "alert_deliveries_channel_check" CHECK ("channel" IN ('mail', 'webhook'))
);

CREATE INDEX "alert_deliveries_pending_idx" ON "alert_deliveries"("organization_id", "next_attempt_at") WHERE "delivered_at" IS NULL AND "failed_at" IS NULL;
CREATE INDEX "alert_deliveries_alert_id_idx" ON "alert_deliveries"("alert_id");

ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "alert_deliveries" ADD CONSTRAINT "alert_deliveries_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alerts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "alert_deliveries" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "alert_deliveries" FORCE ROW LEVEL SECURITY;
CREATE POLICY "tenant_isolation" ON "alert_deliveries" USING ("organization_id" = ocn_current_organization())
  WITH CHECK ("organization_id" = ocn_current_organization());

-- password_spray counts the accounts one address failed against in a window.
CREATE INDEX "audit_events_sign_in_ip_idx" ON "audit_events"("organization_id", "ip", "occurred_at") WHERE "action" = 'auth.sign_in';
