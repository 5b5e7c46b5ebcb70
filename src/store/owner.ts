/**
 * Run ownership: the process that queued or trains a run. A run whose owner is alive is left
 * alone when another process opens the database; one whose owner is gone becomes `interrupted`.
 */
import { hostname } from 'node:os';

export function currentOwner(): string {
  return `${hostname()}:${process.pid}`;
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

/**
 * Whether the owner of a queued/running run is still at work. Runs of this very process count as
 * dead: a process opens its database once, so its own leftovers come from a store that is gone.
 * Another host's process cannot be checked (SQLite's WAL needs one host anyway): dead.
 */
export function ownerAlive(owner: string | null): boolean {
  if (!owner) return false;
  const i = owner.lastIndexOf(':');
  const host = owner.slice(0, i);
  const pid = Number(owner.slice(i + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  return processAlive(pid);
}
