/**
 * The in-memory index the matcher resolves parsed components against: divisions by name and
 * buildings by estate, alias, road and door number. Built from the registry's division and
 * building rows (about 30k at district scale, a few MB); rooms stay in the database.
 */
import { distance } from 'fastest-levenshtein';
import type { RegistryRow } from './repository.ts';

export type IndexedBuilding = {
  code: string;
  /** 12-character community code and 9-character subdistrict code. */
  community: string;
  subdistrict: string;
  road: string | null;
  doorNumber: string | null;
  estate: string | null;
  buildingNo: string | null;
  fullName: string;
  /** Estate names people use for this building's place besides `estate` (from the row's aliases). */
  estateAliases: string[];
};

export type IndexedDivision = { code: string; level: 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY'; name: string; fullName: string };

/**
 * How a name was found: as written, through an alias, by correcting a typo (`edits`: how many
 * characters were changed), or once the name of the division written before it is taken off
 * (福田保税区联合工业大厦2期 → 联合工业大厦2期, in 福田保税区).
 */
export type NameHit = { name: string; via: 'exact' | 'alias' | 'fuzzy' | 'division'; edits?: number };

/**
 * A name dictionary with typo tolerance: exact lookups are a Map probe; fuzzy lookups gather names
 * sharing characters with the query through a per-character postings list (Chinese names are
 * short, so a one-character substitution leaves most characters shared) and keep those within
 * edit distance 1 (2 for names of 6 characters or more).
 */
class NameIndex<T> {
  readonly byName = new Map<string, T[]>();
  #postings: Map<string, string[]> | null = null;

  add(name: string, value: T): void {
    const list = this.byName.get(name);
    if (list) {
      if (!list.includes(value)) list.push(value);
    } else {
      this.byName.set(name, [value]);
      this.#postings = null;
    }
  }

  get(name: string): T[] | undefined {
    return this.byName.get(name);
  }

  /** Names within a small edit distance of `name`, closest first; never `name` itself. */
  fuzzy(name: string): string[] {
    return this.fuzzyHits(name).map((f) => f.name);
  }

  /**
   * `fuzzy`, with each name's edit distance. `limit` edits leave a name missing at most `limit` of
   * the distinct characters of `name` (华富华庭 has three), so a name within reach holds at least
   * one of any `limit + 1` of them: only the postings of the rarest `limit + 1` are read (a few
   * names each) instead of those of every character (thousands for 园 or 大).
   */
  fuzzyHits(name: string): { name: string; d: number }[] {
    if (name.length < 2) return [];
    const postings = this.#postingsList();
    const limit = name.length >= 6 ? 2 : 1;
    const lists = [...new Set(name)].map((ch) => postings.get(ch) ?? NO_NAMES).sort((a, b) => a.length - b.length).slice(0, limit + 1);
    const digits = digitsOf(name);
    const seen = new Set<string>();
    const found: { name: string; d: number }[] = [];
    for (const list of lists) {
      for (const candidate of list) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        if (Math.abs(candidate.length - name.length) > limit || candidate === name) continue;
        // a number in a name is no typo: 万科国际大厦3期 is another place than 万科国际大厦
        if (digitsOf(candidate) !== digits) continue;
        const d = distance(candidate, name);
        if (d <= limit) found.push({ name: candidate, d });
      }
    }
    return found.sort((a, b) => a.d - b.d || (a.name < b.name ? -1 : 1));
  }

  #postingsList(): Map<string, string[]> {
    if (this.#postings) return this.#postings;
    const postings = new Map<string, string[]>();
    for (const name of this.byName.keys()) {
      for (const ch of new Set(name)) {
        const list = postings.get(ch);
        if (list) list.push(name);
        else postings.set(ch, [name]);
      }
    }
    this.#postings = postings;
    return postings;
  }
}

const NO_NAMES: readonly string[] = [];

/** The digits of a name, in order ('' when it has none). */
function digitsOf(name: string): string {
  let out = '';
  for (const ch of name) if (ch >= '0' && ch <= '9') out += ch;
  return out;
}

export type AliasParser = (alias: string) => { estate?: string; building?: string };

export class RegistryIndex {
  readonly district: IndexedDivision | null;
  readonly divisions = new Map<string, IndexedDivision>();
  readonly subdistricts = new NameIndex<IndexedDivision>();
  readonly communities = new NameIndex<IndexedDivision>();
  /** Estate names and estate aliases to the buildings of that place. */
  readonly estates = new NameIndex<IndexedBuilding>();
  readonly estateAliasNames = new Set<string>();
  readonly roads = new NameIndex<IndexedBuilding>();
  readonly roadDoors = new Map<string, IndexedBuilding[]>();
  /** (estate or estate alias, building number) and (road, building number) to buildings. */
  readonly estateBuildings = new Map<string, IndexedBuilding[]>();
  readonly roadBuildings = new Map<string, IndexedBuilding[]>();
  readonly buildings = new Map<string, IndexedBuilding>();

  /**
   * @param rows division and building rows in code order
   * @param parseAlias splits a building alias such as 水围28栋 into estate 水围 and building 28
   */
  constructor(rows: readonly RegistryRow[], parseAlias: AliasParser) {
    let district: IndexedDivision | null = null;
    for (const r of rows) {
      if (r.level === 'BUILDING') {
        const b: IndexedBuilding = {
          code: r.code,
          community: r.code.slice(0, 12),
          subdistrict: r.code.slice(0, 9),
          road: r.road,
          doorNumber: r.doorNumber,
          estate: r.estate,
          buildingNo: r.buildingNo,
          fullName: r.fullName,
          estateAliases: [],
        };
        this.buildings.set(b.code, b);
        if (b.estate) {
          this.estates.add(b.estate, b);
          if (b.buildingNo) push(this.estateBuildings, placeKey(b.estate, b.buildingNo), b);
        }
        if (b.road && b.buildingNo) push(this.roadBuildings, placeKey(b.road, b.buildingNo), b);
        if (b.road) {
          this.roads.add(b.road, b);
          if (b.doorNumber) {
            const key = roadDoorKey(b.road, b.doorNumber);
            const list = this.roadDoors.get(key);
            if (list) list.push(b);
            else this.roadDoors.set(key, [b]);
          }
        }
        for (const alias of r.aliases) {
          const parsed = parseAlias(alias);
          // 水围28栋 names the place 水围; 平安大厦 (a single building's alias) names the place itself
          const name = parsed.estate && parsed.building && parsed.building === b.buildingNo ? parsed.estate : !parsed.building ? (parsed.estate ?? alias) : null;
          if (name && name !== b.estate) {
            this.estates.add(name, b);
            this.estateAliasNames.add(name);
            if (b.buildingNo) push(this.estateBuildings, placeKey(name, b.buildingNo), b);
            if (!b.estateAliases.includes(name)) b.estateAliases.push(name);
          }
        }
        continue;
      }
      const d: IndexedDivision = { code: r.code, level: r.level, name: r.name, fullName: r.fullName };
      this.divisions.set(d.code, d);
      if (r.level === 'DISTRICT') district ??= d;
      const names = [r.name, ...r.aliases];
      for (const name of names) {
        if (r.level === 'SUBDISTRICT') this.subdistricts.add(name, d);
        else if (r.level === 'COMMUNITY') this.communities.add(name, d);
      }
    }
    this.district = district;
  }

  /**
   * Buildings of a place: by its name, else an alias, else the name without a division written
   * before it (in that division), else a corrected typo (each hit says which).
   */
  estateHits(name: string): { hit: NameHit; buildings: IndexedBuilding[] }[] {
    const exact = this.estates.get(name);
    if (exact) return [{ hit: { name, via: this.estateAliasNames.has(name) ? 'alias' : 'exact' }, buildings: exact }];
    const rest = this.#withoutDivision(name);
    if (rest) return [rest];
    return this.estates.fuzzyHits(name).map((f) => ({ hit: { name: f.name, via: 'fuzzy' as const, edits: f.d }, buildings: this.estates.get(f.name)! }));
  }

  /**
   * 福田保税区联合工业大厦2期 when the registry has 联合工业大厦2期 in 福田保税区: the parser read a
   * division into the name because another place is named after it (福田保税区联合工业大厦). The
   * rest must be a place of that division, found as written.
   */
  #withoutDivision(name: string): { hit: NameHit; buildings: IndexedBuilding[] } | null {
    for (const names of [this.subdistricts, this.communities]) {
      for (const [division, list] of names.byName) {
        if (name.length - division.length < 2 || !name.startsWith(division)) continue;
        const rest = name.slice(division.length);
        const buildings = this.estates.get(rest)?.filter((b) => list.some((d) => b.code.startsWith(d.code)));
        if (buildings?.length) return { hit: { name: rest, via: 'division' }, buildings };
      }
    }
    return null;
  }

  /** Buildings on a road: by its name, else corrected typos. */
  roadHits(name: string): { hit: NameHit; buildings: IndexedBuilding[] }[] {
    const exact = this.roads.get(name);
    if (exact) return [{ hit: { name, via: 'exact' }, buildings: exact }];
    return this.roads.fuzzyHits(name).map((f) => ({ hit: { name: f.name, via: 'fuzzy' as const, edits: f.d }, buildings: this.roads.get(f.name)! }));
  }

  division(level: 'SUBDISTRICT' | 'COMMUNITY', name: string): { hit: NameHit; divisions: IndexedDivision[] } | null {
    const index = level === 'SUBDISTRICT' ? this.subdistricts : this.communities;
    const exact = index.get(name);
    if (exact) return { hit: { name, via: 'exact' }, divisions: exact };
    const [close] = index.fuzzy(name);
    return close ? { hit: { name: close, via: 'fuzzy' }, divisions: index.get(close)! } : null;
  }

  get size(): number {
    return this.buildings.size + this.divisions.size;
  }
}

export function roadDoorKey(road: string, door: string): string {
  return `${road}#${door}`;
}

export function placeKey(place: string, buildingNo: string): string {
  return `${place}#${buildingNo}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
