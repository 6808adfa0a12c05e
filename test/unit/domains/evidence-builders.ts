import type { DnsAnswer, Evidence, RdapDomain, SourceError, SourceErrorCode } from '@/core/domains';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export const failed = (code: SourceErrorCode = 'timeout'): { ok: false; error: SourceError } => ({
  ok: false,
  error: { code, message: `simulated ${code}` },
});

export const registered = (domain: RdapDomain): Evidence['rdap'] => ({
  ok: true,
  value: { kind: 'registered', domain },
});
export const notFound: Evidence['rdap'] = { ok: true, value: { kind: 'not_found' } };

export function status(words: string, provider: 'domainr' | 'fastly' = 'fastly'): Evidence['status'] {
  return { ok: true, value: { domain: 'example.com', zone: 'com', words: words.split(' ').filter(Boolean) }, provider };
}

export function dns(answer: Partial<DnsAnswer> = {}): Outcome<DnsAnswer> {
  return { ok: true, value: { nxdomain: false, nameservers: ['ns1.example.net'], mx: ['mx.example.net'], ...answer } };
}
