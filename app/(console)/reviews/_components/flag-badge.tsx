"use client";
import { Tooltip } from "radix-ui";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { ReviewFlag } from "@/lib/policy/reviews";
import { flagTone } from "./campaign-text";

// A flag as a coloured badge; hovering or focusing it explains what it means (TooltipProvider wraps the table).
export function FlagBadge({ flag, dormantDays }: { flag: ReviewFlag; dormantDays: number }) {
  const t = useTranslations("campaigns");
  return (
    <Tooltip.Root delayDuration={150}>
      <Tooltip.Trigger asChild>
        <Badge tone={flagTone[flag] ?? "grey"} tabIndex={0} className="cursor-help focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent-600" data-flag={flag}>
          {t(`flag.${flag}`)}
        </Badge>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content side="top" sideOffset={4} className="z-50 max-w-xs rounded-md bg-neutral-900 px-3 py-2 text-xs leading-relaxed text-white shadow-lg">
          {t(`flagHint.${flag}`, { days: dormantDays })}
          <Tooltip.Arrow className="fill-neutral-900" />
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

export const TooltipProvider = Tooltip.Provider;
