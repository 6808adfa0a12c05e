// What each recorded RDAP response must parse to, read from the files themselves
// (see test/fixtures/SOURCES.md for where each came from).

export interface Expected {
  ldhName: string;
  handle: string | null;
  registeredAt: string | null;
  expiresAt: string | null;
  registrar: { name: string | null; ianaId: string | null; handle: string | null } | null;
  statuses: string[];
}

const SIX_PROHIBITED = [
  'client delete prohibited',
  'client transfer prohibited',
  'client update prohibited',
  'server delete prohibited',
  'server transfer prohibited',
  'server update prohibited',
];
const MARKMONITOR = { name: 'MarkMonitor Inc.', ianaId: '292', handle: '292' };
const NOMULUS_STATUSES = ['client delete prohibited', 'client renew prohibited', 'client transfer prohibited', 'server update prohibited'];

export const EXPECTED: Record<string, Expected> = {
  'afnic_afnic.fr_2023.json': {
    ldhName: 'afnic.fr', handle: 'DOM000000181261-FRNIC', registeredAt: '2001-12-10T23:00:00.000Z', expiresAt: '2029-07-18T08:26:59.000Z',
    registrar: { name: 'Registry Operations', ianaId: '9999', handle: 'RAR939-FRNIC' }, statuses: ['active'],
  },
  'afnic_lemonde.fr_2024-06.json': {
    ldhName: 'lemonde.fr', handle: 'DOM000000024309-FRNIC', registeredAt: '2005-08-02T14:16:36.000Z', expiresAt: '2025-06-09T22:08:09.000Z',
    registrar: { name: 'NAMESHIELD', ianaId: '1251', handle: 'RAR24-FRNIC' },
    statuses: ['server update prohibited', 'server transfer prohibited', 'server delete prohibited', 'server recover prohibited'],
  },
  'centralnic_nic.xyz_2024-06-12.json': {
    ldhName: 'nic.xyz', handle: 'D1465615-CNIC', registeredAt: '2013-09-11T11:58:06.000Z', expiresAt: '2024-09-11T23:59:59.000Z',
    registrar: { name: 'CentralNic Ltd', ianaId: '9999', handle: '9999' },
    statuses: ['server transfer prohibited', 'server update prohibited', 'server delete prohibited', 'server renew prohibited'],
  },
  'comlaude_amazon.cyou_2021-04-15.json': {
    ldhName: 'amazon.cyou', handle: 'D186296929-CNIC', registeredAt: '2020-05-14T00:00:00.000Z', expiresAt: '2021-05-14T00:00:00.000Z',
    registrar: { name: 'NOM-IQ Ltd dba Com Laude', ianaId: '470', handle: '470' }, statuses: ['client delete prohibited', 'client update prohibited'],
  },
  'cznic_example.cz_2017.json': {
    ldhName: 'example.cz', handle: 'example.cz', registeredAt: '2004-08-30T22:55:00.000Z', expiresAt: '2019-08-30T12:00:00.000Z',
    registrar: { name: null, ianaId: null, handle: 'REG-INTERNET-CZ' }, statuses: ['active'],
  },
  'cznic_nic.cz_2020.json': {
    ldhName: 'nic.cz', handle: 'nic.cz', registeredAt: '1997-10-30T00:00:00.000Z', expiresAt: '2027-03-15T13:00:00.000Z',
    registrar: { name: null, ianaId: null, handle: 'REG-CZNIC' }, statuses: ['server transfer prohibited'],
  },
  'google-registry_web.dev_2026-10-05.json': {
    ldhName: 'web.dev', handle: '2E35D5AB3-DEV', registeredAt: '2018-10-29T15:57:39.435Z', expiresAt: '2027-10-29T15:57:39.435Z',
    registrar: MARKMONITOR, statuses: SIX_PROHIBITED,
  },
  'identitydigital_google.ai_2026-10-05.json': {
    ldhName: 'google.ai', handle: '6eddd132ab114b12bd2bd4cf9c492a04-DONUTS', registeredAt: '2017-12-16T05:37:20.000Z',
    expiresAt: '2027-09-25T05:37:20.000Z', registrar: MARKMONITOR,
    statuses: ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
  },
  'markmonitor_abc.xyz_2021-05-07.json': {
    ldhName: 'abc.xyz', handle: 'D2192285-CNIC', registeredAt: '2014-03-20T12:59:17.000Z', expiresAt: '2025-03-20T07:00:00.000Z',
    registrar: MARKMONITOR, statuses: ['client update prohibited', 'client transfer prohibited', 'client delete prohibited'],
  },
  'markmonitor_google.com_2024-07-29.json': {
    ldhName: 'google.com', handle: '2138514_DOMAIN_COM-VRSN', registeredAt: '1997-09-15T07:00:00.000Z', expiresAt: '2028-09-13T07:00:00.000Z',
    registrar: MARKMONITOR,
    statuses: ['client update prohibited', 'client transfer prohibited', 'client delete prohibited', 'server update prohibited', 'server transfer prohibited', 'server delete prohibited'],
  },
  'namecheap_bitcoin.org_2021-05-07.json': {
    ldhName: 'bitcoin.org', handle: 'D153621148-LROR', registeredAt: '2008-08-18T13:19:55.000Z', expiresAt: '2029-08-18T13:19:55.000Z',
    registrar: { name: 'NAMECHEAP INC', ianaId: '1068', handle: null }, statuses: ['client transfer prohibited'],
  },
  'nominet_bbc.co.uk_2026-10-05.json': {
    ldhName: 'bbc.co.uk', handle: 'D_7090031-UK', registeredAt: '1994-12-13T03:49:48.000Z', expiresAt: '2034-12-13T03:49:48.000Z',
    registrar: { name: 'British Broadcasting Corporation', ianaId: null, handle: 'BBC' },
    statuses: ['server delete prohibited', 'server transfer prohibited', 'server update prohibited'],
  },
  'nomulus-test_cat.lol.json': {
    ldhName: 'cat.lol', handle: '6-LOL', registeredAt: '1997-01-01T00:00:00.000Z', expiresAt: '2110-10-08T00:44:59.000Z',
    registrar: { name: 'Yes Virginia <script>', ianaId: '1', handle: '1' }, statuses: NOMULUS_STATUSES,
  },
  'nomulus-test_cat.xn--q9jyb4c.json': {
    ldhName: 'cat.xn--q9jyb4c', handle: 'F-Q9JYB4C', registeredAt: '1999-09-01T00:00:00.000Z', expiresAt: '2110-10-08T00:44:59.000Z',
    registrar: { name: 'みんな', ianaId: '1', handle: '1' }, statuses: NOMULUS_STATUSES,
  },
  'nomulus-test_fish.xn--q9jyb4c.json': {
    ldhName: 'fish.xn--q9jyb4c', handle: '10-Q9JYB4C', registeredAt: '2000-01-01T00:00:00.000Z', expiresAt: '2110-10-08T00:44:59.000Z',
    registrar: { name: 'みんな', ianaId: '1', handle: '1' },
    statuses: ['client delete prohibited', 'client renew prohibited', 'client transfer prohibited', 'inactive', 'server update prohibited'],
  },
  'nomulus-test_renew.lol.json': {
    ldhName: 'renew.lol', handle: '10-LOL', registeredAt: '1999-01-01T00:00:00.000Z', expiresAt: '2001-01-01T00:00:00.000Z',
    registrar: { name: 'The Registrar', ianaId: '1', handle: '1' }, statuses: ['active', 'renew period'],
  },
  'nomulus-test_transfer.lol.json': {
    ldhName: 'transfer.lol', handle: '10-LOL', registeredAt: '1999-07-01T00:00:00.000Z', expiresAt: '2001-01-01T00:00:00.000Z',
    registrar: { name: 'The Registrar', ianaId: '1', handle: '1' }, statuses: ['active', 'transfer period'],
  },
  'ripe_6.0.193.in-addr.arpa_2020.json': {
    ldhName: '6.0.193.in-addr.arpa', handle: '6.0.193.in-addr.arpa', registeredAt: null, expiresAt: null, registrar: null, statuses: [],
  },
  'tube-registry_you.tube_2021-04-16.json': {
    ldhName: 'you.tube', handle: 'D2506-TUBE', registeredAt: '2016-04-17T11:31:13.000Z', expiresAt: '2022-04-16T23:59:59.000Z',
    registrar: { name: 'MarkMonitor, Inc.', ianaId: '292', handle: '292' },
    statuses: ['client update prohibited', 'client transfer prohibited', 'client delete prohibited'],
  },
  'verisign-rdap-pilot_arin.net_2017-12-20.json': {
    ldhName: 'arin.net', handle: '970402~VRSN', registeredAt: '1996-12-19T00:00:00.000Z', expiresAt: '2024-06-13T18:33:47.000Z',
    registrar: { name: 'GKG.Net, Inc.~VRSN', ianaId: '93', handle: '93~VRSN' }, statuses: ['client transfer prohibited'],
  },
  'verisign_baeldung.com_2024-04-01.json': {
    ldhName: 'baeldung.com', handle: '1675047635_DOMAIN_COM-VRSN', registeredAt: '2011-09-02T11:54:38.000Z', expiresAt: '2026-09-02T11:54:38.000Z',
    registrar: { name: 'NameCheap, Inc.', ianaId: '1068', handle: '1068' }, statuses: ['client transfer prohibited'],
  },
  'verisign_google.com_2021-12-17.json': {
    ldhName: 'google.com', handle: '2138514_DOMAIN_COM-VRSN', registeredAt: '1997-09-15T04:00:00.000Z', expiresAt: '2028-09-14T04:00:00.000Z',
    registrar: MARKMONITOR, statuses: SIX_PROHIBITED,
  },
  'verisign_google.com_2024-07-29.json': {
    ldhName: 'google.com', handle: '2138514_DOMAIN_COM-VRSN', registeredAt: '1997-09-15T04:00:00.000Z', expiresAt: '2028-09-14T04:00:00.000Z',
    registrar: MARKMONITOR, statuses: SIX_PROHIBITED,
  },
  'verisign_themarquetry.com_2022-01-20.json': {
    ldhName: 'themarquetry.com', handle: '2598322308_DOMAIN_COM-VRSN', registeredAt: '2021-03-16T17:07:37.000Z', expiresAt: '2022-03-16T17:07:37.000Z',
    registrar: { name: 'Hosting Concepts B.V. d/b/a Registrar.eu', ianaId: '1647', handle: '1647' }, statuses: ['client transfer prohibited'],
  },
  'zdns_bitcoin.top_2021-04-17.json': {
    ldhName: 'bitcoin.top', handle: 'D20141118G10001G_19970343-top', registeredAt: '2014-11-17T16:00:29.000Z', expiresAt: '2021-11-17T16:00:29.000Z',
    registrar: { name: '成都西维数码科技有限公司', ianaId: '1556', handle: '1556' }, statuses: ['active'],
  },
};
