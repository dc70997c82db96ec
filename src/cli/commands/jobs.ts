import { Option, type Command } from 'commander';
import { presentJob } from '../../presenters/admin.presenter.js';
import { listJobs } from '../../services/jobs/list-jobs.js';
import { formatTable, formatUtc, line, printJson, type CliIo } from '../output.js';
import { integerParser, localOperator, withContext } from './shared.js';

/** `assent jobs list|run`: background jobs and e-mail deliveries. */
export function registerJobCommands(program: Command, io: CliIo): void {
  const jobs = program
    .command('jobs')
    .description('background jobs: e-mails (notices, receipts, reminders, results) and their delivery');

  jobs
    .command('list')
    .description('jobs, newest first, with counts by state')
    .option('--kind <kind>', 'mail, notify-issue, notify-receipt, reminder or notify-results')
    .addOption(
      new Option('--state <state>', 'queued, running, done or dead').choices(['queued', 'running', 'done', 'dead']),
    )
    .option('--consultation <id>', 'only the jobs of one consultation')
    .option('--limit <n>', 'at most this many (1–1000)', integerParser(1, 1000), 50)
    .option('--json', 'print as the API does (GET /api/v1/jobs)')
    .action(
      async (options: {
        kind?: string;
        state?: 'queued' | 'running' | 'done' | 'dead';
        consultation?: string;
        limit: number;
        json?: boolean;
      }) =>
        withContext(io, async (context) => {
          const { jobs: list, counts } = await listJobs(context.services, {
            actor: localOperator(io),
            kind: options.kind,
            state: options.state,
            consultationId: options.consultation,
            limit: options.limit,
          });
          if (options.json) return printJson(io.stdout, { counts, items: list.map(presentJob) });
          line(
            io.stdout,
            `queued ${counts.queued} · running ${counts.running} · done ${counts.done} · dead ${counts.dead}`,
          );
          if (list.length === 0) return;
          io.stdout.write(
            formatTable(
              ['Id', 'State', 'Run at', 'Attempts', 'To / result', 'Last error'],
              list.map((j) => [
                j.id,
                j.state,
                formatUtc(j.runAt),
                `${j.attempts}/${j.maxAttempts}`,
                String(j.result?.to ?? j.result?.skipped ?? ''),
                j.lastError ?? '',
              ]),
            ),
          );
        }),
    );

  jobs
    .command('run')
    .description(
      'run the jobs that are due now, then stop (the server runs them continuously; use this with WORKER=off or from cron)',
    )
    .option('--max <n>', 'at most this many jobs', integerParser(1, 1_000_000), 10_000)
    .action(async (options: { max: number }) =>
      withContext(io, async (context) => {
        const ran = await context.worker.drain(options.max);
        line(io.stdout, `${ran} job${ran === 1 ? '' : 's'} run.`);
      }),
    );
}
