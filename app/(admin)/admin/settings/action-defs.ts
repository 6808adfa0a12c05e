import type { ActionDefinition } from '@/lib/auth/action';
import type { PolicySettings } from '@/lib/policy/settings';
import {
  addDomainListEntry,
  addDomainListSchema,
  removeDomainListEntry,
  removeDomainListSchema,
} from '@/lib/settings/domain-list-entry';
import { policyUpdateSchema, updatePolicySettings } from '@/lib/settings/update-policy';

type ListResult = { domain: string; list: 'trusted' | 'blocked' };

export const updatePolicyDef: ActionDefinition<
  typeof policyUpdateSchema,
  { settings: PolicySettings; changed: string[] }
> = {
  permission: 'settings.manage',
  input: policyUpdateSchema,
  run: ({ tx, actor }, input) => updatePolicySettings(tx, actor, input),
  revalidate: ['/admin/settings'],
};

export const addDomainListDef: ActionDefinition<typeof addDomainListSchema, ListResult> = {
  permission: 'settings.manage',
  input: addDomainListSchema,
  run: ({ tx, actor }, input) => addDomainListEntry(tx, actor, input),
  revalidate: ['/admin/settings'],
};

export const removeDomainListDef: ActionDefinition<typeof removeDomainListSchema, ListResult> = {
  permission: 'settings.manage',
  input: removeDomainListSchema,
  run: ({ tx, actor }, input) => removeDomainListEntry(tx, actor, input),
  revalidate: ['/admin/settings'],
};
