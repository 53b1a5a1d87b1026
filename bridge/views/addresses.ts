import type { Column, View } from '../registry.ts';
import { underFilter } from './common.ts';

const ancestry = `parent { code name } subdistrict: ancestor(level: SUBDISTRICT) { code name } community: ancestor(level: COMMUNITY) { code name } grid: ancestor(level: GRID) { code name }`;

const ancestryColumns: Column[] = [
  { name: 'parent.code', type: 'text-code', nullable: true, description: 'Code of the address one level up; empty for the district.' },
  { name: 'parent.name', type: 'string', nullable: true, description: 'Name of the address one level up.' },
  { name: 'subdistrict.code', type: 'text-code', nullable: true, description: 'Subdistrict (街道) code; empty for the district.' },
  { name: 'subdistrict.name', type: 'string', nullable: true, description: 'Subdistrict name.' },
  { name: 'community.code', type: 'text-code', nullable: true, description: 'Community (社区) code; empty above community level.' },
  { name: 'community.name', type: 'string', nullable: true, description: 'Community name.' },
  { name: 'grid.code', type: 'text-code', nullable: true, description: 'Grid (网格) code; empty above grid level.' },
  { name: 'grid.name', type: 'string', nullable: true, description: 'Grid name.' },
];

const addressColumns: Column[] = [
  { name: 'code', type: 'text-code', description: 'Standard address code (SZDB/Z 281—2017).' },
  { name: 'level', type: 'string', enum: 'AddressLevel', description: 'Level in the hierarchy, given by the code length.' },
  { name: 'name', type: 'string', description: 'Short name at this level.' },
  { name: 'fullName', type: 'string', description: '地址全称: the whole address in words.' },
];

const addressVariables = '$code: AddressCode!, $first: Int!, $after: String, $levels: [AddressLevel!]';

export const addressesView: View = {
  name: 'addresses',
  entitySet: 'Addresses',
  entityType: 'Address',
  title: 'Addresses',
  description: 'Every standard address of the district at every level (district, subdistrict, community, grid, building, room), with the codes and names of its parent and ancestors, in code order.',
  scopes: [],
  operation: /* GraphQL */ `
    query BridgeAddresses(${addressVariables}) {
      addressesUnder(code: $code, levels: $levels, first: $first, after: $after) {
        edges { node { code level name fullName ${ancestry} } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
  root: 'code',
  connection: 'addressesUnder',
  columns: [...addressColumns, ...ancestryColumns],
  key: ['code'],
  order: 'by code, ascending (a parent before its children)',
  orderBy: [['code', 'asc']],
  filters: [
    underFilter('code'),
    { name: 'level', description: 'Only addresses of these levels, comma-separated.', type: 'enum-list', enum: 'AddressLevel', variable: 'levels', column: 'level', op: 'in' },
  ],
  maxPage: 5000,
};

export const buildingsView: View = {
  name: 'buildings',
  entitySet: 'Buildings',
  entityType: 'Building',
  title: 'Buildings',
  description: 'Every building (楼栋) of the district with its registry facts, community and grid, in code order.',
  scopes: [],
  operation: /* GraphQL */ `
    query BridgeBuildings(${addressVariables}) {
      addressesUnder(code: $code, levels: $levels, first: $first, after: $after) {
        edges { node { code name fullName community: ancestor(level: COMMUNITY) { code name } grid: ancestor(level: GRID) { code name }
          building { road doorNumber estate designation type floorsAboveGround floorsBelowGround yearBuilt location { longitude latitude } aliases } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
  root: 'code',
  variables: { levels: ['BUILDING'] },
  connection: 'addressesUnder',
  columns: [
    { name: 'code', type: 'text-code', description: 'Building code (19 characters).' },
    { name: 'name', type: 'string', description: 'Short name, e.g. 28栋.' },
    { name: 'fullName', type: 'string', description: 'The whole address in words.' },
    { name: 'community.code', type: 'text-code', description: 'Community (社区) code.' },
    { name: 'community.name', type: 'string', description: 'Community name.' },
    { name: 'grid.code', type: 'text-code', description: 'Grid (网格) code.' },
    { name: 'building.road', type: 'string', nullable: true, description: 'Road of the door number.' },
    { name: 'building.doorNumber', type: 'text-code', nullable: true, description: 'Door number on the road.' },
    { name: 'building.estate', type: 'string', nullable: true, description: 'Estate, village or complex.' },
    { name: 'building.designation', type: 'string', nullable: true, description: 'Building designation (28 for 28栋).' },
    { name: 'building.type', type: 'string', enum: 'BuildingType', nullable: true, description: 'What the building is used as.' },
    { name: 'building.floorsAboveGround', type: 'integer', nullable: true, description: 'Floors above ground.' },
    { name: 'building.floorsBelowGround', type: 'integer', nullable: true, description: 'Floors below ground.' },
    { name: 'building.yearBuilt', type: 'integer', nullable: true, description: 'Year of completion.' },
    { name: 'building.location.longitude', type: 'number', nullable: true, description: 'Longitude, WGS-84 degrees east.' },
    { name: 'building.location.latitude', type: 'number', nullable: true, description: 'Latitude, WGS-84 degrees north.' },
    { name: 'building.aliases', type: 'string', get: (row) => ((row.building as { aliases?: string[] } | null)?.aliases ?? []).join(' | '), description: 'Other names (俗称, 曾用名), joined with " | ".' },
  ],
  key: ['code'],
  order: 'by code, ascending',
  orderBy: [['code', 'asc']],
  filters: [underFilter('code')],
  maxPage: 5000,
};

export const roomsView: View = {
  name: 'rooms',
  entitySet: 'Rooms',
  entityType: 'Room',
  title: 'Rooms',
  description: 'Every room (房屋) of the district with its floor, unit, number, use and area, in code order.',
  scopes: [],
  operation: /* GraphQL */ `
    query BridgeRooms(${addressVariables}) {
      addressesUnder(code: $code, levels: $levels, first: $first, after: $after) {
        edges { node { code name fullName parent { code } community: ancestor(level: COMMUNITY) { code } room { floor unit number use areaSquareMeters } } }
        pageInfo { hasNextPage endCursor }
      }
    }`,
  root: 'code',
  variables: { levels: ['ROOM'] },
  connection: 'addressesUnder',
  columns: [
    { name: 'code', type: 'text-code', description: 'Room code (25 characters).' },
    { name: 'name', type: 'string', description: 'Short name, e.g. 1203房.' },
    { name: 'fullName', type: 'string', description: 'The whole address in words.' },
    { name: 'parent.code', type: 'text-code', description: 'Code of the building the room is in.' },
    { name: 'community.code', type: 'text-code', description: 'Community (社区) code.' },
    { name: 'room.floor', type: 'integer', nullable: true, description: 'Floor; negative below ground.' },
    { name: 'room.unit', type: 'string', nullable: true, description: 'Unit (单元).' },
    { name: 'room.number', type: 'text-code', nullable: true, description: 'Room number as on the door.' },
    { name: 'room.use', type: 'string', enum: 'RoomUse', nullable: true, description: 'What the room is used as.' },
    { name: 'room.areaSquareMeters', type: 'number', nullable: true, description: 'Floor area in square metres.' },
  ],
  key: ['code'],
  order: 'by code, ascending',
  orderBy: [['code', 'asc']],
  filters: [underFilter('code')],
  maxPage: 5000,
};
