/**
 * Department CSV rows for import tests: valid rows with fresh ids that a test then spoils one
 * field at a time, and a writer that puts them in a temporary folder with the header columns in
 * a shuffled order (the importer must not depend on it).
 */
import { randomInt, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, idCardCheckChar, organizationCodeCheckChar } from '../../lib/check-digits.ts';
import { csvLine } from '../../lib/db.ts';
import { DEPARTMENT_FORMATS, type DepartmentKind } from '../../importer/formats.ts';

export type CsvRow = Record<string, string>;

/** A fresh record id with a recognisable prefix. */
export function freshId(prefix: string): string {
  return `imp-${prefix}-${randomUUID().slice(0, 13)}`;
}

/**
 * Identity numbers handed out so far: a random start, then consecutive, so no two calls of one
 * process collide. The space is the made-up regions 449900-449999 times the 1,000 sequence numbers
 * of a day (100,000 numbers), so that test files running at once against one database, each from
 * its own random start, rarely meet (with 1,000 numbers there were clashes between files).
 */
let sequence = randomInt(100_000);

/**
 * A valid identity number for a birth date (YYYY-MM-DD), registered in 4499xx — the made-up
 * regions the factories use, so it never collides with seeded people.
 */
export function idNumberFor(birthDate: string): string {
  sequence = (sequence + 1) % 100_000;
  const number = String(sequence).padStart(5, '0');
  const body = `4499${number.slice(0, 2)}${birthDate.replaceAll('-', '')}${number.slice(2)}`;
  return body + idCardCheckChar(body);
}

/** A valid unified social credit code nobody else uses. */
export function freshCreditCode(): string {
  let org = '';
  for (let i = 0; i < 8; i++) org += CREDIT_CODE_CHARSET[randomInt(CREDIT_CODE_CHARSET.length)];
  const body = `91440304${org}${organizationCodeCheckChar(org)}`;
  return body + creditCodeCheckChar(body);
}

export function personRow(address: string, overrides: CsvRow = {}): CsvRow {
  return {
    person_id: freshId('p'), name: '测试居民', gender: 'FEMALE', birth_date: '1988-04-12', id_number: idNumberFor('1988-04-12'),
    phone: '13800138000', household_type: 'MIGRANT', relation: 'TENANT', since: '2021-05-01', address, ...overrides,
  };
}

export function entityRow(registered: string, business: string, overrides: CsvRow = {}): CsvRow {
  return {
    credit_code: freshCreditCode(), name: '测试科技有限公司', kind: 'COMPANY', industry: '软件和信息技术服务业', status: 'ACTIVE',
    registered_on: '2019-03-15', legal_rep_person_id: '', registered_address: registered, business_address: business, ...overrides,
  };
}

export function eventRow(address: string, overrides: CsvRow = {}): CsvRow {
  return {
    event_id: freshId('e'), kind: 'FIRE_HAZARD', source: 'GRID_PATROL', severity: 'HIGH', status: 'RESOLVED',
    reported_at: '2026-03-01T08:00:00+08:00', resolved_at: '2026-03-02T09:30:00+08:00', description: '楼道堆放杂物，阻塞消防通道', address, ...overrides,
  };
}

export function caseRow(address: string, overrides: CsvRow = {}): CsvRow {
  return {
    case_id: freshId('c'), kind: 'MEDIATION', status: 'CLOSED', filed_on: '2026-01-10', closed_on: '2026-02-20', outcome: 'MEDIATED',
    summary: '邻里噪音纠纷, 经调解达成协议', address, ...overrides,
  };
}

/** The kind's columns in a shuffled order (reversed pairs), so tests never rely on the documented order. */
export function shuffledColumns(kind: DepartmentKind): string[] {
  const columns = [...DEPARTMENT_FORMATS[kind].columns];
  for (let i = 0; i + 1 < columns.length; i += 2) [columns[i], columns[i + 1]] = [columns[i + 1], columns[i]];
  return columns;
}

/**
 * CSV text: a header, then one line per item: a row (written in the header's order) or a raw
 * string written as is (for malformed lines).
 */
export function csvText(columns: readonly string[], items: readonly (CsvRow | string)[]): string {
  const lines = [csvLine(columns)];
  for (const item of items) lines.push(typeof item === 'string' ? `${item}\n` : csvLine(columns.map((c) => item[c] ?? '')));
  return lines.join('');
}

/** Writes a file into `dir` and returns its path. */
export function writeCsv(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}
