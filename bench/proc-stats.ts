import fs from 'node:fs';

/**
 * Readings from Linux /proc: resident memory and CPU time of a process, and the busy share of
 * the whole machine. Everything returns null (or 0) rather than throwing when /proc is missing
 * or the process is gone, so a reading never fails a run.
 */

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every mainstream Linux build). */
const USER_HZ = 100;

/** VmRSS and VmHWM of a process, MiB. */
export function readMemory(pid: number): { rssMiB: number; hwmMiB: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const rss = kib('VmRSS');
    const hwm = kib('VmHWM');
    if (Number.isNaN(rss)) return null;
    return { rssMiB: rss / 1024, hwmMiB: Number.isNaN(hwm) ? rss / 1024 : hwm / 1024 };
  } catch {
    return null;
  }
}

/** User + system CPU time of a process so far, ms (null when it is gone). */
export function readCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / USER_HZ;
  } catch {
    return null;
  }
}

/** Jiffies of the whole machine: busy and total, from the first line of /proc/stat. */
export function readMachineTicks(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = values;
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    return { busy: total - idle - iowait, total };
  } catch {
    return null;
  }
}

/** The 1-minute load average. */
export function loadAverage(): number {
  try {
    return Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** Busy share of every core between two readings of readMachineTicks (0..1). */
export function machineBusyBetween(
  before: ReturnType<typeof readMachineTicks>,
  after: ReturnType<typeof readMachineTicks>,
): number {
  if (!before || !after || after.total <= before.total) return NaN;
  return (after.busy - before.busy) / (after.total - before.total);
}

/** Busy share of the machine over the next `ms` milliseconds. */
export async function sampleMachineBusy(ms: number): Promise<number> {
  const before = readMachineTicks();
  await new Promise((resolve) => setTimeout(resolve, ms));
  return machineBusyBetween(before, readMachineTicks());
}

/**
 * Waits until the machine is quiet (busy share below `threshold` for `quietSamples` samples of
 * 500 ms in a row) or `maxWaitMs` has passed. Returns how long it waited and the last reading,
 * so that a run started on a busy machine says so.
 */
export async function waitForQuiet(options: {
  maxWaitMs: number;
  threshold?: number;
  quietSamples?: number;
}): Promise<{ waitedMs: number; busy: number; quiet: boolean }> {
  const threshold = options.threshold ?? 0.2;
  const needed = options.quietSamples ?? 3;
  const start = Date.now();
  let streak = 0;
  let busy = NaN;
  while (Date.now() - start < options.maxWaitMs) {
    busy = await sampleMachineBusy(500);
    streak = busy < threshold ? streak + 1 : 0;
    if (streak >= needed) return { waitedMs: Date.now() - start, busy, quiet: true };
  }
  return { waitedMs: Date.now() - start, busy, quiet: Number.isNaN(busy) };
}
