import type { Stage } from '@/core/domains';

// How each stage reads inside a sentence about the user's own domain.
export const STAGE_PHRASES: Record<Stage, string> = {
  active: 'is registered',
  expiring: 'is about to expire',
  grace: 'has expired and is in its renewal grace period',
  redemption: 'is in its redemption period',
  pending_delete: 'is about to be deleted by its registry',
  available: 'is no longer registered (anyone can register it)',
  re_registered: 'was registered again after you verified this address',
  unknown: 'could not be checked',
};
