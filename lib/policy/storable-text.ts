// PostgreSQL stores neither a NUL character (text and jsonb refuse "\u0000") nor half of a UTF-16 surrogate pair
// (jsonb refuses "\ud800"): input that holds either is refused where it arrives, not when the database fails on it.

/** Whether PostgreSQL can store the text as it is. */
export function storableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

/** The first string inside a value (a form's fields, an action's arguments) that PostgreSQL cannot store, with its path. */
export function unstorableField(value: unknown, path = ""): string | null {
  if (typeof value === "string") return storableText(value) ? null : path;
  if (!value || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = unstorableField(inner, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
