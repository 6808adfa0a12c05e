import type { Stage } from '@/core/domains';
import { STAGE_META } from './stage-badge';
import { STAGE_FILL } from './stage-colors';

/** The key to the timeline, in words: which colour is which stage, observed and projected bands, stated and estimated dates. */
export function TimelineLegend({ stages }: { stages: Stage[] }) {
  const item = 'flex items-center gap-1.5';
  return (
    <ul aria-label="Timeline legend" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {stages.map((s) => (
        <li key={s} className={item}>
          <span
            aria-hidden="true"
            className="inline-block size-3 border border-slate-900"
            style={{ background: STAGE_FILL[s] }}
          />
          {STAGE_META[s].label}
        </li>
      ))}
      <li className={item}>
        <span aria-hidden="true" className="inline-block h-3 w-4 border border-slate-900 bg-slate-300" /> observed stage
        (solid; the current one runs to its expected end)
      </li>
      <li className={item}>
        <span aria-hidden="true" className="inline-block h-3 w-4 border border-dashed border-slate-900 bg-slate-100" />{' '}
        projected phase (still to come, if nobody renews)
      </li>
      <li className={item}>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          <path d="M6 0 L12 6 L6 12 L0 6 Z" fill="#0f172a" />
        </svg>
        stated date (from the registry)
      </li>
      <li className={item}>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          <path d="M6 1 L11 6 L6 11 L1 6 Z" fill="#fff" stroke="#0f172a" strokeWidth="1.5" />
        </svg>
        <em>estimated date</em> (from published periods)
      </li>
      <li className={item}>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          <path d="M6 0 L12 11 L0 11 Z" fill="#b91c1c" />
        </svg>
        flag opened
      </li>
      <li className={item}>
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
          <circle cx="6" cy="6" r="4.5" fill="#0369a1" />
        </svg>
        scan
      </li>
    </ul>
  );
}
