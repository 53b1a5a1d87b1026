/**
 * The OData model of the registry: each view is an entity set, each column a property. Property
 * names are the column names with `.` replaced by `_` (OData identifiers have no dots), so
 * `address.code` is `address_code`; everything here is generated from VIEWS, nothing per set.
 */
import type { Column, ColumnType, View } from '../registry.ts';
import { enumValues } from '../schema.ts';
import { VIEWS } from '../views/index.ts';

/** The namespace of the entity types in `$metadata`. */
export const NAMESPACE = 'AddressGraph';

/** The Edm type each column type is served as. */
export const EDM_TYPE: Record<ColumnType, string> = {
  string: 'Edm.String',
  'text-code': 'Edm.String',
  integer: 'Edm.Int32',
  number: 'Edm.Double',
  boolean: 'Edm.Boolean',
  date: 'Edm.Date',
  datetime: 'Edm.DateTimeOffset',
};

export type Property = { name: string; column: Column; edm: string; nullable: boolean; key: boolean; enumValues?: readonly string[] };

/** The entity set of a view: its properties in column order, by OData name. */
export type EntitySet = { view: View; properties: readonly Property[]; byName: ReadonlyMap<string, Property>; key: readonly Property[] };

/** The OData name of a column: dots replaced by underscores. */
export function propertyName(columnName: string): string {
  return columnName.replace(/\./g, '_');
}

function entitySetOf(view: View): EntitySet {
  const keys = new Set(view.key);
  const properties = view.columns.map((column): Property => ({
    name: propertyName(column.name),
    column,
    edm: EDM_TYPE[column.type],
    // a key is never null (OData requires it); other columns as the registry says
    nullable: !keys.has(column.name) && column.nullable === true,
    key: keys.has(column.name),
    ...(column.enum ? { enumValues: enumValues(column.enum) } : {}),
  }));
  const byName = new Map(properties.map((p) => [p.name, p]));
  const key = view.key.map((k) => {
    const found = byName.get(propertyName(k));
    if (!found) throw new Error(`view ${view.name}: key ${k} is not one of its columns`);
    return found;
  });
  return { view, properties, byName, key };
}

let sets: Map<string, EntitySet> | undefined;

/** Every entity set, by name, in registry order. */
export function entitySets(): ReadonlyMap<string, EntitySet> {
  sets ??= new Map(VIEWS.map((v) => [v.entitySet, entitySetOf(v)]));
  return sets;
}

/** One row of a view as an OData entity: every property by its OData name. */
export function entityOf(set: EntitySet, row: Record<string, unknown>, cell: (column: Column, row: Record<string, unknown>) => unknown): Record<string, unknown> {
  const entity: Record<string, unknown> = {};
  for (const p of set.properties) entity[p.name] = cell(p.column, row) ?? null;
  return entity;
}
