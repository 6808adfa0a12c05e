export function Stat({ label, value, hint }: { label: string; value: number; hint?: string }) {
  return (
    <section aria-label={label} className="rounded-lg border border-border bg-white p-4">
      <p className="text-sm text-muted-foreground">{label}</p>
      <p data-stat-value className="mt-1 text-2xl font-semibold tabular-nums">
        {value.toLocaleString('en')}
      </p>
      {hint ? <p className="mt-1 text-xs text-muted-foreground">{hint}</p> : null}
    </section>
  );
}
