import Link from "next/link";
import { cn } from "./cn";

export function StatCard({
  label,
  value,
  hint,
  href,
  tone = "neutral",
}: {
  label: string;
  value: string;
  hint?: React.ReactNode;
  href?: string;
  tone?: "neutral" | "red" | "amber";
}) {
  const body = (
    <>
      <p className="text-sm text-neutral-600">{label}</p>
      <p className={cn("num mt-1 text-2xl font-semibold", tone === "red" && "text-red-700", tone === "amber" && "text-amber-700")}>{value}</p>
      {hint ? <p className="mt-1 text-xs text-neutral-600">{hint}</p> : null}
    </>
  );
  const className = "block rounded-lg border border-neutral-200 bg-white p-4";
  return href ? (
    <Link href={href} className={cn(className, "hover:border-accent-600")}>
      {body}
    </Link>
  ) : (
    <div className={className}>{body}</div>
  );
}
