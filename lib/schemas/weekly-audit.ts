import { z } from "zod";
import { weekBounds } from "@/lib/policy/security-dashboard";

/** A week named by its Monday (JST), YYYY-MM-DD. */
export const weekStartSchema = z
  .string()
  .trim()
  .refine((s) => weekBounds(s) !== null, "not_a_monday");

export const weeklyAuditPageSchema = z.object({
  week: weekStartSchema,
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
export type WeeklyAuditPageInput = z.input<typeof weeklyAuditPageSchema>;

export const signOffWeeklyAuditSchema = z.object({
  week: weekStartSchema,
  note: z
    .string()
    .trim()
    .max(1000, "too_long")
    .optional()
    .transform((s) => (s ? s : undefined)),
});
export type SignOffWeeklyAuditInput = z.input<typeof signOffWeeklyAuditSchema>;
