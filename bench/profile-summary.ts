import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Summarises a V8 .cpuprofile (written by `node --cpu-prof`): where the server child spent its
 * CPU, by area (our code, each package, Node internals, GC) and by function, self and inclusive.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [fromMonotonicUs]
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly hitCount?: number;
  readonly children?: number[];
}
interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Which part of the stack a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src|bench)\/(.+?)\/[^/]+$/.exec(url) ?? /\/(src|bench)\/[^/]+$/.exec(url);
  if (own) return own[2] ? `${own[1]}/${own[2]}` : own[1]!;
  return 'other';
}

function frameKey(frame: CallFrame): string {
  const file =
    frame.url === ''
      ? ''
      : ` ${frame.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${file}`;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Sampled time that was not idle. */
  readonly busyMs: number;
  readonly areas: { name: string; selfMs: number; share: number }[];
  readonly selfTop: { name: string; selfMs: number; share: number }[];
  readonly inclusiveTop: { name: string; inclusiveMs: number; share: number }[];
}

/**
 * Self and inclusive time per function and area, shares of the busy (non-idle) time. With
 * `fromUs` (a CLOCK_MONOTONIC instant in µs, the clock of the profile) only samples taken from
 * then on count: the steady state without the start-up.
 */
export function summariseProfile(profile: CpuProfile, top = 25, fromUs = -Infinity): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= fromUs) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });

  const areas = new Map<string, number>();
  const selfByFn = new Map<string, number>();
  const inclusiveByFn = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    total += ms;
    if (node.callFrame.functionName === '(idle)') continue;
    busy += ms;
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const key = frameKey(node.callFrame);
    selfByFn.set(key, (selfByFn.get(key) ?? 0) + ms);
    // Inclusive: count the sample once for every distinct function on its stack.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.functionName === '(root)') continue;
      const k = frameKey(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveByFn.set(k, (inclusiveByFn.get(k) ?? 0) + ms);
    }
  }
  const share = (ms: number) => (busy > 0 ? ms / busy : 0);
  const sorted = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total,
    busyMs: busy,
    areas: sorted(areas).map(([name, ms]) => ({ name, selfMs: ms, share: share(ms) })),
    selfTop: sorted(selfByFn)
      .slice(0, top)
      .map(([name, ms]) => ({ name, selfMs: ms, share: share(ms) })),
    inclusiveTop: sorted(inclusiveByFn)
      .slice(0, top)
      .map(([name, ms]) => ({ name, inclusiveMs: ms, share: share(ms) })),
  };
}

/** The summary as plain text. */
export function formatSummary(summary: ProfileSummary, title: string): string {
  const pct = (v: number) => `${(v * 100).toFixed(1).padStart(5)} %`;
  const ms = (v: number) => `${v.toFixed(0).padStart(7)} ms`;
  return [
    `# CPU profile: ${title}`,
    `sampled ${summary.totalMs.toFixed(0)} ms, busy (not idle) ${summary.busyMs.toFixed(0)} ms; shares are of the busy time`,
    '',
    '## Self time by area',
    ...summary.areas.map((a) => `${pct(a.share)} ${ms(a.selfMs)}  ${a.name}`),
    '',
    '## Self time by function',
    ...summary.selfTop.map((f) => `${pct(f.share)} ${ms(f.selfMs)}  ${f.name}`),
    '',
    '## Inclusive time by function',
    ...summary.inclusiveTop.map((f) => `${pct(f.share)} ${ms(f.inclusiveMs)}  ${f.name}`),
    '',
  ].join('\n');
}

/** Reads a .cpuprofile file and summarises it (from `fromUs` on, when given). */
export function summariseProfileFile(file: string, top = 25, fromUs = -Infinity): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const title = Number.isFinite(fromUs)
    ? `${path.basename(file)} (from the moment the server listened: start-up excluded)`
    : path.basename(file);
  return formatSummary(summariseProfile(profile, top, fromUs), title);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write('usage: tsx bench/profile-summary.ts <file.cpuprofile> [top] [fromMonotonicUs]\n');
    process.exit(2);
  }
  process.stdout.write(summariseProfileFile(file, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? -Infinity)));
}
