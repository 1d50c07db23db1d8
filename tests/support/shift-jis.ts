// Shift_JIS (Windows' CP932) bytes for test files: Node decodes it but has no encoder, so the table is built once from
// every code the decoder knows. tests/unit/account-csv.test.ts checks it against byte sequences fixed by hand.
let table: Map<string, number[]> | undefined;

function build(): Map<string, number[]> {
  const decoder = new TextDecoder("shift_jis", { fatal: true });
  const map = new Map<string, number[]>();
  const add = (bytes: number[]) => {
    try {
      const ch = decoder.decode(Uint8Array.from(bytes));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, bytes);
    } catch {
      // not a character in CP932
    }
  };
  for (let b = 0x00; b <= 0x7f; b++) add([b]);
  for (let b = 0xa1; b <= 0xdf; b++) add([b]);
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) for (const trail of range(0x40, 0xfc)) if (trail !== 0x7f) add([lead, trail]);
  return map;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function shiftJis(text: string): Uint8Array {
  table ??= build();
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table.get(ch);
    if (!bytes) throw new Error(`no Shift_JIS code for ${JSON.stringify(ch)}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}
