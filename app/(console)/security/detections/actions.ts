"use server";
// The detection settings page's posts: one rule, the calendar and allowed countries, the alert webhook.
import { noInputSchema, updateAlertWebhookSchema, updateDetectionCalendarSchema, updateDetectionRuleSchema } from "@/lib/schemas/detections";
import { action } from "@/lib/server/action";
import { sendTestAlertWebhook } from "@/lib/server/detections/send-test-alert-webhook";
import { rotateAlertWebhookSecret } from "@/lib/server/detections/rotate-alert-webhook-secret";
import { updateAlertWebhook } from "@/lib/server/detections/update-alert-webhook";
import { updateDetectionCalendar } from "@/lib/server/detections/update-detection-calendar";
import { updateDetectionRule } from "@/lib/server/detections/update-detection-rule";

export const updateDetectionRuleAction = action(updateDetectionRuleSchema, updateDetectionRule);
export const updateDetectionCalendarAction = action(updateDetectionCalendarSchema, updateDetectionCalendar);
export const updateAlertWebhookAction = action(updateAlertWebhookSchema, updateAlertWebhook);
export const rotateAlertWebhookSecretAction = action(noInputSchema, rotateAlertWebhookSecret);
export const sendTestAlertWebhookAction = action(noInputSchema, sendTestAlertWebhook);
