import { MailWarning } from 'lucide-react';
import type { PhishingWarning } from '@/lib/lookalikes/phishing-warning';

/**
 * Shown to every maintainer while staff have look-alikes of the registry marked malicious: our one
 * sender, and the look-alike domains whose mail is not ours.
 */
export function PhishingNotice({ warning }: { warning: PhishingWarning }) {
  return (
    <aside
      aria-label="Look-alike domains"
      className="mb-6 flex items-start gap-2 rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm text-sky-950"
    >
      <MailWarning aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div>
        <p className="font-semibold">We only ever send mail from {warning.sender}</p>
        <p className="mt-1">
          Domains made to look like ours are in use: <span className="font-mono">{warning.domains.join(', ')}</span>.
          Mail from them is not ours. Do not sign in from their links; open this site by typing its address.
        </p>
      </div>
    </aside>
  );
}
