// The staff alert for a look-alike candidate (lib/lookalikes/alert.ts): what happened, the facts a
// takedown request or a mail filter needs, and where to decide. Pure, like templates.ts.

type Block = { p: string } | { link: string; label: string };

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const HEADLINES: Record<string, (domain: string) => string> = {
  registered: (d) => `Look-alike domain registered: ${d}`,
  mx: (d) => `Look-alike domain can now receive and send mail: ${d}`,
  a: (d) => `Look-alike domain now points at a web server: ${d}`,
};

export function lookalikeAlert(p: Record<string, unknown>, appUrl: string): { subject: string; blocks: Block[] } {
  const domain = str(p.domain);
  const shown = str(p.unicode) && str(p.unicode) !== domain ? `${str(p.unicode)} (${domain})` : domain;
  const headline = (HEADLINES[str(p.event)] ?? HEADLINES.registered)!(shown);
  const names = list(p.names);
  const facts = [
    `Registrar: ${str(p.registrar) || 'unknown'}.`,
    `Registered: ${str(p.registeredAt) ? str(p.registeredAt).slice(0, 10) : 'date unknown'}.`,
    `Name servers: ${list(p.nameservers).join(', ') || 'none seen'}.`,
    `Mail servers (MX): ${list(p.mx).join(', ') || 'none'}.`,
    `Web addresses (A/AAAA): ${list(p.addresses).join(', ') || 'none'}.`,
  ];
  return {
    subject: headline,
    blocks: [
      {
        p: `${headline}. It imitates ${names.join(', ') || 'a watched name'}: mail from it may try to pass as ours.`,
      },
      ...facts.map((f) => ({ p: f })),
      { p: 'Mark it malicious to add it to the takedown and mail-filter export, or benign with a reason.' },
      { link: `${appUrl}/admin/lookalikes/${encodeURIComponent(domain)}`, label: 'Open the candidate' },
    ],
  };
}
