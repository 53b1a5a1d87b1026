/**
 * Relay cursor pagination helpers. A cursor carries the sort key of the last row seen, so pages
 * stay stable as rows are added elsewhere; that key names rows (a resident's room and person id),
 * so it is sealed with authenticated encryption (AES-256-GCM) under a server key and bound to the
 * field it came from: a client can hand a cursor back but cannot read, alter or move it to
 * another list.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { env } from './config.ts';
import { ErrorCode, userError } from './errors.ts';

/** The list a cursor belongs to, as `Type.field` (e.g. `Address.residents`); authenticated with the cursor. */
export type CursorField = string;

const IV_BYTES = 12;
const TAG_BYTES = 16;

type CursorKeys = { encrypt: Buffer; iv: Buffer };
let keys: CursorKeys | undefined;
let keyMaterial: Buffer | undefined;

/**
 * A 32-byte key derived with HKDF (`salt`, `info`) from CURSOR_SECRET, else UPSTREAM_HMAC_SECRET
 * (which every subgraph of a deployment shares, so a cursor from one replica works on another),
 * else a random secret of this process: the graph's cursors and the bridge's skip tokens.
 */
export function deriveCursorKey(salt: string, info: string): Buffer {
  if (!keyMaterial) {
    const { CURSOR_SECRET, UPSTREAM_HMAC_SECRET } = env();
    const secret = CURSOR_SECRET ?? UPSTREAM_HMAC_SECRET;
    keyMaterial = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }
  return Buffer.from(hkdfSync('sha256', keyMaterial, salt, info, 32));
}

function cursorKeys(): CursorKeys {
  keys ??= { encrypt: deriveCursorKey('address-graph cursors', 'aes-256-gcm key'), iv: deriveCursorKey('address-graph cursors', 'synthetic iv key') };
  return keys;
}

/**
 * Seals a sort key as an opaque cursor of `field`. The IV is an HMAC of field and key (a
 * synthetic IV), so the same row gives the same cursor in `edges` and `pageInfo` and distinct
 * keys never share an IV.
 */
export function encodeCursor(key: readonly (string | number)[], field: CursorField): string {
  const k = cursorKeys();
  const plain = Buffer.from(JSON.stringify(key), 'utf8');
  const iv = createHmac('sha256', k.iv).update(field).update('\0').update(plain).digest().subarray(0, IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', k.encrypt, iv);
  cipher.setAAD(Buffer.from(field, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The sort key inside a cursor of `field`, or null when it is not one (forged, altered, another list's). */
function openCursor(cursor: string, field: CursorField): unknown {
  const raw = Buffer.from(cursor, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES || raw.toString('base64url') !== cursor) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', cursorKeys().encrypt, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return null;
  }
}

/** Decodes a cursor produced by encodeCursor for the same field; anything else is INVALID_CURSOR. */
export function decodeCursor(cursor: string | null | undefined, arity: number, field: CursorField): (string | number)[] | null {
  if (cursor === null || cursor === undefined) return null;
  const key = openCursor(cursor, field);
  if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) {
    return key;
  }
  throw userError(`"after" is not a cursor of ${field}: pass a cursor this list returned`, ErrorCode.INVALID_CURSOR);
}

export type PageInfo = { hasNextPage: boolean; endCursor: string | null };

export type Connection<T> = {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
};

/**
 * Builds a connection from rows fetched with LIMIT first + 1: the extra row only tells that
 * there is a next page. `field` binds the cursors to the list they page over.
 *
 * Each edge's cursor is sealed when it is first read, not up front: a client paging by
 * `pageInfo.endCursor` (the BI bridge, 5000 rows a page) selects no edge cursor, and sealing one
 * per row (an HMAC and an AES-GCM cipher each) was a quarter of the server's CPU in an export.
 */
export function toConnection<T>(rows: readonly T[], first: number, keyOf: (row: T) => (string | number)[], field: CursorField): Connection<T> {
  const page = rows.length > first ? rows.slice(0, first) : rows;
  const edges = new Array<Edge<T>>(page.length);
  for (let i = 0; i < page.length; i++) edges[i] = new Edge(page[i], keyOf, field);
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: page.length ? encodeCursor(keyOf(page[page.length - 1]), field) : null,
    },
  };
}

/** One edge; its cursor sealed on first read (a class, not a closure per edge: exports make millions). */
class Edge<T> {
  readonly node: T;
  #keyOf: (row: T) => (string | number)[];
  #field: CursorField;
  #cursor: string | undefined;
  constructor(node: T, keyOf: (row: T) => (string | number)[], field: CursorField) {
    this.node = node;
    this.#keyOf = keyOf;
    this.#field = field;
  }
  get cursor(): string {
    this.#cursor ??= encodeCursor(this.#keyOf(this.node), this.#field);
    return this.#cursor;
  }
}

/**
 * Sets `key` on each row in place and returns the rows so typed: the per-key page statements tag
 * their rows with the key they answer. Rows are fresh from the driver, so no copy is made (a copy
 * of every row was measurable in a million-row export).
 */
export function tagRows<R extends object>(rows: R[], key: number | ((row: R) => number)): (R & { key: number })[] {
  const tagged = rows as (R & { key: number })[];
  if (typeof key === 'number') for (const row of tagged) row.key = key;
  else for (const row of tagged) row.key = key(row);
  return tagged;
}
