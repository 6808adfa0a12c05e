import { ChevronLeft, ChevronRight, ChevronsLeft } from 'lucide-react';
import Link from 'next/link';
import { buttonVariants } from '../ui/button';
import { cn } from '../ui/cn';

/**
 * Keyset pages: links, not buttons, so a page is a URL (shareable, back button works). A missing
 * cursor renders a disabled-looking span, not a dead link.
 */
export function CursorPagination({
  label,
  firstHref,
  prevHref,
  nextHref,
}: {
  label: string;
  firstHref: string | null;
  prevHref: string | null;
  nextHref: string | null;
}) {
  const item = (href: string | null, text: string, icon: React.ReactNode, rel?: string) =>
    href ? (
      <Link href={href} rel={rel} className={buttonVariants({ variant: 'outline', size: 'sm' })} prefetch={false}>
        {icon}
        {text}
      </Link>
    ) : (
      <span
        aria-disabled="true"
        className={cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'cursor-not-allowed opacity-50')}
      >
        {icon}
        {text}
      </span>
    );
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-end gap-2">
      {item(firstHref, 'First page', <ChevronsLeft aria-hidden="true" />)}
      {item(prevHref, 'Previous page', <ChevronLeft aria-hidden="true" />, 'prev')}
      {item(nextHref, 'Next page', <ChevronRight aria-hidden="true" />, 'next')}
    </nav>
  );
}
