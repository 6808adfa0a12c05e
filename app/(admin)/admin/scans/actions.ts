'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { enqueueScan } from '@/lib/jobs/enqueue';
import { cancelScan, cancelScanSchema } from '@/lib/scans/cancel';
import { requestScan, rescanDomainSchema, rescanUserSchema } from '@/lib/scans/request';

// Rescans from the dashboard. The verb writes the queued scan and its audit row; the job is handed
// to the workers only after the commit (`after`), so a worker never looks for a row not yet visible.

const enqueueAfterCommit = async ({ data }: { data: { scanId: number } }) => enqueueScan(data.scanId);
// "Rescan now" of one domain or user: the on-demand lane, ahead of any running full scan.
const enqueueNowAfterCommit = async ({ data }: { data: { scanId: number } }) => enqueueScan(data.scanId, 'now');
// Per actor: a reviewer rechecking a handful of domains is fine; a script hammering the registries is not.
// Rescans of a domain and of a user share one budget per person.
const RESCAN_LIMIT = { limit: 30, windowSeconds: 600, bucket: 'scan.rescan' };

export const rescanDomainAction = defineAction({
  name: 'scan.rescan_domain',
  permission: 'scans.request',
  input: rescanDomainSchema,
  rateLimit: RESCAN_LIMIT,
  run: ({ ctx, input }) => requestScan({ ctx, input: { kind: 'domain', target: input.domain, trigger: 'dashboard' } }),
  after: enqueueNowAfterCommit,
  revalidate: ['/admin/scans'],
});

export const rescanUserAction = defineAction({
  name: 'scan.rescan_user',
  permission: 'scans.request',
  input: rescanUserSchema,
  rateLimit: RESCAN_LIMIT,
  run: ({ ctx, input }) => requestScan({ ctx, input: { kind: 'user', target: input.username, trigger: 'dashboard' } }),
  after: enqueueNowAfterCommit,
  revalidate: ['/admin/scans'],
});

export const startFullScanAction = defineAction({
  name: 'scan.request_full',
  permission: 'scans.request_full',
  input: z.object({}),
  rateLimit: { limit: 5, windowSeconds: 3600 },
  run: ({ ctx }) => requestScan({ ctx, input: { kind: 'full', trigger: 'dashboard' } }),
  after: enqueueAfterCommit,
  revalidate: ['/admin', '/admin/scans'],
});

export const cancelScanAction = defineAction({
  name: 'scan.cancel',
  permission: 'scans.cancel',
  input: cancelScanSchema,
  run: ({ ctx, input }) => cancelScan({ ctx, input }),
  revalidate: ['/admin', '/admin/scans'],
});
