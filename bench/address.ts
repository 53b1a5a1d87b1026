/**
 * `npm run bench:address -- [--scale N] [--sample N] [--reseed] [--styles SHARES] [--show-wrong MIN]`
 *
 * Address standardization on the bench database (PostgreSQL, BENCH_DATABASE_URL; default scale 28,
 * about the real district):
 * - throughput: parse alone, and parse + match (registry index in memory, one room statement per
 *   batch of 2,000), as addresses per wall second and per second of this process's CPU time;
 * - precision and recall by level on the labelled department addresses the seed generator writes
 *   for the same data set (`npm run seed -- --departments`), overall, per clerks' style
 *   (seeds/messy.ts CLERK_STYLES; `--styles` sets their shares as `seed --departments` does) and
 *   per variant, with the wrong links at confidence 0.8 or more;
 * - per-field accuracy of the parser on the committed NAACL 2019 sample (address/testdata/naacl).
 * Figures go to bench/results/address-<date>-<commit>.json and .md. `--show-wrong MIN` also prints every
 * wrong link at confidence MIN or more with its text, true code and reasons, on stderr.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse';
import { parseAddress } from '../address/parse.ts';
import { readNaacl, scoreNaacl, NAACL_FIELDS } from '../address/naacl.ts';
import { createStandardizer } from '../address/standardizer.ts';
import type { AddressMatch } from '../address/types.ts';
import { LABELS_FILE } from '../importer/formats.ts';
import { openDatabase } from '../lib/db.ts';
import { writeDepartmentFiles } from '../seeds/departments.ts';
import { CLERK_STYLES, parseStyleShares, type MessyOptions } from '../seeds/messy.ts';
import { prepareDataset } from './database.ts';
import { DEFAULT_DATABASE_URL, redactUrl } from './options.ts';
import { resultPath } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BATCH = 2000;
const LEVELS = [['ROOM', 25], ['BUILDING', 19], ['COMMUNITY', 12]] as const;

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '28' },
    sample: { type: 'string', default: '200000' },
    reseed: { type: 'boolean', default: false },
    styles: { type: 'string' },
    'show-wrong': { type: 'string' },
  },
  strict: true,
});
const scale = Number(values.scale);
const showWrong = values['show-wrong'] === undefined ? null : Number(values['show-wrong'] || 0);
const sampleSize = Number(values.sample);
if (!(scale > 0 && scale <= 60) || !(sampleSize >= 1000) || (showWrong !== null && !(showWrong >= 0 && showWrong <= 1))) {
  process.stderr.write('usage: node bench/address.ts [--scale N (0-60, default 28)] [--sample N (>= 1000, default 200000)] [--reseed] [--styles SHARES] [--show-wrong MIN (0-1)]\n');
  process.exit(2);
}
const messyOptions: MessyOptions = {};
if (values.styles !== undefined) {
  try {
    messyOptions.styles = parseStyleShares(values.styles);
  } catch (error) {
    process.stderr.write(`--styles: ${(error as Error).message}\n`);
    process.exit(2);
  }
}
const url = process.env.BENCH_DATABASE_URL ?? DEFAULT_DATABASE_URL;
const log = (line: string) => process.stderr.write(`${line}\n`);

type Label = { kind: string; text: string; trueCode: string; variants: string[] };

/** Every k-th labelled address, so the sample spreads over all communities. */
async function readLabels(file: string, total: number): Promise<Label[]> {
  const step = Math.max(1, Math.floor(total / sampleSize));
  const out: Label[] = [];
  let i = 0;
  const parser = createReadStream(file).pipe(parseCsv({ columns: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    if (i++ % step === 0 && out.length < sampleSize) {
      out.push({ kind: row.kind, text: row.text, trueCode: row.true_code, variants: row.variants ? row.variants.split('|') : [] });
    }
  }
  return out;
}

async function countLines(file: string): Promise<number> {
  let n = -1;
  for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 10) n++;
  return n;
}

type Tally = { truth: number; predicted: number; correct: number };
const emptyTally = (): Tally => ({ truth: 0, predicted: 0, correct: 0 });
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 100 : null);

/** The group a label is scored in: its clerks' style, `plain` for a linkable text without one, or `unlinkable`. */
function styleOf(label: Label): string {
  if (!label.trueCode) return 'unlinkable';
  return label.variants.find((v) => (CLERK_STYLES as readonly string[]).includes(v)) ?? 'plain';
}

type StyleTally = { n: number; exact: number; wrong: number; wrongAt08: number; maxWrongConfidence: number; levels: Record<string, Tally> };

/** Precision and recall per level, exact codes and wrong links (with their highest confidence), per style. */
function scoreStyles(labels: Label[], matches: AddressMatch[]) {
  const styles = new Map<string, StyleTally>();
  labels.forEach((label, i) => {
    const m = matches[i];
    const key = styleOf(label);
    let s = styles.get(key);
    if (!s) styles.set(key, (s = { n: 0, exact: 0, wrong: 0, wrongAt08: 0, maxWrongConfidence: 0, levels: Object.fromEntries(LEVELS.map(([l]) => [l, emptyTally()])) }));
    s.n++;
    const code = m.code ?? '';
    if (code && code === label.trueCode) s.exact++;
    let wrong = false;
    for (const [level, len] of LEVELS) {
      const t = s.levels[level];
      if (label.trueCode.length >= len) t.truth++;
      if (code.length >= len) {
        t.predicted++;
        if (label.trueCode.slice(0, len) === code.slice(0, len)) t.correct++;
        else wrong = true;
      }
    }
    if (wrong) {
      s.wrong++;
      if (m.confidence >= 0.8) s.wrongAt08++;
      s.maxWrongConfidence = Math.max(s.maxWrongConfidence, m.confidence);
    }
  });
  const order = ['plain', ...CLERK_STYLES, 'unlinkable'];
  return Object.fromEntries(
    [...styles].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([k, s]) => [
      k,
      {
        n: s.n, exactPct: pct(s.exact, s.n), wrong: s.wrong, wrongAtConfidence08: s.wrongAt08, maxWrongConfidence: round(s.maxWrongConfidence),
        levels: Object.fromEntries(LEVELS.map(([l]) => [l, { ...s.levels[l], precision: pct(s.levels[l].correct, s.levels[l].predicted), recall: pct(s.levels[l].correct, s.levels[l].truth) }])),
      },
    ]),
  );
}

function score(labels: Label[], matches: AddressMatch[]) {
  const byLevel = Object.fromEntries(LEVELS.map(([l]) => [l, emptyTally()])) as Record<string, Tally>;
  const reached: Record<string, number> = { ROOM: 0, BUILDING: 0, COMMUNITY: 0, SUBDISTRICT: 0, DISTRICT: 0, none: 0 };
  const variants = new Map<string, { n: number; exact: number; wrong: number }>();
  let unlinkable = 0;
  let falseLinks = 0;
  labels.forEach((label, i) => {
    const m = matches[i];
    reached[m.level ?? 'none']++;
    const code = m.code ?? '';
    let wrong = false;
    for (const [level, len] of LEVELS) {
      const t = byLevel[level];
      if (label.trueCode.length >= len) t.truth++;
      if (code.length >= len) {
        t.predicted++;
        if (label.trueCode.slice(0, len) === code.slice(0, len)) t.correct++;
        else wrong = true;
      }
    }
    if (!label.trueCode) {
      unlinkable++;
      if (code.length >= 12) falseLinks++;
    }
    for (const v of label.variants.length ? label.variants : ['clean']) {
      const s = variants.get(v) ?? { n: 0, exact: 0, wrong: 0 };
      s.n++;
      if (code && code === label.trueCode) s.exact++;
      if (wrong) s.wrong++;
      variants.set(v, s);
    }
  });
  return {
    byLevel: Object.fromEntries(LEVELS.map(([l]) => [l, { ...byLevel[l], precision: pct(byLevel[l].correct, byLevel[l].predicted), recall: pct(byLevel[l].correct, byLevel[l].truth) }])),
    reached,
    unlinkable: { n: unlinkable, linkedAnyway: falseLinks },
    variants: Object.fromEntries([...variants].sort((a, b) => b[1].n - a[1].n).map(([v, s]) => [v, { ...s, exactPct: pct(s.exact, s.n), wrongPct: pct(s.wrong, s.n) }])),
    styles: scoreStyles(labels, matches),
  };
}

const dataset = await prepareDataset(url, scale, values.reseed, log);
const dir = await mkdtemp(path.join(os.tmpdir(), 'address-bench-'));
try {
  log(`writing the labelled department addresses of scale ${scale}`);
  await writeDepartmentFiles({ scale }, dir, undefined, messyOptions);
  const labelFile = path.join(dir, LABELS_FILE);
  const total = await countLines(labelFile);
  const labels = await readLabels(labelFile, total);
  const texts = labels.map((l) => l.text);
  log(`${labels.length.toLocaleString('en')} of ${total.toLocaleString('en')} labelled addresses sampled`);

  const database = openDatabase('buildings', { url, poolMax: 2 });
  try {
    let t = performance.now();
    const standardizer = await createStandardizer(database);
    const indexSeconds = (performance.now() - t) / 1000;

    // parse only, with and without the registry's names
    for (const text of texts.slice(0, 5000)) parseAddress(text); // warm-up
    let cpu = process.cpuUsage();
    t = performance.now();
    for (const text of texts) standardizer.parse(text);
    const parseWall = (performance.now() - t) / 1000;
    const parseCpu = cpuSeconds(process.cpuUsage(cpu));

    // parse + match, batch by batch as the importer and CLI call it
    await standardizer.standardize(texts.slice(0, BATCH)); // warm-up
    const matches: AddressMatch[] = [];
    cpu = process.cpuUsage();
    t = performance.now();
    for (let i = 0; i < texts.length; i += BATCH) matches.push(...(await standardizer.standardize(texts.slice(i, i + BATCH))));
    const matchWall = (performance.now() - t) / 1000;
    const matchCpu = cpuSeconds(process.cpuUsage(cpu));

    const quality = score(labels, matches);
    if (showWrong !== null) printWrong(labels, matches, showWrong);
    // the public yardstick: the parser alone, on the committed NAACL 2019 sample
    const naacl = scoreNaacl(readNaacl(await readFile(path.join(root, 'address/testdata/naacl/test-sample.txt'), 'utf8')), parseAddress);
    const result = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      styleShares: messyOptions.styles ?? 'default',
      database: redactUrl(url),
      dataset,
      indexSize: standardizer.indexSize,
      indexLoadSeconds: round(indexSeconds),
      sample: labels.length,
      labelled: total,
      batch: BATCH,
      throughput: {
        parsePerSecond: Math.round(labels.length / parseWall),
        parsePerCpuSecond: Math.round(labels.length / parseCpu),
        matchPerSecond: Math.round(labels.length / matchWall),
        matchPerCpuSecond: Math.round(labels.length / matchCpu),
      },
      quality,
      naacl: { records: naacl.records, fields: naacl.fields },
    };
    const base = resultPath(['address', result.date.slice(0, 10), result.commit]);
    await writeFile(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(`${base}.md`, markdown(result));
    log(`wrote ${path.relative(root, base)}.json and .md`);
    process.stdout.write(markdown(result));
  } finally {
    await database.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** Every link that is wrong at some level, at confidence `min` or more: what was written, what was found and why. */
function printWrong(labels: Label[], matches: AddressMatch[], min: number): void {
  labels.forEach((label, i) => {
    const m = matches[i];
    const code = m.code ?? '';
    const wrong = LEVELS.some(([, len]) => code.length >= len && label.trueCode.slice(0, len) !== code.slice(0, len));
    if (!wrong || m.confidence < min) return;
    log(JSON.stringify({ style: styleOf(label), variants: label.variants, text: label.text, trueCode: label.trueCode, code, level: m.level, confidence: m.confidence, components: m.components, unparsed: m.unparsed, reasons: m.reasons.map((r) => `${r.component} ${r.status}: ${r.message}`) }));
  });
}

/** The checkout's short commit, with -dirty when files differ from it (the figures are of that code). */
function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

function cpuSeconds(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1e6;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function markdown(r: {
  date: string; commit: string; dataset: { scale: number; rowCounts: Record<string, number> }; sample: number; labelled: number; indexLoadSeconds: number;
  throughput: Record<string, number>; quality: ReturnType<typeof score>; naacl: { records: number; fields: ReturnType<typeof scoreNaacl>['fields'] };
}): string {
  const q = r.quality;
  const lines = [
    `# Address standardization, ${r.date.slice(0, 10)} (${r.commit})`,
    '',
    `Registry of scale ${r.dataset.scale}: ${r.dataset.rowCounts.buildings?.toLocaleString('en')} buildings, ${r.dataset.rowCounts.rooms?.toLocaleString('en')} rooms. ` +
      `Sample: ${r.sample.toLocaleString('en')} of ${r.labelled.toLocaleString('en')} labelled department addresses. Index built in ${r.indexLoadSeconds} s.`,
    '',
    '| step | addresses / s (wall) | addresses / s of CPU (this process) |',
    '|---|---|---|',
    `| parse | ${r.throughput.parsePerSecond.toLocaleString('en')} | ${r.throughput.parsePerCpuSecond.toLocaleString('en')} |`,
    `| parse + match | ${r.throughput.matchPerSecond.toLocaleString('en')} | ${r.throughput.matchPerCpuSecond.toLocaleString('en')} |`,
    '',
    '| level | truth | predicted | correct | precision | recall |',
    '|---|---|---|---|---|---|',
    ...LEVELS.map(([l]) => {
      const t = q.byLevel[l];
      return `| ${l} | ${t.truth.toLocaleString('en')} | ${t.predicted.toLocaleString('en')} | ${t.correct.toLocaleString('en')} | ${t.precision}% | ${t.recall}% |`;
    }),
    '',
    `Matched level: ${Object.entries(q.reached).map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}. ` +
      `Addresses with no true Futian address: ${q.unlinkable.n}, linked anyway: ${q.unlinkable.linkedAnyway}.`,
    '',
    'Per clerks\' style (`plain`: linkable texts in none of them). Precision / recall per level; wrong: links wrong at some level, and how many of them at confidence ≥ 0.8.',
    '',
    '| style | addresses | exact code | room P / R | building P / R | community P / R | wrong (≥ 0.8) | highest wrong confidence |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...Object.entries(q.styles).map(([k, s]) => {
      const pr = (l: string) => (s.levels[l].truth || s.levels[l].predicted ? `${s.levels[l].precision ?? '–'}% / ${s.levels[l].recall ?? '–'}%` : '–');
      return `| ${k} | ${s.n.toLocaleString('en')} | ${s.exactPct}% | ${pr('ROOM')} | ${pr('BUILDING')} | ${pr('COMMUNITY')} | ${s.wrong} (${s.wrongAtConfidence08}) | ${s.wrong ? s.maxWrongConfidence : '–'} |`;
    }),
    '',
    `Parser on the NAACL 2019 sample (${r.naacl.records} test addresses, address/testdata/naacl): accuracy per field on the records whose label agrees with the contract.`,
    '',
    '| field | agreeing records | correct | accuracy | disagreeing (not scored) |',
    '|---|--:|--:|--:|--:|',
    ...NAACL_FIELDS.map((f) => {
      const x = r.naacl.fields[f];
      return `| ${f} | ${x.agreeing} | ${x.correct} | ${x.accuracy}% | ${x.disagreeing} |`;
    }),
    '',
    '| variant | addresses | exact code | wrong at some level |',
    '|---|---|---|---|',
    ...Object.entries(q.variants).map(([v, s]) => `| ${v} | ${s.n.toLocaleString('en')} | ${s.exactPct}% | ${s.wrongPct}% |`),
    '',
  ];
  return lines.join('\n');
}
