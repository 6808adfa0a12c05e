import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/app/api/fetch-json';
import type { ScanDetail, ScanDomainChange, ScanError, ScanRow } from '@/lib/scans/queries';

export interface ScanWithDetails {
  scan: ScanDetail;
  changes: ScanDomainChange[] | null;
  errors: ScanError[] | null;
}

export const scanKeys = {
  all: ['scans'] as const,
  list: (cursor: string) => ['scans', 'list', cursor] as const,
  detail: (id: number, details: boolean) => ['scans', 'detail', id, details] as const,
};

export const isActive = (state: string) => state === 'queued' || state === 'running';
// While something runs the page follows it closely; otherwise a slow refresh catches new scans.
const poll = (active: boolean) => (active ? 1_000 : 15_000);

export function scansQuery(cursor = '') {
  return queryOptions({
    queryKey: scanKeys.list(cursor),
    queryFn: () =>
      fetchJson<{ rows: ScanRow[]; nextCursor: string | null }>(`/api/admin/scans${cursor ? `?cursor=${cursor}` : ''}`),
    refetchInterval: (q) => poll(Boolean(q.state.data?.rows.some((s) => isActive(s.state)))),
  });
}

export function scanQuery(id: number, details: boolean) {
  return queryOptions({
    queryKey: scanKeys.detail(id, details),
    queryFn: () => fetchJson<ScanWithDetails>(`/api/admin/scans/${id}${details ? '?details=1' : ''}`),
    // A finished scan does not change; a running one is polled every second.
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.scan.state) ? false : 1_000),
  });
}
