/**
 * `npm run quality` as a steward or a schedule runs it: who ran it (`--as`, else the OS user) and
 * how are audited and stored with the recorded run, which GET /quality then shows.
 */
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { query } from '../lib/db.ts';
import { runCli } from './support/cli.ts';
import { openFixture } from './support/databases.ts';

type AuditRow = { subject: string; roles: string[]; subgraph: string; operation_name: string; client_name: string; purpose: string | null; request_id: string; address_codes: string[] };

/** The fixture's audit records of a subject and the buildings history of a run, opened after the command exits (PGlite: one process at a time). */
async function afterwards(subject: string, runId?: string) {
  const audit = openFixture('audit');
  const buildings = openFixture('buildings');
  try {
    const records = await query<AuditRow>(audit.knex, 'SELECT subject, roles, subgraph, operation_name, client_name, purpose, request_id, address_codes FROM audit.log WHERE subject = ? ORDER BY id', [subject]);
    const stored = runId ? await query<{ recorded_by: string; command: string; lines: number }>(buildings.knex,
      'SELECT recorded_by, command, count(*)::int AS lines FROM buildings.quality_result WHERE run_id = ? GROUP BY 1, 2', [runId]) : [];
    return { records, stored };
  } finally {
    await audit.close();
    await buildings.close();
  }
}

describe('npm run quality: who ran it', () => {
  it('audits the run under --as NAME and stores the name and the schedule label with the recorded run', async () => {
    const name = `steward-${randomUUID().slice(0, 8)}`;
    const result = await runCli('scripts/quality.ts', ['--subgraph', 'buildings', '--as', name, '--via', 'nightly schedule', '--json']);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ recorded: true, runs: [{ subgraph: 'buildings', recordedBy: name, command: 'nightly schedule' }] });
    const { records, stored } = await afterwards(name, report.runId);
    expect(records).toEqual([{ subject: name, roles: ['steward'], subgraph: 'quality', operation_name: 'npm run quality', client_name: 'npm run quality', purpose: 'nightly schedule', request_id: report.runId, address_codes: [] }]);
    expect(stored).toEqual([{ recorded_by: name, command: 'nightly schedule', lines: expect.any(Number) }]);
  }, 180_000);

  it('names the OS user without --as, and stores the command line; a community run is audited with its code and not recorded', async () => {
    const user = userInfo().username;
    const before = (await afterwards(user)).records.length;
    const result = await runCli('scripts/quality.ts', ['--subgraph', 'buildings', '--community', '440304004', '--json']);
    const report = JSON.parse(result.stdout);
    expect(report.recorded).toBe(false);
    const { records } = await afterwards(user);
    expect(records.slice(before)).toEqual([expect.objectContaining({ subject: user, operation_name: 'npm run quality', request_id: report.runId, address_codes: ['440304004'] })]);

    const recorded = await runCli('scripts/quality.ts', ['--subgraph', 'buildings', '--json']);
    const run = JSON.parse(recorded.stdout);
    expect((await afterwards(user, run.runId)).stored).toEqual([{ recorded_by: user, command: 'npm run quality -- --subgraph buildings --json', lines: expect.any(Number) }]);
  }, 240_000);

  it('refuses an empty --as or --via (exit 2)', async () => {
    expect(await runCli('scripts/quality.ts', ['--as', ' '])).toMatchObject({ code: 2, stderr: expect.stringContaining('--as needs a name') });
    expect(await runCli('scripts/quality.ts', ['--via', ''])).toMatchObject({ code: 2, stderr: expect.stringContaining('--via needs a label') });
  });
});
