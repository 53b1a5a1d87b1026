/**
 * The floor: each benchmark question answered by ONE hand-written SQL statement that reads all
 * five schemas at once and builds the whole response (the same JSON shape as the GraphQL `data`)
 * inside PostgreSQL, so the server only forwards text. No subgraph may do this (each reads only
 * its own schema); the floor shows what the federation layers cost on top of the data work.
 *
 * The semantics follow the subgraph repositories: a subtree is the code range
 * [code, nextPrefix(code)); residents are current residences in (address_code, person_id) order;
 * entities are registered or operating in the range, by credit code; events newest first by
 * (reported_at, id); cases newest first by (filed_on, id); "open" events are REPORTED or ASSIGNED;
 * stats lists are largest first with ties in schema enum order.
 */
import { nextPrefix } from '../lib/address-code.ts';
import type { BenchQuery, QueryId } from './queries.ts';

/** Next code prefix of a column, in SQL (the same as lib/address-code.ts nextPrefix). */
const NEXT = (col: string) => `(left(${col}, -1) || chr(ascii(right(${col}, 1)) + 1)) COLLATE "C"`;

const OPEN_EVENT = `e.status IN ('REPORTED', 'ASSIGNED')`;
const EVENT_KIND_ORDER = `ARRAY['SAFETY_HAZARD','FIRE_HAZARD','DISPUTE','ILLEGAL_CONSTRUCTION','PUBLIC_ORDER','ENVIRONMENT','SANITATION','TRAFFIC','OTHER']`;
const CASE_OUTCOME_ORDER = `ARRAY['MEDIATED','WITHDRAWN','JUDGED','REFERRED','REJECTED','FAILED']`;

/** Entities registered or operating in [lo, hi) (both address indexes, OR-ed). */
const ENTITY_IN = (lo: string, hi: string) => `
  ((e.registered_address_code >= ${lo} AND e.registered_address_code < ${hi})
    OR (e.business_address_code >= ${lo} AND e.business_address_code < ${hi}))`;

/** $1 room code, $2 nextPrefix($1). */
const ROOM_360 = `/* bench.floor.room360 */
SELECT json_build_object('data', json_build_object('address', (
  SELECT json_build_object(
    'code', a.code,
    'level', a.level,
    'fullName', a.full_name,
    'room', CASE WHEN a.level = 'ROOM' THEN json_build_object(
      'floor', a.floor, 'number', a.room_no, 'use', a.room_use, 'areaSquareMeters', a.area_m2) END,
    'building', (
      SELECT json_build_object('estate', b.estate, 'designation', b.building_no, 'type', b.building_type,
        'floorsAboveGround', b.floors_above,
        'location', CASE WHEN b.longitude IS NOT NULL AND b.latitude IS NOT NULL
          THEN json_build_object('longitude', b.longitude, 'latitude', b.latitude) END)
      FROM buildings.address b WHERE length(a.code) >= 19 AND b.code = left(a.code, 19)),
    'ancestors', (
      SELECT coalesce(json_agg(json_build_object('level', p.level, 'name', p.name) ORDER BY p.code), '[]')
      FROM buildings.address p
      WHERE p.code = ANY (ARRAY[left(a.code, 6), left(a.code, 9), left(a.code, 12), left(a.code, 14), left(a.code, 19)])
        AND length(p.code) < length(a.code)),
    'residentCount', (
      SELECT count(*) FROM people.residence r WHERE r.until IS NULL AND r.address_code >= $1 AND r.address_code < $2),
    'residents', (
      SELECT json_build_object('edges', coalesce(json_agg(json_build_object(
          'residence', json_build_object('relation', x.relation, 'since', x.since),
          'node', json_build_object('name', x.name, 'gender', x.gender, 'householdType', x.household_type))
        ORDER BY x.address_code, x.person_id), '[]'))
      FROM (
        SELECT r.address_code, r.person_id, r.relation, r.since, p.name, p.gender, p.household_type
        FROM people.residence r JOIN people.person p ON p.id = r.person_id
        WHERE r.until IS NULL AND r.address_code >= $1 AND r.address_code < $2
        ORDER BY r.address_code, r.person_id LIMIT 10) x),
    'entities', (
      SELECT json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
          'name', x.name, 'kind', x.kind, 'status', x.status,
          'legalRepresentative', (SELECT json_build_object('name', p.name) FROM people.person p WHERE p.id = x.legal_rep_person_id)))
        ORDER BY x.credit_code), '[]'))
      FROM (
        SELECT e.credit_code, e.name, e.kind, e.status, e.legal_rep_person_id FROM entities.legal_entity e
        WHERE ${ENTITY_IN('$1', '$2')}
        ORDER BY e.credit_code LIMIT 5) x),
    'eventStats', (
      SELECT json_build_object('total', count(*), 'open', count(*) FILTER (WHERE ${OPEN_EVENT}))
      FROM events.event e WHERE e.address_code >= $1 AND e.address_code < $2),
    'events', (
      SELECT json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
          'kind', x.kind, 'severity', x.severity, 'status', x.status,
          'reportedAt', to_char(x.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'description', x.description))
        ORDER BY x.reported_at DESC, x.id DESC), '[]'))
      FROM (
        SELECT e.id, e.kind, e.severity, e.status, e.reported_at, e.description FROM events.event e
        WHERE e.address_code >= $1 AND e.address_code < $2
        ORDER BY e.reported_at DESC, e.id DESC LIMIT 5) x),
    'cases', (
      SELECT json_build_object('edges', coalesce(json_agg(json_build_object('node', json_build_object(
          'kind', x.kind, 'status', x.status, 'outcome', x.outcome, 'summary', x.summary,
          'parties', (
            SELECT coalesce(json_agg(json_build_object(
                'role', cp.role,
                'person', (SELECT json_build_object('name', p.name) FROM people.person p WHERE p.id = cp.person_id),
                'entity', (SELECT json_build_object('name', le.name) FROM entities.legal_entity le WHERE le.credit_code = cp.credit_code))
              ORDER BY cp.party_no), '[]')
            FROM cases.case_party cp WHERE cp.case_id = x.id),
          'relatedEvents', (
            SELECT coalesce(json_agg(json_build_object('kind', ev.kind, 'status', ev.status) ORDER BY ce.event_id), '[]')
            FROM cases.case_event ce JOIN events.event ev ON ev.id = ce.event_id WHERE ce.case_id = x.id)))
        ORDER BY x.filed_on DESC, x.id DESC), '[]'))
      FROM (
        SELECT c.id, c.kind, c.status, c.outcome, c.summary, c.filed_on FROM cases.legal_case c
        WHERE c.address_code >= $1 AND c.address_code < $2
        ORDER BY c.filed_on DESC, c.id DESC LIMIT 5) x))
  FROM buildings.address a WHERE a.code = $1)))::text AS body`;

/** $1 building code. Each room's subtree is [room, nextPrefix(room)). */
const BUILDING_FAN_OUT = `/* bench.floor.buildingFanOut */
SELECT json_build_object('data', json_build_object('address', (
  SELECT json_build_object(
    'code', a.code,
    'fullName', a.full_name,
    'children', json_build_object(
      'totalCount', (SELECT count(*) FROM buildings.address c WHERE c.parent_code = a.code),
      'edges', (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object(
            'code', c.code,
            'name', c.name,
            'residentCount', (
              SELECT count(*) FROM people.residence r WHERE r.until IS NULL AND r.address_code >= c.lo AND r.address_code < c.hi),
            'residents', json_build_object('edges', (
              SELECT coalesce(json_agg(json_build_object('node', json_build_object('name', x.name)) ORDER BY x.address_code, x.person_id), '[]')
              FROM (
                SELECT r.address_code, r.person_id, p.name FROM people.residence r JOIN people.person p ON p.id = r.person_id
                WHERE r.until IS NULL AND r.address_code >= c.lo AND r.address_code < c.hi
                ORDER BY r.address_code, r.person_id LIMIT 5) x)),
            'entityCount', (SELECT count(*) FROM entities.legal_entity e WHERE ${ENTITY_IN('c.lo', 'c.hi')}),
            'eventStats', (
              SELECT json_build_object('total', count(*), 'open', count(*) FILTER (WHERE ${OPEN_EVENT}))
              FROM events.event e WHERE e.address_code >= c.lo AND e.address_code < c.hi),
            'caseStats', (
              SELECT json_build_object('total', count(*)) FROM cases.legal_case k WHERE k.address_code >= c.lo AND k.address_code < c.hi)))
          ORDER BY c.code), '[]')
        FROM (
          SELECT c.code, c.name, c.code AS lo, ${NEXT('c.code')} AS hi FROM buildings.address c
          WHERE c.parent_code = a.code ORDER BY c.code LIMIT 500) c)))
  FROM buildings.address a WHERE a.code = $1)))::text AS body`;

/** $1 community code, $2 nextPrefix($1). */
const COMMUNITY_ROLL_UP = `/* bench.floor.communityRollUp */
SELECT json_build_object('data', json_build_object('address', (
  SELECT json_build_object(
    'code', a.code,
    'name', a.name,
    'residentCount', (
      SELECT count(*) FROM people.residence r WHERE r.until IS NULL AND r.address_code >= $1 AND r.address_code < $2),
    'entityCount', (SELECT count(*) FROM entities.legal_entity e WHERE ${ENTITY_IN('$1', '$2')}),
    'eventStats', (
      SELECT json_build_object(
        'total', coalesce(sum(g.n), 0),
        'open', coalesce(sum(g.open), 0),
        'byKind', coalesce(json_agg(json_build_object('kind', g.kind, 'count', g.n)
          ORDER BY g.n DESC, array_position(${EVENT_KIND_ORDER}, g.kind)), '[]'))
      FROM (
        SELECT e.kind, count(*) AS n, count(*) FILTER (WHERE ${OPEN_EVENT}) AS open FROM events.event e
        WHERE e.address_code >= $1 AND e.address_code < $2 GROUP BY e.kind) g),
    'caseStats', (
      SELECT json_build_object(
        'total', coalesce(sum(g.n), 0),
        'byOutcome', coalesce(json_agg(json_build_object('outcome', g.outcome, 'count', g.n)
          ORDER BY g.n DESC, array_position(${CASE_OUTCOME_ORDER}, g.outcome)) FILTER (WHERE g.outcome IS NOT NULL), '[]'))
      FROM (
        SELECT c.outcome, count(*) AS n FROM cases.legal_case c
        WHERE c.address_code >= $1 AND c.address_code < $2 AND c.kind = 'MEDIATION' GROUP BY c.outcome) g),
    'children', json_build_object(
      'totalCount', (SELECT count(*) FROM buildings.address c WHERE c.parent_code = a.code),
      'edges', (
        SELECT coalesce(json_agg(json_build_object('node', json_build_object(
            'code', c.code,
            'name', c.name,
            'residentCount', (
              SELECT count(*) FROM people.residence r WHERE r.until IS NULL AND r.address_code >= c.lo AND r.address_code < c.hi),
            'eventStats', (
              SELECT json_build_object('total', count(*)) FROM events.event e WHERE e.address_code >= c.lo AND e.address_code < c.hi)))
          ORDER BY c.code), '[]')
        FROM (
          SELECT c.code, c.name, c.code AS lo, ${NEXT('c.code')} AS hi FROM buildings.address c
          WHERE c.parent_code = a.code ORDER BY c.code LIMIT 100) c)))
  FROM buildings.address a WHERE a.code = $1)))::text AS body`;

type Statement = { text: string; values(code: string): string[] };

/** The one statement per question, with its bind values for an address code. */
export const FLOOR_STATEMENTS: Readonly<Record<QueryId, Statement>> = {
  Q1: { text: ROOM_360, values: (code) => [code, nextPrefix(code)] },
  Q2: { text: BUILDING_FAN_OUT, values: (code) => [code] },
  Q3: { text: COMMUNITY_ROLL_UP, values: (code) => [code, nextPrefix(code)] },
};

/** The HTTP path and body the floor server takes for a question about one address. */
export function floorRequest(q: BenchQuery, code: string): { path: string; body: string } {
  return { path: `/floor/${q.id}`, body: JSON.stringify({ code }) };
}
