/**
 * Tamper evidence: the chain audit.append builds, recomputed in JavaScript by audit/verify.ts and
 * `npm run audit -- verify`. Each case tampers with a scratch database of its own as its owner
 * (the fixture's chain is shared by every other test), and checks that the first broken or missing
 * link is reported at the right id. Also: the copy of a pre-audit-schema people.audit_log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';
import { scratchAudit, type ScratchAudit } from './support/scratch-audit.ts';
import { recordHash, GENESIS_HASH } from '../audit/chain.ts';
import { migrateAudit } from '../audit/migrate.ts';
import { verifyChain } from '../audit/verify.ts';
import { createAuditWriter, hashOperation, type AuditEntry } from '../audit/writer.ts';
import { query, type Db } from '../lib/db.ts';

const scratches: ScratchAudit[] = [];
afterEach(async () => {
  for (const s of scratches.splice(0)) await s.drop();
});

async function scratch(options?: { migrate?: boolean; cli?: boolean }): Promise<ScratchAudit> {
  const s = await scratchAudit(options);
  scratches.push(s);
  return s;
}

function entry(i: number): AuditEntry {
  return {
    subject: i % 3 === 0 ? null : `officer-${i}`,
    roles: ['people:read'],
    subgraph: i % 2 ? 'people' : 'cases',
    operationName: i % 4 === 0 ? null : 'Residents',
    operationHash: hashOperation(`query Q${i} { x }`),
    clientName: i % 5 === 0 ? '' : 'grid-app',
    purpose: i === 2 ? '走访 "visit" \\ {x}' : null,
    personIds: [`p${i}`, `p${i + 1}`],
    addressCodes: i % 2 ? [`4403040040280100028001${String(i).padStart(3, '0')}`] : [],
    requestId: `r${i}`,
  };
}

/** Appends `n` records in batches of up to 4 (so batches share instants, like group commit). */
async function fill(db: Db, n: number): Promise<void> {
  const w = createAuditWriter(db, { maxBatch: 4 });
  await Promise.all(Array.from({ length: n }, (_, i) => w.append(entry(i + 1))));
  await w.close();
}

/** As the owner, with the append-only trigger off (what only the owner can do). */
async function asOwnerWithoutTrigger(db: Db, sql: string, bindings: unknown[] = []): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.raw('ALTER TABLE audit.log DISABLE TRIGGER log_append_only');
    await trx.raw(sql, bindings as never);
    await trx.raw('ALTER TABLE audit.log ENABLE ALWAYS TRIGGER log_append_only');
  });
}

describe('verifying the chain', { timeout: 120_000 }, () => {
  it('an intact chain verifies, head = the last record, and the JS encoding gives the stored hashes', async () => {
    const s = await scratch();
    // an empty log verifies too
    expect(await verifyChain(s.database.knex)).toEqual({ ok: true, records: 0, head: { id: 0, hash: GENESIS_HASH } });
    await fill(s.database.knex, 10);
    const result = await verifyChain(s.database.knex, { pageSize: 3 });
    const [last] = await query<{ id: number; hash: string; prev_hash: string }>(s.database.knex, 'SELECT id, hash, prev_hash FROM audit.log ORDER BY id DESC LIMIT 1');
    expect(result).toEqual({ ok: true, records: 10, head: { id: 10, hash: last.hash } });
    const [first] = await query<{ prev_hash: string }>(s.database.knex, 'SELECT prev_hash FROM audit.log WHERE id = 1');
    expect(first.prev_hash).toBe(GENESIS_HASH);
    // NULL and '' are encoded apart: the same record with '' for NULL hashes differently
    const base = { id: 1, prevHash: GENESIS_HASH, atKey: '2026-01-01T00:00:00.000000Z', subject: null, roles: [], subgraph: 'people',
      operationName: null, operationHash: 'h', clientName: null, purpose: null, personIds: [], addressCodes: [], requestId: null, addressScopes: [] };
    expect(recordHash(base)).not.toBe(recordHash({ ...base, subject: '' }));
    expect(recordHash({ ...base, personIds: ['ab'] })).not.toBe(recordHash({ ...base, personIds: ['a', 'b'] }));
  });

  // each case tampers later records first, then earlier ones: verify names the first broken link
  it('reports an UPDATE made with the trigger disabled at the changed record', async () => {
    const s = await scratch();
    await fill(s.database.knex, 8);
    // a changed time is a change too
    await asOwnerWithoutTrigger(s.database.knex, `UPDATE audit.log SET at = at - interval '1 microsecond' WHERE id = 6`);
    expect(await verifyChain(s.database.knex, { pageSize: 3 })).toMatchObject({ ok: false, id: 6, records: 5, problem: expect.stringContaining('changed') });
    await asOwnerWithoutTrigger(s.database.knex, `UPDATE audit.log SET person_ids = ARRAY['someone-else'] WHERE id = 3`);
    expect(await verifyChain(s.database.knex, { pageSize: 3 })).toMatchObject({ ok: false, id: 3, records: 2, problem: expect.stringContaining('changed') });
  });

  it('reports a deleted last record, and a deleted middle record, as missing', async () => {
    const s = await scratch();
    await fill(s.database.knex, 8);
    await asOwnerWithoutTrigger(s.database.knex, `DELETE FROM audit.log WHERE id = 8`);
    expect(await verifyChain(s.database.knex)).toMatchObject({ ok: false, id: 8, records: 7, problem: expect.stringContaining('chain head is at 8') });
    await asOwnerWithoutTrigger(s.database.knex, `DELETE FROM audit.log WHERE id = 4`);
    expect(await verifyChain(s.database.knex)).toMatchObject({ ok: false, id: 4, records: 3, problem: expect.stringContaining('missing') });
  });

  it('reports a forged record inserted directly at its id', async () => {
    const s = await scratch();
    const db = s.database.knex;
    await fill(db, 6);
    // with a correct hash, a record audit.append did not write is still beyond the chain head
    await db.raw(`
      INSERT INTO audit.log (id, at, subject, roles, subgraph, operation_name, operation_hash, client_name, purpose,
                             person_ids, address_codes, request_id, address_scopes, prev_hash, hash)
      SELECT 7, l.at, 'forger', '{}', 'people', NULL, 'h', NULL, NULL, '{x}', '{}', NULL, '{}', l.hash,
             audit.record_hash(7, l.hash, to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), 'forger', '{}', 'people', NULL, 'h', NULL, NULL, '{x}', '{}', NULL, '{}')
      FROM audit.log l WHERE l.id = 6`);
    expect(await verifyChain(db)).toMatchObject({ ok: false, id: 7, records: 7, problem: expect.stringContaining('not appended by audit.append') });
    // another subject, another date, a made-up hash, in place of record 4
    await asOwnerWithoutTrigger(db, `DELETE FROM audit.log WHERE id = 4`);
    await db.raw(`
      INSERT INTO audit.log (id, at, subject, roles, subgraph, operation_name, operation_hash, client_name, purpose,
                             person_ids, address_codes, request_id, address_scopes, prev_hash, hash)
      SELECT 4, now() - interval '30 days', 'someone-else', '{}', 'people', NULL, 'h', NULL, NULL, '{x}', '{}', NULL, '{}', hash, repeat('a', 64)
      FROM audit.log WHERE id = 3`);
    expect(await verifyChain(db)).toMatchObject({ ok: false, id: 4, records: 3 });
  });

  it('catches a complete rewrite by the owner only with an anchor noted before', async () => {
    const s = await scratch();
    await fill(s.database.knex, 5);
    const before = await verifyChain(s.database.knex);
    if (!before.ok) throw new Error('expected an intact chain');
    // the owner changes record 2 and recomputes every hash after it, and the head
    await s.database.knex.transaction(async (trx) => {
      await trx.raw('ALTER TABLE audit.log DISABLE TRIGGER log_append_only');
      await trx.raw(`UPDATE audit.log SET purpose = 'rewritten' WHERE id = 2`);
      let prev = GENESIS_HASH;
      for (let id = 1; id <= 5; id++) {
        await trx.raw(`UPDATE audit.log SET prev_hash = ?, hash = audit.record_hash(id, ?, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), subject, roles, subgraph,
          operation_name, operation_hash, client_name, purpose, person_ids, address_codes, request_id, address_scopes) WHERE id = ?`, [prev, prev, id]);
        prev = (await query<{ hash: string }>(trx, 'SELECT hash FROM audit.log WHERE id = ?', [id]))[0].hash;
      }
      await trx.raw('UPDATE audit.chain_head SET hash = ?', [prev]);
      await trx.raw('ALTER TABLE audit.log ENABLE ALWAYS TRIGGER log_append_only');
    });
    expect(await verifyChain(s.database.knex)).toMatchObject({ ok: true });
    expect(await verifyChain(s.database.knex, { anchors: [before.head] })).toMatchObject({ ok: false, id: 5, problem: expect.stringContaining('rewritten') });
  });

  it('--from checks from that record on, its link to the one before included', async () => {
    const s = await scratch();
    await fill(s.database.knex, 6);
    await asOwnerWithoutTrigger(s.database.knex, `UPDATE audit.log SET purpose = 'x' WHERE id = 2`);
    expect(await verifyChain(s.database.knex, { from: 3 })).toMatchObject({ ok: true, records: 4 });
    expect(await verifyChain(s.database.knex, { from: 2 })).toMatchObject({ ok: false, id: 2 });
  });
});

describe('npm run audit -- verify', () => {
  it('exits 0 with the head on an intact chain, 1 with the broken id, 2 on bad arguments', { timeout: 180_000 }, async () => {
    const s = await scratch({ cli: true });
    await fill(s.database.knex, 4);
    const [head] = await query<{ id: number; hash: string }>(s.database.knex, 'SELECT id, hash FROM audit.chain_head');
    await s.close(); // PGlite: one process at a time
    const ok = await runCli('scripts/audit.ts', ['verify'], { env: s.env });
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim()).toBe(`4 records, chain intact, head 4 ${head.hash}`);
    const anchored = await runCli('scripts/audit.ts', ['verify', '--json', '--anchor', `${head.id}:${head.hash}`], { env: s.env });
    expect(anchored.code).toBe(0);
    expect(JSON.parse(anchored.stdout)).toEqual({ ok: true, records: 4, head: { id: 4, hash: head.hash } });

    await asOwnerWithoutTrigger(s.open().knex, `DELETE FROM audit.log WHERE id = 2`);
    await s.close();
    const broken = await runCli('scripts/audit.ts', ['verify'], { env: s.env });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^chain broken at record 2: record 2 is missing/);
    const json = await runCli('scripts/audit.ts', ['verify', '--json'], { env: s.env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, id: 2, records: 1 });

    for (const args of [[], ['check'], ['verify', '--from', 'x'], ['verify', '--anchor', '3:nothex'], ['verify', '--bogus']]) {
      const bad = await runCli('scripts/audit.ts', args, { env: s.env });
      expect({ args, code: bad.code, usage: bad.stderr.includes('usage: npm run audit') }).toEqual({ args, code: 2, usage: true });
    }
  });
});

describe('the migration grants the services\' role', { timeout: 120_000 }, () => {
  it('EXECUTE on audit.append and SELECT on audit.log when the role exists, nothing else', async () => {
    const s = await scratch({ migrate: false });
    const db = s.database.knex;
    const role = `ag_audit_app_${Math.random().toString(36).slice(2, 10)}`;
    // roles are cluster-wide: created here, dropped below whatever happens
    await db.raw(`CREATE ROLE ${role} NOLOGIN`);
    try {
      await migrateAudit(s.database, { appRole: role });
      const [p] = await query<Record<string, boolean>>(db, `SELECT
        has_function_privilege(?, 'audit.append(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[])', 'EXECUTE') AS append,
        has_function_privilege('public', 'audit.append(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[])', 'EXECUTE') AS public_append,
        has_table_privilege(?, 'audit.log', 'SELECT') AS "select",
        has_table_privilege(?, 'audit.log', 'INSERT') AS "insert",
        has_table_privilege(?, 'audit.log', 'UPDATE') AS "update",
        has_table_privilege(?, 'audit.log', 'DELETE') AS "delete",
        has_table_privilege(?, 'audit.log', 'TRUNCATE') AS "truncate",
        has_table_privilege(?, 'audit.chain_head', 'UPDATE') AS head`, [role, role, role, role, role, role, role]);
      expect(p).toEqual({ append: true, public_append: false, select: true, insert: false, update: false, delete: false, truncate: false, head: false });
      // a role that does not exist is not an error: nothing to grant
      await expect(migrateAudit(s.database, { appRole: `${role}_missing` })).resolves.toEqual([]);
    } finally {
      await db.raw(`DROP OWNED BY ${role}`);
      await db.raw(`DROP ROLE ${role}`);
    }
  });
});

describe('migrating an existing people.audit_log', { timeout: 120_000 }, () => {
  it('copies its rows into the chain, oldest first with their times, and leaves the old table as it was', async () => {
    const s = await scratch({ migrate: false });
    const db = s.database.knex;
    await db.raw(`CREATE SCHEMA people`);
    // the columns of the old log (migrations/people/20261127010000_audit_log.ts before the audit schema)
    await db.raw(`
      CREATE TABLE people.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), subject text,
        roles text[] NOT NULL DEFAULT '{}', subgraph text NOT NULL, operation_name text, operation_hash text NOT NULL,
        client_name text, purpose text, person_ids text[] NOT NULL, address_codes text[] NOT NULL, request_id text,
        address_scopes text[] NOT NULL CHECK (address_scopes @> address_codes))`);
    await db.raw(`
      INSERT INTO people.audit_log (at, subject, subgraph, operation_hash, person_ids, address_codes, address_scopes, purpose)
      VALUES ('2026-11-28T10:00:00.123456Z', 'late', 'people', 'h2', '{p2}', '{}', '{}', NULL),
             ('2026-11-27T09:00:00Z', 'early', 'cases', 'h1', '{p1}', '{440304004028}', '{440304,440304004,440304004028}', '调解'),
             ('2026-11-29T00:00:00Z', NULL, 'events', 'h3', '{}', '{}', '{}', '')`);
    const oldRows = await query(db, 'SELECT * FROM people.audit_log ORDER BY id');
    await migrateAudit(s.database);
    const copied = await query<{ id: number; subject: string | null; at: Date; purpose: string | null; address_scopes: string[] }>(db,
      'SELECT id, subject, at, purpose, address_scopes FROM audit.log ORDER BY id');
    expect(copied.map((r) => [r.id, r.subject, new Date(r.at).toISOString(), r.purpose])).toEqual([
      [1, 'early', '2026-11-27T09:00:00.000Z', '调解'],
      [2, 'late', '2026-11-28T10:00:00.123Z', null],
      [3, null, '2026-11-29T00:00:00.000Z', ''],
    ]);
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 3, head: { id: 3 } });
    expect(await query(db, 'SELECT * FROM people.audit_log ORDER BY id')).toEqual(oldRows);
    // new records continue the chain after the copied ones
    const w = createAuditWriter(db);
    expect((await w.append(entry(1))).id).toBe(4);
    await w.close();
    expect(await verifyChain(db)).toMatchObject({ ok: true, records: 4 });
  });
});
