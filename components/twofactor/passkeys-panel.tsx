'use client';

import { browserSupportsWebAuthn, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type {
  passkeyRegistrationOptionsAction,
  registerPasskeyAction,
  removePasskeyAction,
  replaceRecoveryCodesAction,
} from '@/app/(account)/account/two-factor/actions';
import type { PasskeySummary } from '@/lib/passkeys/queries';
import { ActionMessageLine } from '../actions/action-message';
import { useAction } from '../actions/use-action';
import { useStepUp } from '../actions/step-up';
import { formatDateTime } from '../data-table/format';
import { Badge } from '../ui/badge';
import { Button } from '../ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '../ui/card';
import { Input, Label } from '../ui/input';
import { RecoveryCodesPanel } from './recovery-codes-panel';

export interface PasskeyActions {
  options: typeof passkeyRegistrationOptionsAction;
  register: typeof registerPasskeyAction;
  remove: typeof removePasskeyAction;
  recoveryCodes: typeof replaceRecoveryCodesAction;
}

/** Why the browser's passkey prompt ended without a passkey, in plain words. */
function browserRefusal(error: unknown): string {
  if (error instanceof WebAuthnError && error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
    return 'That passkey is already on your account.';
  if ((error as Error).name === 'NotAllowedError')
    return 'The passkey prompt was closed or timed out, so nothing was added. Try again when you are ready.';
  return 'Your browser could not create a passkey here. Nothing was added.';
}

/**
 * The account's passkeys: add one (name it, then the browser's prompt), see each with its last
 * use, remove one. Adding and removing ask for a fresh proof of identity first (step-up).
 */
export function PasskeysPanel({
  passkeys,
  recoveryCodesLeft,
  actions,
}: {
  passkeys: PasskeySummary[];
  recoveryCodesLeft: number;
  actions: PasskeyActions;
}) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [supported, setSupported] = useState(true);
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<{ name: string; recoveryCodes: string[] | null } | null>(null);
  const removing = useAction(actions.remove, { refresh: true, success: (d) => `Removed the passkey “${d.name}”.` });
  const [codes, setCodes] = useState<string[] | null>(null);
  const replacing = useAction(actions.recoveryCodes, { onSuccess: (d) => setCodes(d.recoveryCodes) });
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function add(name: string) {
    setAdding(true);
    setError(null);
    setAdded(null);
    try {
      const options = await withStepUp(
        actions.options as (input: unknown) => ReturnType<PasskeyActions['options']>,
        {},
      );
      if (!options.ok) return setError(options.message);
      let response: unknown;
      try {
        response = await startRegistration({ optionsJSON: options.data.options });
      } catch (refusal) {
        return setError(browserRefusal(refusal));
      }
      const saved = await withStepUp(actions.register as (input: unknown) => ReturnType<PasskeyActions['register']>, {
        name,
        response,
      });
      if (!saved.ok) return setError(saved.message);
      setAdded({ name: saved.data.name, recoveryCodes: saved.data.recoveryCodes });
      router.refresh();
    } catch {
      setError('The server could not be reached. Nothing was added; try again.');
    } finally {
      setAdding(false);
    }
  }

  if (codes)
    return (
      <Card className="p-4">
        <RecoveryCodesPanel codes={codes} />
      </Card>
    );
  if (added?.recoveryCodes)
    return (
      <Card className="p-4">
        <p role="status" className="mb-3 text-sm">
          Your passkey “{added.name}” is ready: the next sign-in can use it instead of your password.
        </p>
        <RecoveryCodesPanel codes={added.recoveryCodes} />
      </Card>
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <KeyRound aria-hidden="true" className="size-4" /> Passkeys <Badge tone="good">recommended</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4 text-sm">
        <p>
          A passkey lives on your phone, computer or security key and signs you in with your fingerprint, face or PIN.
          It only works on this site, so a look-alike phishing page cannot use it, and whoever takes over one of your
          email domains cannot either.
        </p>
        {passkeys.length > 0 ? (
          <>
            <p>
              Your passkey is your strongest way back into your account: a password-reset link never removes it, and
              with it nobody who only reads your mail can sign in.
            </p>
            <ul
              className="flex flex-col divide-y divide-border rounded-md border border-border"
              aria-label="Your passkeys"
            >
              {passkeys.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <div>
                    <p className="font-medium">
                      {p.name} {p.synced ? <Badge>synced</Badge> : <Badge>this device only</Badge>}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      Added {formatDateTime(p.createdAt)} ·{' '}
                      {p.lastUsedAt ? `last used ${formatDateTime(p.lastUsedAt)}` : 'not used yet'}
                    </p>
                  </div>
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={removing.pending}
                    aria-label={`Remove the passkey ${p.name}`}
                    onClick={() => removing.run({ id: p.id })}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {passkeys.length > 0 ? (
          <div className="flex flex-wrap items-center gap-2">
            <span>
              {recoveryCodesLeft} recovery code{recoveryCodesLeft === 1 ? '' : 's'} left, for the day a passkey is lost.
            </span>
            <Button variant="outline" size="sm" disabled={replacing.pending} onClick={() => replacing.run({})}>
              New recovery codes
            </Button>
          </div>
        ) : null}
        <ActionMessageLine message={removing.message} />
        {replacing.message?.tone === 'error' ? <ActionMessageLine message={replacing.message} /> : null}
        {added ? (
          <p role="status" className="text-green-800">
            Your passkey “{added.name}” is ready.
          </p>
        ) : null}
        {supported ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void add(String(new FormData(event.currentTarget).get('name') ?? ''));
            }}
          >
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="passkey-name">Name for the new passkey</Label>
              <Input id="passkey-name" name="name" required maxLength={60} placeholder="e.g. Work laptop" />
            </div>
            <Button type="submit" disabled={adding}>
              {adding ? 'Waiting for your device…' : passkeys.length > 0 ? 'Add another passkey' : 'Add a passkey'}
            </Button>
          </form>
        ) : (
          <p>This browser cannot create passkeys. Use a current browser, or set up an authenticator app below.</p>
        )}
        {error ? (
          <p role="alert" className="text-red-800">
            {error}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
