/**
 * Starts the whole system (five subgraphs + gateway, on free ports) over the fixture database,
 * and a small GraphQL-over-HTTP client for it — what a frontend team would use.
 */
import { signDevToken } from '../../lib/auth/dev-keys.ts';
import { startSystem, type RunningSystem, type SystemOptions } from '../../lib/system.ts';
import type { Database } from '../../lib/db.ts';
import { closeAll, openFixture, openFixtures, type Databases } from './databases.ts';
import type { GraphQLResult } from './subgraph.ts';

export type TestSystem = {
  system: RunningSystem;
  databases: Databases;
  /** The fixture's audit schema (audit.log). */
  auditDatabase: Database;
  /** The fixture's API keys (access.api_keys), which the gateway checks keys against. */
  accessDatabase: Database;
  gatewayUrl: string;
  /** Base URL of the gateway without /graphql, for probes and metrics. */
  baseUrl: string;
  /**
   * POSTs to the gateway with `token` as the bearer token; without one, as a demo admin (every
   * scope), so tests about data read everything; `null` sends no token (anonymous).
   */
  query(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResult & { status: number }>;
  stop(): Promise<void>;
};

let admin: Promise<string> | undefined;
/** A token with every scope and no community limit. */
export function adminToken(): Promise<string> {
  admin ??= signDevToken({ subject: 'test-admin', roles: ['admin'] });
  return admin;
}

/**
 * Overrides of the system's options, e.g. `{ production: true }` or `{ limits: { rateLimitPerMinute: 5 } }`;
 * an `auditDatabase` or `accessDatabase` given here is the caller's to close.
 */
export type TestSystemOptions = Partial<Omit<SystemOptions, 'databases'>>;

export async function startTestSystem(options: TestSystemOptions = {}): Promise<TestSystem> {
  const databases = openFixtures();
  const fixtureAudit = openFixture('audit');
  const fixtureAccess = openFixture('access');
  const system = await startSystem({ databases, auditDatabase: fixtureAudit, accessDatabase: fixtureAccess, port: 0, subgraphPortBase: 0, subgraphTimeoutMs: 5000, monitorIntervalSeconds: 0, ...options });
  const gatewayUrl = system.gateway.url;
  return {
    system,
    databases,
    auditDatabase: fixtureAudit,
    accessDatabase: fixtureAccess,
    gatewayUrl,
    baseUrl: gatewayUrl.replace(/\/graphql$/, ''),
    async query(query, variables = {}, token) {
      if (token === undefined) token = await adminToken();
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
      await fixtureAudit.close();
      await fixtureAccess.close();
    },
  };
}
