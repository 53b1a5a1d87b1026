/**
 * The match report of one import run: the figures a steward checks (rows in, what was loaded,
 * at which precision addresses were linked, what went to quarantine and why), as JSON for the
 * report file and import_run.report, and as a short human summary for the terminal.
 */
import { writeFile } from 'node:fs/promises';
import type { DepartmentKind } from './formats.ts';
import { QUARANTINE_REASONS, type LinkLevel, type QuarantineReason } from './types.ts';

export type ImportReport = {
  runId: number;
  kind: DepartmentKind;
  /** The input file as given, and its SHA-256. */
  file: string;
  fileSha256: string;
  minLevel: LinkLevel;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  rowsPerSecond: number;
  /** Data records read (header and blank lines excluded); rowsIn = inserted + updated + unchanged + quarantined. */
  rowsIn: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Loaded rows by the precision of their coarsest address. */
  linked: { room: number; building: number; community: number };
  quarantined: number;
  /** Every reason, zero included, in the order the importer checks them. */
  quarantinedByReason: Record<QuarantineReason, number>;
  /** Non-empty address cells of valid rows, and the distinct texts of them sent to the standardizer (the rest were cached). */
  addressCells: number;
  addressesStandardized: number;
  /** Where the JSON report was written. */
  reportFile: string;
};

/** Running totals while a file is imported. */
export class ReportTally {
  rowsIn = 0;
  inserted = 0;
  updated = 0;
  unchanged = 0;
  linked = { room: 0, building: 0, community: 0 };
  byReason = Object.fromEntries(QUARANTINE_REASONS.map((r) => [r, 0])) as Record<QuarantineReason, number>;

  get quarantined(): number {
    return Object.values(this.byReason).reduce((a, b) => a + b, 0);
  }

  addLinked(level: LinkLevel): void {
    if (level === 'ROOM') this.linked.room++;
    else if (level === 'BUILDING') this.linked.building++;
    else this.linked.community++;
  }

  addQuarantined(reason: QuarantineReason): void {
    this.byReason[reason]++;
  }
}

/** Writes the report as pretty JSON (with a trailing newline). */
export async function writeReport(report: ImportReport, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

function percent(n: number, of: number): string {
  return of === 0 ? '   -  ' : `${((100 * n) / of).toFixed(1).padStart(5)}%`;
}

/** The human summary printed after a run. */
export function formatSummary(r: ImportReport): string {
  const width = 22;
  const row = (label: string, n: number, pct = true) =>
    `  ${label.padEnd(width)}${String(n).padStart(10)}${pct ? `  ${percent(n, r.rowsIn)}` : ''}`;
  const lines = [
    `import run ${r.runId}: ${r.kind} from ${r.file} (${r.seconds.toFixed(1)} s, ${r.rowsPerSecond} rows/s, min level ${r.minLevel})`,
    row('rows in', r.rowsIn, false),
    row('inserted', r.inserted),
    row('updated', r.updated),
    row('unchanged', r.unchanged),
    row('linked at room', r.linked.room),
    row('linked at building', r.linked.building),
    row('linked at community', r.linked.community),
    row('quarantined', r.quarantined),
  ];
  for (const reason of QUARANTINE_REASONS) {
    if (r.quarantinedByReason[reason]) lines.push(row(`  ${reason}`, r.quarantinedByReason[reason]));
  }
  lines.push(`  report: ${r.reportFile}`);
  return `${lines.join('\n')}\n`;
}
