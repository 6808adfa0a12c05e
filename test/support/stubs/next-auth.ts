import { vi } from 'vitest';

// Stands in for the 'next-auth' package, which cannot load outside Next:
// `vi.mock('next-auth', () => import('<path>/support/stubs/next-auth'))`.
export default vi.fn();
export class AuthError extends Error {}
export class CredentialsSignin extends Error {}
