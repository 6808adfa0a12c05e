import Link from 'next/link';
import type { ReactNode } from 'react';
import { cn } from '../ui/cn';

/** A whole page that only says why there is nothing to show (404, 403), with the way back. */
export function StatusPage({
  title,
  icon,
  className,
  children,
}: {
  title: string;
  icon?: ReactNode;
  /** Classes of the centred column (its width). */
  className?: string;
  children?: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className={cn('text-center', className)}>
        {icon}
        <h1 className="text-xl font-semibold">{title}</h1>
        {children}
        <p className="mt-4 text-sm">
          <Link className="underline" href="/">
            Go to your start page
          </Link>
        </p>
      </div>
    </main>
  );
}
