/**
 * Long-running project commands (npm start, a seed, an import) as real child processes, for the
 * tests of what happens around them: a second process, a signal, a kill -9. Unlike runCli the
 * caller decides when the child ends, and the child gets exactly the environment it is given on
 * top of the test's own (no fixture folder is forced on it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HEAP_BUDGET_FLAG } from '../../lib/heap-budget.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Child = {
  process: ChildProcess;
  pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout or stderr contains `text` (or matches it); rejects if the child exits first. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
};

/**
 * Starts `script` (relative to the repository root) with `env` added to the environment.
 * DATABASE_URL is removed unless `env` sets it, so the child uses the PGlite folder it is given.
 */
export function startChild(script: string, args: readonly string[], env: Record<string, string>, nodeFlags: readonly string[] = []): Child {
  const childEnv: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: 'info', ...env };
  if (!('DATABASE_URL' in env)) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [...nodeFlags, path.join(root, script), ...args], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const poke = () => {
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', (d) => {
    out += d;
    poke();
  });
  child.stderr!.on('data', (d) => {
    err += d;
    poke();
  });
  const exited = new Promise<number | string>((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
  let done = false;
  void exited.then(() => {
    done = true;
    poke();
  });
  return {
    process: child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor(text, timeoutMs = 120_000) {
      const seen = () => (typeof text === 'string' ? out.includes(text) || err.includes(text) : text.test(out) || text.test(err));
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const check = () => {
          if (seen()) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          } else if (done) {
            clearTimeout(timer);
            waiters.delete(check);
            reject(new Error(`${script} exited before printing ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs `script` to its end; resolves with its exit code and output. */
export async function runChild(script: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = startChild(script, args, env);
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/**
 * Starts the npm script `name` exactly as package.json writes it (`node <flags> <file>`: the
 * flags, such as the heap budget, included) with this test's node, `env` added as startChild does.
 */
export function startScript(name: string, args: readonly string[], env: Record<string, string>): Child {
  const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const words = scripts[name]?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.length < 2) throw new Error(`npm script ${name} is not "node [flags] <file>": ${scripts[name]}`);
  return startChild(words.at(-1)!, args, env, words.slice(1, -1));
}

/** V8's heap limit (MB) of a node started with the heap budget (lib/heap-budget.ts), as the ready lines report it. */
export function budgetedHeapLimitMb(): number {
  return Number(execFileSync(process.execPath, [HEAP_BUDGET_FLAG, '-p', 'Math.round(require("node:v8").getHeapStatistics().heap_size_limit / 2 ** 20)'], { encoding: 'utf8' }));
}
