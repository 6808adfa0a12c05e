// Preloaded into the web server (`NODE_OPTIONS=--require …/peer-address.cjs next start`, see
// next-server.ts) so the app can learn the TCP peer's address. Next.js does not expose the socket
// to route handlers or server actions, and it writes X-Forwarded-For from the socket only when the
// request has none (next/dist/server/base-server.js, Next 16.4:
// `req.headers['x-forwarded-for'] ??= originalRequest.socket.remoteAddress`), so a client that sends
// its own X-Forwarded-For hides its real address from the app. This stamps every request with the
// peer's address in x-gk-peer, overwriting any such header the client sent, and marks the process
// so lib/auth/request-ip.ts trusts the header only where this ran.
'use strict';
const http = require('node:http');

const create = http.createServer;
http.createServer = function createServer(...args) {
  const server = create.apply(this, args);
  // Before Next's own listener (start-server.js passes its listener to createServer).
  server.prependListener('request', (req) => {
    req.headers['x-gk-peer'] = req.socket.remoteAddress || '';
  });
  return server;
};
globalThis[Symbol.for('gravekeeper.peer-stamp')] = true;
