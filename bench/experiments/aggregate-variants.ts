/**
 * EXPERIMENT: why the results aggregate over 10^6 positions takes more than a second on SQLite,
 * and what would change it. Builds the bench's synthetic 10^6-position consultation in a
 * temporary SQLite file (as `npm run bench` does), then times the exact SQL of
 * countCountedPositions under variants of settings and schema, in process CPU time (steadier
 * than wall time on a shared machine). The schema changes are made to this temporary file only.
 *
 *   npx tsx bench/experiments/aggregate-variants.ts [--size 1000000] [--runs 3]
 *
 * Prints a Markdown table and writes it to bench/results/aggregate-variants-<date>.md. Not part
 * of `npm run bench`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { createBenchDatabase } from '../bench-databases.js';
import { runGrowth } from '../growth.js';
import { PROJECT_DIR } from '../server-process.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const size = Number(values.size);
const runs = Number(values.runs);
const consultationId = `growth-${size}`;

/** The SQL countCountedPositions sends (as the growth plan in docs/benchmarks.md shows it). */
const AGGREGATE =
  'select "reply_position"."text_id", "reply_position"."position", count(*) as "n" from "reply" inner join "reply_position" on ' +
  '"reply_position"."consultation_id" = "reply"."consultation_id" and "reply_position"."member_state" = "reply"."member_state" and ' +
  '"reply_position"."version" = "reply"."counted_version" where "reply"."consultation_id" = ? group by "reply_position"."text_id", "reply_position"."position"';
/** The join-free aggregate a `counted` flag on reply_position would allow. */
const FLAGGED =
  'select text_id, position, count(*) as n from reply_position where consultation_id = ? and counted = 1 group by text_id, position';

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const lines: string[] = [];
function emit(line: string): void {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

function measure(
  file: string,
  label: string,
  sql: string,
  setup: (db: SQLite.Database) => void = () => undefined,
): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    setup(db);
    const statement = db.prepare(sql);
    const first = statement.all(consultationId) as { n: number }[];
    const counted = first.reduce((sum, row) => sum + Number(row.n), 0);
    const times = Array.from({ length: runs }, () => cpuMs(() => statement.all(consultationId))).sort((a, b) => a - b);
    const plan = (db.prepare(`explain query plan ${sql}`).all(consultationId) as { detail: string }[])
      .map((r) => r.detail)
      .join('; ');
    emit(`| ${label} | ${times.map((t) => t.toFixed(0)).join(', ')} | ${counted} | ${plan} |`);
  } finally {
    db.close();
  }
}

const handle = await createBenchDatabase('sqlite', null, 'aggregate');
try {
  process.stdout.write(`Building the synthetic consultation of ${size} positions…\n`);
  await runGrowth({ handle, sizes: [size], runs: 1 });
  const file = (handle.target as { file: string }).file;
  const exec = (sql: string) => {
    const db = new SQLite(file);
    db.exec(sql);
    db.close();
  };
  emit(
    `Aggregate of countCountedPositions on a synthetic consultation of ${size} positions, SQLite, ${new Date().toISOString()}`,
  );
  emit('(bench/experiments/aggregate-variants.ts; process CPU time of each run, sorted)');
  emit('');
  emit(`| Variant | ms CPU per run | Positions counted | Plan |`);
  emit('|---|---|---|---|');
  measure(file, 'as shipped (cache_size 2 MiB, no mmap, no statistics)', AGGREGATE);
  measure(file, 'cache_size 256 MiB', AGGREGATE, (db) => db.pragma('cache_size = -262144'));
  measure(file, 'mmap_size 1 GiB', AGGREGATE, (db) => db.pragma('mmap_size = 1073741824'));
  exec('create index bench_covering on reply_position (consultation_id, member_state, version, text_id, position)');
  measure(file, 'covering index (consultation, state, version, text, position)', AGGREGATE);
  exec('drop index bench_covering; analyze');
  measure(file, 'ANALYZE (statistics; no extra index)', AGGREGATE);
  exec(`alter table reply_position add column counted integer not null default 0;
        update reply_position set counted = 1 where exists (select 1 from reply r where r.consultation_id = reply_position.consultation_id
          and r.member_state = reply_position.member_state and r.counted_version = reply_position.version);
        create index bench_counted on reply_position (consultation_id, counted, text_id, position);
        analyze;`);
  measure(file, '`counted` flag + index (consultation, counted, text, position), no join', FLAGGED);
  const file2 = path.join(
    PROJECT_DIR,
    'bench',
    'results',
    `aggregate-variants-${new Date().toISOString().slice(0, 10)}.md`,
  );
  fs.writeFileSync(file2, `${lines.join('\n')}\n`);
  process.stdout.write(`\nWrote ${path.relative(PROJECT_DIR, file2)}\n`);
} finally {
  await handle.drop();
}
