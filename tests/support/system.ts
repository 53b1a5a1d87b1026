/**
 * Starts the whole system (five subgraphs + gateway, on free ports) over the fixture database,
 * and a small GraphQL-over-HTTP client for it — what a frontend team would use.
 */
import { startSystem, type RunningSystem } from '../../lib/system.ts';
import { closeAll, openFixtures, type Databases } from './databases.ts';
import type { GraphQLResult } from './subgraph.ts';

export type TestSystem = {
  system: RunningSystem;
  databases: Databases;
  gatewayUrl: string;
  /** Base URL of the gateway without /graphql, for probes and metrics. */
  baseUrl: string;
  /** POSTs to the gateway, with `token` as a bearer token when given. */
  query(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult & { status: number }>;
  stop(): Promise<void>;
};

export async function startTestSystem(): Promise<TestSystem> {
  const databases = openFixtures();
  const system = await startSystem({ databases, port: 0, subgraphPortBase: 0, subgraphTimeoutMs: 5000 });
  const gatewayUrl = system.gateway.url;
  return {
    system,
    databases,
    gatewayUrl,
    baseUrl: gatewayUrl.replace(/\/graphql$/, ''),
    async query(query, variables = {}, token) {
      const res = await fetch(gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as GraphQLResult) };
    },
    async stop() {
      await system.stop();
      await closeAll(databases);
    },
  };
}
