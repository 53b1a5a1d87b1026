/**
 * The address standardizer: parse, then match against the registry. The division and building
 * part of the registry is indexed in memory (built once, rebuilt when the registry changes); room
 * numbers are looked up in the database, one statement per batch.
 */
import { env } from '../lib/config.ts';
import type { Database } from '../lib/db.ts';
import { logger } from '../lib/logger.ts';
import { decide, finishRoom, roomPairs, type Pending } from './match.ts';
import { createParser } from './parse.ts';
import { RegistryIndex } from './registry.ts';
import { createStandardizerRepository, type RoomRow } from './repository.ts';
import type { AddressMatch, ParsedAddress, Standardizer } from './types.ts';

export type StandardizerOptions = {
  /**
   * How often (milliseconds) to check whether the registry's divisions or buildings changed, and
   * rebuild the index if so. 0 never checks: for one-shot tools such as the importer.
   */
  refreshIntervalMs?: number;
};

/** Batches larger than this are split so each room lookup stays one modest statement. */
const ROOM_BATCH = 5_000;

export type LoadedStandardizer = Standardizer & {
  /** Parses without matching (no registry needed, but uses the registry's names when loaded). */
  parse(text: string): ParsedAddress;
  /** Rebuilds the index now when the registry changed; resolves to whether it did. */
  refresh(): Promise<boolean>;
  /** Buildings and divisions in the index. */
  readonly indexSize: number;
};

/** Loads the registry index and returns a standardizer over it. */
export async function createStandardizer(database: Database, options: StandardizerOptions = {}): Promise<LoadedStandardizer> {
  const repository = createStandardizerRepository(database.knex);
  let state = await build();
  let checking: Promise<boolean> | null = null;
  let lastCheck = Date.now();
  const interval = options.refreshIntervalMs ?? 0;

  async function build() {
    const started = performance.now();
    const version = await repository.indexVersion();
    const rows = await repository.indexRows();
    const plain = createParser();
    const index = new RegistryIndex(rows, (alias) => plain(alias).components);
    const estates = [...index.estates.byName.keys()];
    const roads = [...index.roads.byName.keys()];
    const parse = createParser({ knownEstates: estates, knownRoads: roads });
    logger.debug({ buildings: index.buildings.size, ms: Math.round(performance.now() - started) }, 'address index built');
    return { version, index, parse };
  }

  async function refresh(): Promise<boolean> {
    lastCheck = Date.now();
    const version = await repository.indexVersion();
    if (version === state.version) return false;
    state = await build();
    return true;
  }

  /** Checks for registry changes in the background at most once per interval. */
  function maybeRefresh(): void {
    if (interval <= 0 || checking || Date.now() - lastCheck < interval) return;
    checking = refresh()
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'address index refresh failed; keeping the current index');
        return false;
      })
      .finally(() => {
        checking = null;
      });
  }

  async function standardize(texts: readonly string[]): Promise<AddressMatch[]> {
    maybeRefresh();
    const out: AddressMatch[] = [];
    for (let start = 0; start < texts.length; start += ROOM_BATCH) {
      const { index, parse } = state;
      const pending: Pending[] = texts.slice(start, start + ROOM_BATCH).map((t) => decide(parse(typeof t === 'string' ? t : ''), index));
      // one (building, room) pair per building asked about, each remembering whose question it is
      const pairs: { building: string; room: string }[] = [];
      const owner: number[] = [];
      pending.forEach((p, i) => {
        if (!p.roomQuestion) return;
        for (const pair of roomPairs(p.roomQuestion)) {
          pairs.push(pair);
          owner.push(i);
        }
      });
      const rooms = await repository.roomsByNumber(pairs);
      const byPending = new Map<number, RoomRow[]>();
      for (const r of rooms) {
        const i = owner[r.key];
        const list = byPending.get(i);
        if (list) list.push(r);
        else byPending.set(i, [r]);
      }
      pending.forEach((p, i) => {
        const result = p.roomQuestion ? finishRoom(p, byPending.get(i) ?? []) : p.result;
        out.push({ ...p.parsed, ...result });
      });
    }
    return out;
  }

  return {
    standardize,
    parse: (text) => state.parse(text),
    refresh,
    get indexSize() {
      return state.index.size;
    },
  };
}

/** One standardizer per buildings database, shared by all requests of the process. */
const standardizers = new WeakMap<Database, Promise<LoadedStandardizer>>();

/**
 * The process's standardizer over a buildings database (built on first use, refreshed every
 * ADDRESS_INDEX_REFRESH_SECONDS): the buildings subgraph's standardizeAddress and the events
 * subgraph's free-text reports share it. A failed load is retried on the next call.
 */
export function sharedStandardizer(database: Database): Promise<LoadedStandardizer> {
  let loading = standardizers.get(database);
  if (!loading) {
    loading = createStandardizer(database, { refreshIntervalMs: env().ADDRESS_INDEX_REFRESH_SECONDS * 1000 });
    loading.catch(() => standardizers.delete(database));
    standardizers.set(database, loading);
  }
  return loading;
}
