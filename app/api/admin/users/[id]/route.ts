import { z } from 'zod';
import { defineRoute } from '@/lib/auth/route';
import { AppError } from '@/lib/errors';
import { pathId } from '@/lib/validation/path-id';
import { getUserDetail } from '@/lib/users/detail-queries';
import { withParams } from '../../with-params';

export const GET = withParams<{ id: string }>(
  defineRoute({
    name: 'user.read',
    permission: 'users.read',
    query: z.object({ id: pathId }),
    run: async ({ ctx: { db }, input: { id } }) => {
      const user = await getUserDetail(db, id);
      if (!user) throw new AppError('not_found', `No user #${id}.`);
      return user;
    },
  }),
);
