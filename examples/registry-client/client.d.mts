// Types for client.mjs, for registries written in TypeScript.
import type http from 'node:http';

export interface SyncAddress {
  address: string;
  verified: boolean;
  verifiedAt?: string | null;
  primary?: boolean;
}
export interface SyncAccount {
  username: string;
  name?: string;
  addresses: SyncAddress[];
}
export function syncAccounts(baseUrl: string, token: string, accounts: SyncAccount[]): Promise<Record<string, number>>;
export function mayReceiveReset(
  baseUrl: string,
  token: string,
  address: string,
): Promise<{ eligible: boolean; reason: string; answer?: Record<string, unknown> }>;
export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  toleranceSeconds?: number,
): boolean;
export function startWebhookReceiver(options: {
  port: number;
  host?: string;
  secret: string;
  // biome-ignore lint/suspicious/noExplicitAny: events are JSON of any documented shape.
  onEvent: (event: any) => void | Promise<void>;
}): Promise<http.Server>;
