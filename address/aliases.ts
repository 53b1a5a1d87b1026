/**
 * Address aliases taught by data stewards: a spelling the standardizer could not link, and the
 * code a steward assigned to it when fixing a quarantined row (`npm run quarantine -- fix`). Kept
 * in `buildings.address_alias` (migrations/buildings/20261203100000_address_alias.ts), keyed by
 * the normalized text (normalizeText: NFKC, simplified characters, no spaces or punctuation), so
 * 福田区 水围社区 and 福田区水围社区 are one alias.
 *
 * `withAliases(standardizer, aliases)` answers a text that has a live alias with the alias' code
 * before any parsing or fuzzy matching, in one statement per batch; other texts go to the
 * standardizer unchanged. Aliases are never deleted: a revoked one stays, with who and why.
 *
 * Every SQL statement of the aliases is here; it reads and writes only the buildings schema.
 */
import { query, type Db } from '../lib/db.ts';
import { normalizeText } from './parse.ts';
import type { AddressMatch, MatchLevel, Standardizer } from './types.ts';

/** Levels an alias may point at: the ones a department row can be linked at. */
export const ALIAS_LEVELS = ['COMMUNITY', 'BUILDING', 'ROOM'] as const;
export type AliasLevel = (typeof ALIAS_LEVELS)[number];

export type AddressAlias = {
  id: number;
  /** The normalized text. */
  text: string;
  code: string;
  level: AliasLevel;
  /** The registry's 地址全称 of the code. */
  fullName: string;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
};

/** A registry address an alias may name. */
export type AliasTarget = { code: string; level: string; fullName: string };

/** The key an alias is stored and looked up under. */
export function aliasKey(text: string): string {
  return normalizeText(text);
}

const COLUMNS = `a.id, a.text, a.code, r.level, r.full_name AS "fullName", a.created_by AS "createdBy", a.created_at AS "createdAt",
  a.revoked_at AS "revokedAt", a.revoked_by AS "revokedBy", a.revoke_reason AS "revokeReason"`;

type Row = Omit<AddressAlias, 'id'> & { id: number | string };
const toAlias = (r: Row): AddressAlias => ({ ...r, id: Number(r.id) });

export type AliasListArgs = {
  /** Revoked aliases too (default: live only). */
  includeRevoked?: boolean;
  /** Only aliases whose code lies in one of these communities; null: all. */
  communities?: readonly string[] | null;
  /** Page size (default 50). */
  first?: number;
  /** Ids below this one (the last id of the previous page): newest first. */
  after?: number | null;
};

export function createAliasRepository(db: Db) {
  return {
    /** The live alias of each key that has one, in one statement. */
    async live(keys: readonly string[]): Promise<Map<string, AddressAlias>> {
      if (!keys.length) return new Map();
      const rows = await query<Row>(db, `/* aliases.live */
        SELECT ${COLUMNS} FROM buildings.address_alias a JOIN buildings.address r ON r.code = a.code
        WHERE a.text = ANY(?::text[]) AND a.revoked_at IS NULL`, [[...new Set(keys)]]);
      return new Map(rows.map((r) => [r.text, toAlias(r)]));
    },

    async byId(id: number): Promise<AddressAlias | null> {
      const [row] = await query<Row>(db, `/* aliases.byId */
        SELECT ${COLUMNS} FROM buildings.address_alias a JOIN buildings.address r ON r.code = a.code WHERE a.id = ?`, [id]);
      return row ? toAlias(row) : null;
    },

    /** The registry address of a code, or null when the registry has no such code. */
    async target(code: string): Promise<AliasTarget | null> {
      const [row] = await query<AliasTarget>(db, `/* aliases.target */
        SELECT code, level, full_name AS "fullName" FROM buildings.address WHERE code = ?`, [code]);
      return row ?? null;
    },

    /**
     * Teaches `key` → `code` by `who`. When a live alias for the key exists already it is returned
     * unchanged (`created` false), whatever its code: callers compare.
     */
    async add(key: string, code: string, who: string): Promise<{ alias: AddressAlias; created: boolean }> {
      const inserted = await query<{ id: number | string }>(db, `/* aliases.add */
        INSERT INTO buildings.address_alias (text, code, created_by) VALUES (?, ?, ?)
        ON CONFLICT (text) WHERE revoked_at IS NULL DO NOTHING RETURNING id`, [key, code, who]);
      if (inserted.length) return { alias: (await this.byId(Number(inserted[0].id)))!, created: true };
      return { alias: (await this.live([key])).get(key)!, created: false };
    },

    /** Revokes a live alias; null when there is no live alias with that id. */
    async revoke(id: number, who: string, reason: string): Promise<AddressAlias | null> {
      const rows = await query<{ id: number | string }>(db, `/* aliases.revoke */
        UPDATE buildings.address_alias SET revoked_at = now(), revoked_by = ?, revoke_reason = ?
        WHERE id = ? AND revoked_at IS NULL RETURNING id`, [who, reason, id]);
      return rows.length ? this.byId(id) : null;
    },

    /** Aliases newest first, keyset-paged on id. */
    async list(args: AliasListArgs = {}): Promise<AddressAlias[]> {
      const rows = await query<Row>(db, `/* aliases.list */
        SELECT ${COLUMNS} FROM buildings.address_alias a JOIN buildings.address r ON r.code = a.code
        WHERE (?::boolean OR a.revoked_at IS NULL)
          AND (?::text[] IS NULL OR left(a.code, 12) = ANY(?::text[]))
          AND (?::bigint IS NULL OR a.id < ?::bigint)
        ORDER BY a.id DESC LIMIT ?`,
      [args.includeRevoked ?? false, args.communities ?? null, args.communities ?? null, args.after ?? null, args.after ?? null, args.first ?? 50]);
      return rows.map(toAlias);
    },
  };
}

export type AliasRepository = ReturnType<typeof createAliasRepository>;

/** What the standardizer answers for a text a steward taught. */
export function aliasMatch(text: string, alias: AddressAlias): AddressMatch {
  return {
    text,
    normalized: alias.text,
    components: {},
    unparsed: [],
    code: alias.code,
    level: alias.level as MatchLevel,
    confidence: 1,
    reasons: [{ component: 'text', status: 'CORRECTED', message: `alias #${alias.id} taught by ${alias.createdBy}: ${alias.fullName}` }],
    candidates: [],
  };
}

/**
 * A standardizer that answers texts with a live alias from the alias table (one statement per
 * call) and hands the others to `inner`, in input order.
 */
export function withAliases(inner: Standardizer, aliases: AliasRepository): Standardizer {
  return {
    async standardize(texts) {
      const keys = texts.map((t) => aliasKey(typeof t === 'string' ? t : ''));
      const live = await aliases.live(keys.filter(Boolean));
      if (!live.size) return inner.standardize(texts);
      const rest: string[] = [];
      texts.forEach((t, i) => {
        if (!live.has(keys[i])) rest.push(t);
      });
      const matched = rest.length ? await inner.standardize(rest) : [];
      let next = 0;
      return texts.map((t, i) => {
        const alias = live.get(keys[i]);
        return alias ? aliasMatch(t, alias) : matched[next++];
      });
    },
  };
}
