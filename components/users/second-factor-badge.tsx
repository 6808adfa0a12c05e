import { Badge } from '../ui/badge';

// What protects an account beyond its password, as staff read it at a glance: a passkey (which a
// phishing page cannot use), an authenticator app only (a code can be phished), or nothing (a reset
// link from a lapsed domain takes the account).

export const SECOND_FACTOR_OPTIONS = [
  ['none', 'No second factor'],
  ['app', 'Authenticator app only'],
  ['passkey', 'Passkey (phishing-resistant)'],
] as const;

export function SecondFactorBadge({ totpEnabled, passkeys }: { totpEnabled: boolean; passkeys: number }) {
  if (passkeys > 0)
    return (
      <Badge tone="good" title="Has a passkey: phishing-resistant">
        passkey
      </Badge>
    );
  if (totpEnabled) return <Badge title="Authenticator app only: a code can be phished">app</Badge>;
  return (
    <Badge tone="warn" title="No second factor: a reset link alone takes this account">
      no 2FA
    </Badge>
  );
}
