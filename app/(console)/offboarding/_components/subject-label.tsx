// A case's subject as stored ("山田 太郎 (yamada@example.jp)", or a phone number for a disposal): the name on one
// line, the OCN ID under it, wrapping only before its "@".
export function SubjectLabel({ label }: { label: string | null }) {
  if (!label) return <>—</>;
  const m = /^(.*) \(([^()]+)\)$/.exec(label);
  if (!m) return <span className="break-all">{label}</span>;
  const id = m[2]!;
  const at = id.indexOf("@");
  return (
    <>
      <span className="block">{m[1]}</span>
      <span className="block text-xs font-normal text-neutral-600">
        {at > 0 ? (
          <>
            <span className="whitespace-nowrap">{id.slice(0, at)}</span>
            <wbr />
            <span className="whitespace-nowrap">{id.slice(at)}</span>
          </>
        ) : (
          <span className="break-all">{id}</span>
        )}
      </span>
    </>
  );
}
