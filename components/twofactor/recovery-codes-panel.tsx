import Link from 'next/link';
import { Button } from '../ui/button';

/** The recovery codes, shown this once (only their hashes are kept). */
export function RecoveryCodesPanel({ codes }: { codes: string[] }) {
  return (
    <div className="flex flex-col gap-3" role="status">
      <p className="text-sm font-medium">
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your phone. We will not show
        them again.
      </p>
      <ol
        className="grid max-w-md grid-cols-2 gap-2 rounded-md border border-border bg-slate-50 p-3 font-mono text-sm"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <Button asChild className="self-start">
        <Link href="/account">I saved them — back to my account</Link>
      </Button>
    </div>
  );
}
