'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { confirmVerificationAction } from '@/app/(account)/account/actions';
import { useAction } from '../actions/use-action';
import { Button } from '../ui/button';

type Verified = { address: string; alreadyVerified: boolean };

export function VerifyAddressForm({ action, token }: { action: typeof confirmVerificationAction; token: string }) {
  const [verified, setVerified] = useState<Verified | null>(null);
  const { run, pending, message } = useAction(action, { onSuccess: setVerified });
  if (verified) {
    return (
      <p role="status" className="text-sm">
        {verified.alreadyVerified ? `${verified.address} was already verified.` : `${verified.address} is verified.`}{' '}
        <Link className="font-medium underline" href="/account">
          Back to your account
        </Link>
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>Confirm that this address is yours. If its domain lapsed before, we check it again with the registry first.</p>
      {message?.tone === 'error' ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {message.text}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => void run({ token })}>
          {pending ? 'Checking…' : 'Confirm this address'}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/account">Cancel</Link>
        </Button>
      </div>
    </div>
  );
}
