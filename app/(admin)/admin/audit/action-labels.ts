import { type AuditAction, isAuditAction } from '@/lib/audit/actions';

// Every audit action the product writes (lib/audit/actions.ts), in words. A Record over the union: an
// action added to the list does not compile until it has a name here.
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'api.sync': 'Synced accounts from the registry',
  'api_token.create': 'Created an integration API token',
  'api_token.revoke': 'Revoked an integration API token',
  'auth.login': 'Signed in',
  'webhook.create': 'Registered a webhook endpoint',
  'webhook.remove': 'Removed a webhook endpoint',
  'webhook.replay': 'Replayed a failed webhook delivery',
  'auth.login_failed': 'Failed sign-in (wrong password or code, or a stale second step)',
  'auth.login_throttled': 'Sign-in refused: too many attempts',
  'auth.step_up': 'Confirmed their identity (step-up)',
  'keys.retire': 'Retired a sealing key',
  'keys.rotate': 'Rotated the sealing key',
  'demo.seed': 'Seeded the demo data',
  'domain_list.add': 'Added a domain to a list',
  'domain_list.remove': 'Removed a domain from a list',
  'email.add': 'Added an address',
  'email.remove': 'Removed an address',
  'email.restore': 'Restored an address as verified',
  'email.set_primary': 'Made an address primary',
  'email.set_recovery': 'Changed recovery use of an address',
  'email.unverify': 'Unverified an address',
  'email.verification_sent': 'Sent a verification link',
  'email.verify': 'Verified an address',
  'flag.open': 'Opened a flag',
  'flag.hold_for_review': 'Held a flag for review (blast-radius guard)',
  'flag.review_confirm': 'Confirmed a held flag',
  'flag.review_reject': 'Rejected a held flag',
  'flag.escalate': 'Escalated a flag to a later stage',
  'flag.notify': 'Notified the user of a flag',
  'flag.override': 'Overrode a flag',
  'flag.override_expired': 'An override expired',
  'flag.resolve': 'Resolved a flag',
  'notification.read': 'Read a notice',
  'scan.cancel': 'Cancelled a scan',
  'scan.fail': 'A scan failed',
  'scan.finish': 'A scan finished',
  'scan.guard_tripped': 'Blast-radius guard tripped',
  'scan.request': 'Requested a scan',
  'settings.update': 'Changed the policy settings',
  'user.create': 'Created a user',
  'user.password_reset': 'Reset a password',
  'user.recovery_codes_regenerate': 'Regenerated recovery codes',
  'user.set_role': 'Changed a role',
  'user.totp_disable': 'Turned off two-factor authentication',
  'user.totp_enable': 'Turned on two-factor authentication',
  'user.totp_enrol_start': 'Started two-factor enrolment',
};

/** The words for a stored action; an older code no longer written shows as itself. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}
