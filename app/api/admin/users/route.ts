import { defineRoute } from '@/lib/auth/route';
import { listUsersPage } from '@/lib/users/queries';
import { usersSearchSchema } from '@/lib/users/search';

// The users list as JSON: the same search parameters as the page URL.
export const GET = defineRoute({
  name: 'user.list',
  permission: 'users.read',
  query: usersSearchSchema,
  run: ({ ctx: { db }, input: search }) => listUsersPage(db, search),
});
