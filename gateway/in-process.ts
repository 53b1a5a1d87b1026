/**
 * The in-process transport: when the subgraphs run in the gateway's own process (`npm start`,
 * one-box deployments, the benchmark), the gateway hands each subgraph request to it directly:
 * the printed document, the variables and the signed extensions, with no HTTP request and no JSON
 * encoding either way. The subgraph checks the request exactly as it does over HTTP (signature,
 * identity, deadline, audit before the answer; lib/subgraph-server.ts), and every gateway plugin
 * (signing, deadline, in-flight bound, limits) wraps this executor as it wraps the HTTP one.
 * Subgraphs without a local handle are reached over HTTP as before.
 */
import httpTransport from '@graphql-mesh/transport-http';
import type { Transport } from '@graphql-mesh/transport-common';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { getOperationASTFromRequest, mapAsyncIterator, type ExecutionRequest, type ExecutionResult } from '@graphql-tools/utils';
// errors are made with yoga's graphql module: under vitest 'graphql' here may be another instance
import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLFormattedError } from 'graphql';
import { ERROR_CODES } from '../lib/error-codes.ts';
import type { LocalSubgraph } from '../lib/subgraph-server.ts';
import { subgraphUnavailableMessage } from './deadline.ts';

/** A subgraph's formatted errors as the GraphQLErrors the HTTP executor would have made of its JSON. */
function errorsOf(subgraph: string, errors: readonly GraphQLFormattedError[]) {
  return errors.map(({ message, ...rest }) => {
    if (rest.extensions?.code === 'SUBGRAPH_STOPPED') {
      return createGraphQLError(subgraphUnavailableMessage(subgraph, 'it is stopped'), { extensions: { code: ERROR_CODES.SUBGRAPH_UNAVAILABLE, serviceName: subgraph, reason: 'it is stopped' } });
    }
    return createGraphQLError(message, rest as Parameters<typeof createGraphQLError>[1]);
  });
}

/** A deep copy of JSON-shaped data (a subgraph's formatted result): plain objects and arrays. */
export function copied<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copied) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copied((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** An executor that calls `local` in this process; a subscription comes back as a stream of results. */
export function localExecutor(local: LocalSubgraph) {
  return async (request: ExecutionRequest): Promise<ExecutionResult | AsyncIterable<ExecutionResult>> => {
    const printed = { query: defaultPrintFn(request.document), variables: request.variables, operationName: request.operationName, extensions: request.extensions };
    if ((request.operationType ?? getOperationASTFromRequest(request).operation) === 'subscription') {
      const stream = await local.subscribe(printed, request.signal);
      if (!(Symbol.asyncIterator in stream)) return { ...stream, errors: errorsOf(local.name, stream.errors ?? []) } as ExecutionResult;
      // the subgraph hands identical subscribers the same result object, and the gateway's
      // executor annotates the objects it is given: each subscriber gets its own copy
      return mapAsyncIterator(stream[Symbol.asyncIterator](), (result) => (result.errors ? { ...copied(result), errors: errorsOf(local.name, result.errors) } : copied(result)) as ExecutionResult);
    }
    const result = await local.execute(
      printed,
      request.signal,
    );
    return result.errors ? { ...result, errors: errorsOf(local.name, result.errors) } : (result as ExecutionResult);
  };
}

/** Hive Gateway's `transports`: the named local subgraphs in process, every other one over HTTP. */
export function inProcessTransports(locals: Partial<Record<string, LocalSubgraph>>): { http: Transport } {
  const http = httpTransport as unknown as Transport;
  return {
    http: {
      getSubgraphExecutor(options) {
        const local = locals[options.subgraphName];
        return local ? localExecutor(local) : http.getSubgraphExecutor(options);
      },
    },
  };
}
