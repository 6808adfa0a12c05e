import { classify } from '@/lib/domains/classify';
import type { Classification, ClassifyContext, Evidence } from '@/core/domains';
import { d } from './helpers';

export const NOW = d('2026-01-15T12:00:00Z');
export const ctx = (extra: Partial<ClassifyContext> = {}): ClassifyContext => ({ now: NOW, ...extra });
const DAY = 86_400_000;
export const inDays = (days: number) => new Date(NOW.getTime() + days * DAY);

export const decidedOf = (c: Classification) => c.evidence.find((e) => e.kind === 'decided');
export const noteCodes = (c: Classification) => c.evidence.filter((e) => e.kind === 'note').map((e) => e.code);
export const stageOf = (evidence: Evidence, extra: Partial<ClassifyContext> = {}) =>
  classify(evidence, ctx(extra)).stage;
