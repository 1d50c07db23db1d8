// OCN IDs are typed with full-width characters and stray spaces more often than not.
export function normalizeLoginId(input: string): string {
  return input.normalize("NFKC").trim().toLowerCase();
}
