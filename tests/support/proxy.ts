/**
 * A real HTTP server standing in for one subgraph URL: it records every request body it gets and
 * forwards it to the real subgraph, after a delay, or never (a stalled subgraph). And a second
 * gateway over a test system's subgraphs with some of their URLs replaced by such stand-ins.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPHS, type SubgraphName } from '../../lib/config.ts';
import { authOptionsFromConfig } from '../../gateway/auth.ts';
import { readSupergraph } from '../../gateway/compose.ts';
import type { GatewayLimits } from '../../gateway/limits.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';
import type { TestSystem } from './system.ts';

export type StandIn = {
  url: string;
  /** Every request body received, parsed, in order of arrival. */
  received: any[];
  /** Requests received and not answered yet. */
  open(): number;
  stop(): Promise<void>;
};

/** `behaviour`: forward after `delayMs` (0: at once), or `stall`: never answer. */
export async function startStandIn(target: string, behaviour: { delayMs?: number; stall?: boolean } = {}): Promise<StandIn> {
  const received: any[] = [];
  let open = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      received.push(text ? JSON.parse(text) : null);
      open += 1;
      res.on('close', () => (open -= 1));
      if (behaviour.stall) return;
      setTimeout(async () => {
        try {
          const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
          res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
          res.end(await answer.text());
        } catch {
          res.destroy();
        }
      }, behaviour.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    open: () => open,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type SecondGateway = RunningGateway & {
  /** POSTs a query (as `token` when given) and answers status and body. */
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[] }>;
};

/** A gateway over `t`'s subgraphs and secret, with the subgraphs in `urls` reached there instead. */
export async function startGatewayOver(
  t: TestSystem,
  urls: Partial<Record<SubgraphName, string>>,
  options: { limits?: Partial<GatewayLimits>; subgraphTimeoutMs?: number; corsOrigins?: string[] } = {},
): Promise<SecondGateway> {
  const gateway = await startGateway({
    supergraphSdl: readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s, urls[s] ?? t.system.subgraphs[s].url])),
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 5000,
    limits: { rateLimitPerMinute: 0, ...options.limits },
    corsOrigins: options.corsOrigins,
    auth: await authOptionsFromConfig(t.system.upstreamSecret),
  });
  return {
    ...gateway,
    async query(query, variables = {}, token) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
  };
}
