import { describe, expect, it } from 'vitest';
import type { Stage } from '@/core/domains';
import { addAddress } from '@/lib/addresses/add';
import type { CheckDomainNow } from '@/lib/addresses/domain-gate';
import { prepareNewAddress } from '@/lib/addresses/prepare-add';
import { prepareRequestVerification, requestVerification } from '@/lib/addresses/request-verification';
import type { UserActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { setupTestDatabase } from '../../support/test-db';
import { makeAddress, makeUser, snapshot, unique } from './fixtures';

// Attack: "no stranger learns anything". A domain's stage on our side can come from another account's
// history: a re-registration is judged against the verification date of *their* address and stays
// re-registered. A stranger who tries to add (or verify) an address at such a domain must read the
// same words as for any domain that merely lapsed: not the stage, not "after you verified", not that
// a flag or another account exists.

const t = setupTestDatabase();
const appUrl = 'https://registry.example';
const answers =
  (stage: Stage): CheckDomainNow =>
  async () => ({ stage });

async function refusedAdd(user: UserActor, address: string, checkDomain: CheckDomainNow): Promise<AppError> {
  const before = await snapshot(t.db);
  const error = await (async () => {
    const check = await prepareNewAddress({ ctx: { db: t.db, checkDomain }, input: { address } });
    await t.db.transaction((tx) =>
      addAddress({ ctx: { tx, actor: user, now: new Date(), appUrl, check }, input: { address } }),
    );
  })().then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`adding ${address} was not refused with a typed error`);
  // A refusal changes nothing (the live check itself is recorded as a scan, outside these tables).
  expect(await snapshot(t.db)).toBe(before);
  return error;
}

/** The message with the domain's name taken out: what is left is what the stranger learns. */
const shape = (message: string, domain: string) => message.split(domain).join('<domain>');
const LEAKS =
  /registered again|after you verified|re.?registered|redemption|grace|pending|deleted|flag|review|another account|someone else's/i;

/** Someone else's address at `domain`, verified in 2024; the domain was registered again since: flagged. */
async function flaggedElsewhere(domain: string) {
  const owner = await makeUser(t.db);
  await makeAddress(t.db, owner.id, `owner@${domain}`, {
    verified: false,
    unverifyReason: 'domain_lifecycle',
    flag: { state: 'open', stage: 're_registered' },
  });
}

describe('a stranger adding an address at a domain flagged on someone else\u2019s account', () => {
  it('reads the same words as for a fresh domain of their own that merely lapsed', async () => {
    const flagged = `${unique('taken')}.dev`;
    await flaggedElsewhere(flagged);
    const stranger = await makeUser(t.db);
    const fresh = `${unique('lapsing')}.dev`;

    // The live check reports what the domain row says (re-registration is sticky).
    const atFlagged = await refusedAdd(stranger, `new@${flagged}`, answers('re_registered'));
    const atFresh = await refusedAdd(stranger, `new@${fresh}`, answers('redemption'));
    expect(atFlagged.code).toBe(atFresh.code);
    expect(shape(atFlagged.message, flagged)).toBe(shape(atFresh.message, fresh));
    expect(atFlagged.message).not.toMatch(LEAKS);
    expect(atFlagged.fields).toEqual({ address: atFlagged.message });

    // Every lapsing stage a fresh domain can be in reads the same: the words carry no stage at all.
    for (const stage of ['grace', 'pending_delete', 'available'] as const) {
      const other = `${unique(stage.replace('_', '-'))}.dev`;
      expect(shape((await refusedAdd(stranger, `new@${other}`, answers(stage))).message, other)).toBe(
        shape(atFresh.message, fresh),
      );
    }
  });

  it('learns nothing either when the live check looks healthy but our record says re-registered', async () => {
    const flagged = `${unique('sticky')}.dev`;
    await flaggedElsewhere(flagged);
    const stranger = await makeUser(t.db);
    const fresh = `${unique('expired')}.dev`;
    const atFlagged = await refusedAdd(stranger, `me@${flagged}`, answers('active'));
    const atFresh = await refusedAdd(stranger, `me@${fresh}`, answers('grace'));
    expect(shape(atFlagged.message, flagged)).toBe(shape(atFresh.message, fresh));
    expect(atFlagged.message).not.toMatch(LEAKS);
  });
});

describe('a stranger asking for a verification link for an address they never proved', () => {
  it('is refused in the same words, never told "after you verified"', async () => {
    const flagged = `${unique('later-taken')}.dev`;
    const stranger = await makeUser(t.db);
    // Added while the domain looked fine, never confirmed; then another account's flag marked the domain.
    const unproven = await makeAddress(t.db, stranger.id, `late@${flagged}`, {
      verified: false,
      domainStage: 'active',
    });
    await flaggedElsewhere(flagged);
    const input = { emailId: unproven.id };
    const freshCheck = await prepareRequestVerification({
      ctx: { db: t.db, actor: stranger, checkDomain: answers('re_registered') },
      input,
    });
    const before = await snapshot(t.db);
    const error = await t.db
      .transaction((tx) =>
        requestVerification({ ctx: { tx, actor: stranger, now: new Date(), appUrl, freshCheck }, input }),
      )
      .then(
        () => null,
        (e: unknown) => e as AppError,
      );
    expect(error?.code).toBe('conflict');
    expect(error!.message).not.toMatch(LEAKS);
    const fresh = `${unique('gone')}.dev`;
    const atFresh = await refusedAdd(stranger, `x@${fresh}`, answers('available'));
    expect(shape(error!.message, flagged)).toBe(shape(atFresh.message, fresh));
    expect(await snapshot(t.db)).toBe(before);
  });
});
