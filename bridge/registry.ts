/**
 * The bridge's registry of exports: each entity set an analyst can pull, declared once. The REST
 * routes, the OpenAPI document, the OData `$metadata`, CSV headers and XLSX columns are all made
 * from these declarations (bridge/views/*.ts), so they cannot disagree.
 *
 * A view names the GraphQL operation that pages through its set (run through the gateway with the
 * caller's identity, so scopes, community scoping, masking and the audit trail apply unchanged),
 * where the connection sits in the result, its columns (path in a row -> column name -> type), its
 * key and stable order, and the filters that push down into the operation's variables.
 */

/** A column's type: how CSV, XLSX, JSON, OpenAPI and OData (Edm) read it. */
export type ColumnType = 'string' | 'text-code' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime';

export type Column = {
  /** Column name: the dotted path of the value for nested ones (`address.code`), as CSV headers show it. */
  name: string;
  /** What the column holds, for the OpenAPI document and `$metadata`. */
  description: string;
  type: ColumnType;
  /** Dotted path of the value in a row; defaults to `name`. */
  path?: string;
  /** Computes the value instead of `path` (counts picked out of a list, lists joined). */
  get?: (row: Row) => unknown;
  /** The GraphQL enum the values come from (its values are read from the supergraph). */
  enum?: string;
  /** True when the value may be null (masked, unknown, not yet happened). */
  nullable?: boolean;
};

/** A filter a client may give (REST query parameter), pushed down into the operation's variables. */
export type Filter = {
  /** Query parameter name, e.g. `from`, `status`, `under`. */
  name: string;
  description: string;
  /**
   * `datetime` / `date`: one instant or day; `code`: an address code (a prefix: "under this
   * community"); `enum-list`: one or more values of the GraphQL enum `enum`, comma-separated;
   * `boolean`: true or false.
   */
  type: 'datetime' | 'date' | 'code' | 'enum-list' | 'boolean';
  /** The operation variable it sets. */
  variable: string;
  /** For `enum-list`: the GraphQL enum whose values it takes. */
  enum?: string;
  /**
   * The column it constrains and how, so OData can push `$filter` terms down:
   * `ge` (column >= value), `lt` (column < value), `in` (column is one of), `under` (code prefix), `eq`.
   */
  column?: string;
  op?: 'ge' | 'lt' | 'in' | 'under' | 'eq';
};

/** One row as the operation returned it (a connection's node, or one of its exploded children). */
export type Row = Record<string, unknown>;

export type View = {
  /** URL segment: /rest/<name>. */
  name: string;
  /** OData entity set name, e.g. `Events`. */
  entitySet: string;
  /** OData entity type name, e.g. `Event`. */
  entityType: string;
  title: string;
  description: string;
  /** Scopes a token needs (documentation; the gateway enforces them). */
  scopes: readonly string[];
  /**
   * The named GraphQL operation. It takes `$first: Int!` and `$after: String` and the variables of
   * `filters`; `$code: AddressCode!` when `root` is set.
   */
  operation: string;
  /** The operation's variable holding the address the set lies under (default: the district). */
  root?: string;
  /** Dotted path from `data` to the connection (`edges`, `pageInfo`). */
  connection: string;
  /** Each node becomes one row per element of this list field, the element set at `explodeAs`. */
  explode?: { list: string; as: string };
  columns: readonly Column[];
  /** Columns that identify a row. */
  key: readonly string[];
  /** The stable order rows come in, in words (and OData `$orderby` it answers without sorting). */
  order: string;
  /** Column order the connection returns, e.g. [['reportedAt', 'desc'], ['id', 'desc']]. */
  orderBy: readonly (readonly [string, 'asc' | 'desc'])[];
  filters: readonly Filter[];
  /** The largest page the connection serves (its `first` cap). */
  maxPage: number;
  /** Fixed variables the operation always gets. */
  variables?: Record<string, unknown>;
};

/** The value at a dotted path, null when any step is missing. */
export function valueAt(row: unknown, path: string): unknown {
  let value: unknown = row;
  for (const part of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

const accessors = new WeakMap<Column, (row: Row) => unknown>();

/** A column's reader, made once per column (exports call it a million times: take it once per export, not per cell). */
export function accessorOf(column: Column): (row: Row) => unknown {
  let read = accessors.get(column);
  if (!read) {
    const parts = (column.path ?? column.name).split('.');
    read = column.get
      ? (row) => column.get!(row) ?? null
      : parts.length === 1
        ? (row) => row[parts[0]] ?? null
        : (row) => {
            let value: unknown = row;
            for (const part of parts) {
              if (value === null || value === undefined || typeof value !== 'object') return null;
              value = (value as Record<string, unknown>)[part];
            }
            return value ?? null;
          };
    accessors.set(column, read);
  }
  return read;
}

/** The value of one column in one row. */
export function cellOf(column: Column, row: Row): unknown {
  return accessorOf(column)(row);
}

/** The rows of one connection page: its nodes, or each node's exploded children. */
export function rowsOfPage(view: View, nodes: readonly Row[]): Row[] {
  if (!view.explode) return nodes as Row[];
  const { list, as } = view.explode;
  return nodes.flatMap((node) => ((valueAt(node, list) as Row[] | null) ?? []).map((child) => ({ ...node, [as]: child })));
}

/** Count of `key` in a `[{ <by>: key, count }]` statistics list, 0 when absent. */
export function countIn(list: unknown, by: string, key: string): number {
  if (!Array.isArray(list)) return 0;
  const found = list.find((entry) => (entry as Record<string, unknown>)[by] === key) as { count?: number } | undefined;
  return found?.count ?? 0;
}
