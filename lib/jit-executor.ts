/**
 * The subgraphs' executor: graphql-jit compiles each operation document once into plain
 * functions, instead of graphql-js walking the document and building a resolve-info object for
 * every field of every row (most of a subgraph's CPU in a 5,000-row page). It is plugged into
 * Apollo Server through Apollo's gateway interface, so everything else stays Apollo's: parsing
 * and validation (and their caches), plugins, error formatting and masking, HTTP handling.
 *
 * Documents are compiled lazily and kept per parsed document (Apollo hands the same DocumentNode
 * for the same query text from its document cache), so a query the gateway sends again and again
 * is compiled once.
 */
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { createRequire } from 'node:module';
// types only: the schema comes from @apollo/subgraph's graphql instance (CommonJS), which graphql-jit shares
import type { DocumentNode, ExecutionResult, GraphQLSchema } from 'graphql';

// graphql-js itself, from that same (CommonJS) instance of graphql
const { execute, getVariableValues, visit, BREAK } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/**
 * Whether a variable is used inside a list or object literal (`[{ code: $c }]`). graphql-jit
 * does not substitute such variables into a custom scalar's literal (federation's `_Any`
 * representations), so those documents run on graphql-js. The gateway never sends one: it
 * passes representations as one variable.
 */
function hasNestedVariable(document: DocumentNode): boolean {
  let nested = false;
  let depth = 0;
  visit(document, {
    ObjectValue: { enter: () => void depth++, leave: () => void depth-- },
    ListValue: { enter: () => void depth++, leave: () => void depth-- },
    Variable() {
      if (depth > 0) {
        nested = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return nested;
}

/** Marks a document executed by graphql-js (see hasNestedVariable). */
const GRAPHQL_JS = Symbol('graphql-js');

/** A compiled operation, or the errors graphql-jit gave compiling it (answered as they are). */
type Compiled = CompiledQuery | ExecutionResult | typeof GRAPHQL_JS;

/** Apollo Server's `gateway` option serving `schema` with graphql-jit. */
export function jitExecution(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compile = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let entry = byName.get(key);
    if (!entry) byName.set(key, (entry = hasNestedVariable(document) ? GRAPHQL_JS : compileQuery(schema, document, operationName)));
    return entry;
  };
  const executor: GatewayExecutor = async ({ document, operation, operationName, request, context }) => {
    const name = operationName ?? request.operationName ?? undefined;
    const variables = request.variables ?? {};
    const entry = compile(document, name);
    if (entry === GRAPHQL_JS) return (await execute({ schema, document, contextValue: context, variableValues: variables, operationName: name })) as ExecutionResult;
    if (!isCompiledQuery(entry)) return entry as ExecutionResult;
    // Variables are checked by graphql-js first, as its execute would: graphql-jit's own parser
    // replaces a scalar's error (INVALID_ADDRESS_CODE, "Invalid DateTime: ...") by a generic one
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    return (await entry.query(undefined, context, variables)) as ExecutionResult;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      // the SDL is only read by Apollo Studio's schema reporting, which this graph does not use
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor }),
    stop: async () => {},
  };
}
