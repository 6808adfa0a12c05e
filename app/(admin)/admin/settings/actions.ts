'use server';

import { defineAction } from '@/lib/auth/action';
import {
  addDomainListEntry,
  addDomainListSchema,
  removeDomainListEntry,
  removeDomainListSchema,
} from '@/lib/settings/domain-list-entry';
import { policyUpdateSchema, updatePolicySettings } from '@/lib/settings/update-policy';

export const updatePolicyAction = defineAction({
  name: 'settings.update_policy',
  permission: 'settings.manage',
  input: policyUpdateSchema,
  run: ({ ctx, input }) => updatePolicySettings({ ctx, input }),
  revalidate: ['/admin/settings'],
});

export const addDomainListAction = defineAction({
  name: 'domain_list.add',
  permission: 'settings.manage',
  input: addDomainListSchema,
  run: ({ ctx, input }) => addDomainListEntry({ ctx, input }),
  revalidate: ['/admin/settings'],
});

export const removeDomainListAction = defineAction({
  name: 'domain_list.remove',
  permission: 'settings.manage',
  input: removeDomainListSchema,
  run: ({ ctx, input }) => removeDomainListEntry({ ctx, input }),
  revalidate: ['/admin/settings'],
});
