import { useTranslations } from "next-intl";

// How the screens word a change request's parts: its kind, a field's name and a value (as requests.* messages say).
// A kind registered later without its words still shows, by its stored names.
export type ChangeValue = string | number | boolean | null | string[];

export function useChangeText() {
  const t = useTranslations("requests");
  const has = (key: string) => t.has(key);
  return {
    kind: (kind: string) => (has(`kinds.${kind}`) ? t(`kinds.${kind}`) : kind),
    field: (kind: string, field: string) => (has(`fields.${kind}.${field}`) ? t(`fields.${kind}.${field}`) : field),
    value: (kind: string, field: string, value: ChangeValue | undefined): string => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return t("values.empty");
      if (typeof value === "boolean") return value ? t("values.on") : t("values.off");
      // A stored code (a card brand, an account type) shown as its word.
      if (typeof value === "string" && has(`choices.${kind}.${field}.${value}`)) return t(`choices.${kind}.${field}.${value}`);
      // With a unit the message formats the number itself (a year stays 2030, not 2,030).
      if (typeof value === "number" && has(`units.${kind}.${field}`)) return t(`units.${kind}.${field}`, { value });
      const text = Array.isArray(value) ? value.join(", ") : typeof value === "number" ? value.toLocaleString("ja-JP") : value;
      return has(`units.${kind}.${field}`) ? t(`units.${kind}.${field}`, { value: text }) : text;
    },
    status: (status: string) => t(`status.${status}`),
  };
}
