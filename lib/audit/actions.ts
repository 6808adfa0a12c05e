// Every audit action the product writes, declared once. `recordAudit` accepts only these, and the
// audit page's label map is a Record over them, so a new action cannot be written without a name.

export const AUDIT_ACTIONS = [
  'api.sync',
  'api_token.create',
  'api_token.revoke',
  'auth.login',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.step_up',
  'demo.seed',
  'domain_list.add',
  'domain_list.remove',
  'email.add',
  'email.remove',
  'email.restore',
  'email.set_primary',
  'email.set_recovery',
  'email.unverify',
  'email.verification_sent',
  'email.verify',
  'flag.escalate',
  'flag.hold_for_review',
  'flag.notify',
  'flag.open',
  'flag.override',
  'flag.override_expired',
  'flag.resolve',
  'flag.review_confirm',
  'flag.review_reject',
  'keys.retire',
  'keys.rotate',
  'notification.read',
  'scan.cancel',
  'scan.fail',
  'scan.finish',
  'scan.guard_tripped',
  'scan.request',
  'settings.update',
  'user.create',
  'user.password_reset',
  'user.recovery_codes_regenerate',
  'user.set_role',
  'user.totp_disable',
  'user.totp_enable',
  'user.totp_enrol_start',
  'webhook.create',
  'webhook.remove',
  'webhook.replay',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
