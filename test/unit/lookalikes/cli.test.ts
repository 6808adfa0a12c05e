import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookalikesCommand } from '@/cli/commands/lookalikes';
import { recordFor } from '@/dev/peers/protocol-server/dataset';
import { type ProtocolServer, startProtocolServer } from '@/dev/peers/protocol-server/server';
import { captureIo } from '../sources/helpers';

// `gk lookalikes`: the generator's candidates, and with --check each one checked live against the
// local protocol server (pypj.org registered there with MX and a web address).

let server: ProtocolServer;
beforeAll(async () => {
  const now = new Date();
  const pypj = recordFor('active', 'pypj.org', now);
  server = await startProtocolServer({
    dns: true,
    domains: [
      { ...pypj, dns: { kind: 'records', ns: ['ns1.badhost.example'], mx: ['mx.pypj.org'], a: ['203.0.113.5'] } },
    ],
  });
});
afterAll(async () => server?.close());

describe('gk lookalikes', () => {
  it('prints the candidates per family without touching the network', async () => {
    const out = captureIo({});
    expect(await lookalikesCommand(['pypi.org'], out.io)).toBe(0);
    const lines = out.stdout().trim().split('\n');
    expect(lines[0]).toMatch(/^129 look-alike candidates of pypi\.org \(omission 4, .*idn 30\)$/);
    expect(lines).toHaveLength(130);
    expect(out.stdout()).toMatch(/pypj\.org\s+keyboard/);
  });

  it('--check --json: the registered one with its registrar, MX and A; the rest free', async () => {
    const out = captureIo(server.env);
    expect(await lookalikesCommand(['pypi.org', '--check', '--json', '--concurrency', '16'], out.io)).toBe(0);
    const body = JSON.parse(out.stdout()) as {
      count: number;
      candidates: { domain: string; state: { stage: string; mx: string[]; addresses: string[] } }[];
    };
    expect(body.count).toBe(129);
    const pypj = body.candidates.find((c) => c.domain === 'pypj.org')!;
    expect(pypj.state).toMatchObject({ stage: 'active', mx: ['mx.pypj.org'], addresses: ['203.0.113.5'] });
    expect(body.candidates.find((c) => c.domain === 'pypk.org')!.state.stage).toBe('available');
  });

  it('bad input: one line on stderr, exit 2', async () => {
    for (const argv of [['dev@pypi.org'], [], ['pypi.org', '--nope'], ['co.uk'], ['pypi.org', '--concurrency', '0']]) {
      const out = captureIo({});
      expect(await lookalikesCommand(argv, out.io)).toBe(2);
      expect(out.stderr().trim().split('\n')).toHaveLength(1);
      expect(out.stdout()).toBe('');
    }
  });
});
