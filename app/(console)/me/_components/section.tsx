import { Card } from "@/components/ui/card";

// My Page is one page of sections; the bar above them jumps to each (a tired member finds things at a glance).

export interface SectionLink {
  id: string;
  label: string;
  /** A short status beside the link when something waits for the member (a pending change, few backup codes). */
  hint?: string;
}

export function SectionNav({ label, sections }: { label: string; sections: SectionLink[] }) {
  return (
    <nav aria-label={label} className="sticky top-0 z-10 -mx-1 mb-4 border-b border-neutral-200 bg-neutral-50/95 px-1 py-2 backdrop-blur">
      <ul className="flex flex-wrap gap-1.5">
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              className="inline-flex h-8 items-center gap-1.5 rounded-full border border-neutral-200 bg-white px-3 text-sm text-neutral-800 hover:border-accent-600 hover:text-accent-800"
            >
              {s.label}
              {s.hint ? <span className="rounded-full bg-amber-100 px-1.5 text-xs font-medium text-amber-900">{s.hint}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Section({ id, title, description, aside, children }: { id: string; title: string; description?: React.ReactNode; aside?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-16">
      <Card className="p-5">
        <div className="mb-4 flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 id={`${id}-title`} className="text-base font-semibold text-neutral-900">
              {title}
            </h2>
            {description ? <p className="mt-1 text-sm text-neutral-600">{description}</p> : null}
          </div>
          {aside}
        </div>
        {children}
      </Card>
    </section>
  );
}
