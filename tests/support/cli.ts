/**
 * Runs one of the project's command-line scripts in a child process on the fixture database,
 * the way a steward runs it, and collects its exit code and output.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * `script` is relative to the repository root (e.g. 'scripts/import.ts'); `input` is written to
 * stdin; `env` adds to the environment. On PGlite the child gets the fixture's data folder unless
 * `env` names another PGLITE_DIR.
 */
export function runCli(script: string, args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'warn', ...options.env };
    if (!process.env.DATABASE_URL && !options.env?.PGLITE_DIR) env.PGLITE_DIR = inject('pgliteDir')!;
    const child = spawn(process.execPath, [path.join(root, script), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}
