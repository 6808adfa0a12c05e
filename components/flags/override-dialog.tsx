'use client';

import { Lock, TriangleAlert, Undo2 } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../ui/button';
import { FormAlert, FormDialog } from '../ui/form-dialog';
import { Input, Label } from '../ui/input';
import { Textarea } from '../ui/textarea';

export interface OverrideValues {
  decision: 'keep_unverified' | 'restore_verified';
  reason: string;
  expiresAt: string;
  confirmation: string;
}

/**
 * A staff override for the selected flags: a decision, a reason (required), an optional expiry after
 * which the engine decides again. Restoring follows the release rules (lib/auth/release-rules.ts):
 * `restoreRefusal` says why this role may not restore this selection (shown beside the option, and
 * saving it is disabled); an admin restoring on a re-registered domain types the domain's name.
 * The server checks all of it again.
 */
export function OverrideDialog({
  count,
  reregisteredDomains,
  restoreRefusal,
  disabled,
  pending,
  fieldErrors,
  onSubmit,
}: {
  count: number;
  reregisteredDomains: string[];
  restoreRefusal: string | null;
  disabled: boolean;
  pending: boolean;
  fieldErrors: Record<string, string>;
  onSubmit: (values: OverrideValues) => Promise<boolean>;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<OverrideValues>({
    decision: 'keep_unverified',
    reason: '',
    expiresAt: '',
    confirmation: '',
  });
  const set = (patch: Partial<OverrideValues>) => setValues((v) => ({ ...v, ...patch }));
  const restoring = values.decision === 'restore_verified';
  const refused = restoring && restoreRefusal !== null;
  const risky = restoring && !refused && reregisteredDomains.length > 0;
  const blocked = refused || (risky && reregisteredDomains.length > 1);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline" size="sm" disabled={disabled}>
          <Undo2 aria-hidden="true" /> Override…
        </Button>
      }
      title={`Override ${count === 1 ? '1 flag' : `${count} flags`}`}
      description="Your decision replaces the engine’s for these addresses. It is recorded with your name and reason."
      onSubmit={async () => {
        if (await onSubmit(values)) setOpen(false);
      }}
      submit={
        <Button
          type="submit"
          disabled={
            pending || blocked || (risky && values.confirmation.trim().toLowerCase() !== reregisteredDomains[0])
          }
        >
          {pending ? 'Saving…' : 'Save override'}
        </Button>
      }
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Decision</legend>
        {(
          [
            [
              'keep_unverified',
              'Keep unverified',
              'The address stays out of password recovery; the flag is closed as handled.',
            ],
            [
              'restore_verified',
              'Restore as verified',
              'The address may receive password resets again (for example: the owner renewed).',
            ],
          ] as const
        ).map(([value, label, hint]) => (
          <label key={value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="decision"
              value={value}
              checked={values.decision === value}
              onChange={() => set({ decision: value })}
              aria-describedby={value === 'restore_verified' && restoreRefusal ? 'override-restore-refusal' : undefined}
              className="mt-1"
            />
            <span>
              <strong>{label}</strong> — {hint}
              {value === 'restore_verified' && restoreRefusal ? (
                <span className="block text-red-800">Not allowed for this selection: see why below.</span>
              ) : null}
            </span>
          </label>
        ))}
      </fieldset>
      {restoreRefusal ? (
        <FormAlert icon={Lock} id="override-restore-refusal">
          {restoreRefusal}
        </FormAlert>
      ) : null}
      {risky ? (
        <FormAlert icon={TriangleAlert}>
          {reregisteredDomains.join(', ')} {reregisteredDomains.length === 1 ? 'was' : 'were'} registered again since
          verification: someone else may hold {reregisteredDomains.length === 1 ? 'it' : 'them'} and would receive the
          password resets. {reregisteredDomains.length > 1 ? 'Restore one domain at a time.' : 'Say why in the reason.'}
        </FormAlert>
      ) : null}
      <div className="flex flex-col gap-1">
        <Label htmlFor="override-reason">Reason (required)</Label>
        <Textarea
          id="override-reason"
          required
          minLength={5}
          value={values.reason}
          onChange={(e) => set({ reason: e.target.value })}
          aria-invalid={Boolean(fieldErrors.reason)}
          aria-describedby={fieldErrors.reason ? 'override-reason-error' : undefined}
        />
        {fieldErrors.reason ? (
          <p id="override-reason-error" className="text-sm text-red-800">
            {fieldErrors.reason}
          </p>
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        <Label htmlFor="override-expires">Expires on (optional)</Label>
        <Input
          id="override-expires"
          type="date"
          min={tomorrow}
          value={values.expiresAt}
          onChange={(e) => set({ expiresAt: e.target.value })}
          aria-describedby="override-expires-hint"
        />
        <p id="override-expires-hint" className="text-xs text-muted-foreground">
          After this day the flag reopens if the domain’s stage still warrants it. Empty: the override stands until
          someone changes it.
        </p>
      </div>
      {risky && !blocked ? (
        <div className="flex flex-col gap-1">
          <Label htmlFor="override-confirm">Type {reregisteredDomains[0]} to confirm</Label>
          <Input
            id="override-confirm"
            autoComplete="off"
            value={values.confirmation}
            onChange={(e) => set({ confirmation: e.target.value })}
          />
        </div>
      ) : null}
    </FormDialog>
  );
}
