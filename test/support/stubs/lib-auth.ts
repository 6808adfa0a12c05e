import { vi } from 'vitest';

// Stands in for '@/lib/auth' (the NextAuth() instance), which cannot load outside Next:
// `vi.mock('@/lib/auth', () => import('<path>/support/stubs/lib-auth'))`. Nobody is signed in.
export const auth = async () => null;
export const signIn = vi.fn();
export const signOut = vi.fn();
export const handlers = {};
