import { cn } from "@/components/ui/cn";

// A thin bar with its numbers in words beside it: how much of a campaign is decided (or applied).
export function ProgressMeter({ done, total, label, text, className, wide = false }: { done: number; total: number; label: string; text: string; className?: string; wide?: boolean }) {
  const percent = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className={cn("h-1.5 shrink-0 overflow-hidden rounded-full bg-neutral-200", wide ? "flex-1" : "w-24")}
      >
        <div className={cn("h-full", percent === 100 ? "bg-green-600" : "bg-accent-600")} style={{ width: `${percent}%` }} />
      </div>
      <span className="num whitespace-nowrap text-xs text-neutral-700">{text}</span>
    </div>
  );
}
