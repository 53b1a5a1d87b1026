/**
 * Prometheus metrics shared by every service in the process (one registry), so the gateway's
 * GET /metrics shows the gateway and all in-process subgraphs together.
 */
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });

/** SQL statements sent to the database, by subgraph. The N+1 guard test reads this. */
export const dbQueries = new client.Counter({
  name: 'db_queries_total',
  help: 'SQL statements sent to the database, by subgraph',
  labelNames: ['subgraph'] as const,
  registers: [registry],
});

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
