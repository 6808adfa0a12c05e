import { afterAll, beforeAll } from 'vitest';
import { parseRawMail } from '@/dev/peers/raw-mail';
import { createMailTransport, type MailTransport } from '@/lib/notify/send';
import { type ReceivedMail, startSmtpSink, type SmtpSink } from '@/dev/peers/smtp-sink';

export interface SinkHarness {
  sink: SmtpSink;
  transport: MailTransport & { close(): void };
  received: ReceivedMail[];
  /** Recipients whose RCPT TO the server refuses (550) while listed. */
  refuse: Set<string>;
  parsed(): ReturnType<typeof parseRawMail>[];
}

/** A real SMTP server on 127.0.0.1 for this test file, and a nodemailer transport to it. */
export function setupSmtpSink(): SinkHarness {
  const h = { received: [] as ReceivedMail[], refuse: new Set<string>() } as SinkHarness;
  h.parsed = () => h.received.map((m) => parseRawMail(m.raw));
  beforeAll(async () => {
    h.sink = await startSmtpSink({
      port: 0,
      store: (m) => void h.received.push(m),
      refuse: (rcpt) => h.refuse.has(rcpt),
    });
    h.transport = createMailTransport(h.sink.url);
  });
  afterAll(async () => {
    h.transport?.close();
    await h.sink?.close();
  });
  return h;
}
