import { cn } from './cn';

/** A determinate progress bar; `label` names it for assistive technology, the text beside it says the numbers. */
export function Progress({
  value,
  max,
  label,
  className,
}: {
  value: number;
  max: number;
  label: string;
  className?: string;
}) {
  const share = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={`${value.toLocaleString('en')} of ${max.toLocaleString('en')}`}
      className={cn('h-2.5 w-full overflow-hidden rounded-full bg-slate-200', className)}
    >
      <div
        className="h-full rounded-full bg-sky-700 transition-[width]"
        style={{ width: `${(share * 100).toFixed(1)}%` }}
      />
    </div>
  );
}
