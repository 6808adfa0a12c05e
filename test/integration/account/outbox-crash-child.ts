import { createDb } from '@/db/connect';
import { runOutboxOnce } from '@/lib/notify/outbox-worker';
import { createMailTransport } from '@/lib/notify/send';

// Run by outbox-crash.test.ts in its own process: sends the outbox and dies (SIGKILL, no cleanup)
// right after the SMTP server accepted a mail and before the row is marked sent.
const { db } = createDb(process.env.DATABASE_URL!, { max: 1 });
const transport = createMailTransport(process.env.SMTP_URL!);
await runOutboxOnce(db, transport, new Date(), {
  from: 'Gravekeeper <no-reply@gk.test>',
  appUrl: 'https://registry.example',
  afterSend: () => {
    process.kill(process.pid, 'SIGKILL');
    return new Promise<void>(() => {});
  },
});
process.stderr.write('the child was expected to die before this line\n');
process.exit(3);
