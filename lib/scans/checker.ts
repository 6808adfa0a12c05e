import { createDomainChecker, type DomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { readEnv } from '@/lib/env';

const globalForChecker = globalThis as unknown as { gkChecker?: DomainChecker };

/** One checker per process: its bootstrap cache and per-host limits are shared by every check. */
export function processChecker(): DomainChecker {
  globalForChecker.gkChecker ??= createDomainChecker(sourcesConfigFromEnv(readEnv()));
  return globalForChecker.gkChecker;
}
