// Label/value pairs of a detail page's overview, two columns on wide screens.
export interface DetailItem {
  label: string;
  value: React.ReactNode;
}

export function DetailList({ items }: { items: DetailItem[] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
      {items.map((item) => (
        <div key={item.label}>
          <dt className="text-xs text-neutral-600">{item.label}</dt>
          <dd className="mt-0.5">{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
