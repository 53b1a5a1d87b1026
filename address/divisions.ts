/**
 * The official divisions of Futian (seeds/futian-divisions.csv: the district, its 10 subdistricts
 * and the bonded zone, 93 communities) and the names people write for them. The list names most
 * communities the way the civil-affairs register does (水围社区居委会); addresses and the
 * registry use the short official form (水围社区), so both map to the same division.
 */
import { readFileSync } from 'node:fs';

export type DivisionLevel = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY';

export type Division = {
  code: string;
  level: DivisionLevel;
  /** The official short name used in addresses: 福田区, 福田街道, 水围社区. */
  name: string;
  /** The name as the official list writes it: 水围社区居委会. */
  listedName: string;
  parentCode: string;
};

const LEVELS: Readonly<Record<string, DivisionLevel>> = { district: 'DISTRICT', subdistrict: 'SUBDISTRICT', community: 'COMMUNITY' };

/** Suffixes of a subdistrict's office and a community's committee or workstation, longest first. */
const SUBDISTRICT_OFFICE_SUFFIXES = ['办事处', '办'] as const;
const COMMUNITY_BODY_SUFFIXES = ['居民委员会', '居委会', '工作站'] as const;

/**
 * The official short name of a division as written in an address: 水围社区居委会 → 水围社区,
 * 水围社区工作站 → 水围社区, 福田街道办事处 → 福田街道. Other names come back unchanged.
 */
export function shortDivisionName(name: string): string {
  if (name.endsWith('社区') || name.endsWith('街道')) return name;
  for (const suffix of COMMUNITY_BODY_SUFFIXES) {
    if (name.endsWith(`社区${suffix}`)) return name.slice(0, -suffix.length);
  }
  for (const suffix of SUBDISTRICT_OFFICE_SUFFIXES) {
    if (name.endsWith(`街道${suffix}`)) return name.slice(0, -suffix.length);
  }
  return name;
}

function loadDivisions(): Division[] {
  const csv = readFileSync(new URL('../seeds/futian-divisions.csv', import.meta.url), 'utf8');
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',') ?? [];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`seeds/futian-divisions.csv has no column "${name}"`);
    return i;
  };
  const [levelCol, codeCol, nameCol, parentCol] = [col('level'), col('code'), col('name'), col('parent_code')];
  return lines.map((line) => {
    const cells = line.split(',');
    const level = LEVELS[cells[levelCol]];
    if (!level) throw new Error(`seeds/futian-divisions.csv: unknown level in "${line}"`);
    const listedName = cells[nameCol];
    return { code: cells[codeCol], level, name: shortDivisionName(listedName), listedName, parentCode: cells[parentCol] };
  });
}

/** Futian's divisions in the order of the official list (district, subdistricts, communities). */
export const FUTIAN_DIVISIONS: readonly Division[] = loadDivisions();

/** Every way an address writes a division's name: official, listed, office and committee forms. */
export function divisionNameForms(d: Division): string[] {
  const forms = new Set([d.name, d.listedName]);
  if (d.level === 'SUBDISTRICT' && d.name.endsWith('街道')) {
    for (const suffix of SUBDISTRICT_OFFICE_SUFFIXES) forms.add(d.name + suffix);
  }
  if (d.level === 'COMMUNITY' && d.name.endsWith('社区')) {
    for (const suffix of COMMUNITY_BODY_SUFFIXES) forms.add(d.name + suffix);
    // 水围居委会: the committee without 社区
    forms.add(`${d.name.slice(0, -2)}居委会`);
  }
  return [...forms];
}

function indexByName(): Map<string, Division> {
  const byName = new Map<string, Division>();
  for (const d of FUTIAN_DIVISIONS) {
    for (const form of divisionNameForms(d)) if (!byName.has(form)) byName.set(form, d);
  }
  return byName;
}

/** Any written form of a Futian division's name (福田街道办, 水围社区居委会...) to the division. */
export const FUTIAN_DIVISIONS_BY_NAME: ReadonlyMap<string, Division> = indexByName();

/** The Futian division a name denotes, in any of its written forms; undefined when none. */
export function findDivision(name: string): Division | undefined {
  return FUTIAN_DIVISIONS_BY_NAME.get(name);
}

/** The district this registry covers. */
export const FUTIAN_DISTRICT: Division = FUTIAN_DIVISIONS.find((d) => d.level === 'DISTRICT')!;

/**
 * Shenzhen's districts (official names) with the names people still write for them; a text in
 * another district is recognised so a matcher can refuse it rather than misread it.
 */
export const SHENZHEN_DISTRICTS: Readonly<Record<string, readonly string[]>> = {
  福田区: [],
  罗湖区: [],
  南山区: [],
  宝安区: [],
  龙岗区: [],
  盐田区: [],
  龙华区: ['龙华新区'],
  坪山区: ['坪山新区'],
  光明区: ['光明新区'],
  大鹏新区: [],
};
