/**
 * The service document (`/odata/`) and the CSDL XML (`/odata/$metadata`), made from the registry.
 */
import { entitySets, NAMESPACE, type EntitySet, type Property } from './model.ts';

const CONTAINER = 'Container';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function description(text: string): string {
  return `<Annotation Term="Core.Description" String="${xml(text)}"/>`;
}

function propertyXml(p: Property): string {
  // enum columns stay Edm.String (what Power BI handles best); their values are in the description
  const text = p.enumValues ? `${p.column.description} One of: ${p.enumValues.join(', ')}.` : p.column.description;
  return `<Property Name="${p.name}" Type="${p.edm}" Nullable="${p.nullable}">${description(text)}</Property>`;
}

function entityTypeXml(set: EntitySet): string {
  const key = set.key.map((k) => `<PropertyRef Name="${k.name}"/>`).join('');
  return [
    `<EntityType Name="${set.view.entityType}">`,
    `<Key>${key}</Key>`,
    ...set.properties.map(propertyXml),
    description(set.view.description),
    `</EntityType>`,
  ].join('\n');
}

function entitySetXml(set: EntitySet): string {
  const order = set.view.orderBy.map(([c, dir]) => `${c.replace(/\./g, '_')} ${dir}`).join(',');
  return `<EntitySet Name="${set.view.entitySet}" EntityType="${NAMESPACE}.${set.view.entityType}">${description(`${set.view.title}: ${set.view.description} Served in this order ($orderby): ${order}.`)}</EntitySet>`;
}

let metadata: string | undefined;

/** `$metadata`: CSDL XML (OData 4.0) with one entity type and set per view. */
export function metadataDocument(): string {
  if (metadata) return metadata;
  const sets = [...entitySets().values()];
  metadata = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">',
    '<edmx:Reference Uri="https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml">',
    '<edmx:Include Namespace="Org.OData.Core.V1" Alias="Core"/>',
    '</edmx:Reference>',
    '<edmx:DataServices>',
    `<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="${NAMESPACE}">`,
    ...sets.map(entityTypeXml),
    `<EntityContainer Name="${CONTAINER}">`,
    ...sets.map(entitySetXml),
    '</EntityContainer>',
    '</Schema>',
    '</edmx:DataServices>',
    '</edmx:Edmx>',
    '',
  ].join('\n');
  return metadata;
}

/** The service document: every entity set, with URLs relative to the service root. */
export function serviceDocument(root: string): Record<string, unknown> {
  return {
    '@odata.context': `${root}$metadata`,
    value: [...entitySets().values()].map((s) => ({ name: s.view.entitySet, kind: 'EntitySet', url: s.view.entitySet, title: s.view.title })),
  };
}
