import { presentAuditEvent } from '../../presenters/admin.presenter.js';
import type { Command } from 'commander';
import { listAuditEvents } from '../../services/list-audit-events.js';
import { verifyAuditChain } from '../../services/verify-audit-chain.js';
import { recordIntegrityBaseline, verifyStoredRecords } from '../../services/verify-stored-records.js';
import { formatTable, formatUtc, line, printJson, type CliIo } from '../output.js';
import { integerParser, localOperator, withContext } from './shared.js';

/** `assent audit list|verify`: the audit trail and its hash chain. */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the audit trail (append-only)');

  audit
    .command('list')
    .description('audit events, oldest first')
    .option('--consultation <id>', 'only the events of one consultation')
    .option(
      '--after <seq>',
      'only events after this sequence number (paging)',
      integerParser(0, Number.MAX_SAFE_INTEGER),
    )
    .option('--limit <n>', 'at most this many events (1–1000)', integerParser(1, 1000), 100)
    .option('--json', 'print as the API does (GET /api/v1/audit)')
    .action(async (options: { consultation?: string; after?: number; limit: number; json?: boolean }) =>
      withContext(io, async (context) => {
        const events = await listAuditEvents(context.services, {
          actor: localOperator(io),
          consultationId: options.consultation,
          afterSeq: options.after,
          limit: options.limit,
        });
        if (options.json) return printJson(io.stdout, { items: events.map(presentAuditEvent) });
        if (events.length === 0) return line(io.stdout, 'No audit events.');
        io.stdout.write(
          formatTable(
            ['Seq', 'At', 'Actor', 'Action', 'Subject', 'Data'],
            events.map((e) => [e.seq, formatUtc(e.at), e.actor, e.action, e.subject, JSON.stringify(e.data)]),
          ),
        );
        if (events.length === options.limit)
          line(
            io.stdout,
            `More may follow: assent audit list --after ${events[events.length - 1]!.seq}${options.consultation ? ` --consultation ${options.consultation}` : ''}`,
          );
      }),
    );

  audit
    .command('verify')
    .description(
      'recompute the hash chain of the whole audit trail against its signed checkpoints, then every reply, counted mark, decision and document against it; names each row that does not match (exit 1); signs the checkpoints receipts rely on',
    )
    .option('--json', 'print the verification as JSON')
    .action(async (options: { json?: boolean }) =>
      withContext(io, async (context) => {
        const result = await verifyAuditChain(context.services, { writeCheckpoints: true });
        // The records are compared with the trail only once the trail itself is intact.
        const records = result.ok ? await verifyStoredRecords(context.services) : null;
        if (options.json) printJson(io.stdout, { ...result, records });
        else if (result.ok)
          line(
            io.stdout,
            `Audit chain verified: ${result.verifiedRows} rows, head #${result.head.seq} ${result.head.hash}; ${result.checkpoints.checked} signed checkpoint(s) match, ${result.checkpoints.written} written`,
          );
        if (!result.ok) {
          const broken = result.break!;
          const what = {
            gap: `row #${broken.seq} follows a missing row`,
            prev_hash_mismatch: `row #${broken.seq} does not link to the row before it`,
            hash_mismatch: `row #${broken.seq} was changed after it was written`,
            checkpoint_mismatch: `row #${broken.seq} is not the row its signed checkpoint vouched for: the chain up to it was rewritten`,
            checkpoint_signature: `the checkpoint at row #${broken.seq} is not signed by this server`,
            truncated: `a signed checkpoint vouches for row #${broken.seq}, but the chain ends at row #${result.head.seq}: rows were cut from the end`,
          }[broken.problem];
          throw new Error(`audit chain broken: ${what} (${result.verifiedRows} rows verified before it)`);
        }
        if (!records) return;
        if (!options.json) {
          const { replies, replyVersions, decisions, documents } = records.checked;
          line(
            io.stdout,
            `Records checked against the trail: ${replies} replies (${replyVersions} versions), ${decisions} decisions, ${documents} documents${records.partiallyChecked > 0 ? `; ${records.partiallyChecked} recorded before content hashes, checked on what their audit rows carry (assent audit baseline covers them in full)` : ''}`,
          );
          for (const problem of records.problems)
            line(io.stdout, `FAIL  ${problem.table} ${problem.row}: ${problem.detail}`);
        }
        if (!records.ok)
          throw new Error(
            `${records.problems.length} stored record(s) differ from the audit trail: ${[...new Set(records.problems.map((p) => p.table))].join(', ')}`,
          );
      }),
    );

  audit
    .command('baseline')
    .description(
      'record in the trail, once, the content of the decisions and documents stored before their audit rows carried it (after upgrading)',
    )
    .action(async () =>
      withContext(io, async (context) => {
        const recorded = await recordIntegrityBaseline(context.services, { actor: localOperator(io) });
        line(
          io.stdout,
          `Baseline recorded: ${recorded.decisions} decision(s) and ${recorded.documents} document(s) now have their content hash in the audit trail.`,
        );
      }),
    );
}
