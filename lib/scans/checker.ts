import type { Db } from '@/db/connect';
import { ProviderBudget } from '@/lib/budget/provider-budget';
import { createDomainChecker, type DomainChecker, sourcesConfigFromEnv } from '@/lib/domains/check';
import { readEnv } from '@/lib/env';

const globalForChecker = globalThis as unknown as { gkChecker?: DomainChecker };

/**
 * One checker per process: its bootstrap cache and per-host limits are shared by every check. Given
 * the database, each provider host's rate is one budget for every process using that database
 * (lib/budget/provider-budget.ts), so more workers do not multiply it.
 */
export function processChecker(db?: Db): DomainChecker {
  globalForChecker.gkChecker ??= createDomainChecker(
    sourcesConfigFromEnv(readEnv(), db ? { http: { budget: new ProviderBudget(db) } } : {}),
  );
  return globalForChecker.gkChecker;
}
