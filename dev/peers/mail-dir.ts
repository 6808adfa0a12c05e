import fs from 'node:fs';
import path from 'node:path';
import type { ReceivedMail } from './smtp-sink';

// The demo mailbox on disk: `npm start`'s SMTP sink writes every received mail as an .eml file
// (openable in any mail client) and the e2e suite reads them back to see what really arrived.

let sequence = 0;

export function fileMailStore(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  return (mail: ReceivedMail) => {
    sequence += 1;
    const name = `${mail.receivedAt.toISOString().replace(/[:.]/g, '-')}-${process.pid}-${sequence}.eml`;
    const envelope = `X-Envelope-From: ${mail.from ?? ''}\r\nX-Envelope-To: ${mail.to.join(', ')}\r\n`;
    fs.writeFileSync(path.join(dir, name), envelope + mail.raw);
  };
}

/** Every mail in the directory, oldest first, with its envelope recipients. */
export function readMailDir(dir: string): { file: string; to: string[]; raw: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = fs.readFileSync(path.join(dir, file), 'utf8');
      const to =
        /^X-Envelope-To: (.*)$/m
          .exec(raw)?.[1]
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean) ?? [];
      return { file, to, raw };
    });
}
