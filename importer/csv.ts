/**
 * Streams a department CSV as batches of records, never giving up on a bad line.
 *
 * csv-parse alone cannot be trusted to recover: after an unclosed or stray quote its error
 * recovery (skip_records_with_error) swallows the following good lines into the broken record
 * and drops them. So this module frames records itself first, by quote parity over physical
 * lines (a line with an odd number of `"` opens or closes a quoted field that spans lines), and
 * hands csv-parse only whole records:
 *
 * - single-line records of a batch are parsed by one csv-parse call (fast); when that throws, the
 *   batch is bisected until each bad line is alone, so one bad line costs O(log batch) calls;
 * - a multi-line record is parsed on its own; when it fails, or its quote never closes within
 *   MAX_RECORD_LINES / MAX_RECORD_CHARS or before the end of the file, only its first line is
 *   MALFORMED_CSV and the following lines are framed again, so a stray quote costs one line.
 *
 * Lines are read from the file stream on demand (async iteration), so the file is never held
 * in memory and a slow consumer pauses the read. The file's SHA-256 and bytes read are kept as
 * it goes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse/sync';

/** A record that could not be split into fields of the header's width. */
export type MalformedRecord = { line: number; text: string; fields: null; error: string };
/** A record split into exactly as many fields as the header has. */
export type ParsedRecord = { line: number; text: string; fields: string[] };
export type CsvRecord = ParsedRecord | MalformedRecord;

/** A quoted field may span at most this many lines... */
const MAX_RECORD_LINES = 1000;
/** ...and a record at most this many characters before its first line is declared malformed. */
const MAX_RECORD_CHARS = 1 << 20;

const PARSE_OPTIONS = { relax_column_count: true, record_delimiter: '\n', bom: false } as const;

/** Physical lines of a file with their numbers (1-based), without line terminators. */
type Line = { no: number; text: string; overlong?: true };

/** How much of an overlong line is kept for its quarantine entry. */
const OVERLONG_KEPT = 1000;

/** An open department CSV: its header, then its records in batches. */
export type CsvSource = {
  /** Header fields as written (not trimmed), and the line they were on. */
  header: string[];
  headerLine: number;
  /** File size in bytes, for progress. */
  totalBytes: number;
  /** Bytes read so far. */
  bytesRead(): number;
  /** Hex SHA-256 of the whole file; only complete once `batches` has been consumed. */
  sha256(): string;
  /** Data records (after the header) in batches of at most `size`. */
  batches(size: number): AsyncGenerator<CsvRecord[]>;
  /** Stops reading (for when the import fails before consuming every batch). */
  close(): void;
};

/**
 * Opens a CSV and reads its header line (the first non-blank record); null when the file has
 * none. The returned source continues with the data records.
 */
export async function openCsv(file: string, totalBytes: number): Promise<CsvSource | null> {
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  const hash = createHash('sha256');
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  // the header's width, known once the header is read; multi-line records are checked against it
  const width = { value: 0 };
  const records = framedRecords(physicalLines(chunks()), width);
  const first = await records.next();
  // a file that is empty or blank has no header
  if (first.done) {
    stream.destroy();
    return null;
  }
  const headerRecord = first.value;
  // an unparseable header comes back as one field holding the line, which no format accepts
  const header = (headerRecord.error ? null : parseOne(headerRecord.text)) ?? [headerRecord.text];
  width.value = header.length;
  let digest: string | undefined;
  return {
    header,
    headerLine: headerRecord.line,
    totalBytes,
    bytesRead: () => bytes,
    sha256: () => (digest ??= hash.digest('hex')),
    close: () => stream.destroy(),
    async *batches(size: number) {
      let pending: Framed[] = [];
      for await (const record of records) {
        pending.push(record);
        if (pending.length >= size) {
          yield parseBatch(pending, header.length);
          pending = [];
        }
      }
      if (pending.length) yield parseBatch(pending, header.length);
    },
  };
}

/** A line ends at CRLF, LF or a bare CR (old Mac exports, some spreadsheet tools). */
const LINE_END = /\r\n|\n|\r/g;

/**
 * Splits decoded chunks into lines at CRLF, LF or bare CR; strips a UTF-8 BOM. A CR at the end of
 * a chunk waits for the next one, which may begin with the LF of the same CRLF. A line longer
 * than MAX_RECORD_CHARS is not kept whole (that would be unbounded memory): its start is, and it
 * comes out flagged as overlong.
 */
async function* physicalLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Line> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let no = 0;
  let first = true;
  // the head of an overlong line whose end has not been read yet
  let overlong: string | null = null;
  for await (const chunk of chunks) {
    let text = rest + decoder.write(chunk);
    if (first && text.length) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    LINE_END.lastIndex = 0;
    for (let m = LINE_END.exec(text); m; m = LINE_END.exec(text)) {
      // a CR as the chunk's last character may be the first half of a CRLF
      if (m[0] === '\r' && m.index === text.length - 1) break;
      if (overlong !== null) {
        yield { no: ++no, text: overlong, overlong: true };
        overlong = null;
      } else {
        yield { no: ++no, text: text.slice(start, m.index) };
      }
      start = m.index + m[0].length;
    }
    rest = text.slice(start);
    if (overlong !== null) rest = rest.endsWith('\r') ? '\r' : '';
    else if (rest.length > MAX_RECORD_CHARS) {
      overlong = rest.slice(0, OVERLONG_KEPT);
      rest = rest.endsWith('\r') ? '\r' : '';
    }
  }
  rest += decoder.end();
  if (overlong !== null) {
    yield { no: ++no, text: overlong, overlong: true };
    return;
  }
  // what is left is at most one line, perhaps ended by a final CR
  const last = rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  if (rest.length && (last.length || rest === '\r')) yield { no: ++no, text: last };
}

/**
 * A logical record as framed: its text (lines joined by \n) and first line number. Multi-line
 * records are checked by parsing at framing time; `error` is set when the record is broken.
 */
type Framed = { line: number; text: string; multiLine: boolean; error?: string };

function quoteCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) n++;
  return n;
}

/** Groups physical lines into records by quote parity, re-framing after a broken first line. */
async function* framedRecords(lines: AsyncGenerator<Line>, width: { value: number }): AsyncGenerator<Framed> {
  // lines pushed back after a broken multi-line record; consumed before reading further
  const replay: Line[] = [];
  let eof = false;
  const next = async (): Promise<Line | undefined> => {
    if (replay.length) return replay.shift();
    if (eof) return undefined;
    const r = await lines.next();
    if (r.done) {
      eof = true;
      return undefined;
    }
    return r.value;
  };
  for (let line = await next(); line; line = await next()) {
    if (line.overlong) {
      yield { line: line.no, text: line.text, multiLine: false, error: `is longer than ${MAX_RECORD_CHARS} characters (only its start is kept)` };
      continue;
    }
    if (line.text.trim() === '') continue; // blank lines are not records
    if (quoteCount(line.text) % 2 === 0) {
      yield { line: line.no, text: line.text, multiLine: false };
      continue;
    }
    // an open quote: gather lines until the quote closes, within limits
    const group: Line[] = [line];
    let chars = line.text.length;
    let closed = false;
    while (group.length < MAX_RECORD_LINES && chars < MAX_RECORD_CHARS) {
      const more = await next();
      if (!more) break;
      group.push(more);
      chars += more.text.length + 1;
      if (quoteCount(more.text) % 2 === 1) {
        closed = true;
        break;
      }
    }
    if (closed) {
      const text = group.map((l) => l.text).join('\n');
      const fields = parseOne(text);
      // a record of the wrong width is more likely a stray quote than a field spanning lines
      if (fields && (width.value === 0 || fields.length === width.value)) {
        yield { line: line.no, text, multiLine: true };
        continue;
      }
    }
    yield { line: line.no, text: line.text, multiLine: false, error: 'has a quote that is never closed' };
    replay.unshift(...group.slice(1));
  }
}

/** Parses one record's text; null when csv-parse rejects it or it is not exactly one record. */
function parseOne(text: string): string[] | null {
  try {
    const rows = parse(text, PARSE_OPTIONS) as string[][];
    return rows.length === 1 ? rows[0] : null;
  } catch {
    return null;
  }
}

/** The csv-parse message for a text it rejects, without its trailing option dump. */
function parseError(text: string): string {
  try {
    const rows = parse(text, PARSE_OPTIONS) as string[][];
    return rows.length === 1 ? 'could not be parsed' : `holds ${rows.length} records`;
  } catch (error) {
    const message = (error as Error).message.replace(/^[A-Za-z ]+: /, (m) => m.toLowerCase());
    return `is not valid CSV (${message.split(' at line ')[0]})`;
  }
}

/** Splits a batch into fields with as few csv-parse calls as possible, checking each width. */
function parseBatch(framed: Framed[], width: number): CsvRecord[] {
  const out: CsvRecord[] = new Array(framed.length);
  const single: number[] = [];
  for (let i = 0; i < framed.length; i++) {
    const f = framed[i];
    if (f.error) out[i] = { line: f.line, text: f.text, fields: null, error: f.error };
    // the decoder puts U+FFFD for bytes that are not UTF-8 (a GBK export, say): the text is lost
    else if (f.text.includes('\uFFFD')) out[i] = { line: f.line, text: f.text, fields: null, error: 'is not valid UTF-8 (save the file as UTF-8)' };
    else if (f.multiLine) out[i] = withWidth(f, parseOne(f.text)!, width);
    else single.push(i);
  }
  const parseRange = (indexes: number[]): void => {
    if (!indexes.length) return;
    let rows: string[][] | null = null;
    try {
      rows = parse(indexes.map((i) => framed[i].text).join('\n'), PARSE_OPTIONS) as string[][];
    } catch {
      rows = null;
    }
    if (rows && rows.length === indexes.length) {
      for (let k = 0; k < indexes.length; k++) out[indexes[k]] = withWidth(framed[indexes[k]], rows[k], width);
      return;
    }
    if (indexes.length === 1) {
      const f = framed[indexes[0]];
      out[indexes[0]] = { line: f.line, text: f.text, fields: null, error: parseError(f.text) };
      return;
    }
    const mid = indexes.length >> 1;
    parseRange(indexes.slice(0, mid));
    parseRange(indexes.slice(mid));
  };
  parseRange(single);
  return out;
}

function withWidth(f: Framed, fields: string[], width: number): CsvRecord {
  if (fields.length === width) return { line: f.line, text: f.text, fields };
  return { line: f.line, text: f.text, fields: null, error: `has ${fields.length} fields, the header has ${width}` };
}
