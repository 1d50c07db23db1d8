import { Label } from "@/components/ui/input";

/** A labelled field with its error under it and an optional hint; ids tie them together for screen readers. */
export function Field({ id, label, hint, error, aside, className, children }: { id: string; label: string; hint?: string; error?: string; aside?: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <div className={className}>
      {aside ? (
        <div className="flex items-baseline justify-between gap-3">
          <Label htmlFor={id}>{label}</Label>
          {aside}
        </div>
      ) : (
        <Label htmlFor={id}>{label}</Label>
      )}
      {children}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** aria props for an input inside a Field. */
export const fieldAria = (id: string, error: string | undefined, hint = false) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined,
});

export const textareaClass =
  "block w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm placeholder:text-neutral-500 focus:border-accent-600 aria-[invalid=true]:border-red-600";
