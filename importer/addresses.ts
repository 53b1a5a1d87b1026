/**
 * The linking rule: turns the standardizer's AddressMatch for one address cell into either a
 * code the row can be loaded with, or the quarantine reason and a detail a steward can act on.
 *
 * A cell is linked when its match reaches at least the run's minimum level (community by
 * default). Otherwise the reason is, in this order:
 * - OUTSIDE_DISTRICT: the text names a province, city or district the registry does not cover
 *   (e.g. 罗湖区 when only 福田区 is loaded), so no amount of cleaning would link it here;
 * - AMBIGUOUS: a component fits several addresses (a reason with status AMBIGUOUS) or the match
 *   stops above the required level with two or more finer candidates;
 * - UNLINKED: anything else (too coarse, or not in the registry).
 */
import type { AddressMatch, MatchLevel, Standardizer } from '../address/types.ts';
import type { LinkLevel, QuarantineReason } from './types.ts';

/** A district the registry holds: code, official name, and full name (province and city, then the name). */
export type RegistryDistrict = { code: string; name: string; fullName: string };

/** The outcome for one address text. */
export type CellLink =
  | { ok: true; code: string; level: LinkLevel }
  | {
    ok: false;
    reason: Extract<QuarantineReason, 'OUTSIDE_DISTRICT' | 'AMBIGUOUS' | 'UNLINKED'>;
    detail: string;
    /** The 12-digit community the text reached (or all its candidates share), for the stewards' quarantine; else null. */
    community: string | null;
  };

const RANK: Record<MatchLevel, number> = { DISTRICT: 0, SUBDISTRICT: 1, COMMUNITY: 2, BUILDING: 3, ROOM: 4 };
const CODE_LENGTH: Record<LinkLevel, number> = { COMMUNITY: 12, BUILDING: 19, ROOM: 25 };

/** Every district of Shenzhen, for recognising a text that names one the registry lacks. */
const SHENZHEN_DISTRICTS = ['福田区', '罗湖区', '南山区', '盐田区', '宝安区', '龙岗区', '龙华区', '坪山区', '光明区', '大鹏新区'];

/** Longest detail kept, so a pathological text cannot bloat the quarantine table. */
const MAX_DETAIL = 600;

/** Applies the linking rule to matches; built once per run from the registry's districts. */
export type Linker = {
  link(match: AddressMatch): CellLink;
};

/** A linker for a minimum level, knowing which districts (and so which province and city) the registry covers. */
export function createLinker(districts: readonly RegistryDistrict[], minLevel: LinkLevel): Linker {
  const names = new Set(districts.map((d) => d.name));
  // '广东省深圳市福田区' → '广东省深圳市': any province or city component must appear in one of these
  const prefixes = districts.map((d) => (d.fullName.endsWith(d.name) ? d.fullName.slice(0, -d.name.length) : d.fullName));
  const codes = new Set(districts.map((d) => d.code));
  const foreign = SHENZHEN_DISTRICTS.filter((d) => !names.has(d));

  const outside = (m: AddressMatch): string | null => {
    // the standardizer's own verdict first: a written province, city or district that is not ours
    const away = m.reasons.find((r) => (r.component === 'province' || r.component === 'city' || r.component === 'district')
      && (r.status === 'CONFLICT' || r.status === 'NOT_FOUND'));
    if (away) return away.message;
    const c = m.components;
    if (m.code && !codes.has(m.code.slice(0, 6))) return `district code ${m.code.slice(0, 6)} is not in the registry`;
    if (c.province && !prefixes.some((p) => p.includes(c.province!))) return `province ${c.province} is outside the registry`;
    if (c.city && !prefixes.some((p) => p.includes(c.city!))) return `city ${c.city} is outside the registry`;
    if (c.district && !names.has(c.district)) return `district ${c.district} is outside the registry (${[...names].join(', ')})`;
    const text = m.normalized || m.text;
    if (![...names].some((n) => text.includes(n))) {
      const other = foreign.find((d) => text.includes(d));
      if (other) return `district ${other} is outside the registry (${[...names].join(', ')})`;
    }
    return null;
  };

  const explain = (m: AddressMatch): string => {
    const notes = m.reasons.filter((r) => r.status !== 'MATCHED' && r.status !== 'MISSING').map((r) => `${r.component} ${r.status}: ${r.message}`);
    return notes.length ? `; ${notes.join('; ')}` : '';
  };

  return {
    link(m) {
      const level = m.level;
      if (m.code && level && RANK[level] >= RANK[minLevel] && (level === 'COMMUNITY' || level === 'BUILDING' || level === 'ROOM')
        && m.code.length === CODE_LENGTH[level]) {
        return { ok: true, code: m.code, level };
      }
      const reached = m.code && level ? `reached ${level} ${m.code}` : 'matched nothing in the registry';
      const needs = `needs ${minLevel} or finer`;
      const why = outside(m);
      if (why) return { ok: false, reason: 'OUTSIDE_DISTRICT', detail: clip(`${why}`), community: null };
      const community = communityOf(m);
      const ambiguous = m.reasons.filter((r) => r.status === 'AMBIGUOUS');
      const finer = m.candidates.filter((c) => RANK[c.level] >= RANK[minLevel]);
      if (ambiguous.length || finer.length >= 2) {
        const options = finer.slice(0, 3).map((c) => `${c.code} ${c.fullName}`).join(' | ');
        return { ok: false, reason: 'AMBIGUOUS', detail: clip(`${reached}, ${needs}${explain(m)}${options ? `; could be ${options}` : ''}`), community };
      }
      return { ok: false, reason: 'UNLINKED', detail: clip(`${reached}, ${needs}${explain(m)}`), community };
    },
  };
}

/** The community a failed match is sure of: its code's, else the one every candidate shares; null when neither. */
function communityOf(m: AddressMatch): string | null {
  if (m.code && m.code.length >= 12) return m.code.slice(0, 12);
  const shared = new Set(m.candidates.filter((c) => c.code.length >= 12).map((c) => c.code.slice(0, 12)));
  return shared.size === 1 && m.candidates.every((c) => c.code.length >= 12) ? [...shared][0] : null;
}

function clip(s: string): string {
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s;
}

/** Distinct address texts whose links are remembered across batches. */
export const DEFAULT_ADDRESS_CACHE = 50_000;

/**
 * Standardizes texts through a bounded cache: department files repeat addresses (every resident
 * of a building), so each distinct text goes to the standardizer once per batch and, while it
 * stays in the cache, once per run. The cache holds links, not whole matches, so it stays small.
 *
 * Two generations of at most capacity/2 texts each: when the young one is full it becomes the
 * old one and the previous old one is dropped; a hit in the old generation moves to the young.
 * That keeps recently used texts at O(1) per lookup (evicting the oldest key of one big Map one
 * at a time is not: V8 skips every deleted slot to find the first live key).
 */
export function createCachedLinker(standardizer: Standardizer, linker: Linker, capacity = DEFAULT_ADDRESS_CACHE) {
  const half = Math.floor(capacity / 2);
  let young = new Map<string, CellLink>();
  let old = new Map<string, CellLink>();
  const stats = { texts: 0, standardized: 0 };
  const remember = (text: string, link: CellLink) => {
    if (half <= 0) return;
    if (young.size >= half) {
      old = young;
      young = new Map();
    }
    young.set(text, link);
  };
  const recall = (text: string): CellLink | undefined => {
    const hit = young.get(text);
    if (hit) return hit;
    const aged = old.get(text);
    if (aged) remember(text, aged);
    return aged;
  };
  return {
    /** Address cells seen, and texts sent to the standardizer. */
    stats,
    /** One CellLink per text, in order. */
    async linkAll(texts: readonly string[]): Promise<CellLink[]> {
      const known = new Map<string, CellLink>();
      const unknown = new Set<string>();
      for (const t of texts) {
        if (known.has(t) || unknown.has(t)) continue;
        const link = recall(t);
        if (link) known.set(t, link);
        else unknown.add(t);
      }
      const missing = [...unknown];
      stats.texts += texts.length;
      stats.standardized += missing.length;
      if (missing.length) {
        const matches = await standardizer.standardize(missing);
        if (matches.length !== missing.length) {
          throw new Error(`the standardizer returned ${matches.length} matches for ${missing.length} texts`);
        }
        missing.forEach((t, i) => {
          const link = linker.link(matches[i]);
          known.set(t, link);
          remember(t, link);
        });
      }
      return texts.map((t) => known.get(t)!);
    },
  };
}
