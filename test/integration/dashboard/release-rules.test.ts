import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emails, flags } from '@/db/schema';
import type { Tx } from '@/db/connect';
import type { Actor } from '@/lib/auth/actor';
import { needsReason, RELEASE_RULES, type ReleaseVerb, type RoleRule, releaseRefusal } from '@/lib/auth/release-rules';
import type { UserActor } from '@/lib/auth/session';
import { STAGES, type Stage } from '@/core/domains';
import { AppError } from '@/lib/errors';
import { overrideFlags } from '@/lib/flags/override';
import { reviewFlags } from '@/lib/flags/review';
import { setupTestDatabase } from '../../support/test-db';
import { makeDomain, makeFlag, makeUser, snapshot } from './fixtures';

// Every cell of "who may release a flag at which stage": stage × {reject a held flag, restore an
// unverified one} × {staff, admin with a reason, admin without}, each through the real verb on a
// fresh domain in that stage. The expected rules are written out here, not read from RELEASE_RULES:
// the table must say this, and the verbs must do what it says.

const t = setupTestDatabase();
const ctxOf = (tx: Tx, actor: Actor) => ({ tx, actor, now: new Date() });

const EXPECTED: Record<Stage, RoleRule> = {
  active: 'staff',
  expiring: 'staff',
  grace: 'staff',
  redemption: 'staff',
  unknown: 'staff',
  pending_delete: 'nobody',
  available: 'nobody',
  re_registered: 'admin_with_reason',
};

type Caller = 'staff' | 'admin' | 'admin without a reason';
type Outcome = { allowed: true } | { allowed: false; code: AppError['code']; message: RegExp };

const REASON = 'Spoke to the owner: the registrar renewed it';
const allowed: Outcome = { allowed: true };
const refused = (code: AppError['code'], message: RegExp): Outcome => ({ allowed: false, code, message });

function expectedOutcome(verb: ReleaseVerb, stage: Stage, caller: Caller): Outcome {
  // Every override needs a reason (the schema says so), whatever the stage.
  if (verb === 'restore' && caller === 'admin without a reason')
    return refused('invalid_input', /reason of at least 5 characters/);
  const rule = EXPECTED[stage];
  if (rule === 'nobody')
    return refused(
      'forbidden',
      stage === 'available' ? /: no longer registered.*Nobody may/ : /: being deleted by the registry.*Nobody may/,
    );
  if (rule === 'admin_with_reason' && caller === 'staff')
    return refused('forbidden', /registered again after the address was verified.*Only an admin may/);
  if (rule === 'admin_with_reason' && caller === 'admin without a reason')
    return refused('invalid_input', /^Give a reason \(at least 5 characters\)/);
  return allowed;
}

const actors = {} as Record<'staff' | 'admin', UserActor>;
beforeAll(async () => {
  actors.staff = await makeUser(t.db, 'staff');
  actors.admin = await makeUser(t.db, 'admin');
});

/** A flag on a fresh domain in `stage`: held (address still verified) to reject, open (unverified) to restore. */
async function flagFor(verb: ReleaseVerb, stage: Stage) {
  const domain = await makeDomain(t.db, stage);
  return makeFlag(t.db, { stage, domain, state: verb === 'reject' ? 'pending_review' : 'open' });
}

function release(
  verb: ReleaseVerb,
  actor: Actor,
  flagIds: number[],
  reason: string | undefined,
  confirmation?: string,
) {
  return t.db.transaction<unknown>((tx) =>
    verb === 'reject'
      ? reviewFlags({ ctx: ctxOf(tx, actor), input: { flagIds, decision: 'reject', reason } })
      : overrideFlags({
          ctx: ctxOf(tx, actor),
          input: { flagIds, decision: 'restore_verified', reason: reason as string, confirmation },
        }),
  );
}

async function expectRefusal(call: Promise<unknown>, code: AppError['code'], message: RegExp, names?: string) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message).toMatch(message);
  // Plain words: nothing internal leaks into what a reviewer reads.
  expect((error as AppError).message).not.toMatch(/undefined|null|\[object|select |insert |violates/i);
  if (names) expect((error as AppError).message).toContain(names);
}

describe('the release table', () => {
  it('says, for every stage, what this file expects, the same for reject and restore', () => {
    for (const stage of STAGES)
      expect(RELEASE_RULES[stage], stage).toEqual({ reject: EXPECTED[stage], restore: EXPECTED[stage] });
  });

  it('gives the dialogs the same answer, before a reason is typed', () => {
    const target = (stage: Stage) => ({ domain: `${stage}.dev`, stage, domainStage: stage });
    for (const stage of STAGES)
      for (const verb of ['reject', 'restore'] as const) {
        const rule = EXPECTED[stage];
        expect(releaseRefusal('staff', verb, [target(stage)])?.code ?? null, `${verb} ${stage} staff`).toBe(
          rule === 'staff' ? null : 'forbidden',
        );
        expect(releaseRefusal('admin', verb, [target(stage)])?.code ?? null, `${verb} ${stage} admin`).toBe(
          rule === 'nobody' ? 'forbidden' : null,
        );
        expect(needsReason(verb, [target(stage)]), `${verb} ${stage} reason`).toBe(rule === 'admin_with_reason');
      }
  });
});

const CALLERS: Caller[] = ['staff', 'admin', 'admin without a reason'];
const cells = STAGES.flatMap((stage) =>
  (['reject', 'restore'] as const).flatMap((verb) =>
    CALLERS.map((caller) => ({ stage, verb, caller, outcome: expectedOutcome(verb, stage, caller) })),
  ),
);

describe.each(cells)('$verb on $stage by $caller', ({ stage, verb, caller, outcome }) => {
  // The attack this table closes: staff rejecting a held flag on a re-registered domain kept the
  // address verified, handing password resets to whoever registered the domain.
  const title = outcome.allowed
    ? 'is allowed: the address is verified, the flag closed, the decision audited'
    : `is refused (${outcome.code}) in plain words and changes nothing`;
  it(title, async () => {
    const f = await flagFor(verb, stage);
    const actor = caller === 'staff' ? actors.staff : actors.admin;
    const reason = caller === 'admin without a reason' ? undefined : REASON;
    // The typed confirmation is given wherever asked: these cells are about role, stage and reason.
    const call = () => release(verb, actor, [f.flag.id], reason, f.domain.name);
    if (!outcome.allowed) {
      const before = await snapshot(t.db);
      // A refusal about this stage names the domain; a missing override reason is the schema's.
      const names = verb === 'restore' && caller === 'admin without a reason' ? undefined : f.domain.name;
      await expectRefusal(call(), outcome.code, outcome.message, names);
      expect(await snapshot(t.db)).toBe(before);
      return;
    }
    await call();
    const [email] = await t.db.select().from(emails).where(eq(emails.id, f.email.id));
    expect(email).toMatchObject({ verified: true, unverifyReason: null });
    const [flag] = await t.db.select().from(flags).where(eq(flags.id, f.flag.id));
    expect(flag).toMatchObject(
      verb === 'reject'
        ? { state: 'resolved', resolution: 'rejected_by_review' }
        : { state: 'overridden', resolution: 'override_restore_verified' },
    );
    const action = verb === 'reject' ? 'flag.review_reject' : 'flag.override';
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(f.flag.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorLabel).toBe(actor.username);
    if (reason) expect(audit[0]!.details).toMatchObject({ reason });
  });
});

describe('bulk releases apply the rule to every selected flag', () => {
  it('staff rejecting held flags that include a re-registered one: the whole selection is refused, nothing changes', async () => {
    const fine = await flagFor('reject', 'redemption');
    const risky = await flagFor('reject', 're_registered');
    const before = await snapshot(t.db);
    await expectRefusal(
      release('reject', actors.staff, [fine.flag.id, risky.flag.id], REASON),
      'forbidden',
      new RegExp(`${risky.domain.name.replace('.', '\\.')}.*Only an admin`),
    );
    expect(await snapshot(t.db)).toBe(before);
    // Without the re-registered one, the same staff member may.
    await expect(release('reject', actors.staff, [fine.flag.id], undefined)).resolves.toMatchObject({ reviewed: 1 });
  });

  it('an admin with a reason rejects several re-registered domains at once; without a reason, nothing changes', async () => {
    const a = await flagFor('reject', 're_registered');
    const b = await flagFor('reject', 're_registered');
    const c = await flagFor('reject', 'grace');
    const ids = [a.flag.id, b.flag.id, c.flag.id];
    const before = await snapshot(t.db);
    await expectRefusal(release('reject', actors.admin, ids, '   '), 'invalid_input', /Give a reason/);
    await expectRefusal(release('reject', actors.admin, ids, 'ok'), 'invalid_input', /Give a reason/);
    expect(await snapshot(t.db)).toBe(before);
    await expect(release('reject', actors.admin, ids, REASON)).resolves.toMatchObject({ reviewed: 3 });
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, 'flag.review_reject'));
    expect(rows.filter((r) => ids.map(String).includes(r.targetId)).every((r) => r.details.reason === REASON)).toBe(
      true,
    );
  });

  it('a selection with one flag on a gone domain is refused for an admin too', async () => {
    const fine = await flagFor('restore', 'redemption');
    const gone = await flagFor('restore', 'pending_delete');
    const before = await snapshot(t.db);
    await expectRefusal(
      release('restore', actors.admin, [fine.flag.id, gone.flag.id], REASON),
      'forbidden',
      /being deleted by the registry.*Nobody may restore an address there/,
    );
    expect(await snapshot(t.db)).toBe(before);
  });
});

describe('which stage counts', () => {
  it('the stricter of the flag’s stage and its domain’s stage now', async () => {
    // Raised at redemption; the domain has since been registered by someone else.
    const domain = await makeDomain(t.db, 're_registered');
    const moved = await makeFlag(t.db, { stage: 'redemption', domain, state: 'pending_review' });
    await expectRefusal(release('reject', actors.staff, [moved.flag.id], REASON), 'forbidden', /Only an admin/);
    // Raised when the domain was available; a later read says active: still nothing to restore by hand.
    const back = await makeDomain(t.db, 'active');
    const stale = await makeFlag(t.db, { stage: 'available', domain: back, state: 'open' });
    await expectRefusal(release('restore', actors.admin, [stale.flag.id], REASON), 'forbidden', /no longer registered/);
  });

  it('restoring a held flag (address still verified) follows the same rule', async () => {
    const f = await flagFor('reject', 're_registered');
    await expectRefusal(
      release('restore', actors.staff, [f.flag.id], REASON, f.domain.name),
      'forbidden',
      /Only an admin may restore these addresses\./,
    );
  });

  it('confirming (not a release) stays open to staff at every stage', async () => {
    for (const stage of STAGES) {
      const f = await flagFor('reject', stage);
      await expect(
        t.db.transaction((tx) =>
          reviewFlags({ ctx: ctxOf(tx, actors.staff), input: { flagIds: [f.flag.id], decision: 'confirm' } }),
        ),
      ).resolves.toMatchObject({ reviewed: 1 });
    }
  });

  it('an operator (CLI) is held to the table like an admin', async () => {
    const cli: Actor = { type: 'cli', operator: 'ops' };
    const risky = await flagFor('reject', 're_registered');
    await expectRefusal(release('reject', cli, [risky.flag.id], undefined), 'invalid_input', /Give a reason/);
    await expect(release('reject', cli, [risky.flag.id], REASON)).resolves.toMatchObject({ reviewed: 1 });
    const gone = await flagFor('reject', 'available');
    await expectRefusal(release('reject', cli, [gone.flag.id], REASON), 'forbidden', /Nobody may/);
  });
});
