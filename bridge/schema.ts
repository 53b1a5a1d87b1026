/**
 * What the bridge reads from the composed supergraph: the values of its enums, so a view's enum
 * columns and filters (and OData's EnumType members) follow the graph's schema instead of copying it.
 */
import { buildASTSchema, isEnumType, parse, type GraphQLSchema } from 'graphql';
import { readSupergraph } from '../gateway/compose.ts';

let schema: GraphQLSchema | undefined;

/** The composed supergraph as a schema (built once). */
export function supergraphSchema(): GraphQLSchema {
  // the supergraph's join__/link__ directives are declared in it, so it builds as plain SDL
  schema ??= buildASTSchema(parse(readSupergraph()), { assumeValidSDL: true });
  return schema;
}

/** The values of a GraphQL enum of the supergraph, in declaration order; throws for an unknown enum. */
export function enumValues(name: string): readonly string[] {
  const type = supergraphSchema().getType(name);
  if (!isEnumType(type)) throw new Error(`the supergraph has no enum ${name}`);
  return type.getValues().map((v) => v.name);
}
