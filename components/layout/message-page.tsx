import Link from "next/link";

export function MessagePage({ code, title, body, linkLabel }: { code: string; title: string; body: string; linkLabel: string }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-20 text-center">
      <p className="num text-sm font-semibold text-neutral-500">{code}</p>
      <h1 className="mt-2 text-xl font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-neutral-600">{body}</p>
      <Link href="/" className="mt-6 text-sm text-accent-700 hover:underline">
        {linkLabel}
      </Link>
    </div>
  );
}
