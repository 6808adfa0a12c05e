import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A local SMTP server that accepts every mail and hands it to `store`: `npm start` uses it so the
// demo's mail goes somewhere you can read, and tests use it to see what really arrived over SMTP.
// Loopback only, no authentication, no TLS: it must never be reachable from another machine.

export interface ReceivedMail {
  /** Envelope sender and recipients, as the client gave them in MAIL FROM / RCPT TO. */
  from: string | null;
  to: string[];
  /** The whole message as received (headers + body, RFC 5322). */
  raw: string;
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startSmtpSink(options: {
  port?: number;
  host?: string;
  store: (mail: ReceivedMail) => void | Promise<void>;
  /** Refuse RCPT TO for matching addresses (tests use it to make delivery fail). */
  refuse?: (recipient: string) => boolean;
}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 5 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address))
        return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: ReceivedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          receivedAt: new Date(),
        };
        Promise.resolve(options.store(mail)).then(
          () => callback(),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server logs socket errors as 'error' events; without a listener they would crash the process.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
