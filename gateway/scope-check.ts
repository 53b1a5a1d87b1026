/**
 * `@requiresScopes` at the gateway, with the walk done once per document instead of per request.
 *
 * useGenericAuth (protect-granular) checks every field of every request against the supergraph's
 * directives: a TypeInfo walk of the document, the variables coerced again, the directives of each
 * field looked up again, and a response path built for every field, refused or not (about a
 * seventh of the gateway's CPU on the benchmark's queries). Its answer depends only on the
 * document, the schema and the viewer's scopes: this plugin records, once per parsed document,
 * which scope requirements the document can reach at all, and lets useGenericAuth walk the
 * request only when the viewer's scopes do not cover every one of them. A viewer who may see
 * everything asked for gets the document unchanged, as the walk would have left it; anyone else
 * gets useGenericAuth's own walk, with its refusals, paths and removed fields, exactly as before.
 *
 * The requirements are an over-approximation: every field of the document counts, including those
 * under `@skip`/`@include` and in every member of a union, so "covered" can only err towards
 * running the walk. A field or type carrying `@authenticated` or `@policy` always runs it.
 */
import { createRequire } from 'node:module';
import type {
  DocumentNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLInterfaceType,
  GraphQLSchema,
} from 'graphql';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import { useGenericAuth, type GenericAuthPluginOptions } from '@envelop/generic-auth';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

// The schema comes from the gateway runtime, which loads graphql as Node resolves it (its CommonJS
// build); TypeInfo and the type predicates check `instanceof`, so they must come from that same
// module. (Under vitest a plain import would be the ESM build, another realm.)
const { getNamedType, isIntrospectionType, isObjectType, isInterfaceType, isUnionType, TypeInfo, visit, visitWithTypeInfo } = createRequire(import.meta.url)('graphql') as typeof import('graphql');

/** Any one of the inner lists, all of whose scopes the viewer holds, grants access. */
type ScopeRequirement = readonly (readonly string[])[];

/** What a document can ask for: each distinct requirement once; `walk` when scopes alone cannot decide. */
export type DocumentRequirements = { requirements: readonly ScopeRequirement[]; walk: boolean };

type Directable = GraphQLField<unknown, unknown> | GraphQLObjectType | GraphQLInterfaceType;
type Protection = { scopes: ScopeRequirement | undefined; undecidable: boolean };

/** The @requiresScopes, @authenticated and @policy of one field or type, read once per schema object. */
function protectionOf(cache: WeakMap<object, Protection>, target: Directable, schema: GraphQLSchema): Protection {
  let found = cache.get(target);
  if (!found) {
    const directives = getDirectiveExtensions(target, schema) as Record<string, Array<Record<string, unknown>> | undefined>;
    found = {
      scopes: directives.requiresScopes?.[0]?.scopes as ScopeRequirement | undefined,
      undecidable: Boolean(directives.authenticated?.length || directives.policy?.length),
    };
    cache.set(target, found);
  }
  return found;
}

/** Every scope requirement a document's fields (in its operations and fragments) can meet. */
export function documentRequirements(schema: GraphQLSchema, document: DocumentNode, cache = new WeakMap<object, Protection>()): DocumentRequirements {
  const byKey = new Map<string, ScopeRequirement>();
  let walk = false;
  const add = (protection: Protection) => {
    if (protection.undecidable) walk = true;
    if (protection.scopes?.length) byKey.set(JSON.stringify(protection.scopes), protection.scopes);
  };
  const check = (parent: GraphQLObjectType | GraphQLInterfaceType, name: string) => {
    const field = parent.getFields()[name];
    if (!field) return;
    add(protectionOf(cache, parent, schema));
    add(protectionOf(cache, field, schema));
  };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType() && (getNamedType(typeInfo.getParentType()) as GraphQLNamedType);
        if (!parent || isIntrospectionType(parent)) return;
        if (isUnionType(parent)) for (const member of parent.getTypes()) check(member, node.name.value);
        else if (isObjectType(parent) || isInterfaceType(parent)) check(parent, node.name.value);
        // a field the schema does not know: the walk decides (validation has refused it before this)
        else walk = true;
      },
    }),
  );
  return { requirements: [...byKey.values()], walk };
}

/** Whether `scopes` meets every requirement (each: one of its alternatives held in full). */
export function covers(scopes: ReadonlySet<string>, requirements: readonly ScopeRequirement[]): boolean {
  return requirements.every((alternatives) => alternatives.some((all) => all.every((scope) => scopes.has(scope))));
}

type Args = { schema: GraphQLSchema; document: DocumentNode; contextValue: Record<string, unknown> };
type Hook = (payload: { args: Args }) => unknown;
type EnvelopPlugin = { onExecute?: Hook; onSubscribe?: Hook; [hook: string]: unknown };

/**
 * useGenericAuth with its per-request walk skipped when the viewer's scopes cover everything the
 * document can reach. `scopesOf` reads the viewer's scopes off the user useGenericAuth resolved
 * (`context.currentUser`).
 */
export function useScopesCheckedPerDocument<User extends {}>(options: GenericAuthPluginOptions<User> & { scopesOf: (user: User) => ReadonlySet<string> }): GatewayPlugin {
  const inner = useGenericAuth<User>(options) as EnvelopPlugin & { onPluginInit(payload: { addPlugin(plugin: unknown): void }): void };
  const bySchema = new WeakMap<GraphQLSchema, { protections: WeakMap<object, Protection>; documents: WeakMap<DocumentNode, DocumentRequirements> }>();
  const covered = (args: Args) => {
    const user = args.contextValue.currentUser as User | undefined;
    if (user == null) return false;
    let schemaCache = bySchema.get(args.schema);
    if (!schemaCache) bySchema.set(args.schema, (schemaCache = { protections: new WeakMap(), documents: new WeakMap() }));
    let found = schemaCache.documents.get(args.document);
    if (!found) schemaCache.documents.set(args.document, (found = documentRequirements(args.schema, args.document, schemaCache.protections)));
    return !found.walk && covers(options.scopesOf(user), found.requirements);
  };
  const skippable = (hook: Hook | undefined): Hook | undefined => hook && ((payload) => (covered(payload.args) ? undefined : hook(payload)));
  return {
    ...inner,
    onPluginInit(payload) {
      inner.onPluginInit({
        ...payload,
        // useGenericAuth's walk is the extended-validation plugin it adds here: it runs as before,
        // unless the viewer's scopes already cover the document
        addPlugin: (plugin: EnvelopPlugin) => payload.addPlugin({ ...plugin, onExecute: skippable(plugin.onExecute), onSubscribe: skippable(plugin.onSubscribe) } as never),
      });
    },
  } as GatewayPlugin;
}
