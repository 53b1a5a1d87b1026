/**
 * The three questions the benchmark asks, as GraphQL operations for the gateways, plus the key
 * numbers every variant (including the hand-written SQL floor) must agree on before timing.
 */
import { ROOM_360_FIELDS } from '../gateway/example-query.ts';
import { SHOWCASE } from '../seeds/showcase.ts';

export type QueryId = 'Q1' | 'Q2' | 'Q3';

export type BenchQuery = {
  id: QueryId;
  title: string;
  /** The GraphQL operation sent to both gateways. */
  query: string;
  /** The showcase address it asks about. */
  variables: { code: string };
  /** The level of address it takes, for the spread workload's samples. */
  level: 'ROOM' | 'BUILDING' | 'COMMUNITY';
  /** Numbers that must match across every variant, taken from a response's `data`. */
  keyFacts(data: unknown): Record<string, number>;
};

/** Q1: everything about the showcase room (the selection of gateway/example-query.ts EXAMPLE_QUERY). */
const ROOM_360 = `query Room360($code: AddressCode!) {
  address(code: $code) {
${ROOM_360_FIELDS}
  }
}`;

/** Q2: every room of the showcase building with its people, entities, events and cases. */
const BUILDING_FAN_OUT = `query BuildingFanOut($code: AddressCode!) {
  address(code: $code) {
    code
    fullName
    children(first: 500) {
      totalCount
      edges {
        node {
          code
          name
          residentCount
          residents(first: 5) { edges { node { name } } }
          entityCount
          eventStats { total open }
          caseStats { total }
        }
      }
    }
  }
}`;

/** Q3: the showcase community rolled up, with its grids. */
const COMMUNITY_ROLL_UP = `query CommunityRollUp($code: AddressCode!) {
  address(code: $code) {
    code
    name
    residentCount
    entityCount
    eventStats { total open byKind { kind count } }
    caseStats(kind: [MEDIATION]) { total byOutcome { outcome count } }
    children(first: 100) {
      totalCount
      edges { node { code name residentCount eventStats { total } } }
    }
  }
}`;

/* Loose views of the response shapes, for reading key numbers only. */
type Edges<T> = { edges: { node: T }[] } | null;
type Q1Data = {
  address: {
    residentCount: number | null;
    residents: Edges<unknown>;
    entities: Edges<unknown>;
    eventStats: { total: number; open: number } | null;
    events: Edges<unknown>;
    cases: Edges<{ parties: unknown[]; relatedEvents: unknown[] }>;
    ancestors: unknown[];
  } | null;
};
type Q2Data = {
  address: {
    children: {
      totalCount: number;
      edges: {
        node: {
          residentCount: number | null;
          residents: Edges<unknown>;
          entityCount: number | null;
          eventStats: { total: number; open: number } | null;
          caseStats: { total: number } | null;
        };
      }[];
    };
  } | null;
};
type Q3Data = {
  address: {
    residentCount: number | null;
    entityCount: number | null;
    eventStats: { total: number; open: number; byKind: { count: number }[] } | null;
    caseStats: { total: number; byOutcome: { count: number }[] } | null;
    children: { totalCount: number; edges: { node: { residentCount: number | null; eventStats: { total: number } | null } }[] };
  } | null;
};

const NaNIfMissing = (n: number | null | undefined): number => (typeof n === 'number' ? n : Number.NaN);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export const QUERIES: readonly BenchQuery[] = [
  {
    id: 'Q1',
    title: 'Room 360° (showcase room, all five subgraphs)',
    query: ROOM_360,
    variables: { code: SHOWCASE.roomCode },
    level: 'ROOM',
    keyFacts(data) {
      const a = (data as Q1Data).address;
      return {
        residentCount: NaNIfMissing(a?.residentCount),
        residentsListed: NaNIfMissing(a?.residents?.edges.length),
        ancestors: NaNIfMissing(a?.ancestors.length),
        entitiesListed: NaNIfMissing(a?.entities?.edges.length),
        eventTotal: NaNIfMissing(a?.eventStats?.total),
        eventOpen: NaNIfMissing(a?.eventStats?.open),
        eventsListed: NaNIfMissing(a?.events?.edges.length),
        casesListed: NaNIfMissing(a?.cases?.edges.length),
        caseParties: a?.cases ? sum(a.cases.edges.map((e) => e.node.parties.length)) : Number.NaN,
        caseRelatedEvents: a?.cases ? sum(a.cases.edges.map((e) => e.node.relatedEvents.length)) : Number.NaN,
      };
    },
  },
  {
    id: 'Q2',
    title: 'Building fan-out (every room of the showcase building)',
    query: BUILDING_FAN_OUT,
    variables: { code: SHOWCASE.buildingCode },
    level: 'BUILDING',
    keyFacts(data): Record<string, number> {
      const c = (data as Q2Data).address?.children;
      if (!c) return { rooms: Number.NaN };
      const nodes = c.edges.map((e) => e.node);
      return {
        rooms: nodes.length,
        roomTotalCount: c.totalCount,
        residentCount: sum(nodes.map((n) => NaNIfMissing(n.residentCount))),
        residentsListed: sum(nodes.map((n) => NaNIfMissing(n.residents?.edges.length))),
        entityCount: sum(nodes.map((n) => NaNIfMissing(n.entityCount))),
        eventTotal: sum(nodes.map((n) => NaNIfMissing(n.eventStats?.total))),
        eventOpen: sum(nodes.map((n) => NaNIfMissing(n.eventStats?.open))),
        caseTotal: sum(nodes.map((n) => NaNIfMissing(n.caseStats?.total))),
      };
    },
  },
  {
    id: 'Q3',
    title: 'Community roll-up (showcase community and its grids)',
    query: COMMUNITY_ROLL_UP,
    variables: { code: SHOWCASE.communityCode },
    level: 'COMMUNITY',
    keyFacts(data): Record<string, number> {
      const a = (data as Q3Data).address;
      if (!a) return { residentCount: Number.NaN };
      const grids = a.children.edges.map((e) => e.node);
      return {
        residentCount: NaNIfMissing(a.residentCount),
        entityCount: NaNIfMissing(a.entityCount),
        eventTotal: NaNIfMissing(a.eventStats?.total),
        eventOpen: NaNIfMissing(a.eventStats?.open),
        eventByKindSum: a.eventStats ? sum(a.eventStats.byKind.map((k) => k.count)) : Number.NaN,
        mediationTotal: NaNIfMissing(a.caseStats?.total),
        mediationByOutcomeSum: a.caseStats ? sum(a.caseStats.byOutcome.map((o) => o.count)) : Number.NaN,
        grids: grids.length,
        gridResidentSum: sum(grids.map((g) => NaNIfMissing(g.residentCount))),
        gridEventSum: sum(grids.map((g) => NaNIfMissing(g.eventStats?.total))),
      };
    },
  },
];

/** The HTTP body a GraphQL gateway receives for a query about one address. */
export function graphqlBody(q: BenchQuery, code: string): string {
  return JSON.stringify({ query: q.query, variables: { code } });
}
