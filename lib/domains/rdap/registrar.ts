import { type JsonRecord, asArray, idString, nonEmptyString, records } from '@/lib/domains/json';
import type { RdapRegistrar } from '@/core/domains';

// Where registries put the registrar, as seen in the fixtures:
// - an entity with role `registrar` (roles may be capitalised: Namecheap writes `Registrant`);
// - its name in the vCard `fn`, or only in `org` (MarkMonitor's registrar RDAP);
// - its IANA id in the entity's `publicIds` as "IANA Registrar ID"; Namecheap instead puts
//   `{"type": "NAMECHEAP INC", "identifier": "1068"}` on the domain itself;
// - ccTLDs often have no IANA id at all: CZ.NIC gives only a handle, Nominet a "Registry Identifier"
//   equal to the handle. Those are not IANA ids, so `ianaId` stays null and the handle carries them.

function hasRole(entity: JsonRecord, role: string): boolean {
  return asArray(entity.roles).some((r) => typeof r === 'string' && r.trim().toLowerCase() === role);
}

/** The text of the first vCard property called `name` (jCard, RFC 7095: [name, params, type, value]). */
function vcardText(entity: JsonRecord, name: string): string | null {
  const vcard = asArray(entity.vcardArray);
  for (const prop of asArray(vcard[1])) {
    if (!Array.isArray(prop) || prop[0] !== name) continue;
    const value: unknown = prop[3];
    // `org` may be structured: ["Example Inc.", "Legal"]
    const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(' ') : value;
    const found = nonEmptyString(text);
    if (found !== null) return found;
  }
  return null;
}

function ianaIdFrom(publicIds: unknown, acceptType: (type: string) => boolean): string | null {
  for (const id of records(publicIds)) {
    const type = nonEmptyString(id.type);
    const identifier = idString(id.identifier);
    if (type !== null && identifier !== null && /^\d+$/.test(identifier) && acceptType(type.toLowerCase())) {
      return identifier;
    }
  }
  return null;
}

const isIanaType = (type: string) => type === 'iana registrar id';

export function findRegistrar(domain: JsonRecord): RdapRegistrar | null {
  const entity = records(domain.entities).find((e) => hasRole(e, 'registrar'));
  if (!entity) return null;
  const name = vcardText(entity, 'fn') ?? vcardText(entity, 'org');
  const lowerName = name?.toLowerCase();
  const ianaId =
    ianaIdFrom(entity.publicIds, isIanaType) ??
    ianaIdFrom(domain.publicIds, (type) => isIanaType(type) || type === lowerName);
  return { name, ianaId, handle: idString(entity.handle) };
}
