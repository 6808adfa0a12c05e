import type { Stage } from '@/core/domains';

// The shapes decide.ts reads and returns: a domain's stored state with its addresses, and the
// actions the policy asks the scanner to apply.

export type FlagState = 'open' | 'pending_review' | 'overridden' | 'resolved';
export type UnverifyReason = 'domain_lifecycle' | 'user' | 'staff' | 'bounce';

export interface AddressState {
  emailId: number;
  verified: boolean;
  verifiedAt: Date | null;
  /**
   * The address's live flag (`open` / `pending_review`), or an `overridden` one whose override is
   * still in force. Null when there is none (resolved flags and lapsed overrides count as none).
   */
  openFlag: { id: number; state: FlagState; stage: Stage } | null;
  unverifyReason: UnverifyReason | null;
}

export interface DomainState {
  /** Registrable domain, punycode. */
  domain: string;
  /** As stored before this check. */
  stage: Stage | null;
  registeredAt: Date | null;
  handle: string | null;
  addresses: AddressState[];
}

export type NotificationKind = 'domain_expiring' | 'address_unverified';

export type PolicyAction =
  | { type: 'unverify'; emailId: number; reason: 'domain_lifecycle'; stage: Stage }
  | { type: 'open_flag'; emailId: number; stage: Stage; state: 'open' }
  | {
      type: 'notify';
      emailId: number;
      kind: NotificationKind;
      stage: Stage;
      dedupeKey: string;
      /** For an expiring domain: the reminder step (30, 7 or 1 days before the stated expiry). */
      reminderDays?: number;
    }
  | { type: 'resolve_flag'; flagId: number; emailId: number; resolution: 'renewed' }
  /** Moves a live flag to a later stage, so it records the worst the domain reached. */
  | { type: 'escalate_flag'; flagId: number; emailId: number; stage: Stage }
  | { type: 'none'; reason: string };
