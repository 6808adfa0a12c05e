// `GK_URL=http://localhost:3000 GK_TOKEN=gk_… node examples/registry-client/demo.mjs [address…]`:
// syncs one demo account, then asks whether each address (default: the demo's lapsed one) may get a
// reset link. The token needs the sync and eligibility scopes (Settings → API tokens).
import { mayReceiveReset, syncAccounts } from './client.mjs';

const baseUrl = process.env.GK_URL ?? 'http://localhost:3000';
const token = process.env.GK_TOKEN;
if (!token) {
  console.error('Set GK_TOKEN to a token with the sync and eligibility scopes (Settings → API tokens).');
  process.exit(2);
}
const username = process.env.GK_DEMO_USERNAME ?? 'example-maintainer';
const totals = await syncAccounts(baseUrl, token, [
  { username, name: 'Example Maintainer', addresses: [{ address: `${username}@gmail.com`, verified: true }] },
]);
console.log(`synced: ${JSON.stringify(totals)}`);
const addresses = process.argv.slice(2);
for (const address of addresses.length ? addresses : [`${username}@gmail.com`, 'dev@lapsed-example.dev']) {
  const { eligible, reason } = await mayReceiveReset(baseUrl, token, address);
  console.log(`${address}: ${eligible ? 'send the reset link' : `send nothing (${reason})`}`);
}
