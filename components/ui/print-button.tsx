"use client";
import { Printer } from "lucide-react";
import { Button } from "./button";

// Prints the page; printable pages hide the console around their sheet with their own print styles.
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" size="sm" onClick={() => window.print()}>
      <Printer className="size-4" aria-hidden />
      {label}
    </Button>
  );
}
