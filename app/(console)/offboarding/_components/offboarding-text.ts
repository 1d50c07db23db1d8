// Offboarding statuses as badge colours: waiting amber, under way blue, done green, called off or skipped grey.
export const caseStatusTone = {
  scheduled: "amber",
  in_progress: "blue",
  completed: "green",
  cancelled: "grey",
} as const;

export const taskStatusTone = {
  open: "amber",
  done: "green",
  skipped: "grey",
} as const;

export type CaseStatus = keyof typeof caseStatusTone;
export type TaskStatus = keyof typeof taskStatusTone;

/** The history's audit actions have keys without their "offboarding." prefix (message keys cannot hold dots). */
export const historyKey = (action: string) => `offboarding.history.${action.replace(/^offboarding\./, "")}`;

/** "2026-11-27" for a date input's value, in Japan time. */
export function jstDateValue(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** "2026-11-27T09:30" for a datetime-local input's value, in Japan time. */
export function jstDateTimeValue(date: Date): string {
  return new Date(date.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
}
