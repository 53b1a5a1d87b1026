/**
 * Counting a set with the connection's `totalCount`: the view's operation with the connection's
 * selection replaced by `totalCount` and `first: 0`, derived by AST so no view declares it twice.
 */
import { getNamedType, isObjectType, Kind, parse, print, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import type { View } from '../registry.ts';
import { supergraphSchema } from '../schema.ts';

const cache = new Map<string, string | null>();

/**
 * The count operation of a view, or null when it cannot count by totalCount (exploded rows, or a
 * connection without totalCount).
 */
export function countOperation(view: View): string | null {
  if (cache.has(view.name)) return cache.get(view.name)!;
  const operation = view.explode ? null : derive(view);
  cache.set(view.name, operation);
  return operation;
}

function derive(view: View): string | null {
  const path = view.connection.split('.');
  const schema = supergraphSchema();
  const typeInfo = new TypeInfo(schema);
  const stack: string[] = [];
  let found = false;
  let countable = false;
  const rewritten: DocumentNode = visit(
    parse(view.operation),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node: FieldNode) {
          stack.push(node.alias?.value ?? node.name.value);
          if (stack.length !== path.length || stack.some((s, i) => s !== path[i])) return undefined;
          found = true;
          const type = getNamedType(typeInfo.getType());
          countable = isObjectType(type) && 'totalCount' in type.getFields();
          const args = node.arguments?.filter((a) => a.name.value !== 'first' && a.name.value !== 'after') ?? [];
          return {
            ...node,
            arguments: [...args, { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'first' }, value: { kind: Kind.INT, value: '0' } }],
            selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'totalCount' } }] },
          };
        },
        leave() {
          stack.pop();
        },
      },
    }),
  );
  if (!found || !countable) return null;
  // $first and $after are no longer used; GraphQL refuses unused variables
  const document = visit(rewritten, {
    OperationDefinition(node: OperationDefinitionNode) {
      return {
        ...node,
        name: node.name ? { ...node.name, value: `${node.name.value}Count` } : node.name,
        variableDefinitions: node.variableDefinitions?.filter((d) => d.variable.name.value !== 'first' && d.variable.name.value !== 'after'),
      };
    },
  });
  return print(document);
}

const withCursors = new Map<string, string>();

/**
 * The view's operation with `cursor` selected on its connection's edges, so a scan can resume after
 * any row's node (keyset, unaffected by rows written meanwhile) rather than at an offset in a page.
 */
export function operationWithEdgeCursors(view: View): string {
  const cached = withCursors.get(view.name);
  if (cached) return cached;
  const path = view.connection.split('.');
  const stack: string[] = [];
  let found = false;
  const document = visit(parse(view.operation), {
    Field: {
      enter(node: FieldNode) {
        stack.push(node.alias?.value ?? node.name.value);
        const atEdges = stack.length === path.length + 1 && stack[path.length] === 'edges' && path.every((p, i) => stack[i] === p);
        if (!atEdges || !node.selectionSet) return undefined;
        found = true;
        if (node.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'cursor' && !s.alias)) return undefined;
        return { ...node, selectionSet: { ...node.selectionSet, selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'cursor' } }, ...node.selectionSet.selections] } };
      },
      leave() {
        stack.pop();
      },
    },
  });
  if (!found) throw new Error(`view ${view.name}: no ${view.connection}.edges in its operation`);
  const operation = print(document);
  withCursors.set(view.name, operation);
  return operation;
}
