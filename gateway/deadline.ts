/**
 * One deadline per client request, shared by all of its subgraph fetches, and a bound on the
 * requests in flight to each subgraph.
 *
 * The deadline starts when the request arrives (REQUEST_TIMEOUT_MS); each subgraph fetch gets
 * what is left of it (at most SUBGRAPH_TIMEOUT_MS), so a chain of sequential fetches cannot add
 * up to more than the deadline. A fetch cut off by it, a fetch that would start after it, and a
 * fetch to a subgraph that already has SUBGRAPH_MAX_IN_FLIGHT requests open are all answered at
 * once as SUBGRAPH_UNAVAILABLE naming the subgraph: its fields are null, the rest of the data is
 * returned, and nothing piles up behind a stalled subgraph. The deadline is also signed into each
 * subgraph request (lib/auth/upstream.ts) so the subgraph can stop its own work in time.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { isAsyncIterable, mapAsyncIterator, type ExecutionRequest, type Executor } from '@graphql-tools/utils';
// errors are made with yoga's graphql module: under vitest 'graphql' here may be another instance
import { createGraphQLError } from 'graphql-yoga';
import { ERROR_CODES } from '../lib/error-codes.ts';
import { deadlineSignal } from '../lib/request-context.ts';

export type DeadlineOptions = {
  /** Whole-request deadline, ms. */
  requestTimeoutMs: number;
  /** Longest single subgraph fetch, ms (within what is left of the deadline). */
  subgraphTimeoutMs: number;
  /** Requests in flight per subgraph beyond which a fetch is refused at once. */
  maxInFlight: number;
};

const deadlines = new WeakMap<object, number>();

/**
 * The deadline (epoch ms) of the client request a gateway context belongs to, fixed when the
 * request arrived (or, for a context the plugin did not see arrive, on first asking).
 */
export function requestDeadline(context: unknown, requestTimeoutMs: number): number {
  const request = (context as { request?: object } | undefined)?.request;
  const key = request ?? (context as object);
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    deadline = Date.now() + requestTimeoutMs;
    deadlines.set(key, deadline);
  }
  return deadline;
}

/** What a client reads when a subgraph could not answer (here, and for transport failures in gateway/server.ts). */
export function subgraphUnavailableMessage(subgraph: string, reason?: string): string {
  return `The ${subgraph} subgraph is unavailable${reason ? ` (${reason})` : ''}; its fields are null in this response`;
}

/** A subgraph's fields answered as unavailable, with why (`reason`). */
function unavailable(subgraph: string, reason: string) {
  return {
    data: null,
    errors: [
      createGraphQLError(subgraphUnavailableMessage(subgraph, reason), {
        extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: subgraph, reason },
      }),
    ],
  };
}

export function useRequestDeadline(options: DeadlineOptions): GatewayPlugin {
  /**
   * A subscription's stream is not bound by the deadline (it lasts as long as the client and its
   * token); each event starts a new one, so the fetches that resolve its other subgraphs' fields
   * get REQUEST_TIMEOUT_MS from its arrival, as a query would.
   */
  const subscriptionStream = (executionRequest: ExecutionRequest, executor: Executor) => {
    const context = executionRequest.context as { request?: object } | undefined;
    const key = context?.request ?? (context as object | undefined);
    const restart = () => {
      if (key) deadlines.set(key, Date.now() + options.requestTimeoutMs);
    };
    return Promise.resolve(executor(executionRequest)).then((result) => (isAsyncIterable(result) ? mapAsyncIterator(result, (item) => (restart(), item)) : result));
  };
  const inFlight = new Map<string, number>();
  return {
    onRequest({ request }) {
      deadlines.set(request, Date.now() + options.requestTimeoutMs);
    },
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      setExecutor((executionRequest) => {
        if (executionRequest.operationType === 'subscription') return subscriptionStream(executionRequest, executor);
        const deadline = requestDeadline(executionRequest.context, options.requestTimeoutMs);
        const left = deadline - Date.now();
        if (left <= 0) return unavailable(subgraphName, 'the request deadline passed before it was asked');
        const open = inFlight.get(subgraphName) ?? 0;
        if (open >= options.maxInFlight) return unavailable(subgraphName, `${open} requests to it are already in flight`);
        inFlight.set(subgraphName, open + 1);
        // (a timer cleared when the fetch ends, not AbortSignal.timeout/any: lib/request-context.ts deadlineSignal)
        let onTimeout: () => void = () => {};
        const timedOut = new Promise<ReturnType<typeof unavailable>>((resolve) => {
          onTimeout = () => resolve(unavailable(subgraphName, left <= options.subgraphTimeoutMs ? 'no answer within the request deadline' : 'no answer within the subgraph timeout'));
        });
        const { signal, done: clear } = deadlineSignal(executionRequest.signal, Math.min(left, options.subgraphTimeoutMs), () => onTimeout());
        const done = () => {
          clear();
          inFlight.set(subgraphName, (inFlight.get(subgraphName) ?? 1) - 1);
        };
        let result;
        try {
          result = executor({ ...executionRequest, signal });
        } catch (error) {
          done();
          throw error;
        }
        return Promise.race([Promise.resolve(result), timedOut]).finally(done);
      });
    },
  };
}
