import { defineRoute } from '@/lib/auth/route';
import { maliciousCsv, maliciousList } from '@/lib/lookalikes/export';
import { type CandidateRow, listMalicious } from '@/lib/lookalikes/queries';
import { exportFormatSchema } from '@/lib/lookalikes/schemas';

// The look-alikes staff marked malicious, as CSV (takedown requests), a plain list (mail filters) or
// JSON. defineRoute does the session, permission and input checks and answers JSON; a text format
// is rendered from that same answer, so a refusal is the same JSON error whatever was asked for.
const json = defineRoute({
  name: 'lookalike.export',
  permission: 'domains.read',
  query: exportFormatSchema,
  run: ({ ctx: { db } }) => listMalicious(db),
});

export const GET = Object.assign(
  async (request: Request): Promise<Response> => {
    const response = await json(request);
    const format = new URL(request.url).searchParams.get('format') ?? 'csv';
    if (!response.ok || format === 'json') return response;
    const rows = (await response.json()) as CandidateRow[];
    const csv = format === 'csv';
    return new Response(csv ? maliciousCsv(rows) : maliciousList(rows), {
      headers: {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="lookalikes-malicious.${csv ? 'csv' : 'txt'}"`,
        'cache-control': 'no-store',
      },
    });
  },
  { definition: json.definition },
);
