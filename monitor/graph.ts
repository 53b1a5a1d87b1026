/**
 * The monitor's way into the graph: named GraphQL operations run through the gateway (in its
 * process, or over HTTP) as the monitor's service identity, so scopes, community scoping, masking
 * and the audit trail apply to it as to any client. Never SQL across schemas.
 */
import type { Executor } from '../bridge/execute.ts';

export type GraphClient = {
  /** Runs one operation; throws on GraphQL errors (naming the operation), returns `data`. */
  run<T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<T>;
  /** Operations run so far (the run's cost). */
  readonly operations: number;
};

/** A client over `executor` that sends `token` as the bearer token. */
export function graphClient(executor: Executor, token: () => Promise<string>): GraphClient {
  let operations = 0;
  return {
    get operations() {
      return operations;
    },
    async run<T>(operationName: string, query: string, variables: Record<string, unknown>): Promise<T> {
      operations++;
      const headers = new Headers({ authorization: `Bearer ${await token()}`, 'x-purpose': 'early-warning monitor', 'user-agent': 'address-graph-monitor' });
      const { status, body } = await executor({ query, operationName, variables }, headers, AbortSignal.timeout(60_000));
      if (body.errors?.length) {
        throw new Error(`${operationName} failed (HTTP ${status}): ${body.errors.map((e) => `${e.message}${e.extensions?.code ? ` [${String(e.extensions.code)}]` : ''}`).join('; ')}`);
      }
      if (!body.data) throw new Error(`${operationName} answered HTTP ${status} without data`);
      return body.data as T;
    },
  };
}
