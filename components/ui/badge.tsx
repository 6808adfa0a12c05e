import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps, ComponentType } from 'react';
import { cn } from './cn';

export const badgeVariants = cva(
  'inline-flex items-center gap-1 rounded-md border px-2 py-0.5 text-xs font-medium whitespace-nowrap [&_svg]:size-3.5',
  {
    variants: {
      tone: {
        neutral: 'border-slate-300 bg-slate-50 text-slate-800',
        good: 'border-emerald-300 bg-emerald-50 text-emerald-900',
        warn: 'border-amber-300 bg-amber-50 text-amber-900',
        bad: 'border-red-300 bg-red-50 text-red-900',
        severe: 'border-red-700 bg-red-700 text-white',
        info: 'border-sky-300 bg-sky-50 text-sky-900',
      },
    },
    defaultVariants: { tone: 'neutral' },
  },
);

export function Badge({ className, tone, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>['tone']>;

/** How one value of a vocabulary (a stage, a flag state, a scan state) shows: words, icon, tone. */
export interface BadgeMeta {
  label: string;
  icon: ComponentType<{ 'aria-hidden'?: boolean | 'true' | 'false' }>;
  tone: BadgeTone;
  /** The tooltip: what the value means. */
  explain?: string;
}

export type BadgeVocabulary<K extends string> = Record<K, BadgeMeta>;

/**
 * The one badge for a state: label + icon + tone from the vocabulary's map, so colour is never the
 * only carrier. Each vocabulary keeps its map next to its meaning (components/domains/stage-badge.tsx …).
 */
export function StateBadge<K extends string>({ vocabulary, value }: { vocabulary: BadgeVocabulary<K>; value: K }) {
  const meta = vocabulary[value];
  const Icon = meta.icon;
  return (
    <Badge tone={meta.tone} title={meta.explain}>
      <Icon aria-hidden="true" />
      {meta.label}
    </Badge>
  );
}
