/**
 * Deterministic synthetic data for the whole graph: the address registry of Futian district down
 * to single rooms, the people living there, legal entities operating there, events reported
 * there and cases filed about them.
 *
 * Pure: no database, no clock, no Math.random. The same options always give the same rows, byte
 * for byte. Rows are produced one community at a time from a generator seeded by
 * (seed, community code), so memory stays bounded at any scale and a community's rows do not
 * depend on which other communities are generated. Identifiers that must be unique across the
 * dataset (identity numbers, credit codes) embed the community's index in the official division
 * list, so communities generated independently can never collide.
 */
import { FUTIAN_DIVISIONS } from '../address/divisions.ts';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, idCardCheckChar, organizationCodeCheckChar } from '../lib/check-digits.ts';
import type { SubgraphName } from '../lib/config.ts';
import {
  ARCHETYPE_BUILDINGS, ARCHETYPE_MIX, COMMERCIAL_SUFFIXES, COMMUNITY_PROFILES, ESTATE_SUFFIXES, INDUSTRIAL_SUFFIXES,
  OFFICE_SUFFIXES, PLACE_BRANDS, PUBLIC_KINDS, SUBDISTRICT_GEO,
  type CommunityProfile, type NamedPlace, type Village,
} from './places.ts';
import { Rng, type Weighted } from './prng.ts';
import { SHOWCASE, SHOWCASE_BUILDING } from './showcase.ts';
import {
  BRAND_CHARS, CASE_TEXTS, EVENT_TEXTS, FEMALE_CHARS, FUTIAN_REGION, INDUSTRIAL_TRADES, MALE_CHARS, MIGRANT_REGIONS,
  OFFICE_TRADES, PHONE_PREFIXES, PUBLIC_INDUSTRY, SHOP_COMPANY_TRADES, SHOP_TRADES, SOCIAL_TRADES, SURNAMES,
} from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Options

/** How much data to generate, plus an optional seed (default 'futian'). */
export type SeedOptions = ({ size: 'small' | 'demo' } | { scale: number }) & { seed?: string };

/** Communities of the `small` size: an urban village, a tech park, a residential estate. */
export const SMALL_COMMUNITIES = ['440304004028', '440304005040', '440304007021'] as const;
/** Largest accepted scale; about scale 28 matches the real district. */
export const MAX_SCALE = 60;
const DEFAULT_SEED = 'futian';

/**
 * The fixed "now" of the dataset. Dates are placed relative to it, never to the wall clock, so
 * output does not change from one day to the next.
 */
export const REFERENCE_INSTANT = '2026-11-01T00:00:00+08:00';

export type SeedPlan = {
  /** Communities to generate, in division-list order. */
  communities: readonly Division[];
  /** Multiplier of each community's demo building count. */
  factor: number;
  seed: string;
};

/** Validates options and resolves them to a plan; throws a RangeError naming the problem. */
export function planOf(options: SeedOptions): SeedPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  if (typeof seed !== 'string' || seed.length === 0) throw new RangeError('seed must be a non-empty string');
  if ('scale' in options) {
    const { scale } = options;
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
      throw new RangeError(`scale must be a number above 0 and at most ${MAX_SCALE}, got ${String(scale)}`);
    }
    return { communities: COMMUNITIES, factor: scale, seed };
  }
  if (options.size === 'demo') return { communities: COMMUNITIES, factor: 1, seed };
  if (options.size === 'small') {
    return { communities: COMMUNITIES.filter((c) => (SMALL_COMMUNITIES as readonly string[]).includes(c.code)), factor: 1, seed };
  }
  throw new RangeError(`size must be "small" or "demo", got ${JSON.stringify((options as { size?: unknown }).size)}`);
}

// ---------------------------------------------------------------------------------------------
// Tables and rows

export type AddressLevelName = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY' | 'GRID' | 'BUILDING' | 'ROOM';
export type BuildingType = 'URBAN_VILLAGE' | 'RESIDENTIAL_ESTATE' | 'OFFICE' | 'COMMERCIAL' | 'INDUSTRIAL' | 'PUBLIC';
export type RoomUse = 'RESIDENTIAL' | 'OFFICE' | 'SHOP' | 'DORMITORY' | 'STORAGE' | 'PUBLIC_SERVICE' | 'OTHER';

export type AddressRow = {
  code: string;
  level: AddressLevelName;
  parent_code: string | null;
  name: string;
  full_name: string;
  search_text: string;
  road: string | null;
  door_number: string | null;
  estate: string | null;
  building_no: string | null;
  building_type: BuildingType | null;
  floors_above: number | null;
  floors_below: number | null;
  year_built: number | null;
  longitude: number | null;
  latitude: number | null;
  aliases: string[];
  floor: number | null;
  unit: string | null;
  room_no: string | null;
  room_use: RoomUse | null;
  area_m2: number | null;
};
export type PersonRow = {
  id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birth_date: string;
  id_number: string;
  phone: string | null;
  household_type: 'REGISTERED' | 'MIGRANT';
};
export type ResidenceRow = {
  person_id: string;
  address_code: string;
  relation: 'OWNER' | 'TENANT' | 'FAMILY' | 'COLLECTIVE';
  since: string;
  until: string | null;
};
export type EntityKind = 'COMPANY' | 'INDIVIDUAL_BUSINESS' | 'SOCIAL_ORGANIZATION' | 'PUBLIC_INSTITUTION';
export type LegalEntityRow = {
  credit_code: string;
  name: string;
  kind: EntityKind;
  industry: string;
  status: 'ACTIVE' | 'REVOKED' | 'CANCELLED';
  registered_on: string;
  registered_address_code: string | null;
  business_address_code: string | null;
  legal_rep_person_id: string | null;
};
export type EventKind = 'SAFETY_HAZARD' | 'FIRE_HAZARD' | 'DISPUTE' | 'ILLEGAL_CONSTRUCTION' | 'PUBLIC_ORDER' | 'ENVIRONMENT' | 'SANITATION' | 'TRAFFIC' | 'OTHER';
export type EventRow = {
  id: string;
  kind: EventKind;
  source: 'GRID_PATROL' | 'HOTLINE_12345' | 'SENSOR' | 'APP' | 'WALK_IN' | 'REFERRAL';
  severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  status: 'REPORTED' | 'ASSIGNED' | 'RESOLVED' | 'CLOSED';
  reported_at: string;
  resolved_at: string | null;
  description: string;
  address_code: string;
};
export type EventPersonRow = { event_id: string; person_id: string; role: 'REPORTER' | 'INVOLVED' | 'RESPONSIBLE' | 'WITNESS' };
export type EventEntityRow = { event_id: string; credit_code: string; role: 'INVOLVED' | 'RESPONSIBLE' };
export type CaseKind = 'MEDIATION' | 'LITIGATION' | 'PETITION' | 'LEGAL_AID' | 'ARBITRATION' | 'FINANCIAL';
export type CaseOutcome = 'MEDIATED' | 'WITHDRAWN' | 'JUDGED' | 'REFERRED' | 'REJECTED' | 'FAILED';
export type LegalCaseRow = {
  id: string;
  kind: CaseKind;
  status: 'FILED' | 'ACCEPTED' | 'IN_PROGRESS' | 'CLOSED';
  filed_on: string;
  closed_on: string | null;
  outcome: CaseOutcome | null;
  summary: string;
  address_code: string;
};
export type CasePartyRow = {
  case_id: string;
  party_no: number;
  role: 'APPLICANT' | 'RESPONDENT' | 'THIRD_PARTY';
  person_id: string | null;
  credit_code: string | null;
};
export type CaseEventRow = { case_id: string; event_id: string };

/** Row type of every seeded table. */
export type TableRows = {
  'buildings.address': AddressRow;
  'people.person': PersonRow;
  'people.residence': ResidenceRow;
  'entities.legal_entity': LegalEntityRow;
  'events.event': EventRow;
  'events.event_person': EventPersonRow;
  'events.event_entity': EventEntityRow;
  'cases.legal_case': LegalCaseRow;
  'cases.case_party': CasePartyRow;
  'cases.case_event': CaseEventRow;
};
export type TableName = keyof TableRows;

export type TableSpec<K extends TableName> = {
  name: K;
  subgraph: SubgraphName;
  /** COPY column order (generated columns such as residence.id are left out). */
  columns: readonly (keyof TableRows[K] & string)[];
};

/** The spec of any one table. */
export type AnyTableSpec = { [K in TableName]: TableSpec<K> }[TableName];

/** Every seeded table in load order: parents before children within each subgraph. */
export const TABLES: readonly AnyTableSpec[] = [
  {
    name: 'buildings.address',
    subgraph: 'buildings',
    columns: ['code', 'level', 'parent_code', 'name', 'full_name', 'search_text', 'road', 'door_number', 'estate', 'building_no',
      'building_type', 'floors_above', 'floors_below', 'year_built', 'longitude', 'latitude', 'aliases', 'floor', 'unit', 'room_no',
      'room_use', 'area_m2'],
  } satisfies TableSpec<'buildings.address'>,
  { name: 'people.person', subgraph: 'people', columns: ['id', 'name', 'gender', 'birth_date', 'id_number', 'phone', 'household_type'] } satisfies TableSpec<'people.person'>,
  { name: 'people.residence', subgraph: 'people', columns: ['person_id', 'address_code', 'relation', 'since', 'until'] } satisfies TableSpec<'people.residence'>,
  {
    name: 'entities.legal_entity',
    subgraph: 'entities',
    columns: ['credit_code', 'name', 'kind', 'industry', 'status', 'registered_on', 'registered_address_code', 'business_address_code', 'legal_rep_person_id'],
  } satisfies TableSpec<'entities.legal_entity'>,
  {
    name: 'events.event',
    subgraph: 'events',
    columns: ['id', 'kind', 'source', 'severity', 'status', 'reported_at', 'resolved_at', 'description', 'address_code'],
  } satisfies TableSpec<'events.event'>,
  { name: 'events.event_person', subgraph: 'events', columns: ['event_id', 'person_id', 'role'] } satisfies TableSpec<'events.event_person'>,
  { name: 'events.event_entity', subgraph: 'events', columns: ['event_id', 'credit_code', 'role'] } satisfies TableSpec<'events.event_entity'>,
  {
    name: 'cases.legal_case',
    subgraph: 'cases',
    columns: ['id', 'kind', 'status', 'filed_on', 'closed_on', 'outcome', 'summary', 'address_code'],
  } satisfies TableSpec<'cases.legal_case'>,
  { name: 'cases.case_party', subgraph: 'cases', columns: ['case_id', 'party_no', 'role', 'person_id', 'credit_code'] } satisfies TableSpec<'cases.case_party'>,
  { name: 'cases.case_event', subgraph: 'cases', columns: ['case_id', 'event_id'] } satisfies TableSpec<'cases.case_event'>,
];

export type Rows = { [K in TableName]: TableRows[K][] };

/** The rows of one community (or, with community null, of the district and its subdistricts). */
export type Batch = { community: string | null; rows: Rows };

function emptyRows(): Rows {
  return Object.fromEntries(TABLES.map((t) => [t.name, []])) as unknown as Rows;
}

// ---------------------------------------------------------------------------------------------
// Divisions (seeds/futian-divisions.csv, read by address/divisions.ts)

export type Division = {
  level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY';
  code: string;
  /** Address name: 福田区, 福田街道, 水围社区 (the committee's 居委会 dropped). */
  name: string;
  /** Name in the official list (水围社区居委会). */
  officialName: string;
  parentCode: string | null;
  /** Position among communities in the official list; part of generated identifiers. */
  index: number;
};

/** The official list as the standardizer reads it (one loader of the CSV), plus generator fields. */
function loadDivisions(): Division[] {
  let communityIndex = 0;
  return FUTIAN_DIVISIONS.map((d) => ({
    level: d.level,
    code: d.code,
    name: d.name,
    officialName: d.listedName,
    parentCode: d.level === 'DISTRICT' ? null : d.parentCode,
    index: d.level === 'COMMUNITY' ? communityIndex++ : -1,
  }));
}

/** The district, its subdistricts and communities, in official order. */
export const DIVISIONS: readonly Division[] = loadDivisions();
export const DISTRICT: Division = DIVISIONS.find((d) => d.level === 'DISTRICT')!;
export const COMMUNITIES: readonly Division[] = DIVISIONS.filter((d) => d.level === 'COMMUNITY');
const BY_CODE = new Map(DIVISIONS.map((d) => [d.code, d]));

// ---------------------------------------------------------------------------------------------
// Entry points

/**
 * Generates the dataset, one batch per community after a first batch holding the district and
 * the subdistricts the communities belong to. Within a batch, rows of each table are in load
 * order (an address's parent precedes it). Consumers must not keep batches they are done with:
 * at large scales the whole dataset does not fit in memory.
 */
export function* generate(options: SeedOptions): Generator<Batch> {
  const plan = planOf(options);
  const subdistricts = new Set(plan.communities.map((c) => c.parentCode!));
  const top = emptyRows();
  top['buildings.address'].push(divisionRow(DISTRICT));
  for (const d of DIVISIONS) if (d.level === 'SUBDISTRICT' && subdistricts.has(d.code)) top['buildings.address'].push(divisionRow(d));
  yield { community: null, rows: top };
  for (const community of plan.communities) yield { community: community.code, rows: generateCommunityRows(community, plan) };
}

/** The batch of one community, exactly as `generate` yields it for the same options. */
export function generateCommunity(communityCode: string, options: SeedOptions): Batch {
  const plan = planOf(options);
  const community = BY_CODE.get(communityCode);
  if (!community || community.level !== 'COMMUNITY') throw new RangeError(`${communityCode} is not a Futian community code`);
  return { community: communityCode, rows: generateCommunityRows(community, plan) };
}

// ---------------------------------------------------------------------------------------------
// Time

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const REF_MS = Date.parse(REFERENCE_INSTANT);
/** Local (UTC+8) day number of the reference date; the last full day of data is REF_DAY - 1. */
const REF_DAY = Math.floor((REF_MS + 8 * HOUR_MS) / DAY_MS);
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / DAY_MS;
const MIN_BIRTH = dayOf(1940, 1, 1);
const MAX_BIRTH = dayOf(2024, 12, 31);
const CREDIT_REFORM = dayOf(2015, 10, 1);
const fmtDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** An instant as local time with the +08:00 offset. */
const fmtInstant = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 19) + '+08:00';
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

// ---------------------------------------------------------------------------------------------
// Address names

const PROVINCE_CITY = '广东省深圳市';
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function divisionFullName(d: Division): string {
  const parts: string[] = [];
  for (let x: Division | undefined = d; x; x = x.parentCode ? BY_CODE.get(x.parentCode) : undefined) parts.unshift(x.name);
  return PROVINCE_CITY + parts.join('');
}

function addressRow(partial: Partial<AddressRow> & Pick<AddressRow, 'code' | 'level' | 'parent_code' | 'name' | 'full_name'>): AddressRow {
  const aliases = partial.aliases ?? [];
  return {
    search_text: [partial.full_name, partial.name, ...aliases].join(' '),
    road: null, door_number: null, estate: null, building_no: null, building_type: null, floors_above: null, floors_below: null,
    year_built: null, longitude: null, latitude: null, floor: null, unit: null, room_no: null, room_use: null, area_m2: null,
    ...partial,
    aliases,
  };
}

function divisionRow(d: Division): AddressRow {
  return addressRow({
    code: d.code,
    level: d.level,
    parent_code: d.parentCode,
    name: d.name,
    full_name: divisionFullName(d),
    aliases: d.officialName !== d.name ? [d.officialName] : [],
  });
}

/** '28' → '28栋', 'A' → 'A座', '东区2' → '东区2栋'. */
function designation(buildingNo: string): string {
  return /^[A-Z]+$/.test(buildingNo) ? `${buildingNo}座` : `${buildingNo}栋`;
}

// ---------------------------------------------------------------------------------------------
// Community generation

type Place = {
  type: BuildingType;
  name: string;
  road: string;
  aliases: readonly string[];
  /** How buildings are designated. */
  style: 'village' | 'fang' | 'numbers' | 'letters' | 'zones' | 'single' | 'park';
  village?: Village;
  tower: boolean;
  known?: NamedPlace;
  size: number;
  center: [number, number];
};

type BuildingSpec = {
  place: Place;
  type: BuildingType;
  buildingNo: string | null;
  /** The 5-character code part when the designation fixes it (village numbers, lanes). */
  fixedPart: string | null;
  /** A letter prefix for the code part (T0117), about 5% of buildings. */
  letter: string | null;
  dorm: boolean;
  showcase: boolean;
  door: string | null;
};

type Resident = { id: string; surname: string; adult: boolean; birthDay: number };

type Room = {
  row: AddressRow;
  use: RoomUse;
  residents: Resident[];
  entities: string[];
};

type Building = {
  row: AddressRow;
  spec: BuildingSpec;
  rooms: Room[];
  /** Everyone currently living in the building, including collective residents at building level. */
  residents: Resident[];
  entities: string[];
  landlord: Resident | null;
  /** Short place text for descriptions: 水围村28栋, 平安金融中心. */
  label: string;
};

/** Grid numbers run 01-98; 99 stays free for rows that tests create. */
const MAX_GRIDS = 98;
const BOUNDS = { lon: [113.98, 114.1], lat: [22.5, 22.59] } as const;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

type UniquenessFix = { names: Map<string, string>; doors: Map<string, string> };
const uniquenessByPlan = new Map<string, Map<string, UniquenessFix>>();

/**
 * Renames that make the registry unique where reality is: an estate (or single building) name
 * names one place in the district, and a road + door number one entrance. Communities draw
 * their places and doors independently (and in parallel workers), so the same generated name
 * (阳光花园) or door (深南大道 3001号) could come up in two communities; here every community's
 * draws are replayed and the later one (in division order; names and doors of real places
 * always win) is renamed: the place gets the community's name before it (水围阳光花园), the door
 * the next odd number no community draws. Deterministic: a function of the plan alone.
 */
function districtUniqueness(plan: SeedPlan): Map<string, UniquenessFix> {
  // over every community, whichever the plan generates, so a community's rows do not depend on
  // which others are generated with it
  const key = `${plan.seed}|${plan.factor}`;
  const cached = uniquenessByPlan.get(key);
  if (cached) return cached;
  type Drawn = { community: Division; base: string; names: { name: string; known: boolean }[]; doors: { key: string; road: string; door: string; known: boolean }[] };
  const drawn: Drawn[] = COMMUNITIES.map((community) => {
    const g = new CommunityGenerator(community, plan);
    const names = new Map<string, boolean>();
    const doors = new Map<string, { key: string; road: string; door: string; known: boolean }>();
    for (const spec of g.planBuildings(true).flat()) {
      const p = spec.place;
      if (p.type !== 'URBAN_VILLAGE') names.set(p.name, (names.get(p.name) ?? false) || !!p.known);
      if (spec.door) {
        const k = `${p.road}|${spec.door}`;
        const known = spec.showcase || (!!p.known?.door && p.known.door === spec.door);
        doors.set(k, { key: k, road: p.road, door: spec.door, known: (doors.get(k)?.known ?? false) || known });
      }
    }
    return { community, base: g.base, names: [...names].map(([name, known]) => ({ name, known })), doors: [...doors.values()] };
  });
  // owners: real places first, then the first community that draws the name or door
  const nameOwner = new Map<string, string>();
  const doorOwner = new Map<string, string>();
  for (const pass of [true, false]) {
    for (const d of drawn) {
      for (const n of d.names) if (n.known === pass && !nameOwner.has(n.name)) nameOwner.set(n.name, d.community.code);
      for (const x of d.doors) if (x.known === pass && !doorOwner.has(x.key)) doorOwner.set(x.key, d.community.code);
    }
  }
  const takenNames = new Set(nameOwner.keys());
  const takenDoors = new Set(doorOwner.keys());
  const out = new Map<string, UniquenessFix>();
  for (const d of drawn) {
    const fix: UniquenessFix = { names: new Map(), doors: new Map() };
    for (const { name } of d.names) {
      if (nameOwner.get(name) === d.community.code) continue;
      let renamed = `${d.base}${name}`;
      for (let k = 2; takenNames.has(renamed); k++) renamed = `${d.base}${name}${k}期`;
      takenNames.add(renamed);
      fix.names.set(name, renamed);
    }
    for (const x of d.doors) {
      if (doorOwner.get(x.key) === d.community.code || !/^\d+$/.test(x.door)) continue;
      let n = Number(x.door);
      do n += 2;
      while (takenDoors.has(`${x.road}|${n}`));
      takenDoors.add(`${x.road}|${n}`);
      fix.doors.set(x.key, String(n));
    }
    out.set(d.community.code, fix);
  }
  uniquenessByPlan.set(key, out);
  return out;
}

/** Generates every row of one community. */
function generateCommunityRows(community: Division, plan: SeedPlan): Rows {
  const g = new CommunityGenerator(community, plan);
  return g.run();
}

class CommunityGenerator {
  readonly community: Division;
  readonly subdistrict: Division;
  readonly profile: CommunityProfile;
  readonly plan: SeedPlan;
  readonly rows: Rows = emptyRows();
  readonly base: string;
  readonly isShowcase: boolean;
  readonly buildings: Building[] = [];
  readonly adults: Resident[] = [];
  readonly residentialRooms: Room[] = [];
  readonly idSlots = new Map<string, number>();
  readonly orgCounters = new Map<string, number>();
  readonly eventsByAddress = new Map<string, string[]>();
  readonly entityNames = new Map<string, string>();
  readonly residentsById = new Map<string, Resident>();

  constructor(community: Division, plan: SeedPlan) {
    this.community = community;
    this.subdistrict = BY_CODE.get(community.parentCode!)!;
    this.profile = COMMUNITY_PROFILES[community.name] ?? { archetype: 'ESTATE' };
    this.plan = plan;
    this.base = community.name.replace(/社区$/, '').replace(/虚拟$/, '');
    this.isShowcase = community.code === SHOWCASE.communityCode;
  }

  rng(phase: string): Rng {
    return new Rng(`${this.plan.seed}|${this.community.code}|${phase}`);
  }

  run(): Rows {
    const specs = this.planBuildings();
    this.buildAddresses(specs);
    this.populate();
    this.registerEntities();
    this.reportEvents();
    this.fileCases();
    if (this.isShowcase) this.showcaseStory();
    return this.rows;
  }

  // --- buildings and rooms -------------------------------------------------------------------

  /** Decides the community's buildings: how many, of what type, in which places, in which grid. */
  planBuildings(raw = false): BuildingSpec[][] {
    const grids = this.planRawBuildings();
    if (raw) return grids;
    // Names and door numbers unique in the district (see districtUniqueness); the draws above
    // are the same as in the district-wide pass, so its renames apply one for one.
    const fix = districtUniqueness(this.plan).get(this.community.code);
    if (fix) {
      const renamed = new Set<Place>();
      for (const spec of grids.flat()) {
        if (!renamed.has(spec.place)) {
          renamed.add(spec.place);
          spec.place.name = fix.names.get(spec.place.name) ?? spec.place.name;
        }
        if (spec.door) spec.door = fix.doors.get(`${spec.place.road}|${spec.door}`) ?? spec.door;
      }
    }
    return grids;
  }

  /** The community's buildings as drawn, before district-wide uniqueness. */
  planRawBuildings(): BuildingSpec[][] {
    const rng = this.rng('plan');
    const { archetype } = this.profile;
    const variation = rng.real(0.8, 1.25);
    const count = Math.max(3, Math.round(ARCHETYPE_BUILDINGS[archetype] * variation * this.plan.factor));
    const mix = Object.entries(ARCHETYPE_MIX[archetype]).filter(([t]) => t !== 'URBAN_VILLAGE' || this.profile.village) as [BuildingType, number][];
    const counts = new Map<BuildingType, number>();
    for (let i = 0; i < count; i++) {
      const t = rng.weighted(mix);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    if (this.profile.village) {
      // an urban village community is mostly village, whatever the draw
      const want = Math.min(count, Math.max(5, Math.round(count * 0.55)));
      let have = counts.get('URBAN_VILLAGE') ?? 0;
      for (const [t, n] of counts) {
        if (have >= want) break;
        if (t === 'URBAN_VILLAGE') continue;
        const take = Math.min(n, want - have);
        counts.set(t, n - take);
        have += take;
      }
      counts.set('URBAN_VILLAGE', have);
    }
    // at least one home in every community so entities have representatives nearby
    if (!counts.get('URBAN_VILLAGE') && !counts.get('RESIDENTIAL_ESTATE') && !counts.get('INDUSTRIAL')) {
      counts.set('RESIDENTIAL_ESTATE', 1);
    }

    const places = this.makePlaces(rng, counts);
    // the first village cluster leads (the showcase building is in grid 01); the rest interleave
    const first = places.findIndex((p) => p.type === 'URBAN_VILLAGE');
    const lead = first >= 0 ? places.splice(first, 1) : [];
    const ordered = [...lead, ...rng.shuffled(places)];

    const specs = this.designate(rng, ordered);
    // Grids hold about a dozen buildings, more at large scales so that grid numbers stay within
    // 01-98: grid 99 is never generated, tests put their own rows there.
    const grids: BuildingSpec[][] = [];
    const least = Math.ceil(specs.length / MAX_GRIDS);
    let current: BuildingSpec[] = [];
    let capacity = Math.max(least, rng.int(9, 15));
    for (const spec of specs) {
      if (current.length >= capacity) {
        grids.push(current);
        current = [];
        capacity = Math.max(least, rng.int(9, 15));
      }
      current.push(spec);
    }
    if (current.length) grids.push(current);
    return grids;
  }

  makePlaces(rng: Rng, counts: Map<BuildingType, number>): Place[] {
    const places: Place[] = [];
    const used = new Set<string>();
    const center = this.communityCenter(rng);
    const roads = SUBDISTRICT_GEO[this.subdistrict.code].roads;
    const near = (): [number, number] => [
      clamp(center[0] + rng.real(-0.0035, 0.0035), BOUNDS.lon[0] + 0.001, BOUNDS.lon[1] - 0.001),
      clamp(center[1] + rng.real(-0.0025, 0.0025), BOUNDS.lat[0] + 0.001, BOUNDS.lat[1] - 0.001),
    ];
    const uniqueName = (name: string) => {
      let out = name;
      for (let k = 2; used.has(out); k++) out = `${name}${k}期`;
      used.add(out);
      return out;
    };
    const generatedName = (suffixes: readonly string[], first?: string) =>
      uniqueName(first && !used.has(first) ? first : `${rng.pick(PLACE_BRANDS)}${rng.pick(suffixes)}`);

    for (const type of ['URBAN_VILLAGE', 'RESIDENTIAL_ESTATE', 'OFFICE', 'COMMERCIAL', 'INDUSTRIAL', 'PUBLIC'] as const) {
      let remaining = counts.get(type) ?? 0;
      let known = 0;
      let publicKind = 0;
      while (remaining > 0) {
        let place: Place;
        if (type === 'URBAN_VILLAGE') {
          const village = this.profile.village!;
          const size = Math.min(remaining, rng.int(6, 20));
          place = { type, name: village.name, road: village.road, aliases: village.aliases ?? [], style: village.style === 'fang' ? 'fang' : 'village', village, tower: false, size, center: near() };
        } else if (type === 'RESIDENTIAL_ESTATE') {
          const k = this.profile.estates?.[known++];
          const name = k ? uniqueName(k.name) : generatedName(ESTATE_SUFFIXES, `${this.base}${rng.pick(ESTATE_SUFFIXES)}`);
          const old = /新村|村$|小区/.test(name);
          const tower = !old && rng.chance(0.22);
          const size = Math.min(remaining, tower ? rng.int(1, 5) : rng.int(3, 12));
          const style = size >= 6 && rng.chance(0.2) ? 'zones' : size > 1 && size <= 6 && rng.chance(0.08) ? 'letters' : 'numbers';
          place = { type, name, road: k?.road ?? rng.pick(roads), aliases: k?.aliases ?? [], style, tower, known: k, size, center: near() };
        } else if (type === 'OFFICE' || type === 'COMMERCIAL' || type === 'INDUSTRIAL') {
          const list = type === 'OFFICE' ? this.profile.offices : type === 'COMMERCIAL' ? this.profile.commercial : this.profile.industrial;
          const suffixes = type === 'OFFICE' ? OFFICE_SUFFIXES : type === 'COMMERCIAL' ? COMMERCIAL_SUFFIXES : INDUSTRIAL_SUFFIXES;
          const k = list?.[known++];
          const name = k ? uniqueName(k.name) : generatedName(suffixes);
          const size = Math.min(remaining, type === 'INDUSTRIAL' ? rng.int(2, 6) : k?.floors ? 1 : rng.weighted([[1, 6], [2, 3], [3, 1]]));
          const style = size === 1 ? 'single' : type === 'INDUSTRIAL' ? 'park' : rng.chance(0.5) ? 'letters' : 'numbers';
          place = { type, name, road: k?.road ?? rng.pick(roads), aliases: k?.aliases ?? [], style, tower: type === 'OFFICE', known: k, size, center: near() };
        } else {
          const k = this.profile.public?.[known++];
          let name: string;
          if (k) name = uniqueName(k.name);
          else {
            const kind = PUBLIC_KINDS[publicKind++ % PUBLIC_KINDS.length];
            name = uniqueName(kind.startsWith('社区') ? `${this.community.name}${kind.slice(2)}` : `${this.base}${kind}`);
          }
          place = { type, name, road: k?.road ?? rng.pick(roads), aliases: k?.aliases ?? [], style: 'single', tower: false, known: k, size: 1, center: near() };
        }
        remaining -= place.size;
        places.push(place);
      }
    }
    return places;
  }

  communityCenter(rng: Rng): [number, number] {
    if (this.profile.center) return [this.profile.center[0], this.profile.center[1]];
    const geo = SUBDISTRICT_GEO[this.subdistrict.code];
    return [geo.center[0] + rng.real(-geo.spread[0], geo.spread[0]), geo.center[1] + rng.real(-geo.spread[1], geo.spread[1])];
  }

  /** Building designations (28栋, A座, 7坊16栋) and door numbers, place by place. */
  designate(rng: Rng, places: Place[]): BuildingSpec[] {
    const specs: BuildingSpec[] = [];
    const villageNext = new Map<string, number>();
    const fangState = new Map<string, { fang: number; house: number; left: number }>();
    const doors = new Map<string, number>();
    const nextDoor = (road: string) => {
      const n = (doors.get(road) ?? rng.int(1, 120) * 2 - 1) + 2 * rng.int(1, 8);
      doors.set(road, n);
      return String(n);
    };
    let showcasePlaced = false;
    for (const place of places) {
      const placeDoor = place.known?.door ?? (place.style === 'village' || place.style === 'fang' ? null : nextDoor(place.road));
      for (let i = 0; i < place.size; i++) {
        let buildingNo: string | null = null;
        let fixedPart: string | null = null;
        let letter: string | null = null;
        let showcase = false;
        let door: string | null = placeDoor;
        if (place.style === 'village') {
          if (this.isShowcase && !showcasePlaced && place.name === SHOWCASE_BUILDING.estate) {
            showcase = true;
            showcasePlaced = true;
            buildingNo = SHOWCASE_BUILDING.buildingNo;
            door = SHOWCASE_BUILDING.doorNumber;
          } else {
            let n = (villageNext.get(place.name) ?? 0) + 1 + (rng.chance(0.2) ? rng.int(1, 3) : 0);
            if (this.isShowcase && place.name === SHOWCASE_BUILDING.estate && String(n) === SHOWCASE_BUILDING.buildingNo) n++;
            villageNext.set(place.name, n);
            buildingNo = String(n);
            door = rng.chance(0.5) ? nextDoor(place.road) : null;
          }
          fixedPart = pad(Number(buildingNo), 5);
        } else if (place.style === 'fang') {
          let s = fangState.get(place.name);
          if (!s || s.left === 0) {
            s = { fang: (s?.fang ?? 0) + 1, house: 0, left: rng.int(6, 18) };
            fangState.set(place.name, s);
          }
          s.house += 1 + (rng.chance(0.15) ? 1 : 0);
          s.left--;
          buildingNo = `${s.fang}坊${s.house}`;
          fixedPart = s.fang <= 99 && s.house <= 999 ? pad(s.fang, 2) + pad(s.house, 3) : null;
          door = rng.chance(0.4) ? nextDoor(place.road) : null;
        } else if (place.style === 'numbers' || place.style === 'park') {
          buildingNo = String(i + 1);
        } else if (place.style === 'letters') {
          buildingNo = i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
        } else if (place.style === 'zones') {
          const per = Math.ceil(place.size / 2);
          buildingNo = `${i < per ? '东区' : '西区'}${(i % per) + 1}`;
        }
        const dorm = place.type === 'INDUSTRIAL' && place.size >= 3 && i === place.size - 1;
        if (dorm) buildingNo = '宿舍1';
        if (place.type === 'OFFICE' && rng.chance(0.3)) letter = 'T';
        else if (place.style === 'letters' && place.type !== 'COMMERCIAL' && buildingNo && /^[A-Z]$/.test(buildingNo)) letter = buildingNo;
        if (place.style !== 'single' && place.style !== 'village' && place.style !== 'fang' && i > 0 && !place.known?.door) {
          door = nextDoor(place.road);
        }
        specs.push({ place, type: place.type, buildingNo, fixedPart, letter, dorm, showcase, door });
      }
    }
    return specs;
  }

  buildAddresses(grids: BuildingSpec[][]): void {
    const rng = this.rng('buildings');
    const c = this.community;
    const communityFull = divisionFullName(c);
    const out = this.rows['buildings.address'];
    out.push(divisionRow(c));
    grids.forEach((specs, gi) => {
      const gridCode = c.code + pad(gi + 1, 2);
      out.push(addressRow({ code: gridCode, level: 'GRID', parent_code: c.code, name: `第${pad(gi + 1, 2)}网格`, full_name: `${communityFull}第${pad(gi + 1, 2)}网格` }));
      // code parts: fixed ones first (village numbers), then a running sequence that skips them
      const used = new Set<string>();
      const parts = specs.map((s) => (s.fixedPart && !used.has(s.fixedPart) ? (used.add(s.fixedPart), s.fixedPart) : null));
      let seq = 0;
      specs.forEach((s, i) => {
        if (parts[i]) return;
        let part: string;
        do {
          seq++;
          part = s.letter ? s.letter + pad(seq, 4) : pad(seq, 5);
        } while (used.has(part));
        used.add(part);
        parts[i] = part;
      });
      const built = specs.map((s, i) => this.makeBuilding(rng, s, gridCode + parts[i], communityFull));
      built.sort((a, b) => (a.row.code < b.row.code ? -1 : 1));
      for (const b of built) {
        out.push(b.row);
        for (const room of b.rooms) out.push(room.row);
        this.buildings.push(b);
      }
    });
  }

  makeBuilding(rng: Rng, spec: BuildingSpec, code: string, communityFull: string): Building {
    const { place, type } = spec;
    const name = spec.buildingNo ? designation(spec.buildingNo) : place.name;
    const fullName = `${communityFull}${place.road}${spec.door ? `${spec.door}号` : ''}${place.name}${spec.buildingNo ? name : ''}`;
    const aliases = spec.buildingNo ? place.aliases.map((a) => a + name) : [...place.aliases];
    let floorsAbove: number;
    let floorsBelow = 0;
    let year: number;
    switch (type) {
      case 'URBAN_VILLAGE':
        floorsAbove = rng.weighted([[5, 1], [6, 2], [7, 3], [8, 3], [9, 2]]);
        year = rng.int(1988, 2012);
        break;
      case 'RESIDENTIAL_ESTATE':
        floorsAbove = place.tower ? rng.int(16, 28) : rng.int(6, 8);
        floorsBelow = place.tower ? rng.int(1, 2) : 0;
        year = place.tower ? rng.int(1998, 2022) : rng.int(1982, 2000);
        break;
      case 'OFFICE':
        floorsAbove = place.known?.floors ?? rng.int(12, 45);
        floorsBelow = place.known?.floors ? 5 : rng.int(2, 4);
        year = place.known?.year ?? rng.int(1995, 2020);
        break;
      case 'COMMERCIAL':
        floorsAbove = rng.int(2, 6);
        floorsBelow = rng.int(0, 2);
        year = rng.int(1990, 2018);
        break;
      case 'INDUSTRIAL':
        floorsAbove = spec.dorm ? rng.int(5, 7) : rng.int(4, 8);
        year = rng.int(1985, 2005);
        break;
      default:
        floorsAbove = place.known ? rng.int(4, 8) : rng.int(2, 6);
        floorsBelow = rng.int(0, 1);
        year = rng.int(1985, 2020);
    }
    let lon = place.center[0] + rng.real(-0.0006, 0.0006);
    let lat = place.center[1] + rng.real(-0.0006, 0.0006);
    if (spec.showcase) {
      floorsAbove = SHOWCASE_BUILDING.floorsAbove;
      year = SHOWCASE_BUILDING.yearBuilt;
      lon = SHOWCASE_BUILDING.longitude;
      lat = SHOWCASE_BUILDING.latitude;
    }
    const row = addressRow({
      code,
      level: 'BUILDING',
      parent_code: code.slice(0, 14),
      name,
      full_name: fullName,
      road: place.road,
      door_number: spec.door,
      estate: place.name,
      building_no: spec.buildingNo,
      building_type: type,
      floors_above: floorsAbove,
      floors_below: floorsBelow,
      year_built: year,
      longitude: round6(clamp(lon, BOUNDS.lon[0], BOUNDS.lon[1])),
      latitude: round6(clamp(lat, BOUNDS.lat[0], BOUNDS.lat[1])),
      aliases,
    });
    const building: Building = {
      row, spec, rooms: [], residents: [], entities: [], landlord: null,
      label: spec.buildingNo ? `${place.name}${name}` : place.name,
    };
    for (const r of this.roomLayout(rng, spec, floorsAbove, floorsBelow)) {
      const roomPart = (r.roomNo.length <= 4 ? (r.unit ? pad(Number(r.unit), 2) : '00') + r.roomNo.padStart(4, '0') : r.roomNo.padStart(6, '0'));
      const roomName = `${r.unit ? `${r.unit}单元` : ''}${r.roomNo}房`;
      building.rooms.push({
        row: addressRow({
          code: code + roomPart,
          level: 'ROOM',
          parent_code: code,
          name: roomName,
          full_name: fullName + roomName,
          floor: r.floor,
          unit: r.unit,
          room_no: r.roomNo,
          room_use: r.use,
          area_m2: r.area,
        }),
        use: r.use,
        residents: [],
        entities: [],
      });
    }
    building.rooms.sort((a, b) => (a.row.code < b.row.code ? -1 : 1));
    return building;
  }

  roomLayout(rng: Rng, spec: BuildingSpec, floors: number, below: number): { floor: number; unit: string | null; roomNo: string; use: RoomUse; area: number }[] {
    const rooms: { floor: number; unit: string | null; roomNo: string; use: RoomUse; area: number }[] = [];
    const area = (lo: number, hi: number) => Math.round(rng.real(lo, hi) * 100) / 100;
    const add = (floor: number, i: number, use: RoomUse, a: number, unit: string | null = null) => {
      const roomNo = floor < 0 ? `B${-floor}${pad(i, 2)}` : `${floor}${pad(i, 2)}`;
      rooms.push({ floor, unit, roomNo, use, area: a });
    };
    const basement = (uses: Weighted<RoomUse>, max: number) => {
      for (let f = 1; f <= below; f++) {
        const n = rng.int(0, max);
        for (let i = 1; i <= n; i++) add(-f, i, rng.weighted(uses), area(8, 60));
      }
    };
    switch (spec.type) {
      case 'URBAN_VILLAGE': {
        const perFloor = spec.showcase ? SHOWCASE_BUILDING.roomsPerFloor : rng.weighted([[2, 2], [3, 4], [4, 4], [5, 2], [6, 1]]);
        const shops = rng.chance(0.55) ? rng.int(1, Math.min(3, perFloor)) : 0;
        for (let i = 1; i <= shops; i++) add(1, i, 'SHOP', area(12, 45));
        if (!shops) for (let i = 1; i <= perFloor; i++) add(1, i, rng.chance(0.1) ? 'STORAGE' : 'RESIDENTIAL', area(15, 40));
        for (let f = 2; f <= floors; f++) {
          for (let i = 1; i <= perFloor; i++) add(f, i, 'RESIDENTIAL', area(15, 45));
        }
        break;
      }
      case 'RESIDENTIAL_ESTATE': {
        if (spec.place.tower) {
          const units = rng.weighted([[1, 7], [2, 3]]);
          const perUnit = rng.int(2, 4);
          if (rng.chance(0.3)) for (let i = 1; i <= rng.int(1, 2); i++) add(1, i, 'SHOP', area(20, 80));
          for (let f = 2; f <= floors; f++) {
            for (let u = 1; u <= units; u++) {
              for (let i = 1; i <= perUnit; i++) add(f, i, 'RESIDENTIAL', area(55, 160), units > 1 ? String(u) : null);
            }
          }
          basement([['STORAGE', 3], ['OTHER', 1]], 2);
        } else {
          const units = rng.weighted([[1, 3], [2, 4], [3, 3]]);
          for (let f = 1; f <= floors; f++) {
            for (let u = 1; u <= units; u++) {
              for (let i = 1; i <= 2; i++) add(f, i, 'RESIDENTIAL', area(45, 110), units > 1 ? String(u) : null);
            }
          }
        }
        break;
      }
      case 'OFFICE': {
        const perFloor = floors > 60 ? 2 : rng.weighted([[1, 3], [2, 4], [3, 2], [4, 1]]);
        const lobbyShops = rng.chance(0.6) ? rng.int(1, 2) : 0;
        for (let i = 1; i <= lobbyShops; i++) add(1, i, 'SHOP', area(20, 150));
        for (let f = 2; f <= floors; f++) {
          for (let i = 1; i <= perFloor; i++) add(f, i, 'OFFICE', area(80, 600));
        }
        basement([['STORAGE', 3], ['OTHER', 1]], 1);
        break;
      }
      case 'COMMERCIAL': {
        for (let f = 1; f <= floors; f++) {
          const n = rng.int(4, 9);
          for (let i = 1; i <= n; i++) add(f, i, f >= 4 && rng.chance(0.5) ? 'OFFICE' : 'SHOP', area(15, 200));
        }
        basement([['SHOP', 2], ['STORAGE', 2]], 2);
        break;
      }
      case 'INDUSTRIAL': {
        if (spec.dorm) {
          const n = rng.int(6, 10);
          for (let f = 1; f <= floors; f++) for (let i = 1; i <= n; i++) add(f, i, 'DORMITORY', area(20, 40));
        } else {
          const n = rng.int(1, 4);
          for (let f = 1; f <= floors; f++) {
            for (let i = 1; i <= n; i++) add(f, i, rng.weighted([['OFFICE', 35], ['STORAGE', 20], ['OTHER', 45]]), area(100, 1200));
          }
        }
        break;
      }
      default: {
        for (let f = 1; f <= floors; f++) {
          const n = rng.int(1, 3);
          for (let i = 1; i <= n; i++) add(f, i, rng.chance(0.8) ? 'PUBLIC_SERVICE' : 'OFFICE', area(40, 600));
        }
        basement([['STORAGE', 1]], 1);
      }
    }
    return rooms;
  }

  // --- people --------------------------------------------------------------------------------

  populate(): void {
    const rng = this.rng('people');
    for (const b of this.buildings) {
      const type = b.spec.type;
      if (type === 'URBAN_VILLAGE') {
        const residential = b.rooms.filter((r) => r.use === 'RESIDENTIAL');
        const top = residential[residential.length - 1];
        // the landlord's family often keeps the top floor
        const landlordHome = b.spec.showcase ? b.rooms.find((r) => r.row.floor === SHOWCASE_BUILDING.floorsAbove && r.row.room_no?.endsWith('01')) : top;
        for (const room of residential) {
          if (room === landlordHome && (b.spec.showcase || rng.chance(0.7))) {
            const members = this.household(rng, b, room, 'OWNER', true, rng.weighted([['family', 5], ['couple', 3], ['elderly', 2]]), b.spec.place.village?.surname, b.spec.showcase);
            b.landlord = members[0];
            continue;
          }
          const forced = b.spec.showcase && room.row.room_no === SHOWCASE_BUILDING.roomNo;
          if (!forced && !rng.chance(0.88)) continue;
          const shape = forced ? 'family' : rng.weighted([['single', 28], ['couple', 25], ['family', 30], ['shared', 17]]);
          this.household(rng, b, room, 'TENANT', !forced && rng.chance(0.08), shape);
        }
      } else if (type === 'RESIDENTIAL_ESTATE') {
        for (const room of b.rooms) {
          if (room.use !== 'RESIDENTIAL' || !rng.chance(0.94)) continue;
          if (rng.chance(0.6)) {
            this.household(rng, b, room, 'OWNER', rng.chance(0.75), rng.weighted([['family', 5], ['couple', 3], ['elderly', 2], ['single', 1]]));
          } else {
            this.household(rng, b, room, 'TENANT', rng.chance(0.4), rng.weighted([['single', 3], ['couple', 3], ['family', 4], ['shared', 1]]));
          }
        }
      } else if (b.spec.dorm) {
        const atBuilding = rng.chance(0.35);
        for (const room of b.rooms) {
          const n = rng.int(4, 8);
          for (let i = 0; i < n; i++) {
            const gender = rng.chance(0.55) ? 'MALE' : 'FEMALE';
            const person = this.person(rng, gender, this.birthForAge(rng, 18, 50), rng.weighted(MIGRANT_REGIONS));
            const address = atBuilding ? b.row.code : room.row.code;
            const since = REF_DAY - rng.int(10, 4 * 365);
            this.residence(rng, person, address, 'COLLECTIVE', Math.max(since, this.adultDay(person)));
            if (!atBuilding) room.residents.push(person);
            b.residents.push(person);
          }
        }
      }
    }
  }

  /** The day a person turned 16: nobody rents or owns before that. */
  adultDay(p: Resident): number {
    return p.birthDay + 16 * 365;
  }

  /**
   * Adds a household to a room; returns its members, head first. Registered households carry
   * Futian identity numbers; a migrant household shares its home region (a spouse may differ).
   * `surname` is a village lineage the head usually (always with forceLineage) carries.
   */
  household(rng: Rng, b: Building, room: Room, relation: 'OWNER' | 'TENANT', registered: boolean, shape: string, surname?: string, forceLineage = false): Resident[] {
    const members: { p: Resident; rel: ResidenceRow['relation'] }[] = [];
    const owner = relation === 'OWNER';
    const lineage = surname && (forceLineage || rng.chance(0.75)) ? surname : undefined;
    // a lineage household is headed by the lineage member (the villager who owns the house)
    const headGender = lineage || rng.chance(0.6) ? 'MALE' : 'FEMALE';
    const home = registered ? FUTIAN_REGION : rng.weighted(MIGRANT_REGIONS);
    if (shape === 'shared') {
      const n = rng.int(2, 4);
      for (let i = 0; i < n; i++) {
        const region = registered && rng.chance(0.3) ? FUTIAN_REGION : rng.weighted(MIGRANT_REGIONS);
        members.push({ p: this.person(rng, rng.chance(0.6) ? 'MALE' : 'FEMALE', this.birthForAge(rng, 18, 35), region), rel: 'TENANT' });
      }
    } else if (shape === 'single') {
      members.push({ p: this.person(rng, headGender, this.birthForAge(rng, owner ? 25 : 18, owner ? 80 : 45), home, lineage), rel: relation });
    } else if (shape === 'elderly') {
      const head = this.person(rng, 'MALE', this.birthForAge(rng, 60, 85), home, lineage);
      members.push({ p: head, rel: relation });
      if (rng.chance(0.7)) members.push({ p: this.person(rng, 'FEMALE', this.birthForAge(rng, 58, 85), home), rel: 'FAMILY' });
    } else {
      const [lo, hi] = shape === 'family' ? [28, 52] : owner ? [25, 75] : [20, 45];
      const headBirth = this.birthForAge(rng, lo, hi);
      const father = this.person(rng, 'MALE', headBirth, home, lineage);
      const motherRegion = registered
        ? rng.chance(0.8) ? FUTIAN_REGION : rng.weighted(MIGRANT_REGIONS)
        : rng.chance(0.05) ? FUTIAN_REGION : rng.chance(0.5) ? home : rng.weighted(MIGRANT_REGIONS);
      const mother = this.person(rng, 'FEMALE', clampBirth(headBirth + rng.int(-5 * 365, 3 * 365)), motherRegion);
      const heads = headGender === 'MALE' ? [father, mother] : [mother, father];
      members.push({ p: heads[0], rel: relation }, { p: heads[1], rel: 'FAMILY' });
      if (shape === 'family') {
        const youngest = Math.max(headBirth + 20 * 365, MIN_BIRTH);
        const kids = rng.weighted([[1, 4], [2, 4], [3, 1]]);
        for (let i = 0; i < kids; i++) {
          const birth = clampBirth(rng.int(youngest, Math.min(MAX_BIRTH, headBirth + 42 * 365)));
          members.push({ p: this.person(rng, rng.chance(0.52) ? 'MALE' : 'FEMALE', birth, home, father.surname), rel: 'FAMILY' });
        }
        if (rng.chance(0.3)) {
          members.push({ p: this.person(rng, rng.chance(0.4) ? 'MALE' : 'FEMALE', clampBirth(headBirth - rng.int(22, 32) * 365), home, father.surname), rel: 'FAMILY' });
        }
      }
    }
    const earliest = owner ? dayOf(b.row.year_built!, 1, 1) + rng.int(0, 400) : REF_DAY - 6 * 365;
    const moveIn = rng.int(Math.min(earliest, REF_DAY - 30), REF_DAY - 20);
    for (const { p, rel } of members) {
      const since = Math.min(REF_DAY - 1, Math.max(moveIn, rel === 'FAMILY' ? p.birthDay : this.adultDay(p)));
      this.residence(rng, p, room.row.code, rel, since);
      room.residents.push(p);
      b.residents.push(p);
    }
    this.residentialRooms.push(room);
    return members.map((m) => m.p);
  }

  /** A current residence, sometimes preceded by a past one elsewhere in the community. */
  residence(rng: Rng, p: Resident, address: string, relation: ResidenceRow['relation'], since: number): void {
    const out = this.rows['people.residence'];
    const adultFrom = this.adultDay(p);
    if (p.adult && this.residentialRooms.length > 0 && rng.chance(0.18)) {
      const until = since - rng.int(0, 60);
      const from = until - rng.int(120, 5 * 365);
      const previous = rng.pick(this.residentialRooms);
      if (from >= adultFrom && previous.row.code !== address) {
        out.push({ person_id: p.id, address_code: previous.row.code, relation: rng.chance(0.85) ? 'TENANT' : 'OWNER', since: fmtDay(from), until: fmtDay(until) });
      }
    }
    out.push({ person_id: p.id, address_code: address, relation, since: fmtDay(since), until: null });
  }

  birthForAge(rng: Rng, minAge: number, maxAge: number): number {
    return clampBirth(REF_DAY - Math.round(rng.real(minAge, maxAge + 1) * 365.25));
  }

  /** Creates a person row; the identity number is unique across the whole dataset. */
  person(rng: Rng, gender: 'MALE' | 'FEMALE', birthDay: number, region: string, surname?: string): Resident {
    const family = surname ?? rng.weighted(SURNAMES);
    const chars = gender === 'MALE' ? MALE_CHARS : FEMALE_CHARS;
    const given = rng.chance(0.75) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
    // Sequence digits: the community's index (so independently generated communities never
    // collide) and a per-(region, birth date, gender) counter whose parity gives the gender.
    let day = birthDay;
    let idNumber = '';
    for (;;) {
      const birth = fmtDay(day).replaceAll('-', '');
      const key = region + birth + gender;
      const used = this.idSlots.get(key) ?? 0;
      if (used < 5) {
        this.idSlots.set(key, used + 1);
        const body = region + birth + pad(this.community.index, 2) + String(gender === 'MALE' ? 2 * used + 1 : 2 * used);
        idNumber = body + idCardCheckChar(body);
        break;
      }
      day = day >= MAX_BIRTH ? day - 1 - rng.int(0, 30) : day + 1;
    }
    let id: string;
    do id = 'P' + rng.crockford(15);
    while (this.residentsById.has(id));
    const age = (REF_DAY - day) / 365.25;
    const phone = age < 14 ? (rng.chance(0.2) ? this.phone(rng) : null) : rng.chance(0.03) ? null : this.phone(rng);
    this.rows['people.person'].push({
      id,
      name: family + given,
      gender,
      birth_date: fmtDay(day),
      id_number: idNumber,
      phone,
      household_type: region === FUTIAN_REGION ? 'REGISTERED' : 'MIGRANT',
    });
    const resident: Resident = { id, surname: family, adult: age >= 18, birthDay: day };
    this.residentsById.set(id, resident);
    if (resident.adult) this.adults.push(resident);
    return resident;
  }

  phone(rng: Rng): string {
    return rng.pick(PHONE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
  }

  // --- legal entities ------------------------------------------------------------------------

  registerEntities(): void {
    const rng = this.rng('entities');
    const estatesSeen = new Set<string>();
    for (const b of this.buildings) {
      const type = b.spec.type;
      if (type === 'RESIDENTIAL_ESTATE' && !estatesSeen.has(b.spec.place.name)) {
        estatesSeen.add(b.spec.place.name);
        if (rng.chance(0.8)) {
          this.entity(rng, b, null, 'COMPANY', `深圳市${this.brand(rng)}物业管理有限公司`, '房地产业');
        }
      }
      if (type === 'PUBLIC') {
        const kind = PUBLIC_KINDS.find((k) => b.spec.place.name.endsWith(k.replace(/^社区/, '')));
        const name = b.spec.place.name.startsWith('深圳') ? b.spec.place.name : `深圳市福田区${b.spec.place.name}`;
        this.entity(rng, b, null, 'PUBLIC_INSTITUTION', name, kind ? PUBLIC_INDUSTRY[kind] : '公共管理');
      }
      for (const room of b.rooms) {
        switch (room.use) {
          case 'OFFICE': {
            const industrial = type === 'INDUSTRIAL';
            const n = industrial ? (rng.chance(0.6) ? 1 : 0) : rng.weighted([[0, 15], [1, 50], [2, 23], [3, 12]]);
            for (let i = 0; i < n; i++) {
              if (!industrial && rng.chance(0.05)) {
                const [word, industry, prefix] = rng.weighted(SOCIAL_TRADES);
                this.entity(rng, b, room, 'SOCIAL_ORGANIZATION', `深圳市福田区${this.brand(rng)}${word}`, industry, prefix);
              } else {
                const [word, industry] = rng.weighted(industrial ? INDUSTRIAL_TRADES : OFFICE_TRADES);
                this.entity(rng, b, room, 'COMPANY', this.companyName(rng, word), industry);
              }
            }
            break;
          }
          case 'OTHER':
          case 'STORAGE': {
            if (type === 'INDUSTRIAL' && rng.chance(room.use === 'OTHER' ? 0.6 : 0.2)) {
              const [word, industry] = rng.weighted(INDUSTRIAL_TRADES);
              this.entity(rng, b, room, 'COMPANY', this.companyName(rng, word), industry);
            }
            break;
          }
          case 'SHOP': {
            if (!rng.chance(0.8)) break;
            if (rng.chance(0.7)) {
              const [word, industry] = rng.weighted(SHOP_TRADES);
              this.entity(rng, b, room, 'INDIVIDUAL_BUSINESS', `深圳市福田区${this.shopOwner(rng, b, room)}${word}`, industry);
            } else {
              const [word, industry] = rng.weighted(SHOP_COMPANY_TRADES);
              this.entity(rng, b, room, 'COMPANY', this.companyName(rng, word), industry);
            }
            break;
          }
          case 'PUBLIC_SERVICE': {
            if (rng.chance(0.08)) {
              const [word, industry, prefix] = rng.weighted(SOCIAL_TRADES);
              this.entity(rng, b, room, 'SOCIAL_ORGANIZATION', `深圳市福田区${this.base}${word}`, industry, prefix);
            }
            break;
          }
          case 'RESIDENTIAL': {
            if (room.residents.length && rng.chance(type === 'URBAN_VILLAGE' ? 0.03 : 0.012)) {
              if (rng.chance(0.6)) {
                const [word, industry] = rng.weighted(SHOP_TRADES);
                this.entity(rng, b, room, 'INDIVIDUAL_BUSINESS', `深圳市福田区${room.residents[0].surname}记${word}`, industry);
              } else {
                const [word, industry] = rng.weighted(OFFICE_TRADES);
                this.entity(rng, b, room, 'COMPANY', this.companyName(rng, word), industry);
              }
            }
            break;
          }
          default:
        }
      }
    }
  }

  brand(rng: Rng): string {
    const a = rng.pick(BRAND_CHARS);
    let b = rng.pick(BRAND_CHARS);
    while (b === a) b = rng.pick(BRAND_CHARS);
    return a + b;
  }

  companyName(rng: Rng, word: string): string {
    return rng.chance(0.1) ? `深圳${this.brand(rng)}${word}股份有限公司` : `深圳市${this.brand(rng)}${word}有限公司`;
  }

  shopOwner(rng: Rng, b: Building, room: Room): string {
    const x = rng.float();
    if (x < 0.4 && (room.residents[0] ?? b.residents[0])) return `${(room.residents[0] ?? rng.pick(b.residents)).surname}记`;
    if (x < 0.7) return this.brand(rng);
    return this.base;
  }

  /** A unique unified social credit code (GB 32100) of this community. */
  creditCode(kind: EntityKind, prefix: string, registeredDay: number): string {
    const modern = registeredDay >= CREDIT_REFORM;
    let org: string;
    if (modern) {
      // organization codes issued since the reform: MA (enterprises), MJ (social), MB (public)
      const head = kind === 'SOCIAL_ORGANIZATION' ? 'MJ' : kind === 'PUBLIC_INSTITUTION' ? 'MB' : 'MA';
      const n = this.nextOrg(head, 31 ** 4);
      org = head + enc31(this.community.index, 2) + enc31((n * 7919 + 104_729) % 31 ** 4, 4);
    } else {
      const head = kind === 'COMPANY' ? '7' : kind === 'INDIVIDUAL_BUSINESS' ? 'L' : kind === 'SOCIAL_ORGANIZATION' ? '5' : '4';
      const n = this.nextOrg(head, 100_000);
      org = head + pad(this.community.index, 2) + pad((n * 7919 + 12_345) % 100_000, 5);
    }
    const body = prefix + FUTIAN_REGION + org + organizationCodeCheckChar(org);
    return body + creditCodeCheckChar(body);
  }

  nextOrg(head: string, capacity: number): number {
    const n = this.orgCounters.get(head) ?? 0;
    if (n >= capacity) throw new RangeError(`${this.community.name} ran out of organization codes; lower the scale`);
    this.orgCounters.set(head, n + 1);
    return n;
  }

  entity(rng: Rng, b: Building, room: Room | null, kind: EntityKind, name: string, industry: string, socialPrefix?: '51' | '52'): string {
    const prefix = kind === 'COMPANY' ? '91' : kind === 'INDIVIDUAL_BUSINESS' ? '92' : kind === 'SOCIAL_ORGANIZATION' ? (socialPrefix ?? '52') : '12';
    const recent = kind === 'INDIVIDUAL_BUSINESS' ? 0.8 : 0.65;
    const registeredDay = rng.chance(recent) ? rng.int(CREDIT_REFORM, REF_DAY - 1) : rng.int(dayOf(1992, 1, 1), CREDIT_REFORM - 1);
    const code = this.creditCode(kind, prefix, registeredDay);
    const business = room ? room.row.code : b.row.code;
    const r = rng.float();
    const registered = r < 0.85 ? business : r < 0.95 ? b.row.code : (rng.pick(this.buildings).rooms[0]?.row.code ?? business);
    const local = room?.residents.filter((x) => x.adult) ?? [];
    const rep = kind === 'INDIVIDUAL_BUSINESS' && local.length ? rng.pick(local) : this.adults.length ? rng.pick(this.adults) : null;
    this.rows['entities.legal_entity'].push({
      credit_code: code,
      name,
      kind,
      industry,
      status: kind === 'PUBLIC_INSTITUTION' ? 'ACTIVE' : rng.weighted([['ACTIVE', 88], ['CANCELLED', 8], ['REVOKED', 4]]),
      registered_on: fmtDay(registeredDay),
      registered_address_code: registered,
      business_address_code: business,
      legal_rep_person_id: rep?.id ?? null,
    });
    this.entityNames.set(code, name);
    (room ?? b).entities.push(code);
    if (room) b.entities.push(code);
    return code;
  }

  // --- events --------------------------------------------------------------------------------

  reportEvents(): void {
    const rng = this.rng('events');
    for (const b of this.buildings) {
      const rate = EVENT_RATE[b.spec.type] * (b.spec.dorm ? 1.3 : 1);
      const n = rng.poisson(b.rooms.length * rate * rng.real(0.6, 1.4) + 0.3);
      for (let i = 0; i < n; i++) {
        const kind = rng.weighted(EVENT_KINDS[b.spec.type]);
        // texts that name a room ({r}) are reported at that room, the others at the building
        const text = rng.pick(EVENT_TEXTS[kind]);
        const room = text.includes('{r}') && b.rooms.length ? this.roomFor(rng, b, kind) : null;
        this.event(rng, b, room, kind, text);
      }
    }
  }

  roomFor(rng: Rng, b: Building, kind: EventKind): Room {
    if (kind === 'DISPUTE' || kind === 'FIRE_HAZARD') {
      const lived = b.rooms.filter((r) => r.residents.length || r.entities.length);
      if (lived.length) return rng.pick(lived);
    }
    return rng.pick(b.rooms);
  }

  event(rng: Rng, b: Building, room: Room | null, kind: EventKind, text: string, fixed?: Partial<EventRow>): EventRow {
    const id = 'E' + rng.crockford(15);
    // a day in the two years before the reference date, mostly in waking hours (local time)
    const hour = rng.weighted(HOURS);
    const reportedMs = (REF_DAY - rng.int(1, 730)) * DAY_MS - 8 * HOUR_MS + hour * HOUR_MS + rng.int(0, 59) * 60_000;
    const ageDays = (REF_MS - reportedMs) / DAY_MS;
    let status: EventRow['status'] = ageDays < 3
      ? rng.weighted([['REPORTED', 5], ['ASSIGNED', 5]])
      : ageDays < 30
        ? rng.weighted([['REPORTED', 15], ['ASSIGNED', 35], ['RESOLVED', 35], ['CLOSED', 15]])
        : rng.weighted([['REPORTED', 3], ['ASSIGNED', 7], ['RESOLVED', 20], ['CLOSED', 70]]);
    let resolved: number | null = null;
    if (status === 'RESOLVED' || status === 'CLOSED') {
      resolved = reportedMs + rng.int(30, 20 * 24 * 60) * 60_000;
      if (resolved >= REF_MS) {
        // would be resolved after "now": still being handled
        resolved = null;
        status = 'ASSIGNED';
      }
    }
    const sensorOk = kind === 'FIRE_HAZARD' || kind === 'SAFETY_HAZARD' || kind === 'ENVIRONMENT';
    const source = rng.weighted<EventRow['source']>([['GRID_PATROL', 35], ['HOTLINE_12345', 25], ['APP', 15], ['SENSOR', sensorOk ? 10 : 0], ['WALK_IN', 9], ['REFERRAL', 6]]);
    const severity = rng.weighted<EventRow['severity']>(
      kind === 'FIRE_HAZARD' ? [['LOW', 10], ['MEDIUM', 40], ['HIGH', 40], ['CRITICAL', 10]] : [['LOW', 35], ['MEDIUM', 42], ['HIGH', 18], ['CRITICAL', 5]],
    );
    const spot = room ?? (b.rooms.length ? rng.pick(b.rooms) : null);
    const description = text.replace('{p}', b.label).replace('{r}', spot ? spot.row.name : '');
    const row: EventRow = {
      id, kind, source, severity, status,
      reported_at: fmtInstant(reportedMs),
      resolved_at: resolved === null ? null : fmtInstant(resolved),
      description,
      address_code: room ? room.row.code : b.row.code,
      ...fixed,
    };
    this.rows['events.event'].push(row);
    const list = this.eventsByAddress.get(row.address_code);
    if (list) list.push(id);
    else this.eventsByAddress.set(row.address_code, [id]);
    if (fixed) return row;

    // who and what it involves: people and entities at that address
    const linked = new Set<string>();
    const link = (p: Resident | null | undefined, role: EventPersonRow['role']) => {
      if (!p || linked.has(p.id)) return;
      linked.add(p.id);
      this.rows['events.event_person'].push({ event_id: id, person_id: p.id, role });
    };
    const here = room?.residents.length ? room.residents : b.residents;
    const adultsHere = here.filter((p) => p.adult);
    if ((source === 'HOTLINE_12345' || source === 'APP' || source === 'WALK_IN') && rng.chance(0.8)) {
      const pool = b.residents.filter((p) => p.adult);
      link(pool.length ? rng.pick(pool) : this.adults.length ? rng.pick(this.adults) : null, 'REPORTER');
    }
    if (adultsHere.length && (kind === 'DISPUTE' || rng.chance(0.5))) link(rng.pick(adultsHere), 'INVOLVED');
    if (kind === 'DISPUTE') {
      const neighbours = b.residents.filter((p) => p.adult);
      if (neighbours.length) link(rng.pick(neighbours), 'INVOLVED');
    }
    if (b.landlord && (kind === 'ILLEGAL_CONSTRUCTION' || kind === 'FIRE_HAZARD' || kind === 'SAFETY_HAZARD') && rng.chance(0.6)) link(b.landlord, 'RESPONSIBLE');
    if (adultsHere.length && rng.chance(0.08)) link(rng.pick(b.residents.filter((p) => p.adult)), 'WITNESS');
    const entities = room?.entities.length ? room.entities : b.entities;
    if (entities.length && rng.chance(0.6)) {
      const responsible = kind === 'FIRE_HAZARD' || kind === 'SANITATION' || kind === 'ENVIRONMENT' || kind === 'SAFETY_HAZARD';
      this.rows['events.event_entity'].push({ event_id: id, credit_code: rng.pick(entities), role: responsible ? 'RESPONSIBLE' : 'INVOLVED' });
    }
    return row;
  }

  // --- cases ---------------------------------------------------------------------------------

  fileCases(): void {
    const rng = this.rng('cases');
    const byCode = new Map<string, { b: Building; room: Room | null }>();
    for (const b of this.buildings) {
      byCode.set(b.row.code, { b, room: null });
      for (const room of b.rooms) byCode.set(room.row.code, { b, room });
    }
    const eventPeople = new Map<string, string[]>();
    for (const x of this.rows['events.event_person']) {
      const list = eventPeople.get(x.event_id);
      if (list) list.push(x.person_id);
      else eventPeople.set(x.event_id, [x.person_id]);
    }
    // disputes escalate to mediation at the same address
    for (const e of this.rows['events.event']) {
      if (e.kind !== 'DISPUTE' || !rng.chance(0.3)) continue;
      const at = byCode.get(e.address_code)!;
      const reportedDay = Math.floor((Date.parse(e.reported_at) + 8 * HOUR_MS) / DAY_MS);
      const filed = Math.min(REF_DAY - 1, reportedDay + rng.int(0, 15));
      this.legalCase(rng, at.b, at.room, 'MEDIATION', filed, e.id, eventPeople.get(e.id) ?? []);
    }
    for (const b of this.buildings) {
      const n = rng.poisson(b.rooms.length * CASE_RATE[b.spec.type] * rng.real(0.6, 1.4));
      for (let i = 0; i < n; i++) {
        const room = b.rooms.length && rng.chance(0.6) ? this.roomFor(rng, b, 'DISPUTE') : null;
        const kind = rng.weighted(CASE_KINDS[b.spec.type]);
        const code = room ? room.row.code : b.row.code;
        const events = this.eventsByAddress.get(code);
        const eventId = events && rng.chance(0.15) ? rng.pick(events) : null;
        this.legalCase(rng, b, room, kind, REF_DAY - rng.int(1, 1095), eventId, []);
      }
    }
  }

  legalCase(rng: Rng, b: Building, room: Room | null, kind: CaseKind, filed: number, eventId: string | null, preferred: string[], fixed?: Partial<LegalCaseRow>): string {
    const id = 'C' + rng.crockford(15);
    const [lo, hi] = CASE_DURATION[kind];
    const duration = rng.int(lo, hi);
    let status: LegalCaseRow['status'];
    let closed: number | null = null;
    if (filed + duration < REF_DAY && rng.chance(0.92)) {
      status = 'CLOSED';
      closed = filed + duration;
    } else {
      const age = REF_DAY - filed;
      status = age < 7 ? rng.weighted([['FILED', 6], ['ACCEPTED', 4]]) : age < 60 ? rng.weighted([['FILED', 1], ['ACCEPTED', 5], ['IN_PROGRESS', 4]]) : rng.weighted([['ACCEPTED', 2], ['IN_PROGRESS', 8]]);
    }
    // parties: people and entities at the address, else in the building, else in the community
    let people = (room?.residents.length ? room.residents : b.residents).filter((p) => p.adult);
    if (!people.length && this.adults.length) people = Array.from({ length: 5 }, () => rng.pick(this.adults));
    const entities = room?.entities.length ? room.entities : b.entities;
    const count = kind === 'PETITION' || kind === 'LEGAL_AID' ? 1 : rng.weighted([[1, 2], [2, 13], [3, 3]]);
    const parties: ({ person: string } | { entity: string })[] = [];
    const taken = new Set<string>();
    for (const pid of preferred) {
      if (parties.length < Math.max(count, 2) && !taken.has(pid)) {
        taken.add(pid);
        parties.push({ person: pid });
      }
    }
    const businessKind = kind === 'ARBITRATION' || kind === 'FINANCIAL' || kind === 'LITIGATION';
    for (let tries = 0; parties.length < count && tries < 10; tries++) {
      const wantEntity = entities.length && (people.length === 0 || (businessKind && parties.length > 0 && rng.chance(0.7)) || rng.chance(0.1));
      const key = wantEntity ? rng.pick(entities) : people.length ? rng.pick(people).id : null;
      if (!key || taken.has(key)) continue;
      taken.add(key);
      parties.push(wantEntity ? { entity: key } : { person: key });
    }
    const display = (party: { person: string } | { entity: string } | undefined) => {
      if (!party) return OTHER_SIDE[kind];
      if ('entity' in party) return this.entityNames.get(party.entity) ?? '某公司';
      const p = this.residentsById.get(party.person);
      return p ? `${p.surname}某` : '某人';
    };
    const summary = rng.pick(CASE_TEXTS[kind])
      .replace('{a}', display(parties[0]))
      .replace('{b}', display(parties[1]))
      .replace('{p}', room ? `${b.label}${room.row.name}` : b.label);
    const outcome = status === 'CLOSED' ? rng.weighted(CASE_OUTCOMES[kind]) : null;
    this.rows['cases.legal_case'].push({
      id, kind, status,
      filed_on: fmtDay(filed),
      closed_on: closed === null ? null : fmtDay(closed),
      outcome,
      summary,
      address_code: room ? room.row.code : b.row.code,
      ...fixed,
    });
    const roles: CasePartyRow['role'][] = ['APPLICANT', 'RESPONDENT', 'THIRD_PARTY'];
    parties.slice(0, 3).forEach((party, i) => {
      this.rows['cases.case_party'].push({
        case_id: id,
        party_no: i + 1,
        role: roles[i],
        person_id: 'person' in party ? party.person : null,
        credit_code: 'entity' in party ? party.entity : null,
      });
    });
    if (eventId) this.rows['cases.case_event'].push({ case_id: id, event_id: eventId });
    return id;
  }

  // --- the showcase room ---------------------------------------------------------------------

  /** The entity, event and case that make 水围村28栋1203房 a useful demo (residents come from populate). */
  showcaseStory(): void {
    const rng = this.rng('showcase');
    const b = this.buildings.find((x) => x.row.code === SHOWCASE.buildingCode);
    const room = b?.rooms.find((r) => r.row.code === SHOWCASE.roomCode);
    if (!b || !room || room.residents.length < 2 || !b.landlord) {
      throw new Error('the showcase room was not generated as designed');
    }
    const tenant = room.residents.find((p) => p.adult)!;
    const business = this.entity(rng, b, room, 'INDIVIDUAL_BUSINESS', `深圳市福田区${tenant.surname}记家政服务部`, '居民服务业');
    // the tenant runs it from home: make them its representative and keep it active
    const entityRow = this.rows['entities.legal_entity'].find((e) => e.credit_code === business)!;
    entityRow.legal_rep_person_id = tenant.id;
    entityRow.status = 'ACTIVE';
    entityRow.registered_address_code = room.row.code;

    const event = this.event(rng, b, room, 'FIRE_HAZARD', '', {
      source: 'GRID_PATROL',
      severity: 'HIGH',
      status: 'REPORTED',
      reported_at: '2026-10-28T21:40:00+08:00',
      resolved_at: null,
      description: `${b.label}12楼楼道内有电动自行车违规充电，1203房住户从室内私拉电线至走廊，存在火灾隐患`,
    });
    this.rows['events.event_person'].push(
      { event_id: event.id, person_id: tenant.id, role: 'INVOLVED' },
      { event_id: event.id, person_id: b.landlord.id, role: 'RESPONSIBLE' },
    );
    this.rows['events.event_entity'].push({ event_id: event.id, credit_code: business, role: 'INVOLVED' });

    this.legalCase(rng, b, room, 'MEDIATION', dayOf(2026, 10, 30), event.id, [b.landlord.id, tenant.id], {
      status: 'IN_PROGRESS',
      closed_on: null,
      outcome: null,
      summary: `房东${b.landlord.surname}某与1203房租户${tenant.surname}某因楼道电动车充电及私拉电线整改发生纠纷，双方就整改费用分担和是否解除租约存在分歧，水围社区人民调解委员会受理调解`,
    });
  }
}

function clampBirth(day: number): number {
  return Math.min(MAX_BIRTH, Math.max(MIN_BIRTH, day));
}

function enc31(n: number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = CREDIT_CODE_CHARSET[n % 31] + out;
    n = Math.floor(n / 31);
  }
  return out;
}

/** Weights of the local hour at which events are reported. */
const HOURS: Weighted<number> = Array.from({ length: 24 }, (_, h) => [h, h < 6 ? 1 : h < 8 ? 4 : h < 22 ? 10 : 5] as const);
/** Who a case is against when no second party is on record. */
const OTHER_SIDE: Readonly<Record<CaseKind, string>> = {
  MEDIATION: '相邻住户', LITIGATION: '某公司', PETITION: '有关单位', LEGAL_AID: '对方', ARBITRATION: '用人单位', FINANCIAL: '某投资公司',
};
/** Events per room over the two years, by building type. */
const EVENT_RATE: Readonly<Record<BuildingType, number>> = {
  URBAN_VILLAGE: 1.7, RESIDENTIAL_ESTATE: 0.75, OFFICE: 0.45, COMMERCIAL: 1.2, INDUSTRIAL: 0.9, PUBLIC: 0.5,
};
/** Cases per room over three years, by building type (besides disputes that escalate). */
const CASE_RATE: Readonly<Record<BuildingType, number>> = {
  URBAN_VILLAGE: 0.3, RESIDENTIAL_ESTATE: 0.22, OFFICE: 0.28, COMMERCIAL: 0.3, INDUSTRIAL: 0.25, PUBLIC: 0.08,
};
const EVENT_KINDS: Readonly<Record<BuildingType, Weighted<EventKind>>> = {
  URBAN_VILLAGE: [['FIRE_HAZARD', 24], ['SANITATION', 16], ['DISPUTE', 18], ['ILLEGAL_CONSTRUCTION', 10], ['PUBLIC_ORDER', 12], ['SAFETY_HAZARD', 8], ['ENVIRONMENT', 5], ['TRAFFIC', 3], ['OTHER', 4]],
  RESIDENTIAL_ESTATE: [['DISPUTE', 26], ['SANITATION', 14], ['SAFETY_HAZARD', 16], ['TRAFFIC', 12], ['FIRE_HAZARD', 10], ['ENVIRONMENT', 8], ['ILLEGAL_CONSTRUCTION', 6], ['PUBLIC_ORDER', 4], ['OTHER', 4]],
  OFFICE: [['SAFETY_HAZARD', 22], ['FIRE_HAZARD', 22], ['DISPUTE', 20], ['TRAFFIC', 12], ['ENVIRONMENT', 6], ['SANITATION', 6], ['PUBLIC_ORDER', 6], ['OTHER', 6]],
  COMMERCIAL: [['FIRE_HAZARD', 22], ['ENVIRONMENT', 18], ['SANITATION', 16], ['PUBLIC_ORDER', 14], ['DISPUTE', 12], ['TRAFFIC', 8], ['ILLEGAL_CONSTRUCTION', 5], ['OTHER', 5]],
  INDUSTRIAL: [['SAFETY_HAZARD', 26], ['FIRE_HAZARD', 22], ['ENVIRONMENT', 20], ['DISPUTE', 14], ['SANITATION', 8], ['TRAFFIC', 5], ['OTHER', 5]],
  PUBLIC: [['SAFETY_HAZARD', 25], ['TRAFFIC', 20], ['SANITATION', 15], ['PUBLIC_ORDER', 15], ['FIRE_HAZARD', 10], ['OTHER', 15]],
};
const RESIDENTIAL_CASES: Weighted<CaseKind> = [['MEDIATION', 60], ['LITIGATION', 10], ['PETITION', 10], ['LEGAL_AID', 12], ['ARBITRATION', 3], ['FINANCIAL', 5]];
const BUSINESS_CASES: Weighted<CaseKind> = [['MEDIATION', 32], ['ARBITRATION', 24], ['LITIGATION', 20], ['FINANCIAL', 12], ['PETITION', 4], ['LEGAL_AID', 8]];
const CASE_KINDS: Readonly<Record<BuildingType, Weighted<CaseKind>>> = {
  URBAN_VILLAGE: RESIDENTIAL_CASES, RESIDENTIAL_ESTATE: RESIDENTIAL_CASES, PUBLIC: RESIDENTIAL_CASES,
  OFFICE: BUSINESS_CASES, COMMERCIAL: BUSINESS_CASES, INDUSTRIAL: BUSINESS_CASES,
};
const CASE_DURATION: Readonly<Record<CaseKind, readonly [number, number]>> = {
  MEDIATION: [1, 45], LITIGATION: [30, 300], PETITION: [7, 60], LEGAL_AID: [15, 180], ARBITRATION: [30, 120], FINANCIAL: [30, 365],
};
const CASE_OUTCOMES: Readonly<Record<CaseKind, Weighted<CaseOutcome>>> = {
  MEDIATION: [['MEDIATED', 65], ['FAILED', 15], ['WITHDRAWN', 12], ['REFERRED', 8]],
  LITIGATION: [['JUDGED', 50], ['MEDIATED', 25], ['WITHDRAWN', 20], ['REJECTED', 5]],
  PETITION: [['REFERRED', 50], ['MEDIATED', 20], ['REJECTED', 15], ['WITHDRAWN', 15]],
  LEGAL_AID: [['JUDGED', 35], ['MEDIATED', 30], ['REFERRED', 20], ['WITHDRAWN', 15]],
  ARBITRATION: [['JUDGED', 50], ['MEDIATED', 35], ['WITHDRAWN', 15]],
  FINANCIAL: [['REFERRED', 50], ['JUDGED', 30], ['WITHDRAWN', 10], ['FAILED', 10]],
};
