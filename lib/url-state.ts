// List pages keep filters, sorting and paging in the URL; this builds the link for a change of one of them.
export type UrlState = Record<string, string | number | undefined | null>;

export function hrefWith(path: string, current: UrlState, changes: UrlState, defaults: UrlState = {}): string {
  const params = new URLSearchParams();
  const merged = { ...current, ...changes };
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === null || value === "") continue;
    if (defaults[key] !== undefined && String(defaults[key]) === String(value)) continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
