import path from 'node:path';
import { expect } from '@playwright/test';
import { readMailDir } from '@/dev/peers/mail-dir';
import { type ParsedMail, parseRawMail } from '@/dev/peers/raw-mail';
import { E2E_DATA_DIR } from '../../playwright.config';

// The SMTP sink's mailbox: every mail `npm start` really delivered over SMTP, as .eml files.

export interface DeliveredMail extends ParsedMail {
  file: string;
  envelopeTo: string[];
}

const MAIL_DIR = path.join(E2E_DATA_DIR, 'mail');

export function delivered(): DeliveredMail[] {
  return readMailDir(MAIL_DIR).map((m) => ({ ...parseRawMail(m.raw), file: m.file, envelopeTo: m.to }));
}

/** Waits until the outbox worker has delivered a mail matching `match` (mail goes out asynchronously). */
export async function waitForMail(match: (m: DeliveredMail) => boolean, timeoutMs = 30_000): Promise<DeliveredMail> {
  let found: DeliveredMail | undefined;
  await expect
    .poll(
      () => {
        found = delivered().find(match);
        return Boolean(found);
      },
      { timeout: timeoutMs, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found as DeliveredMail;
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: DeliveredMail, prefix: string): string {
  const link = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!link) throw new Error(`no ${prefix} link in "${mail.subject}"`);
  return link;
}
