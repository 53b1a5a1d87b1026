/**
 * Matching parsed components to the registry: the most specific code that is certain.
 *
 * 1. Written divisions outside the district (罗湖区, 广州市) end the match: nothing is linked.
 * 2. Candidate buildings are gathered by every identifying key written: the estate (its name, an
 *    alias, or a one-character correction), road + door number, road + building number.
 * 3. Each candidate is checked against every written component (estate, building, road, door,
 *    community, subdistrict). A candidate that contradicts any of them is never returned.
 * 4. Exactly one consistent candidate, pinned by a building number, a door number or a
 *    single-building place → BUILDING. Then a written room is looked up in that building
 *    (in the database, a batch at a time): one room with that number (and unit, and a consistent
 *    floor) → ROOM; otherwise the match stays at the building with the rooms as candidates.
 * 5. Several consistent candidates, or none → the deepest division they (or the written community
 *    and subdistrict) all share: COMMUNITY, else SUBDISTRICT, else DISTRICT, with ranked candidates.
 */
import { LEVEL_LENGTH, levelOf } from '../lib/address-code.ts';
import type { AddressMatch, ComponentName, MatchCandidate, MatchLevel, MatchReason, ParsedAddress, ReasonStatus } from './types.ts';
import { placeKey, roadDoorKey, type IndexedBuilding, type IndexedDivision, type NameHit, type RegistryIndex } from './registry.ts';
import type { RoomRow } from './repository.ts';

/** What the in-memory pass decided; `roomQuestion` asks the database to finish the match. */
export type Pending = {
  parsed: ParsedAddress;
  result: Omit<AddressMatch, keyof ParsedAddress>;
  roomQuestion: RoomQuestion | null;
};

/**
 * Which rooms numbered `room` exist in `buildings`. One building: the match is that building and
 * the room decides ROOM or not. Several (an ambiguous building): the room is taken only when
 * exactly one of them has it; otherwise `base`, the coarser match, stands.
 */
export type RoomQuestion = {
  buildings: IndexedBuilding[];
  room: string;
  unit?: string;
  floor?: string;
  base: Omit<AddressMatch, keyof ParsedAddress>;
  /**
   * The (building, room number) pairs to look up when they are not every building with `room`:
   * a lettered room with no building written (A1203) is also room 1203 of building A.
   */
  pairs?: { building: IndexedBuilding; room: string }[];
};

/** The (building code, room number) pairs a question asks the database about. */
export function roomPairs(q: RoomQuestion): { building: string; room: string }[] {
  return q.pairs ? q.pairs.map((p) => ({ building: p.building.code, room: p.room })) : q.buildings.map((b) => ({ building: b.code, room: q.room }));
}

/**
 * With no building written, a room starting with a building's letter (A1203, B201) reads two
 * ways: as written, or as room 1203 of building A. Both are asked; the rooms found decide (two
 * found: ambiguous, and the match stays coarser).
 */
function letteredPairs(buildings: IndexedBuilding[], c: ParsedAddress['components']): RoomQuestion['pairs'] {
  if (c.building || !c.room) return undefined;
  const m = /^([A-Z])(\d{2,4})$/.exec(c.room);
  const lettered = m ? buildings.find((b) => b.buildingNo === m[1]) : undefined;
  if (!m || !lettered) return undefined;
  return [...buildings.map((b) => ({ building: b, room: c.room! })), { building: lettered, room: m[2] }];
}

/** How much each written component tells apart buildings, for ranking candidates. */
const WEIGHTS: Partial<Record<ComponentName, number>> = { subdistrict: 0.5, community: 1, road: 1, doorNumber: 2, estate: 3, building: 3 };
const CHECKED = ['subdistrict', 'community', 'road', 'doorNumber', 'estate', 'building'] as const;
type Checked = (typeof CHECKED)[number];

type Verdict = { status: ReasonStatus; message: string };
type Candidate = { b: IndexedBuilding; verdicts: Partial<Record<Checked, Verdict>>; conflicts: number; score: number };

const MAX_CANDIDATES = 5;
/** At most this many ambiguous buildings are probed for a written room. */
const MAX_ROOM_PROBES = 8;
/** A place with more buildings than this and no building number written is not checked building by building. */
const MAX_JUDGED = 64;
const round3 = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 1000) / 1000;

/** Divisions written that are not ours: province, city or district. */
function outside(p: ParsedAddress, index: RegistryIndex): MatchReason | null {
  const c = p.components;
  const districtName = index.district?.name;
  if (c.province && c.province !== '广东省') return { component: 'province', status: 'CONFLICT', message: `${c.province} is outside ${districtName ?? 'the district'}` };
  if (c.city && c.city !== '深圳市') return { component: 'city', status: 'CONFLICT', message: `${c.city} is outside ${districtName ?? 'the district'}` };
  if (c.district && districtName && c.district !== districtName) return { component: 'district', status: 'CONFLICT', message: `${c.district} is outside ${districtName}` };
  return null;
}

function fixedReason(component: ComponentName, hit: NameHit, written: string): Verdict {
  if (hit.via === 'exact') return { status: 'MATCHED', message: `${component} ${written} matched` };
  if (hit.via === 'alias') return { status: 'CORRECTED', message: `${component} ${written} is an alias` };
  if (hit.via === 'division') return { status: 'CORRECTED', message: `${component} ${written} read as ${hit.name}, without the division written before it` };
  return { status: 'CORRECTED', message: `${component} ${written} read as ${hit.name}` };
}

/** The in-memory part of the match. */
export function decide(parsed: ParsedAddress, index: RegistryIndex): Pending {
  const reasons: MatchReason[] = [];
  const c = withPlaceFromLeftover(parsed, index);
  const none = (confidence = 0): Pending => ({ parsed, result: { code: null, level: null, confidence, reasons, candidates: [] }, roomQuestion: null });

  if (Object.keys(c).length === 0) {
    reasons.push({ component: 'text', status: 'NOT_FOUND', message: parsed.text.trim() ? `no address components recognised in "${parsed.text}"` : 'the address is empty' });
    return none();
  }
  const away = outside(parsed, index);
  if (away) {
    reasons.push(away);
    return none();
  }
  if (c.district) reasons.push({ component: 'district', status: 'MATCHED', message: `district ${c.district} matched` });

  // written divisions
  let subdistrict: IndexedDivision | null = null;
  let community: IndexedDivision | null = null;
  const divisionVerdicts: Partial<Record<'subdistrict' | 'community', Verdict>> = {};
  if (c.subdistrict) {
    const found = index.division('SUBDISTRICT', c.subdistrict);
    if (found) {
      subdistrict = found.divisions[0];
      divisionVerdicts.subdistrict = fixedReason('subdistrict', found.hit, c.subdistrict);
    } else divisionVerdicts.subdistrict = { status: 'NOT_FOUND', message: `subdistrict ${c.subdistrict} is not in the registry` };
  }
  if (c.community) {
    const found = index.division('COMMUNITY', c.community);
    if (found) {
      const inSub = subdistrict ? found.divisions.filter((d) => d.code.startsWith(subdistrict.code)) : found.divisions;
      community = (inSub.length ? inSub : found.divisions)[0];
      divisionVerdicts.community = fixedReason('community', found.hit, c.community);
    } else divisionVerdicts.community = { status: 'NOT_FOUND', message: `community ${c.community} is not in the registry` };
  }
  const divisionConflict = !!subdistrict && !!community && !community.code.startsWith(subdistrict.code);
  if (divisionConflict) {
    divisionVerdicts.community = { status: 'CONFLICT', message: `community ${c.community} is not in subdistrict ${c.subdistrict}` };
    divisionVerdicts.subdistrict = { status: 'CONFLICT', message: `subdistrict ${c.subdistrict} does not contain community ${c.community}` };
  }

  // candidate buildings by every identifying key; `places` are all buildings of the written
  // estate (else road), kept by reference for the fallback to their shared division
  const pool = new Map<string, IndexedBuilding>();
  const places: (readonly IndexedBuilding[])[] = [];
  let tooMany = 0;
  const estateHits = c.estate ? index.estateHits(c.estate) : [];
  const estateVia = new Map<string, NameHit>();
  for (const { hit, buildings } of estateHits) {
    estateVia.set(hit.name, hit);
    places.push(buildings);
    if (c.building) for (const b of index.estateBuildings.get(placeKey(hit.name, c.building)) ?? []) pool.set(b.code, b);
    else if (buildings.length <= MAX_JUDGED) for (const b of buildings) pool.set(b.code, b);
    else tooMany += buildings.length;
  }
  const roadHits = c.road ? index.roadHits(c.road) : [];
  const roadVia = new Map<string, NameHit>();
  for (const { hit, buildings } of roadHits) {
    roadVia.set(hit.name, hit);
    // a bare road says little about where on it: only a door or building number makes it a place
    if (!c.estate && (c.doorNumber || c.building)) places.push(buildings);
    if (c.doorNumber) for (const b of index.roadDoors.get(roadDoorKey(hit.name, c.doorNumber)) ?? []) pool.set(b.code, b);
    else if (c.building && !c.estate) for (const b of index.roadBuildings.get(placeKey(hit.name, c.building)) ?? []) pool.set(b.code, b);
  }

  const candidates: Candidate[] = [];
  for (const b of pool.values()) candidates.push(judge(b, c, estateVia, roadVia, subdistrict, community, divisionVerdicts));
  candidates.sort((x, y) => x.conflicts - y.conflicts || y.score - x.score || (x.b.code < y.b.code ? -1 : 1));
  const consistent = divisionConflict || tooMany ? [] : candidates.filter((x) => x.conflicts === 0);

  // one consistent building, pinned by something that tells buildings apart
  if (consistent.length === 1) {
    const only = consistent[0];
    const v = only.verdicts;
    const singlePlace = !!only.b.estate && !only.b.buildingNo && !c.building && (index.estates.get(only.b.estate)?.length ?? 0) === 1;
    const pinned = v.building?.status === 'MATCHED' || v.doorNumber?.status === 'MATCHED' || singlePlace;
    if (pinned) {
      for (const k of CHECKED) if (v[k]) reasons.push({ component: k, ...v[k]! });
      const corrections = reasons.filter((r) => r.status === 'CORRECTED').length;
      // a correction of two characters may well be another name (联合工业大厦 → 城建工业大厦)
      const estateHit = only.b.estate ? (estateVia.get(only.b.estate) ?? only.b.estateAliases.map((a) => estateVia.get(a)).find(Boolean)) : undefined;
      const roadHit = only.b.road ? roadVia.get(only.b.road) : undefined;
      const extraEdits = Math.max(0, (estateHit?.edits ?? 1) - 1) + Math.max(0, (roadHit?.edits ?? 1) - 1);
      const base = {
        code: only.b.code,
        level: 'BUILDING' as MatchLevel,
        confidence: round3(0.95 * 0.9 ** corrections * 0.85 ** extraEdits * (parsed.unparsed.length ? 0.9 : 1)),
        reasons,
        candidates: [] as MatchCandidate[],
      };
      if (c.room) return { parsed, result: base, roomQuestion: { buildings: [only.b], room: c.room, unit: c.unit, floor: c.floor, base, pairs: letteredPairs([only.b], c) } };
      if (c.unit || c.floor) reasons.push({ component: 'room', status: 'MISSING', message: 'no room number written, so the match stops at the building' });
      return { parsed, result: base, roomQuestion: null };
    }
  }

  // otherwise the deepest division that is certain
  for (const k of ['subdistrict', 'community'] as const) if (divisionVerdicts[k]) reasons.push({ component: k, ...divisionVerdicts[k]! });
  const area = consistent.length > 0 ? consistent.map((x) => x.b) : inScope(places, divisionConflict ? null : community, divisionConflict ? null : subdistrict);
  let code: string | null = null;
  if (divisionConflict) code = index.district?.code ?? null;
  else if (area.length > 0) code = sharedDivision(area.map((b) => b.code));
  else {
    // the written place exists, but only outside the written community or subdistrict: trust
    // neither, keep what both agree on
    const written = community ?? subdistrict;
    const elsewhere = written ? inScope(places, null, null) : [];
    if (written && elsewhere.length > 0) {
      code = sharedDivision([written.code, ...elsewhere.map((b) => b.code)]);
      const place = c.estate ? `estate ${c.estate}` : `road ${c.road}`;
      for (const [key, d] of [['community', community], ['subdistrict', subdistrict]] as const) {
        if (!d || elsewhere.some((b) => b.code.startsWith(d.code))) continue;
        divisionVerdicts[key] = { status: 'CONFLICT', message: `${place} is not in ${d.name}` };
        const at = reasons.findIndex((r) => r.component === key);
        if (at >= 0) reasons[at] = { component: key, ...divisionVerdicts[key]! };
      }
    } else code = written?.code ?? index.district?.code ?? null;
  }
  const trusted = (k: 'community' | 'subdistrict') => divisionVerdicts[k]?.status !== 'CONFLICT';
  if (community && trusted('community') && code && code.length < 12 && community.code.startsWith(code)) code = community.code;
  if (subdistrict && trusted('subdistrict') && code && code.length < 9 && subdistrict.code.startsWith(code)) code = subdistrict.code;

  explainStop(c, consistent, candidates, estateHits.length > 0, roadHits.length > 0, reasons, tooMany);
  // code is a district, subdistrict or community code here
  const level = code === null ? null : (levelOf(code) as MatchLevel);
  const finer = c.estate || c.road || c.building || c.room || c.doorNumber;
  const corrections = reasons.filter((r) => r.status === 'CORRECTED' || r.status === 'NOT_FOUND').length;
  const baseConfidence = level === 'COMMUNITY' ? (finer ? 0.8 : 0.9) : level === 'SUBDISTRICT' ? 0.6 : level === 'DISTRICT' ? 0.4 : 0;
  // a building that fits everything but the written community or subdistrict: the divisions
  // written may be the mistake, so the division they name is less sure
  const onlyDivisionsDiffer = consistent.length === 0 && candidates.some((x) => x.conflicts > 0 && CHECKED.every((k) => x.verdicts[k]?.status !== 'CONFLICT' || k === 'community' || k === 'subdistrict'));
  if (onlyDivisionsDiffer) {
    const best = candidates.find((x) => CHECKED.every((k) => x.verdicts[k]?.status !== 'CONFLICT' || k === 'community' || k === 'subdistrict'))!;
    reasons.push({ component: best.verdicts.community?.status === 'CONFLICT' ? 'community' : 'subdistrict', status: 'CONFLICT', message: `${best.b.fullName} fits all but the written ${best.verdicts.community?.status === 'CONFLICT' ? 'community' : 'subdistrict'}` });
  }
  const confidence = round3(baseConfidence * 0.9 ** corrections * (divisionConflict ? 0.5 : 1) * (onlyDivisionsDiffer ? 0.9 : 1) * (parsed.unparsed.length ? 0.9 : 1));
  const result = {
    code,
    level,
    confidence,
    reasons,
    candidates: candidates.slice(0, MAX_CANDIDATES).map((x) => ({ code: x.b.code, level: 'BUILDING' as const, fullName: x.b.fullName, score: round3(x.score) })),
  };
  // a written room may tell apart a few same-named buildings (the room exists in only one)
  const ask = c.room && consistent.length > 1 && consistent.length <= MAX_ROOM_PROBES;
  const asked = consistent.map((x) => x.b);
  return { parsed, result, roomQuestion: ask ? { buildings: asked, room: c.room!, unit: c.unit, floor: c.floor, base: result, pairs: letteredPairs(asked, c) } : null };
}

/**
 * Text the parser could not place (no marker such as 大厦 or 村, or a typo in one) may still be a
 * place name in the registry: 皇庭国际大夏 → 皇庭国际大厦. Only a single leftover piece of three or
 * more characters is tried, and only when no estate or road was parsed.
 */
function withPlaceFromLeftover(parsed: ParsedAddress, index: RegistryIndex): ParsedAddress['components'] {
  const c = parsed.components;
  if (c.estate || c.road || parsed.unparsed.length !== 1 || parsed.unparsed[0].length < 3) return c;
  const piece = parsed.unparsed[0];
  return index.estateHits(piece).length > 0 ? { ...c, estate: piece } : c;
}

/** Checks one building against every written component. */
function judge(
  b: IndexedBuilding,
  c: ParsedAddress['components'],
  estateVia: Map<string, NameHit>,
  roadVia: Map<string, NameHit>,
  subdistrict: IndexedDivision | null,
  community: IndexedDivision | null,
  divisionVerdicts: Partial<Record<'subdistrict' | 'community', Verdict>>,
): Candidate {
  const v: Partial<Record<Checked, Verdict>> = {};
  if (c.estate) {
    const hit = (b.estate && estateVia.get(b.estate)) || b.estateAliases.map((a) => estateVia.get(a)).find(Boolean);
    v.estate = hit ? fixedReason('estate', hit, c.estate) : { status: 'CONFLICT', message: `estate ${c.estate} differs from ${b.estate ?? 'the building, which has none'}` };
  }
  if (c.building) {
    v.building = b.buildingNo === c.building
      ? { status: 'MATCHED', message: `building ${c.building} matched` }
      : { status: 'CONFLICT', message: `building ${c.building} differs from ${b.buildingNo ?? 'the place, which has one building'}` };
  }
  if (c.road) {
    const hit = b.road ? roadVia.get(b.road) : undefined;
    v.road = hit ? fixedReason('road', hit, c.road) : { status: 'CONFLICT', message: `road ${c.road} differs from ${b.road ?? 'none'}` };
  }
  if (c.doorNumber) {
    v.doorNumber = b.doorNumber === c.doorNumber
      ? { status: 'MATCHED', message: `door number ${c.doorNumber} matched` }
      : { status: 'CONFLICT', message: `door number ${c.doorNumber} differs from ${b.doorNumber ?? 'none on record'}` };
  }
  if (community) {
    v.community = b.community === community.code ? divisionVerdicts.community : { status: 'CONFLICT', message: `the building is not in ${community.name}` };
  }
  if (subdistrict) {
    v.subdistrict = b.subdistrict === subdistrict.code ? divisionVerdicts.subdistrict : { status: 'CONFLICT', message: `the building is not in ${subdistrict.name}` };
  }
  let conflicts = 0;
  let got = 0;
  let wanted = 0;
  for (const k of CHECKED) {
    const verdict = v[k];
    if (!verdict) continue;
    const w = WEIGHTS[k] ?? 1;
    wanted += w;
    if (verdict.status === 'CONFLICT') conflicts++;
    else got += verdict.status === 'MATCHED' ? w : 0.7 * w;
  }
  return { b, verdicts: v, conflicts, score: wanted ? got / wanted : 0 };
}

/**
 * When no candidate is consistent: the buildings of the written place (estate, else road) that
 * agree with the written divisions, so a building number missing from the registry still lands
 * on its estate's community.
 */
function inScope(places: (readonly IndexedBuilding[])[], community: IndexedDivision | null, subdistrict: IndexedDivision | null): IndexedBuilding[] {
  const out: IndexedBuilding[] = [];
  for (const list of places) {
    for (const b of list) if ((!community || b.community === community.code) && (!subdistrict || b.subdistrict === subdistrict.code)) out.push(b);
  }
  return out;
}

/** The deepest division (community, subdistrict or district code) shared by all codes. */
function sharedDivision(codes: string[]): string {
  for (const len of [LEVEL_LENGTH.COMMUNITY, LEVEL_LENGTH.SUBDISTRICT, LEVEL_LENGTH.DISTRICT]) {
    const prefix = codes[0].slice(0, len);
    if (codes.every((code) => code.startsWith(prefix))) return prefix;
  }
  return codes[0].slice(0, LEVEL_LENGTH.DISTRICT);
}

/** Reasons for stopping above the building. */
function explainStop(c: ParsedAddress['components'], consistent: Candidate[], candidates: Candidate[], estateKnown: boolean, roadKnown: boolean, reasons: MatchReason[], tooMany: number): void {
  if (c.estate && !estateKnown) reasons.push({ component: 'estate', status: 'NOT_FOUND', message: `estate ${c.estate} is not in the registry` });
  if (c.road && !roadKnown) reasons.push({ component: 'road', status: 'NOT_FOUND', message: `road ${c.road} is not in the registry` });
  if (tooMany) {
    reasons.push({ component: 'building', status: 'MISSING', message: `no building number written and ${c.estate} has ${tooMany} buildings` });
  } else if (consistent.length > 1) {
    const what = c.building ? `building ${c.building}` : c.doorNumber ? `door number ${c.doorNumber}` : c.estate ? `estate ${c.estate}` : 'the address';
    reasons.push({ component: c.building ? 'building' : c.doorNumber ? 'doorNumber' : c.estate ? 'estate' : 'road', status: 'AMBIGUOUS', message: `${what} fits ${consistent.length} buildings` });
  } else if (consistent.length === 0 && candidates.length > 0) {
    const best = candidates[0];
    for (const k of CHECKED) {
      const v = best.verdicts[k];
      if (v && v.status === 'CONFLICT' && k !== 'community' && k !== 'subdistrict') {
        reasons.push({ component: k, status: k === 'building' || k === 'doorNumber' ? 'NOT_FOUND' : 'CONFLICT', message: k === 'building' ? `building ${c.building} is not in ${c.estate ?? c.road}` : k === 'doorNumber' ? `no building at ${c.road}${c.doorNumber}号` : v.message });
        break;
      }
    }
  } else if (consistent.length === 0 && (estateKnown || roadKnown)) {
    if (c.building) reasons.push({ component: 'building', status: 'NOT_FOUND', message: `building ${c.building} is not in ${c.estate ?? c.road}` });
    else if (c.doorNumber) reasons.push({ component: 'doorNumber', status: 'NOT_FOUND', message: `no building at ${c.road}${c.doorNumber}号` });
  } else if (consistent.length === 1) {
    reasons.push({ component: 'building', status: 'MISSING', message: `no building number written and ${consistent[0].b.estate ?? 'the place'} has several buildings` });
  }
  if (!c.building && !c.doorNumber && candidates.length === 0 && !c.estate && !c.road) {
    reasons.push({ component: 'building', status: 'MISSING', message: 'no estate, road or building written' });
  }
}

/** Finishes matches that wait on a room lookup, given the rooms found for each question. */
export function finishRoom(pending: Pending, rooms: readonly RoomRow[]): Omit<AddressMatch, keyof ParsedAddress> {
  const q = pending.roomQuestion!;
  if (q.buildings.length > 1) return pickByRoom(q, rooms);
  const reasons = [...q.base.reasons];
  const byUnit = q.unit ? rooms.filter((r) => r.unit === q.unit) : rooms;
  const stay = (status: ReasonStatus, message: string, candidates: readonly RoomRow[]) => ({
    ...q.base,
    // a written room the building lacks casts doubt on the building itself
    confidence: round3(q.base.confidence * (status === 'AMBIGUOUS' ? 0.95 : status === 'NOT_FOUND' ? 0.8 : 0.85)),
    reasons: [...reasons, { component: 'room' as const, status, message }],
    candidates: candidates.slice(0, MAX_CANDIDATES).map((r) => ({ code: r.code, level: 'ROOM' as const, fullName: r.fullName, score: 0.5 })),
  });
  if (rooms.length === 0) return stay('NOT_FOUND', `room ${q.room} is not in the building`, []);
  if (q.unit && byUnit.length === 0) {
    reasons.push({ component: 'unit', status: 'CONFLICT', message: `room ${q.room} is not in unit ${q.unit}` });
    return stay('NOT_FOUND', `room ${q.room} exists only in other units`, rooms);
  }
  if (byUnit.length > 1) {
    reasons.push({ component: 'unit', status: 'MISSING', message: `room ${q.room} is in ${byUnit.length} units` });
    return stay('AMBIGUOUS', `room ${q.room} fits ${byUnit.length} rooms`, byUnit);
  }
  const room = byUnit[0];
  if (q.floor !== undefined && room.floor !== null && String(room.floor) !== q.floor) {
    reasons.push({ component: 'floor', status: 'CONFLICT', message: `floor ${q.floor} differs from room ${q.room}'s floor ${room.floor}` });
    return stay('CONFLICT', `room ${q.room} is on another floor`, [room]);
  }
  if (q.unit) reasons.push({ component: 'unit', status: 'MATCHED', message: `unit ${q.unit} matched` });
  if (q.floor !== undefined) reasons.push({ component: 'floor', status: 'MATCHED', message: `floor ${q.floor} matched` });
  reasons.push({ component: 'room', status: 'MATCHED', message: `room ${q.room} matched` });
  return { code: room.code, level: 'ROOM', confidence: round3(q.base.confidence / 0.95), reasons, candidates: [] };
}

/** Several buildings fit; the written room (with unit and floor when written) keeps exactly one, or none is taken. */
function pickByRoom(q: RoomQuestion, rooms: readonly RoomRow[]): Omit<AddressMatch, keyof ParsedAddress> {
  const fits = rooms.filter((r) => (!q.unit || r.unit === q.unit) && (q.floor === undefined || r.floor === null || String(r.floor) === q.floor));
  if (fits.length !== 1) {
    return { ...q.base, reasons: [...q.base.reasons, { component: 'room', status: fits.length ? 'AMBIGUOUS' : 'NOT_FOUND', message: fits.length ? `room ${q.room} exists in ${fits.length} of the ${q.buildings.length} buildings` : `room ${q.room} is in none of the ${q.buildings.length} buildings` }] };
  }
  const room = fits[0];
  const building = q.buildings.find((b) => room.code.startsWith(b.code))!;
  const reasons: MatchReason[] = [
    ...q.base.reasons.filter((r) => r.status !== 'AMBIGUOUS'),
    { component: 'building', status: 'CORRECTED', message: `of ${q.buildings.length} buildings that fit, only ${building.fullName} has room ${q.room}` },
    { component: 'room', status: 'MATCHED', message: `room ${q.room} matched` },
  ];
  const corrections = reasons.filter((r) => r.status === 'CORRECTED' || r.status === 'NOT_FOUND').length;
  return { code: room.code, level: 'ROOM', confidence: round3(0.85 * 0.9 ** (corrections - 1)), reasons, candidates: [] };
}
