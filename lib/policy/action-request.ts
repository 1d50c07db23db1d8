// What a server-action post must look like before Next hands it to React's decoder, which answers anything it cannot
// decode with a 500: the arguments as JSON, or a no-JS form whose action fields are JSON. The console's actions take
// plain values and forms only (no Blob, Map, Set, stream or server reference as an argument), so a reply may hold
// just the references those need; an action that takes more would have to widen this.

/** React's reply encoding of leaf values: an escaped "$", undefined, -0, ±Infinity, NaN, a Date, a BigInt. */
const LEAF_REFERENCE =
  /^\$(?:\$|undefined$|-0$|Infinity$|-Infinity$|NaN$|D|n-?\d+$)/;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Whether every "$…" string in the value is a leaf, or a FormData argument ("$K<id>") whose fields were sent. */
function plainReply(value: unknown, formIds: ReadonlySet<string>): boolean {
  if (typeof value === "string") {
    if (!value.startsWith("$") || LEAF_REFERENCE.test(value)) return true;
    const form = /^\$K([0-9a-f]+)$/.exec(value);
    return form !== null && formIds.has(form[1]!);
  }
  if (Array.isArray(value)) return value.every((v) => plainReply(v, formIds));
  if (value && typeof value === "object")
    return Object.values(value).every((v) => plainReply(v, formIds));
  return true;
}

/** A Next-Action call's arguments: a JSON array (the text body, or the "0" entry of a multipart one). */
function readableArguments(
  text: string,
  formIds: ReadonlySet<string>,
): boolean {
  const parsed = parseJson(text);
  return (
    parsed.ok &&
    Array.isArray(parsed.value) &&
    plainReply(parsed.value, formIds)
  );
}

/** A Next-Action post with a text body: the arguments as JSON. */
export function readableActionText(text: string): boolean {
  return readableArguments(text, new Set());
}

/**
 * A multipart server-action post. With Next-Action: the arguments in "0", each FormData argument's fields as
 * "_<id>_<name>". Without (a no-JS form): each "$ACTION_<n>:<k>" entry is JSON, and the bound arguments an action
 * entry names ("$@<k>") were sent.
 */
export function readableActionForm(
  form: FormData,
  nextAction: boolean,
): boolean {
  if (nextAction) {
    const root = form.get("0");
    const formIds = new Set(
      [...form.keys()].flatMap((key) => /^_([0-9a-f]+)_/.exec(key)?.[1] ?? []),
    );
    return typeof root === "string" && readableArguments(root, formIds);
  }
  for (const [name, value] of form) {
    const chunk = /^\$ACTION_(\d+):\d+$/.exec(name);
    if (!chunk) continue;
    const parsed =
      typeof value === "string" ? parseJson(value) : { ok: false as const };
    if (!parsed.ok) return false;
    const meta = parsed.value;
    const bound =
      meta &&
      typeof meta === "object" &&
      "bound" in meta &&
      typeof meta.bound === "string"
        ? /^\$@([0-9a-f]+)$/.exec(meta.bound)
        : null;
    if (bound && !form.has(`$ACTION_${chunk[1]}:${parseInt(bound[1]!, 16)}`))
      return false;
  }
  return true;
}
