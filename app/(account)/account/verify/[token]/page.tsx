import { MailCheck } from 'lucide-react';
import type { Metadata } from 'next';
import { VerifyAddressForm } from '@/components/account/verify-address-form';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { requirePermission } from '@/lib/auth/session';
import { confirmVerificationAction } from '../../actions';

export const metadata: Metadata = { title: 'Confirm your address', referrer: 'no-referrer', robots: { index: false } };

/**
 * The verification link. Opening it changes nothing (mail scanners open links); the button posts
 * the token, and the action checks the signed-in user owns the address.
 */
export default async function VerifyAddressPage({ params }: { params: Promise<{ token: string }> }) {
  await requirePermission('account.manage');
  const { token } = await params;
  return (
    <Card className="mx-auto max-w-lg">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <MailCheck aria-hidden="true" className="size-5" /> Confirm your address
        </CardTitle>
      </CardHeader>
      <CardContent>
        <VerifyAddressForm action={confirmVerificationAction} token={token} />
      </CardContent>
    </Card>
  );
}
