// An entry's details: the few fields a reader looks for first, the whole record on request.
const FIRST = [
  'reason',
  'decision',
  'address',
  'domain',
  'stage',
  'list',
  'kind',
  'target',
  'from',
  'to',
  'changed',
] as const;

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const keys = FIRST.filter((k) => details[k] !== undefined && details[k] !== null);
  if (Object.keys(details).length === 0) return <span className="text-muted-foreground">—</span>;
  return (
    <div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2">
        {keys.map((k) => (
          <div key={k} className="contents">
            <dt className="text-muted-foreground">{k}</dt>
            <dd className="break-words">{show(details[k])}</dd>
          </div>
        ))}
      </dl>
      <details className="mt-1">
        <summary className="cursor-pointer underline">All details</summary>
        <pre className="mt-1 max-h-48 overflow-auto rounded bg-muted p-2 text-[11px] whitespace-pre-wrap">
          {JSON.stringify(details, null, 2)}
        </pre>
      </details>
    </div>
  );
}
