/**
 * What a request revealed about people, collected while it resolves (the schema half of the audit
 * trail; lib/subgraph-server.ts appends the record before it answers).
 *
 * A subgraph names its person-level types (`audited`: type name -> the person ids and address
 * codes a value of it reveals). collectAudited() then wraps, once per schema:
 * - every field of an audited type: it reports its parent value, so whichever fields are selected
 *   the value is recorded;
 * - every field anywhere whose return type, lists and non-null unwrapped, is an audited type: it
 *   reports each value it returned, so `person(id) { __typename }` or `people(ids) { __typename }`
 *   (no field of Person resolved) is recorded too;
 * - the reference resolver of every audited entity type (`_entities`), defining one that returns
 *   the reference when the subgraph has none.
 * A new field returning an audited type is therefore audited without anyone listing it.
 */
import { defaultFieldResolver, type GraphQLSchema } from 'graphql';
import { kindOf, namedTypeName, objectFields } from '../lib/schema-fields.ts';

/** The person ids and address codes one value of an audited type reveals. */
export type AuditExtract = (value: never) => { personIds?: readonly (string | null)[]; addressCodes?: readonly (string | null)[] };

/** What one request revealed, collected while it resolves. */
export class AuditCollector {
  readonly personIds = new Set<string>();
  readonly addressCodes = new Set<string>();
  readonly #seen = new WeakSet<object>();

  saw(value: unknown, extract: AuditExtract): void {
    if (typeof value !== 'object' || value === null || this.#seen.has(value)) return;
    this.#seen.add(value);
    const found = extract(value as never);
    for (const id of found.personIds ?? []) if (id) this.personIds.add(id);
    for (const code of found.addressCodes ?? []) if (code) this.addressCodes.add(code);
  }

  get empty(): boolean {
    return this.personIds.size === 0 && this.addressCodes.size === 0;
  }
}

type Ctx = { audit?: AuditCollector };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Reports a resolver's result (a value, a list, promises of either) and returns it unchanged. */
function reported(result: unknown, collector: AuditCollector, extract: AuditExtract): unknown {
  if (isThenable(result)) return Promise.resolve(result).then((v) => reported(v, collector, extract));
  if (Array.isArray(result)) {
    // a list may hold promises (one loader.load per item): report each as it settles
    return result.some(isThenable) ? result.map((v) => reported(v, collector, extract)) : (result.forEach((v) => reported(v, collector, extract)), result);
  }
  collector.saw(result, extract);
  return result;
}

export function collectAudited(schema: GraphQLSchema, audited: Record<string, AuditExtract> | undefined): GraphQLSchema {
  const extracts = new Map(Object.entries(audited ?? {}));
  for (const typeName of extracts.keys()) {
    const type = schema.getType(typeName);
    if (!type || kindOf(type) !== 'GraphQLObjectType') throw new Error(`audited type ${typeName} is not an object type of this subgraph`);
    wrapReference(type as unknown as EntityType, extracts.get(typeName)!);
  }
  for (const { typeName, field } of objectFields<Ctx>(schema)) {
    const own = extracts.get(typeName);
    const returned = extracts.get(namedTypeName(field.type));
    if (!own && !returned) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => {
      if (own) context.audit?.saw(source, own);
      const result = resolve(source, args, context, info);
      return returned && context.audit ? reported(result, context.audit, returned) : result;
    };
  }
  return schema;
}

type EntityType = { extensions: { apollo?: { subgraph?: { resolveReference?: (ref: unknown, ctx: Ctx, info: unknown) => unknown } } } };

/** Wraps (or defines) an audited type's __resolveReference, where @apollo/subgraph keeps it. */
function wrapReference(type: EntityType, extract: AuditExtract): void {
  const existing = type.extensions.apollo?.subgraph?.resolveReference;
  const resolveReference = (reference: unknown, context: Ctx, info: unknown) => {
    const result = existing ? existing(reference, context, info) : reference;
    return context.audit ? reported(result, context.audit, extract) : result;
  };
  type.extensions = {
    ...type.extensions,
    apollo: { ...type.extensions.apollo, subgraph: { ...type.extensions.apollo?.subgraph, resolveReference } },
  };
}
