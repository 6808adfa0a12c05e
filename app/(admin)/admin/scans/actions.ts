'use server';

import type { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import {
  cancelScanDef,
  fullScanDef,
  rescanDomainDef,
  rescanUserDef,
  type rescanDomainSchema,
  type rescanUserSchema,
} from './action-defs';

const rescanDomain = defineAction(rescanDomainDef);
const rescanUser = defineAction(rescanUserDef);
const fullScan = defineAction(fullScanDef);
const cancel = defineAction(cancelScanDef);

export async function rescanDomainAction(input: z.input<typeof rescanDomainSchema>) {
  return rescanDomain(input);
}

export async function rescanUserAction(input: z.input<typeof rescanUserSchema>) {
  return rescanUser(input);
}

export async function startFullScanAction() {
  return fullScan({});
}

export async function cancelScanAction(input: { scanId: number }) {
  return cancel(input);
}
