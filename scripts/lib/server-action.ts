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
    body: JSON.stringify(args),
  });
  const text = await response.text();
  // The flight answer's row 1 holds the return value: `1:{"ok":true,…}`.
  const row = /^1:(.*)$/m.exec(text)?.[1];
  let result: unknown = undefined;
  if (row) {
    try {
      result = JSON.parse(row);
    } catch {
      result = row;
    }
  }
  return { status: response.status, result, text };
}
