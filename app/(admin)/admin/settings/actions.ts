'use server';

import type { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import type { PolicySettingsInput } from '@/lib/policy/settings';
import type { addDomainListSchema, removeDomainListSchema } from '@/lib/settings/domain-list-entry';
import { addDomainListDef, removeDomainListDef, updatePolicyDef } from './action-defs';

const updatePolicy = defineAction(updatePolicyDef);
const addDomain = defineAction(addDomainListDef);
const removeDomain = defineAction(removeDomainListDef);

export async function updatePolicyAction(input: PolicySettingsInput) {
  return updatePolicy(input);
}

export async function addDomainListAction(input: z.input<typeof addDomainListSchema>) {
  return addDomain(input);
}

export async function removeDomainListAction(input: z.input<typeof removeDomainListSchema>) {
  return removeDomain(input);
}
