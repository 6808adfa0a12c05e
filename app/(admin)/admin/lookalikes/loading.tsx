export default function Loading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the look-alike domains" className="flex flex-col gap-3">
      <div className="h-7 w-40 animate-pulse rounded bg-slate-200" />
      {Array.from({ length: 6 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
        <div key={i} className="h-10 animate-pulse rounded bg-slate-100" />
      ))}
    </div>
  );
}
