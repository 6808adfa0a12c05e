import { pgEnum } from 'drizzle-orm/pg-core';
import { STAGES } from '@/core/domains';

// Enum values are declared once here and reused by zod schemas and URL parsers.
export const ROLES = ['user', 'staff', 'admin'] as const;
export const UNVERIFY_REASONS = ['domain_lifecycle', 'user', 'staff', 'bounce'] as const;
// 'rdap_registrar': the sponsoring registrar's RDAP record, reached through the registry's related link.
export const OBSERVATION_SOURCES = ['rdap', 'domainr', 'fastly', 'dns', 'rdap_registrar'] as const;
// lookalikes: the first check of a watched name's look-alike candidates (target: the watched name).
export const SCAN_KINDS = ['scheduled', 'full', 'domain', 'email', 'user', 'lookalikes'] as const;
export const SCAN_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const FLAG_STATES = ['open', 'pending_review', 'overridden', 'resolved'] as const;
export const OVERRIDE_DECISIONS = ['keep_unverified', 'restore_verified'] as const;
export const NOTIFICATION_CHANNELS = ['email', 'in_app'] as const;
export const NOTIFICATION_STATES = ['queued', 'sent', 'failed'] as const;
export const NOTIFICATION_KINDS = [
  'domain_expiring',
  'address_unverified',
  'staff_notice',
  'verify_address',
  'password_reset',
  // "A recovery address was added…", "your password was changed": sent to the account's other good addresses.
  'account_change',
  // To staff: a look-alike of a watched name was registered, or can now send mail or host a page.
  'lookalike_alert',
] as const;
export const DOMAIN_LISTS = ['trusted', 'blocked'] as const;
/** What an integration API token may do (app/api/v1): sync accounts, ask recovery eligibility, read. */
export const API_SCOPES = ['sync', 'eligibility', 'read'] as const;
/** What a webhook endpoint can hear of (the triggers of migration 0016 write them). */
export const WEBHOOK_EVENTS = [
  'address.unverified',
  'address.flagged',
  'flag.resolved',
  'domain.stage_changed',
  'lookalike.registered',
  'lookalike.dns_appeared',
] as const;
export const TOKEN_PURPOSES = ['verify_email', 'reset_password'] as const;

export const roleEnum = pgEnum('role', ROLES);
export const stageEnum = pgEnum('domain_stage', STAGES);
export const unverifyReasonEnum = pgEnum('unverify_reason', UNVERIFY_REASONS);
export const observationSourceEnum = pgEnum('observation_source', OBSERVATION_SOURCES);
export const scanKindEnum = pgEnum('scan_kind', SCAN_KINDS);
export const scanStateEnum = pgEnum('scan_state', SCAN_STATES);
export const flagStateEnum = pgEnum('flag_state', FLAG_STATES);
export const overrideDecisionEnum = pgEnum('override_decision', OVERRIDE_DECISIONS);
export const notificationChannelEnum = pgEnum('notification_channel', NOTIFICATION_CHANNELS);
export const notificationStateEnum = pgEnum('notification_state', NOTIFICATION_STATES);
export const notificationKindEnum = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const domainListEnum = pgEnum('domain_list', DOMAIN_LISTS);
export const tokenPurposeEnum = pgEnum('token_purpose', TOKEN_PURPOSES);

export type Role = (typeof ROLES)[number];
export type FlagState = (typeof FLAG_STATES)[number];
export type ScanKind = (typeof SCAN_KINDS)[number];
export type ScanState = (typeof SCAN_STATES)[number];
