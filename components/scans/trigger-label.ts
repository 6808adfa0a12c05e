// A type-only import: erased at build time, so the client bundle pulls in no database code.
import type { ScanTrigger } from '@/lib/scans/request';

// Every trigger needs a rendering (a Record, so a new trigger without one fails to compile).
const LABELS: Record<ScanTrigger, string> = {
  dashboard: 'dashboard',
  cli: 'cli',
  schedule: 'schedule',
  verification: 'verification',
  reset: 'reset link',
};

// Who started a scan no person asked for.
const STARTERS: Partial<Record<ScanTrigger, string>> = {
  schedule: 'scheduler',
  reset: 'outbox, before a reset link',
};

export function scanTriggerLabel(trigger: string): string {
  return LABELS[trigger as ScanTrigger] ?? trigger;
}

export function scanStarter(trigger: string, username: string | null): string {
  return username ?? STARTERS[trigger as ScanTrigger] ?? '—';
}
