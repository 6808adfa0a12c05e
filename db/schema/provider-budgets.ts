import { doublePrecision, pgTable, text } from 'drizzle-orm/pg-core';

// One request budget per provider host for the whole deployment: every worker leases its send slots
// here (lib/budget/provider-budget.ts), so N workers together keep one provider's limit, not N×.
// Times are milliseconds on the database's clock, so workers on machines with skewed clocks agree.
export const providerBudgets = pgTable('provider_budgets', {
  host: text('host').primaryKey(),
  /** The configured ceiling (requests/s); the budget never grants faster than this. */
  ceiling: doublePrecision('ceiling').notNull(),
  /** The rate granted now: cut on a 429, grown back towards the ceiling as time passes. */
  rate: doublePrecision('rate').notNull(),
  /** When the rate was last adjusted (db clock, epoch ms). */
  rateAtMs: doublePrecision('rate_at_ms').notNull(),
  /** The next free send slot (db clock, epoch ms); a lease moves it forward. */
  nextSlotMs: doublePrecision('next_slot_ms').notNull(),
  /** No slot before this (db clock, epoch ms): a provider's Retry-After holds every worker. */
  pausedUntilMs: doublePrecision('paused_until_ms').notNull(),
});
