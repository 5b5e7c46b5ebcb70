/**
 * Run ownership: the process that queued or trains a run. A run whose owner is alive is left
 * alone when another process opens the database; one whose owner is gone becomes `interrupted`.
 *
 * An owner is `<host>:<pid>` plus, where the OS tells it (Linux /proc), `:<start>`, the process's
 * start time in clock ticks since boot. `kill(pid, 0)` alone is fooled twice: a killed process not
 * yet reaped (a zombie — common in containers, whose init may not reap) still "exists", and after
 * a restart a recycled pid belongs to someone else. The start time tells a recycled pid apart; the
 * process state tells a zombie.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

interface ProcInfo {
  /** one-letter state: R, S, D, Z (zombie), X (dead), … */
  state: string;
  start: string;
}

/** /proc/<pid>/stat, or null where there is no such file (another OS, or no such process). */
function procInfo(pid: number): ProcInfo | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); starttime is field 22
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

export function currentOwner(): string {
  const start = procInfo(process.pid)?.start;
  return start ? `${hostname()}:${process.pid}:${start}` : `${hostname()}:${process.pid}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, owned by another user
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `host:pid` (before start times were recorded) or `host:pid:start`. */
export function parseOwner(owner: string): { host: string; pid: number; start?: string } | null {
  const m = /^(.*?):(\d+)(?::(\d+))?$/.exec(owner);
  if (!m) return null;
  return { host: m[1], pid: Number(m[2]), start: m[3] };
}

/**
 * Whether the owner of a queued/running run is still at work. Runs of this very process count as
 * dead: a process opens its database once, so its own leftovers come from a store that is gone.
 * Another host's process cannot be checked (SQLite's WAL needs one host anyway): dead.
 */
export function ownerAlive(owner: string | null): boolean {
  const o = owner ? parseOwner(owner) : null;
  if (!o || o.host !== hostname() || !Number.isSafeInteger(o.pid) || o.pid <= 0 || o.pid === process.pid) return false;
  if (!processAlive(o.pid)) return false;
  const info = procInfo(o.pid);
  if (!info) return true; // no /proc: kill(pid, 0) is all there is
  if (info.state === 'Z' || info.state === 'X') return false;
  return o.start === undefined || o.start === info.start;
}
