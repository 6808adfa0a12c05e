import type { ComponentProps } from 'react';
import { cn } from './cn';

/** A styled native <select>: keyboard and screen-reader behaviour come from the browser. */
export function NativeSelect({ className, ...props }: ComponentProps<'select'>) {
  return (
    <select
      className={cn(
        'h-9 w-full rounded-md border border-slate-400 bg-white px-2 text-sm aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  );
}
