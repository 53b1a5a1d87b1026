/**
 * Prometheus metrics shared by every service in the process (one registry), so the gateway's
 * GET /metrics shows the gateway and all in-process subgraphs together.
 *
 * Every label takes values from a closed set, so no client can add series: `route` is one of
 * ROUTES or "other", `status` an HTTP status code, `code` a code of the registry
 * (lib/error-codes.ts) or "OTHER", `service` and `subgraph` a service name.
 */
import client from 'prom-client';
import { errorCodeLabel } from './error-codes.ts';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

/** SQL statements sent to the database, by subgraph. The N+1 guard test reads this. */
export const dbQueries = new client.Counter({
  name: 'db_queries_total',
  help: 'SQL statements sent to the database, by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

/** The paths the gateway and the subgraphs serve; any other path is counted as route "other". */
export const ROUTES = ['/graphql', '/', '/healthz', '/readyz', '/metrics', '/quality', '/quality.json', '/quality.csv', '/map/'] as const;

/** The `route` label of a request path: one of ROUTES, else "other". */
export function routeLabel(path: string): string {
  return (ROUTES as readonly string[]).includes(path) ? path : 'other';
}

/** The `status` label of an HTTP status: the code when it is a valid one, else "other". */
export function statusLabel(status: number): string {
  return Number.isInteger(status) && status >= 100 && status <= 599 ? String(status) : 'other';
}

/** Counts one GraphQL error of `service` under its code (codes outside the registry: OTHER). */
export function countGraphqlError(service: string, code: unknown): void {
  graphqlErrors.inc({ service, code: errorCodeLabel(code) });
}

/** HTTP request latency of every server in the process, by service. */
export const httpDuration = new client.Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by service (gateway or subgraph name), route and status',
  labelNames: ['service', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** GraphQL operations that returned errors, by service and error code. */
export const graphqlErrors = new client.Counter({
  name: 'graphql_errors_total',
  help: 'GraphQL errors returned, by service and extensions.code',
  labelNames: ['service', 'code'] as const,
  registers: [registry],
});

/** Current value of db_queries_total for one subgraph (used by tests and the benchmark). */
export async function dbQueryCount(subgraph: string): Promise<number> {
  const metric = await dbQueries.get();
  return metric.values.find((v) => v.labels.subgraph === subgraph)?.value ?? 0;
}

/** Shared subscription executions (gateway/subscription-hub.ts) running now, and the subscribers they serve. */
export const subscriptionHubs = new client.Gauge({
  name: 'gateway_subscription_hubs',
  help: 'Shared subscription executions running in this process (one per document, variables and viewer class)',
  registers: [registry],
});
export const subscriptionHubMembers = new client.Gauge({
  name: 'gateway_subscription_hub_members',
  help: 'Subscribers served by a shared subscription execution in this process',
  registers: [registry],
});

/** Whole bridge exports (`all=true`) streaming now; at BRIDGE_MAX_EXPORTS the next is refused (EXPORTS_BUSY). */
export const bridgeExportsInProgress = new client.Gauge({
  name: 'bridge_exports_in_progress',
  help: 'Whole BI bridge exports (all=true) streaming now, in this process',
  registers: [registry],
});
