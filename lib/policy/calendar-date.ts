// Date.parse and new Date() roll a day that does not exist over into the next month ("2026-02-30" → 2 March):
// text that names such a day is refused before it is parsed.

/** Whether the YYYY-MM-DD that `text` starts with names a day on the calendar (false when it starts otherwise). */
export function isoDayExists(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are.
  date.setUTCFullYear(year, month - 1, day);
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}
