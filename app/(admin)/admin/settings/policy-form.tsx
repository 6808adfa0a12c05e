'use client';

import { useState } from 'react';
import { useAction } from '@/components/actions/use-action';
import { STAGE_META } from '@/components/domains/stage-badge';
import { Button } from '@/components/ui/button';
import { Input, Label } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { Notice } from '@/components/ui/notice';
import { POLICY_ACTIONS, type PolicySettings } from '@/lib/policy/settings';
import { updatePolicyAction } from './actions';

const EDITABLE = ['expiring', 'grace', 'redemption', 'pending_delete', 'available', 're_registered'] as const;
const ACTION_LABEL = { none: 'Do nothing', warn: 'Warn the user', unverify: 'Unverify the address' } as const;
const NUMBERS: {
  path: [keyof PolicySettings, string] | ['warningWindowDays'];
  label: string;
  hint: string;
  step?: string;
}[] = [
  {
    path: ['warningWindowDays'],
    label: 'Warning window (days before expiry)',
    hint: 'A domain expiring within this many days is "expiring".',
  },
  {
    path: ['blastRadius', 'maxUnverify'],
    label: 'Most addresses one scan may unverify',
    hint: 'Above this, every unverify of the scan waits for review.',
  },
  {
    path: ['blastRadius', 'maxShare'],
    label: 'Most share of the addresses seen (0 to 1)',
    hint: 'Same, as a share: 0.2 = 20 %.',
    step: '0.01',
  },
  {
    path: ['recheck', 'farDays'],
    label: 'Recheck registered domains every (days)',
    hint: 'Far from expiry.',
    step: '0.5',
  },
  {
    path: ['recheck', 'nearExpiryDays'],
    label: 'Recheck domains near expiry every (days)',
    hint: 'Inside the warning window.',
    step: '0.5',
  },
  {
    path: ['recheck', 'lapsingDays'],
    label: 'Recheck lapsing domains every (days)',
    hint: 'Grace, redemption, pending delete, available, re-registered.',
    step: '0.5',
  },
  {
    path: ['recheck', 'errorBackoffBaseMinutes'],
    label: 'First retry after a failed check (minutes)',
    hint: 'Doubles with each failure…',
  },
  { path: ['recheck', 'errorBackoffMaxMinutes'], label: 'Longest retry delay (minutes)', hint: '…up to this.' },
];

type Values = PolicySettings;

const get = (v: Values, path: string[]) =>
  path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], v) as number;
const set = (v: Values, path: string[], value: number): Values => {
  const copy = structuredClone(v) as unknown as Record<string, Record<string, unknown>>;
  if (path.length === 1) (copy as Record<string, unknown>)[path[0]!] = value;
  else copy[path[0]!]![path[1]!] = value;
  return copy as unknown as Values;
};

/** The engine's policy, validated on the server (the same schema the scanner reads) and audited with before/after. */
export function PolicyForm({ initial }: { initial: PolicySettings }) {
  const [values, setValues] = useState<Values>(initial);
  const save = useAction(updatePolicyAction, {
    refresh: true,
    success: (r) => (r.changed.length ? `Saved. Changed: ${r.changed.join(', ')}.` : 'Nothing changed.'),
  });
  return (
    <form
      className="flex flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(values);
      }}
    >
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-semibold">What happens at each stage</legend>
        <p className="text-sm text-muted-foreground">
          Active and unknown always do nothing: an outage of the sources must never unverify anyone.
        </p>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {EDITABLE.map((stage) => (
            <div key={stage} className="flex flex-col gap-1">
              <Label htmlFor={`policy-${stage}`}>{STAGE_META[stage].label}</Label>
              <NativeSelect
                id={`policy-${stage}`}
                value={values.stageActions[stage]}
                aria-invalid={Boolean(save.fields[`stageActions.${stage}`])}
                onChange={(e) =>
                  setValues((v) => ({
                    ...v,
                    stageActions: { ...v.stageActions, [stage]: e.target.value as (typeof POLICY_ACTIONS)[number] },
                  }))
                }
              >
                {POLICY_ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {ACTION_LABEL[a]}
                  </option>
                ))}
              </NativeSelect>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset className="grid gap-3 md:grid-cols-2">
        <legend className="mb-2 font-semibold">Warning window, blast radius and rechecks</legend>
        {NUMBERS.map(({ path, label, hint, step }) => {
          const key = path.join('.');
          const id = `policy-${key.replace('.', '-')}`;
          const error = save.fields[key];
          return (
            <div key={key} className="flex flex-col gap-1">
              <Label htmlFor={id}>{label}</Label>
              <Input
                id={id}
                type="number"
                step={step ?? '1'}
                value={Number.isNaN(get(values, path)) ? '' : get(values, path)}
                onChange={(e) => setValues((v) => set(v, path, e.target.valueAsNumber))}
                aria-invalid={Boolean(error)}
                aria-describedby={`${id}-hint`}
              />
              <p id={`${id}-hint`} className={error ? 'text-xs text-red-800' : 'text-xs text-muted-foreground'}>
                {error ? `Not saved: ${error}` : hint}
              </p>
            </div>
          );
        })}
      </fieldset>
      {save.message ? <Notice tone={save.message.tone}>{save.message.text}</Notice> : null}
      <div>
        <Button type="submit" disabled={save.pending}>
          {save.pending ? 'Saving…' : 'Save policy'}
        </Button>
      </div>
    </form>
  );
}
