import { z } from 'zod';
import type { ActionDefinition } from '@/lib/auth/action';
import { enqueueScan } from '@/lib/jobs/enqueue';
import { cancelScan, cancelScanSchema } from '@/lib/scans/cancel';
import { requestScan } from '@/lib/scans/request';

// Rescans from the dashboard. The verb writes the queued scan and its audit row; the job is handed
// to the workers only after the commit (`after`), so a worker never looks for a row not yet visible.

type Started = { scanId: number };
const afterCommit = ({ scanId }: Started) => enqueueScan(scanId);
// Per actor: a reviewer rechecking a handful of domains is fine; a script hammering the registries is not.
const RESCAN_LIMIT = { name: 'rescan', limit: 30, windowSeconds: 600 };

export const rescanDomainSchema = z.object({ domain: z.string().trim().min(1, 'enter a domain').max(300) });
export const rescanUserSchema = z.object({ username: z.string().trim().toLowerCase().min(1).max(64) });

export const rescanDomainDef: ActionDefinition<typeof rescanDomainSchema, Started> = {
  permission: 'scans.request',
  input: rescanDomainSchema,
  run: ({ tx, actor }, { domain }) => requestScan(tx, actor, { kind: 'domain', target: domain, trigger: 'dashboard' }),
  after: afterCommit,
  revalidate: ['/admin/scans'],
  rateLimit: RESCAN_LIMIT,
};

export const rescanUserDef: ActionDefinition<typeof rescanUserSchema, Started> = {
  permission: 'scans.request',
  input: rescanUserSchema,
  run: ({ tx, actor }, { username }) =>
    requestScan(tx, actor, { kind: 'user', target: username, trigger: 'dashboard' }),
  after: afterCommit,
  revalidate: ['/admin/scans'],
  rateLimit: RESCAN_LIMIT,
};

const nothing = z.object({});

export const fullScanDef: ActionDefinition<typeof nothing, Started> = {
  permission: 'scans.request_full',
  input: nothing,
  run: ({ tx, actor }) => requestScan(tx, actor, { kind: 'full', trigger: 'dashboard' }),
  after: afterCommit,
  revalidate: ['/admin', '/admin/scans'],
  rateLimit: { name: 'full_scan', limit: 5, windowSeconds: 3600 },
};

export const cancelScanDef: ActionDefinition<typeof cancelScanSchema, void> = {
  permission: 'scans.cancel',
  input: cancelScanSchema,
  run: ({ tx, actor }, input) => cancelScan(tx, actor, input),
  revalidate: ['/admin', '/admin/scans'],
};
