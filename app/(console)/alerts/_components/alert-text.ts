// Words for an alert that come from the detection rules' messages (namespace "detections"), with a fallback when a
// rule has none yet: a missing name shows the kind itself, a missing sentence shows nothing.
type Translator = {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
};

export function kindName(t: Translator, kind: string): string {
  const key = `detections.rules.${kind}.name`;
  return t.has(key) ? t(key) : kind;
}

type Values = Record<string, string | number | boolean | null>;

/** A rule's ICU sentence worded with these values, or null when there is none or the values do not fit it. */
function ruleSentence(t: Translator, key: string, values: Values): string | null {
  if (!t.has(key)) return null;
  const args: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(values)) args[k] = v === null ? "—" : typeof v === "boolean" ? String(v) : v;
  try {
    const text = t(key, args);
    return text === key || text.endsWith(key) ? null : text;
  } catch {
    return null;
  }
}

/** The "why did this fire" sentence from the alert's explanation values. */
export const whySentence = (t: Translator, kind: string, values: Values) => ruleSentence(t, `detections.rules.${kind}.why`, values);

/** What the rule looks for, worded with the settings it had when it fired. */
export const ruleDescription = (t: Translator, kind: string, params: Values) => ruleSentence(t, `detections.rules.${kind}.description`, params);

/** The label and unit of one rule setting in the rules' own words, else the setting's key. */
export function paramLabel(t: Translator, param: string): { label: string; unit: string | null } {
  const base = `detections.params.${param}`;
  return {
    label: t.has(`${base}.label`) ? t(`${base}.label`) : param,
    unit: t.has(`${base}.unit`) ? t(`${base}.unit`) : null,
  };
}

export const severityTone = { critical: "red", high: "red", medium: "amber", low: "grey" } as const;
export const statusTone = { open: "amber", acknowledged: "blue", resolved: "green", false_positive: "grey" } as const;
