import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { AppError } from '@/lib/errors';
import { pathId } from '@/lib/validation/path-id';
import { getScan, listScanDomainChanges, listScanErrors } from '@/lib/scans/queries';
import { withParams } from '../../with-params';

// Polled every second while a scan runs (progress bars on the scans and domain pages).
export const GET = withParams<{ id: string }>(
  defineRoute({
    name: 'scan.read',
    permission: 'scans.read',
    query: z.object({ id: pathId, details: z.enum(['0', '1']).optional() }),
    run: async ({ ctx: { db }, input: { id, details } }) => {
      const scan = await getScan(db, id);
      if (!scan) throw new AppError('not_found', `No scan #${id}.`);
      if (details !== '1') return { scan, changes: null, errors: null };
      const [changes, errors] = await Promise.all([listScanDomainChanges(db, id), listScanErrors(db, id)]);
      return { scan, changes, errors };
    },
  }),
);
