import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENT_FORMATS, DEPARTMENT_KINDS, LABEL_COLUMNS, LABELS_FILE, type DepartmentKind } from '../importer/formats.ts';
import { DEPARTMENT_FILES, writeDepartmentFiles, type DepartmentCounts, type DepartmentProgress } from './departments.ts';
import { generate, TABLES, type Rows } from './generate.ts';
import { CLERK_STYLES, MESSY_VARIANTS } from './messy.ts';
import { SHOWCASE } from './showcase.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'address-graph-departments-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** All rows of the small size. */
const small = (() => {
  const all = Object.fromEntries(TABLES.map((t) => [t.name, []])) as unknown as Rows;
  for (const batch of generate({ size: 'small' })) for (const t of TABLES) (all[t.name] as unknown[]).push(...batch.rows[t.name]);
  return all;
})();

type Table = { header: string[]; rows: Record<string, string>[] };
function readCsv(dir: string, file: string): Table {
  const [header, ...records] = parse(readFileSync(path.join(dir, file)), { relax_column_count: false }) as string[][];
  return { header, rows: records.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

let dir: string;
let counts: DepartmentCounts;
let progress: DepartmentProgress[];
let files: Record<DepartmentKind, Table>;
let labels: Table;

beforeAll(async () => {
  dir = path.join(root, 'small');
  progress = [];
  counts = await writeDepartmentFiles({ size: 'small' }, dir, (p) => progress.push(p));
  files = Object.fromEntries(DEPARTMENT_KINDS.map((k) => [k, readCsv(dir, DEPARTMENT_FORMATS[k].file)])) as Record<DepartmentKind, Table>;
  labels = readCsv(dir, LABELS_FILE);
});

describe('writeDepartmentFiles (small)', () => {
  it('writes each file with the header of importer/formats.ts and reports what it wrote', () => {
    for (const k of DEPARTMENT_KINDS) {
      expect(files[k].header).toEqual(DEPARTMENT_FORMATS[k].columns);
      expect(files[k].rows).toHaveLength(counts[k]);
    }
    expect(labels.header).toEqual(LABEL_COLUMNS);
    expect(labels.rows).toHaveLength(counts.labels);
    expect(DEPARTMENT_FILES.labels).toBe(LABELS_FILE);
    // once per batch: the district first, then the three communities
    expect(progress.map((p) => p.community)).toEqual([null, '440304004028', '440304005040', '440304007021']);
    expect(progress.at(-1)!.rows).toEqual(counts);
  });

  it('has one row per generated record: people with a current home, entities, events, cases', () => {
    const housed = new Set(small['people.residence'].filter((r) => r.until === null).map((r) => r.person_id));
    expect(counts.people).toBe(small['people.person'].filter((p) => housed.has(p.id)).length);
    expect(counts.people).toBeGreaterThan(1000);
    expect(counts.entities).toBe(small['entities.legal_entity'].length);
    expect(counts.events).toBe(small['events.event'].length);
    expect(counts.cases).toBe(small['cases.legal_case'].length);
    expect(files.people.rows.map((r) => r.person_id)).toEqual(small['people.person'].filter((p) => housed.has(p.id)).map((p) => p.id));
    expect(files.events.rows.map((r) => r.event_id)).toEqual(small['events.event'].map((e) => e.id));
  });

  it('copies the record fields as generated, dates as YYYY-MM-DD and instants with their offset', () => {
    const person = small['people.person'].find((p) => p.phone === null)!;
    const home = small['people.residence'].find((r) => r.person_id === person.id && r.until === null)!;
    const row = files.people.rows.find((r) => r.person_id === person.id)!;
    expect(row).toMatchObject({ name: person.name, gender: person.gender, birth_date: person.birth_date, id_number: person.id_number, phone: '', relation: home.relation, since: home.since });
    for (const r of files.people.rows) expect(r.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const r of files.events.rows) expect(r.reported_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const c = small['cases.legal_case'].find((x) => x.closed_on === null)!;
    expect(files.cases.rows.find((r) => r.case_id === c.id)).toMatchObject({ kind: c.kind, status: c.status, filed_on: c.filed_on, closed_on: '', outcome: '', summary: c.summary });
  });

  it('labels every non-empty address cell with its text and the true code of the record', () => {
    const truth = new Map<string, string>();
    const homes = new Map<string, string>();
    for (const r of small['people.residence']) if (r.until === null && !homes.has(r.person_id)) homes.set(r.person_id, r.address_code);
    for (const [id, code] of homes) truth.set(`people|${id}|address`, code);
    for (const e of small['entities.legal_entity']) {
      truth.set(`entities|${e.credit_code}|registered_address`, e.registered_address_code ?? '');
      truth.set(`entities|${e.credit_code}|business_address`, e.business_address_code ?? '');
    }
    for (const e of small['events.event']) truth.set(`events|${e.id}|address`, e.address_code);
    for (const c of small['cases.legal_case']) truth.set(`cases|${c.id}|address`, c.address_code);

    const cells = new Map<string, string>();
    for (const k of DEPARTMENT_KINDS) {
      const { idColumn, addressColumns } = DEPARTMENT_FORMATS[k];
      for (const row of files[k].rows) for (const column of addressColumns) cells.set(`${k}|${row[idColumn]}|${column}`, row[column]);
    }
    const labelled = new Set<string>();
    const registry = new Set(small['buildings.address'].map((a) => a.code));
    for (const l of labels.rows) {
      const key = `${l.kind}|${l.record_id}|${l.column}`;
      expect(labelled.has(key), key).toBe(false);
      labelled.add(key);
      expect(cells.get(key), key).toBe(l.text);
      expect(l.text).not.toBe('');
      const variants = l.variants.split('|');
      expect(variants.every((v) => (MESSY_VARIANTS as readonly string[]).includes(v) || (CLERK_STYLES as readonly string[]).includes(v)), l.variants).toBe(true);
      if (variants.includes('unlinkable')) {
        expect(l.true_code).toBe('');
      } else if (variants.includes('unit_omitted') || (variants.includes('lettered') && l.true_code.length === 19)) {
        // without the unit the room number fits several rooms (B201 may be room B201 or room
        // 201 of building B): the text denotes the building
        expect(l.true_code).toBe(truth.get(key)!.slice(0, 19));
      } else {
        expect(l.true_code).toBe(truth.get(key));
        expect(registry.has(l.true_code)).toBe(true);
      }
    }
    // every address cell with text has its label; the others are empty
    for (const [key, text] of cells) expect(labelled.has(key), key).toBe(text !== '');
    expect(labels.rows.filter((l) => l.true_code === '').length).toBeGreaterThan(0);
  });

  it('writes the showcase room 水围村28栋1203房 for its event and case', () => {
    const atShowcase = labels.rows.filter((l) => l.true_code === SHOWCASE.roomCode);
    expect(new Set(atShowcase.map((l) => l.kind))).toEqual(new Set(['people', 'entities', 'events', 'cases']));
    const event = small['events.event'].find((e) => e.address_code === SHOWCASE.roomCode && e.reported_at === '2026-10-28T21:40:00+08:00')!;
    const text = files.events.rows.find((r) => r.event_id === event.id)!.address;
    expect(labels.rows.find((l) => l.record_id === event.id)).toMatchObject({ kind: 'events', column: 'address', text, true_code: SHOWCASE.roomCode });
  });

  it('gives byte-identical files for the same options and other files for another seed', async () => {
    const again = path.join(root, 'again');
    expect(await writeDepartmentFiles({ size: 'small' }, again)).toEqual(counts);
    for (const file of Object.values(DEPARTMENT_FILES)) {
      expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(dir, file))), file).toBe(true);
    }
    const other = path.join(root, 'other');
    await writeDepartmentFiles({ size: 'small', seed: 'another' }, other);
    expect(readFileSync(path.join(other, LABELS_FILE)).equals(readFileSync(path.join(dir, LABELS_FILE)))).toBe(false);
  });

  it('rejects bad options before creating anything', async () => {
    const nowhere = path.join(root, 'nowhere');
    await expect(writeDepartmentFiles({ scale: 0 }, nowhere)).rejects.toThrow(/scale must be a number above 0/);
    expect(existsSync(nowhere)).toBe(false);
  });
});

describe('npm run seed -- --departments', () => {
  it('writes the files without opening a database, and prints rows per file', async () => {
    const out = path.join(root, 'cli', 'nested');
    // an unreachable database: the command must not need one
    const { stdout } = await promisify(execFile)(process.execPath, ['seeds/cli.ts', '--departments', out, '--size', 'small'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', LOG_LEVEL: 'silent' },
    });
    for (const [k, file] of Object.entries(DEPARTMENT_FILES)) {
      expect(stdout).toMatch(new RegExp(`${file.replace('.', '\\.')}\\s+${counts[k as keyof DepartmentCounts]}\\n`));
      expect(readFileSync(path.join(out, file)).equals(readFileSync(path.join(dir, file))), file).toBe(true);
    }
    expect(stdout).toMatch(/in \d+\.\d s/);
  });

  it('refuses --reset with --departments', async () => {
    const run = promisify(execFile)(process.execPath, ['seeds/cli.ts', '--departments', path.join(root, 'x'), '--reset'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    await expect(run).rejects.toMatchObject({ code: 2 });
  });
});
