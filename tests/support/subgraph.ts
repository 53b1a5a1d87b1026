/**
 * Runs operations against one subgraph's Apollo server in-process, over its real database,
 * with a fresh per-request context each time (as the HTTP server does).
 */
import type { BaseContext } from '@apollo/server';
import { SYSTEM, type Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { buildApolloServer, type SubgraphDefinition } from '../../lib/subgraph-server.ts';

export type GraphQLResult = {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: (string | number)[] }[];
};

/** In-process calls skip the gateway, so they run as `viewer` (every scope unless given). */
export async function subgraphClient<TContext extends BaseContext>(def: SubgraphDefinition<TContext>, database: Database, viewer: Viewer = SYSTEM, executor?: 'jit' | 'graphql-js') {
  const server = buildApolloServer(def, [], executor);
  await server.start();
  return {
    async run(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
      const response = await server.executeOperation({ query, variables }, { contextValue: def.createContext(database, viewer) });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as GraphQLResult;
    },
    /** Resolves entity representations through `_entities`, as the gateway does. */
    async entities(representations: Record<string, unknown>[], selection: string): Promise<GraphQLResult> {
      return this.run(`query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, { r: representations });
    },
    stop: () => server.stop(),
  };
}
