/**
 * The formats a view is served in: JSON (a page of rows and its `next` link), NDJSON, CSV and
 * XLSX. Each is a sink the REST route writes pages of rows into, with backpressure, and can abort:
 * an export that fails after it started must reach the client as a broken download, never as a
 * short file that looks complete.
 */
import type { ServerResponse } from 'node:http';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { accessorOf, type Column, type Row, type View } from './registry.ts';

export const FORMATS = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type Format = keyof typeof FORMATS;

/** The format an `Accept` header asks for (first listed that is served), else undefined. */
export function formatOfAccept(accept: string | null): Format | undefined {
  if (!accept) return undefined;
  const wanted = accept.split(',').map((part) => {
    const [type, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
  });
  wanted.sort((a, b) => b.q - a.q);
  for (const { type, q } of wanted) {
    if (q <= 0) continue;
    if (type === '*/*' || type === 'application/*') return 'json';
    const found = (Object.entries(FORMATS) as [Format, string][]).find(([, mime]) => mime === type);
    if (found) return found[0];
    if (type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  }
  return undefined;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell: empty for null; text that a spreadsheet would run as a formula gets a leading '. */
export function csvCell(column: Column, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  if ((column.type === 'string' || column.type === 'text-code') && FORMULA_START.test(text)) return `'${text}`;
  return text;
}

/** A JSON value of a cell (nulls kept, numbers as numbers). */
function jsonCell(value: unknown): unknown {
  return value ?? null;
}

/** One row as a JSON object keyed by column name. */
export function jsonRow(columns: readonly Column[], row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) out[column.name] = jsonCell(accessorOf(column)(row));
  return out;
}

/** An XLSX cell: codes and identity numbers as text (never 4.4e+21), dates as dates. */
function xlsxCell(column: Column, value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return Boolean(value);
    case 'date':
      return new Date(`${String(value)}T00:00:00Z`);
    case 'datetime':
      return new Date(String(value));
    default:
      return String(value);
  }
}

export type Sink = {
  /** Writes rows; resolves when the response can take more. */
  write(rows: readonly Row[]): Promise<void>;
  /** Finishes a complete response. `next`: the link of the next page (JSON page mode). */
  end(next: string | null): Promise<void>;
  /** Ends a response that already started so the client cannot take it for complete. */
  abort(message: string): void;
};

/**
 * Resolves on the response's next 'drain' or 'close', removing both listeners then. (A race of two
 * `once()` promises left the loser's listeners behind: one 'close' and one 'error' listener more per
 * full socket buffer, hundreds in a long export.)
 */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function written(res: ServerResponse, chunk: string | Buffer): Promise<void> {
  if (!res.write(chunk)) await drained(res);
}

/** How long a last line may wait for a client that stopped reading before the cut goes ahead anyway. */
const LAST_LINE_WAIT_MS = 5000;

/**
 * Cuts the response: the chunked body gets no terminating chunk, so clients report a broken
 * download. A `last` line is written first and the cut waits until it has left (destroying at
 * once would drop it, and the rows before it still queued, on the floor).
 */
function cut(res: ServerResponse, last?: string): void {
  const destroy = () => {
    res.destroy(new Error('export aborted'));
  };
  if (last === undefined || res.destroyed) return destroy();
  const timer = setTimeout(destroy, LAST_LINE_WAIT_MS);
  res.write(last, () => {
    clearTimeout(timer);
    destroy();
  });
}

/**
 * Rows as RFC 4180 CSV records, each ended by CRLF. A field is quoted when it holds a comma, a
 * quote (doubled inside), a CR or LF (a lone one too, which every reader would take for the end
 * of the row) or a leading or trailing space. Papa Parse's unparse: about three times as fast as
 * csv-stringify on an export page, where csv-stringify had become the bridge's largest cost.
 */
export function csvRecords(records: readonly (readonly string[])[]): string {
  return records.length === 0 ? '' : `${Papa.unparse(records as string[][], { newline: '\r\n', header: false, quotes: false })}\r\n`;
}

/** CSV (RFC 4180: CRLF, quotes where needed), UTF-8 with a BOM so Excel shows Chinese. */
function csvSink(res: ServerResponse, columns: readonly Column[]): Sink {
  const readers = columns.map(accessorOf);
  const n = columns.length;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await written(res, '\uFEFF' + csvRecords([columns.map((c) => c.name)]));
  };
  return {
    async write(rows) {
      await start();
      if (rows.length === 0) return;
      const records = new Array<string[]>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const record = new Array<string>(n);
        for (let i = 0; i < n; i++) record[i] = csvCell(columns[i], readers[i](rows[r]));
        records[r] = record;
      }
      await written(res, csvRecords(records));
    },
    async end() {
      await start();
      res.end();
    },
    abort(message) {
      // a last line no reader takes for data (it has one column where the header has many), then the cut
      cut(res, `\r\n#ERROR: export incomplete, do not use this file: ${message.replace(/[\r\n]+/g, ' ')}\r\n`);
    },
  };
}

function ndjsonSink(res: ServerResponse, columns: readonly Column[]): Sink {
  return {
    async write(rows) {
      if (rows.length) await written(res, rows.map((row) => JSON.stringify(jsonRow(columns, row))).join('\n') + '\n');
    },
    async end() {
      res.end();
    },
    abort(message) {
      cut(res, JSON.stringify({ '@error': { detail: `export incomplete: ${message}` } }) + '\n');
    },
  };
}

/** JSON: `{ "rows": [...], "next": url|null }`, streamed row by row for a whole export. */
function jsonSink(res: ServerResponse, columns: readonly Column[], view: View): Sink {
  let first = true;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await written(res, `{"set":${JSON.stringify(view.name)},"rows":[`);
  };
  return {
    async write(rows) {
      await start();
      if (rows.length === 0) return;
      const text = rows.map((row) => JSON.stringify(jsonRow(columns, row))).join(',');
      await written(res, (first ? '' : ',') + text);
      first = false;
    },
    async end(next) {
      await start();
      res.end(`],"next":${JSON.stringify(next)}}`);
    },
    abort() {
      cut(res); // an unterminated JSON document: no parser accepts it
    },
  };
}

/** XLSX, streamed: one worksheet, a header row, codes as text. */
function xlsxSink(res: ServerResponse, columns: readonly Column[], view: View): Sink {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(view.entitySet);
  const readers = columns.map(accessorOf);
  const styles = columns.map((c): Partial<ExcelJS.Style> => (c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss"Z"' } : c.type === 'text-code' ? { numFmt: '@' } : {}));
  sheet.columns = columns.map((c, i) => ({
    header: c.name,
    key: c.name,
    width: Math.min(Math.max(c.name.length + 2, c.type === 'text-code' ? 27 : c.type === 'datetime' ? 22 : 12), 60),
    style: styles[i],
  }));
  return {
    async write(rows) {
      for (const row of rows) {
        const written = sheet.addRow(columns.map((c, i) => xlsxCell(c, readers[i](row))));
        // Each cell gets its column's one style object: exceljs looks a style up by object identity
        // first, and a per-cell copy (what a new cell gets) made it render and hash every cell's
        // style again, the largest cost of an XLSX export.
        for (let i = 0; i < styles.length; i++) written.getCell(i + 1).style = styles[i];
        written.commit();
      }
      if (res.writableLength > 1 << 20) await drained(res);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
    },
    abort() {
      cut(res); // the zip has no central directory: no spreadsheet opens it
    },
  };
}

/** A sink of `format` writing into `res` (whose head is already written). */
export function sinkFor(format: Format, res: ServerResponse, columns: readonly Column[], view: View): Sink {
  switch (format) {
    case 'csv':
      return csvSink(res, columns);
    case 'ndjson':
      return ndjsonSink(res, columns);
    case 'xlsx':
      return xlsxSink(res, columns, view);
    case 'json':
      return jsonSink(res, columns, view);
  }
}
