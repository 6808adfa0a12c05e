import type { ReactNode } from 'react';
import { EmptyState } from '../ui/empty-state';
import { Notice } from '../ui/notice';
import { CursorPagination } from './cursor-pagination';

/** Where a page link goes: both keys always set, so the first page's link clears the current cursor. */
export interface KeysetPosition {
  cursor: string | undefined;
  dir: 'next' | 'prev' | undefined;
}

/**
 * One keyset-paged list as a client renders it from its query: a failure in words (never an empty
 * list), the rows, or an empty state, then the page links. `href` turns a position into the page's URL.
 */
export function KeysetList<T>({
  what,
  page,
  error,
  fetching,
  empty,
  href,
  children,
}: {
  /** "users", "mails": the words in the failure and the pager's label. */
  what: string;
  page: { rows: T[]; nextCursor: string | null; prevCursor: string | null } | undefined;
  error: Error | null;
  fetching: boolean;
  empty: ReactNode;
  href: (position: KeysetPosition) => string;
  children: (rows: T[]) => ReactNode;
}) {
  if (error)
    return (
      <Notice tone="error">
        Could not load the {what}: {error.message}
      </Notice>
    );
  return (
    <div>
      {!page ? <p>Loading…</p> : page.rows.length === 0 ? empty : <div aria-busy={fetching}>{children(page.rows)}</div>}
      <CursorPagination
        label={`Pages of ${what}`}
        firstHref={page?.prevCursor ? href({ cursor: undefined, dir: undefined }) : null}
        prevHref={page?.prevCursor ? href({ cursor: page.prevCursor, dir: 'prev' }) : null}
        nextHref={page?.nextCursor ? href({ cursor: page.nextCursor, dir: 'next' }) : null}
      />
    </div>
  );
}

/** The empty state of a filtered list. */
export function NoMatch({ title }: { title: string }) {
  return <EmptyState title={title}>Clear a filter or two to see more.</EmptyState>;
}
