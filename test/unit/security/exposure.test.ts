import { describe, expect, it } from 'vitest';
import { browseHost, exposureRefusal, isLoopbackHost } from '@/scripts/start/exposure';

describe('npm start: where it listens and whether it may', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1'])(
    '%s is loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
    },
  );

  it.each(['0.0.0.0', '::', '192.0.2.2', 'fd00::2', 'gravekeeper.example', '128.0.0.1', '::ffff:10.0.0.1'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );

  it('prints localhost for loopback and every-interface binds, the address otherwise', () => {
    expect(browseHost('127.0.0.1')).toBe('localhost');
    expect(browseHost('0.0.0.0')).toBe('localhost');
    expect(browseHost('::')).toBe('localhost');
    expect(browseHost('192.0.2.2')).toBe('192.0.2.2');
    expect(browseHost('fd00::2')).toBe('[fd00::2]');
  });

  it('refuses a non-loopback HOST while demo logins have the published password, and says why', () => {
    const refusal = exposureRefusal({
      host: '0.0.0.0',
      demoLogins: ['admin', 'staff'],
      demoPassword: 'gravekeeper-demo',
    });
    expect(refusal).toContain('Refusing to listen on HOST=0.0.0.0');
    expect(refusal).toContain('admin, staff');
    expect(refusal).toContain('gravekeeper-demo');
    expect(refusal).toContain('user add <username> --role admin');
  });

  it('allows loopback with demo logins, and any host without them', () => {
    expect(exposureRefusal({ host: '127.0.0.1', demoLogins: ['admin'], demoPassword: 'p' })).toBeNull();
    expect(exposureRefusal({ host: '::1', demoLogins: ['admin'], demoPassword: 'p' })).toBeNull();
    expect(exposureRefusal({ host: '0.0.0.0', demoLogins: [], demoPassword: 'p' })).toBeNull();
  });
});
