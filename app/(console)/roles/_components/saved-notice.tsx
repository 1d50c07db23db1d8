import { CheckCircle2 } from "lucide-react";

// The outcome of the step before (a role created, saved or deleted on another page), read out once.
export function SavedNotice({ message }: { message: string }) {
  return (
    <p role="status" className="mb-4 flex items-start gap-2 rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
      <CheckCircle2 className="mt-0.5 size-4 shrink-0 text-green-700" aria-hidden />
      {message}
    </p>
  );
}
