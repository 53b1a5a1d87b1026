import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitLabel, readmeTable, replaceBetweenMarkers, resultPath, type BenchResult, type Measurement } from './report.ts';

describe('commitLabel', () => {
  it('shortens the commit and marks a dirty tree', () => {
    expect(commitLabel('abb54b9f00d1c2e3')).toBe('abb54b9');
    expect(commitLabel('abb54b9f00d1c2e3+changes')).toBe('abb54b9-dirty');
    expect(commitLabel(undefined)).toBe('unknown');
  });
});

describe('resultPath', () => {
  it('names a run by its parts and never the name an earlier run of the same day and commit wrote', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const first = resultPath(['writes', '2026-12-04', 'abb54b9', null, false], dir);
      expect(first).toBe(path.join(dir, 'writes-2026-12-04-abb54b9'));
      writeFileSync(`${first}.md`, 'the first run');
      const second = resultPath(['writes', '2026-12-04', 'abb54b9'], dir);
      expect(second).toBe(`${first}-2`);
      writeFileSync(`${second}.json`, '{}');
      expect(resultPath(['writes', '2026-12-04', 'abb54b9'], dir)).toBe(`${first}-3`);
      // another bench's or commit's name is its own
      expect(resultPath(['writes', '2026-12-04', 'abb54b9-dirty'], dir)).toBe(`${first}-dirty`);
      expect(resultPath(['monitor', '2026-12-04', 'abb54b9'], dir)).toBe(path.join(dir, 'monitor-2026-12-04-abb54b9'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('replaceBetweenMarkers', () => {
  it('replaces only what lies between the markers', () => {
    const text = 'before\n<!-- t:start -->\nold\n<!-- t:end -->\nafter\n';
    expect(replaceBetweenMarkers(text, 't', 'new')).toBe('before\n<!-- t:start -->\nnew\n<!-- t:end -->\nafter\n');
  });

  it('refuses missing or reversed markers', () => {
    expect(replaceBetweenMarkers('no markers', 't', 'x')).toBeNull();
    expect(replaceBetweenMarkers('<!-- t:end --> <!-- t:start -->', 't', 'x')).toBeNull();
  });
});

describe('readmeTable', () => {
  const m = (variant: Measurement['variant'], rps: number, failed = 0): Measurement => ({
    query: 'Q1', workload: 'spread', variant, requestsPerSecond: rps, requests: rps * 10, sent: rps * 10, seconds: 10,
    latencyMs: { p50: 10, p99: 50, average: 12, max: 60 }, statementsPerRequest: 9.8, cpuMicrosPerRequest: 4321,
    bytesPerResponse: 2048, errors: 0, timeouts: 0, non2xx: failed, badBodies: 0,
  });
  const result = {
    date: '2026-12-02', commit: 'abcdef1234567+changes',
    machine: { cpus: 2, cpuModel: 'x', memoryGiB: 8, os: 'Linux', node: 'v24', postgres: '15', loadAverage: { start: [3.5, 2, 1], end: [4, 3, 2] } },
    settings: { scale: 10, durationSeconds: 10, warmupSeconds: 3, connections: 16, spreadAddresses: 64, jit: 'off', subgraphPoolMax: 10, floorPoolMax: 16, database: 'db' },
    queries: [{ id: 'Q1', title: 'Room', level: 'room', showcase: '1' }],
    measurements: [m('hive', 120), m('hive-bare', 150), m('apollo', 100, 2)],
  } as unknown as BenchResult;

  it('has a column per variant in run order, names the commit and the load, and shows failures', () => {
    const table = readmeTable(result, 'bench/results/2026-12-02-abcdef1-dirty');
    expect(table).toContain('commit abcdef1-dirty');
    expect(table).toContain('load average 3.5 at the start and 4 at the end on 2 cores');
    expect(table).toContain('bench/results/2026-12-02-abcdef1-dirty.md');
    const header = table.split('\n').find((l) => l.startsWith('| workload'))!;
    expect(header.split('|').map((c) => c.trim()).filter(Boolean)).toEqual(['workload', 'query', 'Hive Gateway + Rust planner', 'Hive, access control off (bench only)', '@apollo/gateway']);
    const row = table.split('\n').find((l) => l.startsWith('| spread'))!;
    expect(row).toContain('120 req/s, 10 / 50 ms, 9.8 SQL, 4,321 µs');
    expect(row).toContain('**2 failed**');
  });
});
