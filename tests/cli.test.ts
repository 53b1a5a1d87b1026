/**
 * Every command-line script answers --help with its usage (exit 0) and refuses unknown options
 * and invalid values with a message naming them (exit 2), before opening any database. And the
 * README shows commands whose output is piped or captured with `npm run -s`, because npm writes
 * its "> address-graph@0.1.0 ..." banner to stdout.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.ts';

const COMMANDS: { script: string; usage: string; bad: [string[], string][] }[] = [
  {
    script: 'scripts/explain.ts',
    usage: 'usage: npm run -s explain -- [--code CODE]...',
    bad: [
      [['--frobnicate'], "Unknown option '--frobnicate'"],
      [['--code', '123'], '--code: "123" has 3 characters'],
      [['--code', '44030400402X'], '"44030400402X" has "X" at position 12'],
      [['extra'], "Unexpected argument 'extra'"],
    ],
  },
  { script: 'bridge/index.ts', usage: 'usage: npm run bridge', bad: [[['--frobnicate'], "Unknown option '--frobnicate'"], [['now'], "Unexpected argument 'now'"]] },
  { script: 'scripts/migrate.ts', usage: 'usage: npm run migrate', bad: [[['--frobnicate'], "Unknown option '--frobnicate'"], [['now'], "Unexpected argument 'now'"]] },
  {
    script: 'seeds/cli.ts',
    usage: 'usage: node seeds/cli.ts',
    bad: [[['--frobnicate'], "Unknown option '--frobnicate'"], [['--size', 'huge'], '--size must be small or demo, got "huge"'], [['--scale', 'x'], '--scale must be a number']],
  },
  {
    script: 'scripts/address.ts',
    usage: 'usage: npm run address -- parse|match',
    bad: [[['parse', '--frobnicate'], "Unknown option '--frobnicate'"], [['match', '--batch', '0'], '--batch must be an integer from 1 to 20000, got "0"']],
  },
  { script: 'scripts/import.ts', usage: 'usage: npm run import -- <kind> <file.csv>', bad: [[['--frobnicate'], "Unknown option '--frobnicate'"]] },
  {
    script: 'scripts/token.ts',
    usage: 'usage: npm run token --',
    bad: [[['--frobnicate'], "Unknown option '--frobnicate'"], [['--role', 'emperor'], 'unknown role emperor'], [['--expires', 'soon'], 'expiry must look like 30m, 8h or 7d']],
  },
  {
    script: 'scripts/db.ts',
    usage: 'usage: npm run db -- <command> [--subgraph NAME] [--json]',
    bad: [
      [['--frobnicate'], "Unknown option '--frobnicate'"],
      [[], 'a command is required'],
      [['migrate'], 'unknown command: migrate'],
      [['status', '--subgraph', 'nope'], '--subgraph must be one of buildings, people, entities, events, cases, alerts, audit, access, got "nope"'],
      [['down'], 'down needs --subgraph NAME'],
      [['up', '--to', 'x'], '--to is an option of down'],
      [['plan', '--all'], '--all is an option of lint'],
    ],
  },
  {
    script: 'scripts/quality.ts',
    usage: 'usage: npm run quality -- [--json | --csv]',
    bad: [
      [['--frobnicate'], "Unknown option '--frobnicate'"],
      [['--json', '--csv'], '--json and --csv are exclusive'],
      [['--subgraph', 'parking'], '--subgraph must be one of buildings, people, entities, events, cases, got "parking"'],
      [['--community', '44030400402'], '--community: community must be a district (6 digits), subdistrict (9) or community (12) code, got "44030400402"'],
      [['--html', ''], '--html needs a file name'],
    ],
  },
  {
    script: 'scripts/apikey.ts',
    usage: 'usage: npm run apikey -- create',
    bad: [
      [['--frobnicate'], "Unknown option '--frobnicate'"],
      [[], 'a command is required'],
      [['rotate'], 'unknown command "rotate"'],
      [['create', '--scope', 'events:read'], 'create needs --name'],
      [['create', '--name', 'x'], 'a key needs at least one scope'],
      [['create', '--name', 'x', '--scope', 'events:read,people:everything'], 'unknown scope "people:everything"'],
      [['create', '--name', 'x', '--scope', 'events:read', '--community', '4403040040'], '"4403040040" has 10 characters'],
      [['create', '--name', 'x', '--scope', 'events:read', '--community', '440304004'], 'a community code has 12 digits'],
      [['create', '--name', 'x', '--scope', 'events:read', '--expires', 'soon'], '--expires must be a number of days (90d) or a date (2027-06-30)'],
      [['create', '--name', 'x', '--scope', 'events:read', '--expires', '2020-01-01'], 'has already passed'],
      [['list', '--name', 'x'], 'list takes no --name'],
      [['revoke'], 'revoke takes one key id'],
      [['revoke', 'nope'], '"nope" is not a key id'],
    ],
  },
];

describe.each(COMMANDS)('$script', ({ script, usage, bad }) => {
  it('prints its usage on --help and -h, exit 0', async () => {
    for (const flag of ['--help', '-h']) {
      const result = await runCli(script, [flag]);
      expect(result.code, flag).toBe(0);
      expect(result.stdout, flag).toContain(usage);
      expect(result.stderr, flag).toBe('');
    }
  });

  it.each(bad)('refuses %j naming the problem, exit 2', async (args, message) => {
    const result = await runCli(script, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});

describe('README commands', () => {
  it('capture or pipe npm run output only with -s, so no npm banner lands in the data', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const noisy = readme
      .split('\n')
      .filter((line) => !line.trim().startsWith('|')) // table rows: their pipes are columns
      .map((line) => line.replace(/\s#\s.*$/, '')) // shell comments
      .filter((line) => /npm run (?!-s\b)[^`]*?\s(>|\|)\s/.test(line) || /\$\(npm run (?!-s\b)/.test(line));
    expect(noisy).toEqual([]);
  });
});
