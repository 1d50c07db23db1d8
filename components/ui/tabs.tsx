"use client";
import { Tabs as RadixTabs } from "radix-ui";
import { cn } from "./cn";

export const Tabs = RadixTabs.Root;

export function TabsList({ className, ...props }: React.ComponentProps<typeof RadixTabs.List>) {
  return <RadixTabs.List className={cn("mb-4 flex gap-1 overflow-x-auto border-b border-neutral-200", className)} {...props} />;
}

export function TabsTrigger({ className, ...props }: React.ComponentProps<typeof RadixTabs.Trigger>) {
  return (
    <RadixTabs.Trigger
      className={cn(
        "-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-neutral-600 hover:text-neutral-900 data-[state=active]:border-accent-600 data-[state=active]:font-medium data-[state=active]:text-accent-800",
        className,
      )}
      {...props}
    />
  );
}

export const TabsContent = RadixTabs.Content;
