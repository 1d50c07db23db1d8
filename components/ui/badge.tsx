import { cva, type VariantProps } from "class-variance-authority";
import { cn } from "./cn";

// Status colours only: red = locked/overdue/critical, amber = warning/pending, green = active/ok, grey = disabled.
const badgeVariants = cva("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset whitespace-nowrap", {
  variants: {
    tone: {
      green: "bg-green-50 text-green-800 ring-green-600/30",
      amber: "bg-amber-50 text-amber-900 ring-amber-600/30",
      red: "bg-red-50 text-red-800 ring-red-600/30",
      grey: "bg-neutral-100 text-neutral-700 ring-neutral-500/30",
      blue: "bg-accent-50 text-accent-800 ring-accent-600/30",
    },
  },
  defaultVariants: { tone: "grey" },
});

export function Badge({ tone, className, ...props }: React.HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}

export const accountStatusTone = {
  active: "green",
  invited: "blue",
  locked: "red",
  suspended: "amber",
  disabled: "grey",
} as const;
