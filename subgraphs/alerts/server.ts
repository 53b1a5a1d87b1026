/**
 * The alerts subgraph (预警: early-warning alerts the monitor raised from the rules): schema,
 * resolvers and per-request context. Importable by tests without opening a port; index.ts listens.
 */
import type { Viewer } from '../../lib/auth/scopes.ts';
import type { Database } from '../../lib/db.ts';
import { env } from '../../lib/config.ts';
import { loadSchema } from '../../lib/schema-file.ts';
import type { SubgraphDefinition, SubgraphServices } from '../../lib/subgraph-server.ts';
import { loadRules, type Rule } from '../../monitor/rules.ts';
import type { AlertsContext } from './context.ts';
import { createLoaders } from './loaders.ts';
import { createAlertMutations } from './mutations.ts';
import { createAlertRepository, type AlertRow } from './repository.ts';
import { resolvers } from './resolvers.ts';

let rules: ReadonlyMap<string, Rule> | undefined;
const ruleMap = () => (rules ??= new Map(loadRules(env().MONITOR_RULES_FILE).map((r) => [r.id, r])));

export const alertsSubgraph: SubgraphDefinition<AlertsContext> = {
  name: 'alerts',
  typeDefs: loadSchema(new URL('./schema.graphql', import.meta.url)),
  resolvers: resolvers as SubgraphDefinition<AlertsContext>['resolvers'],
  // no `audited` types: alerts hold counts and ids, no person-level values
  // committed inserts and updates of alerts.alert (alerts.change_log), for alertRaised
  changes: {
    schema: 'alerts',
    load: (database, ids) => createAlertRepository(database.knex, null).findAlertsByIds(ids),
    id: (row: AlertRow) => row.id,
  },
  createContext: (database: Database, viewer: Viewer, services: SubgraphServices = {}) => {
    const repository = createAlertRepository(database.knex, viewer.communities);
    const mutations = createAlertMutations({ subgraph: 'alerts', db: database.knex, viewer, request: services.request ?? null, audit: services.audit });
    return { repository, loaders: createLoaders(repository), mutations, viewer, rules: ruleMap(), changes: services.changes };
  },
};
