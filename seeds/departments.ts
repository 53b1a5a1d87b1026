/**
 * Department CSV files for the importer, written from the generated dataset: people.csv,
 * entities.csv, events.csv and cases.csv in the formats of importer/formats.ts, whose address
 * columns hold messy text (seeds/messy.ts) instead of codes, and labels.csv with the code each
 * address cell truly denotes.
 *
 * Streams: one generated community at a time goes straight to the files, waiting whenever a file
 * stream is full, so memory stays flat at any scale. Deterministic: each cell's text is drawn
 * from an Rng seeded by (seed, kind, record id, column), so the same options give the same bytes.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import { DEPARTMENT_FORMATS, DEPARTMENT_KINDS, LABEL_COLUMNS, LABELS_FILE, type DepartmentKind } from '../importer/formats.ts';
import { DIVISIONS, generate, planOf, type AddressRow, type Division, type SeedOptions } from './generate.ts';
import { messyAddress, type MessyOptions, type MessyTarget } from './messy.ts';
import { Rng } from './prng.ts';

/** Rows written per file (header not counted): the four department files and labels. */
export type DepartmentCounts = Record<DepartmentKind | 'labels', number>;

/** Reported after each generated community has been written. */
export type DepartmentProgress = { community: string | null; rows: DepartmentCounts };

/** The file each count belongs to: people → people.csv, labels → labels.csv. */
export const DEPARTMENT_FILES: Readonly<Record<DepartmentKind | 'labels', string>> = {
  ...(Object.fromEntries(DEPARTMENT_KINDS.map((k) => [k, DEPARTMENT_FORMATS[k].file])) as Record<DepartmentKind, string>),
  labels: LABELS_FILE,
};

type Cell = string | null;
type Writer = { stream: Stringifier; done: Promise<void> };

const DIVISION_BY_CODE = new Map<string, Division>(DIVISIONS.map((d) => [d.code, d]));

/**
 * Writes the department files and labels.csv for the dataset `options` describes into `dir`
 * (created when missing; existing files are replaced). Rows:
 *
 * - people.csv: one per person with a current residence (their first), record id = person id,
 *   relation and since from that residence; phone empty when unknown.
 * - entities.csv: one per legal entity; each address column empty when its code is null.
 * - events.csv, cases.csv: one per event, one per case.
 * - labels.csv: one per non-empty address cell: kind, record id, column, text, true code ('' for
 *   a text that denotes no Futian address) and the text's variants joined with '|'. A cell whose
 *   drawn text is empty (the `empty` variant) is left empty and unlabelled, like a null code.
 *
 * Returns the rows written per file. Calls `onProgress` after each community. `messy` sets the
 * clerks' style shares of the texts (seeds/messy.ts, DEFAULT_STYLE_SHARES when not given).
 */
export async function writeDepartmentFiles(
  options: SeedOptions,
  dir: string,
  onProgress?: (p: DepartmentProgress) => void,
  messy: MessyOptions = {},
): Promise<DepartmentCounts> {
  const { seed } = planOf(options); // bad options fail before any file is touched
  await mkdir(dir, { recursive: true });
  const counts = Object.fromEntries(Object.keys(DEPARTMENT_FILES).map((k) => [k, 0])) as DepartmentCounts;
  const open = (file: string, columns: readonly string[]): Writer => {
    const stream = stringify({ header: true, columns: [...columns] });
    return { stream, done: pipeline(stream, createWriteStream(path.join(dir, file))) };
  };
  const writers = Object.fromEntries(DEPARTMENT_KINDS.map((k) => [k, open(DEPARTMENT_FORMATS[k].file, DEPARTMENT_FORMATS[k].columns)])) as Record<DepartmentKind, Writer>;
  const labels = open(LABELS_FILE, LABEL_COLUMNS);
  const all = [...Object.values(writers), labels];
  // a failed file stream rejects its pipeline; keep the rejection until it is awaited below
  for (const w of all) w.done.catch(() => {});

  const put = async (w: Writer, row: Cell[]) => {
    if (!w.stream.write(row)) await once(w.stream, 'drain');
  };

  // names of the places generated so far: a typo must not land on one (seeds/messy.ts MessyTarget)
  const placeNames = new Set<string>();
  try {
    for (const batch of generate(options)) {
      const { rows } = batch;
      const registry = new Map<string, AddressRow>();
      for (const a of rows['buildings.address']) if (a.level === 'BUILDING' || a.level === 'ROOM') registry.set(a.code, a);
      for (const a of registry.values()) {
        if (a.level !== 'BUILDING') continue;
        if (a.estate) placeNames.add(a.estate);
        if (a.road) placeNames.add(a.road);
        for (const alias of a.aliases ?? []) placeNames.add(alias);
      }
      const unitsOfRoomNo = new Map<string, Set<string>>();
      const roomNos = new Set<string>();
      for (const a of registry.values()) {
        if (a.level === 'ROOM') roomNos.add(`${a.parent_code}|${a.room_no}`);
        if (a.level !== 'ROOM' || !a.unit) continue;
        const k = `${a.parent_code}|${a.room_no}`;
        unitsOfRoomNo.set(k, (unitsOfRoomNo.get(k) ?? new Set()).add(a.unit));
      }

      /** The messy text of one address cell, labelled. */
      const address = async (kind: DepartmentKind, recordId: string, column: string, code: string | null): Promise<string> => {
        if (code === null) return '';
        const target = targetOf(code, registry);
        if (target.room?.unit) target.roomNoInOtherUnits = (unitsOfRoomNo.get(`${target.room.parent_code}|${target.room.room_no}`)?.size ?? 0) > 1;
        if (target.room) target.letteredRoomExists = roomNos.has(`${target.room.parent_code}|${target.building.building_no}${target.room.room_no}`);
        target.otherPlaceNames = placeNames;
        const text = messyAddress(new Rng(`${seed}|messy|${kind}|${recordId}|${column}`), target, messy);
        if (text.text !== '') {
          await put(labels, [kind, recordId, column, text.text, text.trueCode, text.variants.join('|')]);
          counts.labels++;
        }
        return text.text;
      };

      const current = new Map<string, (typeof rows)['people.residence'][number]>();
      for (const r of rows['people.residence']) if (r.until === null && !current.has(r.person_id)) current.set(r.person_id, r);
      for (const p of rows['people.person']) {
        const home = current.get(p.id);
        if (!home) continue;
        const text = await address('people', p.id, 'address', home.address_code);
        await put(writers.people, [p.id, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.household_type, home.relation, home.since, text]);
        counts.people++;
      }
      for (const e of rows['entities.legal_entity']) {
        const registered = await address('entities', e.credit_code, 'registered_address', e.registered_address_code);
        const business = await address('entities', e.credit_code, 'business_address', e.business_address_code);
        await put(writers.entities, [e.credit_code, e.name, e.kind, e.industry, e.status, e.registered_on, e.legal_rep_person_id, registered, business]);
        counts.entities++;
      }
      for (const e of rows['events.event']) {
        const text = await address('events', e.id, 'address', e.address_code);
        await put(writers.events, [e.id, e.kind, e.source, e.severity, e.status, e.reported_at, e.resolved_at, e.description, text]);
        counts.events++;
      }
      for (const c of rows['cases.legal_case']) {
        const text = await address('cases', c.id, 'address', c.address_code);
        await put(writers.cases, [c.id, c.kind, c.status, c.filed_on, c.closed_on, c.outcome, c.summary, text]);
        counts.cases++;
      }
      onProgress?.({ community: batch.community, rows: { ...counts } });
    }
    for (const w of all) w.stream.end();
    await Promise.all(all.map((w) => w.done));
  } catch (error) {
    for (const w of all) w.stream.destroy();
    await Promise.allSettled(all.map((w) => w.done));
    throw error;
  }
  return counts;
}

/** The building (and room) a code names, with its community and subdistrict. */
function targetOf(code: string, registry: ReadonlyMap<string, AddressRow>): MessyTarget {
  const row = registry.get(code);
  if (!row) throw new Error(`address ${code} is not in its community's registry rows`);
  const building = row.level === 'ROOM' ? registry.get(row.parent_code!) : row;
  const community = DIVISION_BY_CODE.get(code.slice(0, 12));
  const subdistrict = DIVISION_BY_CODE.get(code.slice(0, 9));
  if (!building || !community || !subdistrict) throw new Error(`address ${code} has no building, community or subdistrict`);
  return { building, room: row.level === 'ROOM' ? row : null, community, subdistrict };
}
