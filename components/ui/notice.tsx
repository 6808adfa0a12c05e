import { CircleAlert, CircleCheck } from 'lucide-react';
import { cn } from './cn';

/** The outcome of an action in words: a status for success (polite), an alert for failure. */
export function Notice({
  tone,
  children,
  className,
}: {
  tone: 'ok' | 'error';
  children: React.ReactNode;
  className?: string;
}) {
  const Icon = tone === 'ok' ? CircleCheck : CircleAlert;
  return (
    <div
      role={tone === 'ok' ? 'status' : 'alert'}
      className={cn(
        'flex items-start gap-2 rounded-md border px-3 py-2 text-sm',
        tone === 'ok' ? 'border-emerald-300 bg-emerald-50 text-emerald-950' : 'border-red-300 bg-red-50 text-red-950',
        className,
      )}
    >
      <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
