import description from '@/lib/api/openapi.json';

// The checked-in OpenAPI 3.1 description of the integration API, public like any API's reference
// (it names no data); test/integration/api/openapi.test.ts holds every /api/v1 route to it.
export const GET = Object.assign(
  async () => Response.json(description, { headers: { 'cache-control': 'public, max-age=300' } }),
  { definition: { name: 'api.openapi', public: true } },
);
