// Name servers a registrar or a parking service puts on a domain when its owner has lost control of
// it: the registrar's expired-domain / renewal hosts (set at or soon after expiry, while the registry
// may still show the domain as registered and auto-renewed), verification holds, and the parking and
// aftermarket services a lapsed or caught domain is pointed at. The daily DNS probe (lib/probe/) asks
// for a full check when a domain moves onto one of these. A hostname matches an entry when it equals
// the entry's suffix or ends with "." + suffix. Each entry says where it was seen.
//
// Not listed on purpose: a registrar's ordinary DNS hosting (domaincontrol.com, registrar-servers.com,
// name-services.com …) and brand-protection hosts (markmonitor.com): owners use those every day.

export type ParkingKind = 'expired' | 'hold' | 'parking';

export interface ParkingNameserver {
  suffix: string;
  operator: string;
  /** expired: the registrar's lapsed-domain hosts; hold: a registrar suspension; parking: ads or sale. */
  kind: ParkingKind;
  source: string;
}

const MISP = 'https://github.com/MISP/misp-warninglists/blob/main/lists/parking-domain-ns/list.json';

export const PARKING_NAMESERVERS: readonly ParkingNameserver[] = [
  // Expired-domain and renewal hosts of registrars.
  {
    suffix: 'pendingrenewaldeletion.com',
    operator: 'Web.com group (Network Solutions, Register.com)',
    kind: 'expired',
    // ns1/ns2.pendingrenewaldeletion.com appear in the NS of lapsed Network Solutions / Web.com
    // registrations in public parked-domain research (often attributed to GoDaddy, wrongly). No
    // registrar page names them: the source is the observation, kept here until one does.
    source: 'observed in public NS records of lapsed Network Solutions registrations (no registrar page found)',
  },
  {
    suffix: 'renewyourname.net',
    operator: 'Tucows / OpenSRS (Hover, eNom resellers)',
    kind: 'expired',
    // Tucows: "When the domain expires the DNS is temporarily changed, and a web page explaining the
    // need for renewal may be shown"; the hosts are ns1/ns2.renewyourname.net.
    source: 'http://www.tucowsdomains.com/topic/renewal-and-expiration/',
  },
  {
    suffix: 'expired.uniregistry-dns.com',
    operator: 'Uniregistry (now GoDaddy Registry)',
    kind: 'expired',
    source: MISP,
  },
  { suffix: 'domainhasexpired.com', operator: 'registrar expiry landing', kind: 'expired', source: MISP },
  { suffix: 'expirationwarning.net', operator: 'registrar expiry landing', kind: 'expired', source: MISP },
  { suffix: 'expiereddnsmanager.com', operator: 'registrar expiry landing', kind: 'expired', source: MISP },
  { suffix: 'domainrecover.com', operator: 'registrar recovery landing', kind: 'expired', source: MISP },
  // Suspensions by the registrar.
  {
    suffix: 'failed-whois-verification.namecheap.com',
    operator: 'Namecheap (registrant verification failed)',
    kind: 'hold',
    source: MISP,
  },
  // Parking and aftermarket services (a lapsed domain sold on, or parked by a drop-catcher).
  { suffix: 'sedoparking.com', operator: 'Sedo', kind: 'parking', source: MISP },
  { suffix: 'bodis.com', operator: 'Bodis', kind: 'parking', source: MISP },
  { suffix: 'parkingcrew.net', operator: 'ParkingCrew', kind: 'parking', source: MISP },
  { suffix: 'above.com', operator: 'Above.com', kind: 'parking', source: MISP },
  { suffix: 'parklogic.com', operator: 'ParkLogic', kind: 'parking', source: MISP },
  { suffix: 'afternic.com', operator: 'Afternic (GoDaddy aftermarket)', kind: 'parking', source: MISP },
  { suffix: 'dan.com', operator: 'Dan.com', kind: 'parking', source: MISP },
  { suffix: 'uniregistrymarket.link', operator: 'Uniregistry Market', kind: 'parking', source: MISP },
  { suffix: 'dsredirection.com', operator: 'DomainSponsor', kind: 'parking', source: MISP },
  { suffix: 'cashparking.com', operator: 'GoDaddy CashParking', kind: 'parking', source: MISP },
  { suffix: 'undeveloped.com', operator: 'Undeveloped', kind: 'parking', source: MISP },
  { suffix: 'domainmarket.com', operator: 'DomainMarket', kind: 'parking', source: MISP },
  { suffix: 'ztomy.com', operator: 'Ztomy', kind: 'parking', source: MISP },
  { suffix: 'parking1.ovh.net', operator: 'OVH parking', kind: 'parking', source: MISP },
  { suffix: 'parking2.ovh.net', operator: 'OVH parking', kind: 'parking', source: MISP },
];

/** The first listed entry any of `nameservers` falls under, or null. */
export function parkingNameserverOf(
  nameservers: readonly string[],
  list: readonly ParkingNameserver[] = PARKING_NAMESERVERS,
): ParkingNameserver | null {
  for (const raw of nameservers) {
    const host = raw.toLowerCase().replace(/\.+$/, '');
    const hit = list.find((e) => host === e.suffix || host.endsWith(`.${e.suffix}`));
    if (hit) return hit;
  }
  return null;
}
