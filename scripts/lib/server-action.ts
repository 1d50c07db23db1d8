// Calls a server action over HTTP as the browser's JavaScript does: POST to a page with the Next-Action header and the
// arguments as JSON. The action's id comes from the build's manifest, by the file and export that define it.
import fs from "node:fs";
import path from "node:path";

interface ManifestEntry {
  filename?: string;
  exportedName?: string;
}

let ids: Map<string, string> | undefined;

/** The id of `exportedName` from `filename` (e.g. "app/(console)/reviews/actions.ts") in the current production build. */
export function actionId(filename: string, exportedName: string): string {
  if (!ids) {
    const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
      node: Record<string, ManifestEntry>;
    };
    ids = new Map(Object.entries(manifest.node).map(([id, entry]) => [`${entry.filename}#${entry.exportedName}`, id]));
  }
  const id = ids.get(`${filename}#${exportedName}`);
  if (!id) throw new Error(`no server action ${exportedName} in ${filename} in this build`);
  return id;
}

export interface ActionAnswer {
  status: number;
  /** The action's return value, when the answer carried one. */
  result: unknown;
  text: string;
}

/**
 * encodeReply's text form: JSON, with a string that starts with "$" escaped as "$$" (React reads "$…" as a reference).
 * Enough for the plain objects and strings the console's forms send.
 */
export function encodeReply(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v));
}

/**
 * The rows of an RSC answer by id: "<id>:<JSON>\n", or "<id>:T<length in hex>,<text>" with no line break after it (a long
 * string the JSON rows refer to as "$<id>").
 */
export function rscRows(text: string): Map<string, string> {
  const buffer = Buffer.from(text, "utf8");
  const rows = new Map<string, string>();
  for (let at = 0; at < buffer.length; ) {
    const colon = buffer.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = buffer.toString("utf8", at, colon);
    if (buffer[colon + 1] === 0x54) {
      const comma = buffer.indexOf(0x2c, colon);
      const end = comma + 1 + parseInt(buffer.toString("utf8", colon + 2, comma), 16);
      rows.set(id, buffer.toString("utf8", comma + 1, end));
      at = end;
    } else {
      const newline = buffer.indexOf(0x0a, colon);
      const end = newline < 0 ? buffer.length : newline;
      rows.set(id, buffer.toString("utf8", colon + 1, end));
      at = end + 1;
    }
  }
  return rows;
}

/** The action's return value in its RSC answer (row 1, with the text rows it refers to), or undefined. */
export function actionResultOf(text: string): unknown {
  const rows = rscRows(text);
  const row = rows.get("1");
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row, (_key, value: unknown) => {
      if (typeof value !== "string" || !value.startsWith("$")) return value;
      if (value.startsWith("$$")) return value.slice(1);
      return rows.get(value.slice(1)) ?? value;
    }) as unknown;
  } catch {
    return undefined;
  }
}

/** `args` as the client passes them: our actions take (previousState, input), so usually [null, { … }]. */
export async function callAction(url: string, page: string, action: { file: string; name: string }, args: unknown[], cookie: string): Promise<ActionAnswer> {
  const response = await fetch(`${url}${page}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "next-action": actionId(action.file, action.name),
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: url,
      cookie,
    },
    body: encodeReply(args),
  });
  const text = await response.text();
  return { status: response.status, result: actionResultOf(text), text };
}
