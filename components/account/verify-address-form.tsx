'use client';

import Link from 'next/link';
import { useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/errors';
import { Button } from '../ui/button';
import { useStepUp } from './step-up';

type VerifyResult = ActionResult<{ address: string; alreadyVerified: boolean }>;

export function VerifyAddressForm({
  action,
  token,
}: {
  action: (input: unknown) => Promise<VerifyResult>;
  token: string;
}) {
  const [pending, start] = useTransition();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const run = useStepUp();
  if (result?.ok) {
    return (
      <p role="status" className="text-sm">
        {result.data.alreadyVerified
          ? `${result.data.address} was already verified.`
          : `${result.data.address} is verified.`}{' '}
        <Link className="font-medium underline" href="/account">
          Back to your account
        </Link>
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p>Confirm that this address is yours. If its domain lapsed before, we check it again with the registry first.</p>
      {result && !result.ok ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
          {result.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => start(async () => setResult(await run(action, { token })))}>
          {pending ? 'Checking…' : 'Confirm this address'}
        </Button>
        <Button asChild variant="ghost">
          <Link href="/account">Cancel</Link>
        </Button>
      </div>
    </div>
  );
}
