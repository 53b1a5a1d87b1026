/**
 * Facts about other processes of this host that the lock file of the embedded database and the
 * importer's run records both need.
 */

/** Whether a process with this pid runs on this host (EPERM: it does, under another user; only ESRCH says it is gone). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
