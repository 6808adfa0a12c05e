import type { Stage } from '@/core/domains';

// Fills for the timeline bands: light enough for dark text on every one (contrast ≥ 7:1 with slate-900).
export const STAGE_FILL: Record<Stage, string> = {
  active: '#a7f3d0',
  expiring: '#bae6fd',
  grace: '#fde68a',
  redemption: '#fdba74',
  pending_delete: '#fca5a5',
  available: '#f9a8d4',
  re_registered: '#d8b4fe',
  unknown: '#e2e8f0',
};
