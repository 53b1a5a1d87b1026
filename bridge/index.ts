/**
 * Runs the BI bridge alone (`npm run bridge`), in front of a gateway elsewhere: every page is sent
 * to BRIDGE_GATEWAY_URL with the caller's credentials, so the gateway verifies them and applies
 * access control as for any client. Listens on HOST:BRIDGE_PORT.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { env } from '../lib/config.ts';
import { heapLimitMb } from '../lib/heap-budget.ts';
import { logger } from '../lib/logger.ts';
import { httpExecutor } from './execute.ts';
import { createBridge } from './server.ts';

const USAGE = `usage: npm run bridge
  Serves the BI bridge (/rest/, /odata/) on HOST:BRIDGE_PORT in front of the gateway at
  BRIDGE_GATEWAY_URL, which verifies every caller's token or API key. Takes no arguments.
  (npm start and npm run gateway serve the bridge on the gateway's own port already.)
  -h, --help    this text
Exit codes: 0 stopped, 1 failed to start, 2 bad arguments.
`;
try {
  if (parseArgs({ options: { help: { type: 'boolean', short: 'h', default: false } }, strict: true, allowPositionals: false }).values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

const config = env();
const bridge = createBridge({ executor: httpExecutor(config.BRIDGE_GATEWAY_URL) });
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: 'bridge' }));
    return;
  }
  if (path === '/' && req.method === 'GET') {
    res.writeHead(302, { location: '/rest/' }).end();
    return;
  }
  if (!bridge.handles(path)) {
    res.writeHead(404, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, detail: 'The bridge serves /rest/ and /odata/' }));
    return;
  }
  bridge.listener(req, res);
});
server.once('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(error.code === 'EADDRINUSE' ? `port ${config.BRIDGE_PORT} is already in use: choose another with BRIDGE_PORT\n` : `${error.message}\n`);
  process.exit(1);
});
server.listen(config.BRIDGE_PORT, config.HOST, () => {
  const { port } = server.address() as AddressInfo;
  logger.info({ url: `http://localhost:${port}/rest/`, gateway: config.BRIDGE_GATEWAY_URL, heapLimitMb: heapLimitMb() }, 'bridge ready');
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
