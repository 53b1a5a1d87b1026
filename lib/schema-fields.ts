/**
 * The one walk over a subgraph schema's fields that the subgraph server's resolver wrappers share
 * (scope checks, argument limits, audit collection).
 *
 * Duck-typed: @apollo/subgraph builds the schema with its own copy of graphql (CJS), so the
 * instanceof checks of this module's copy (isObjectType, ...) would refuse its types.
 */
import type { GraphQLField, GraphQLSchema } from 'graphql';

/** A type's kind by its class name: 'GraphQLObjectType', 'GraphQLList', 'GraphQLNonNull', ... */
export function kindOf(type: unknown): string {
  return (type as { constructor: { name: string } }).constructor.name;
}

/** The named type under lists and non-null. */
export function namedTypeName(type: unknown): string {
  let t = type as { ofType?: unknown; name?: string };
  while (t.ofType) t = t.ofType as typeof t;
  return t.name ?? '';
}

/** Every field of every object type of the schema (introspection types left out), with its type's name. */
export function* objectFields<TContext = unknown>(schema: GraphQLSchema): Generator<{ typeName: string; field: GraphQLField<unknown, TContext> }> {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || kindOf(type) !== 'GraphQLObjectType') continue;
    const fields = (type as unknown as { getFields(): Record<string, GraphQLField<unknown, TContext>> }).getFields();
    for (const field of Object.values(fields)) yield { typeName: type.name, field };
  }
}
