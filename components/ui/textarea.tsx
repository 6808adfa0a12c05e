import type { ComponentProps } from 'react';
import { cn } from './cn';

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      className={cn(
        'min-h-20 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm placeholder:text-slate-500 aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  );
}
