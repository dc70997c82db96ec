import type { Command } from 'commander';
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/policy/actor.js';
import type { ReplyVersion } from '../../domain/reply/reply.js';
import { presentOverview, presentReceipt, presentStateReply } from '../../presenters/reply.presenter.js';
import { authenticateToken } from '../../services/api-tokens.js';
import { replyInputSchema, type ReplyInput } from '../../schemas/reply.schema.js';
import { getStateReply, listReplies } from '../../services/read-replies.js';
import type { ReplyReceipt } from '../../services/reply-writer.js';
import { submitReply } from '../../services/submit-reply.js';
import { withdrawReply } from '../../services/withdraw-reply.js';
import {
  formatFields,
  formatTable,
  formatUtc,
  line,
  printJson,
  UsageError,
  type CliIo,
  type CliWriter,
} from '../output.js';
import { actorFor, integerParser, parseStateCode, readJsonFile, tokenFrom, withContext } from './shared.js';

interface FocalPointOptions {
  readonly state?: string;
  readonly token?: string;
  readonly idempotencyKey?: string;
  readonly json?: boolean;
}

/** `assent reply submit|withdraw|show|list`. */
export function registerReplyCommands(program: Command, io: CliIo): void {
  const reply = program
    .command('reply')
    .description("Member States' replies: submit, amend, withdraw (with a focal point's token), read");

  reply
    .command('submit')
    .description(
      "submit or amend a Member State's reply (each call writes a new version; the latest on-time version counts)",
    )
    .argument('<consultation>', 'consultation id, e.g. demo-tap')
    .requiredOption('--file <path>', 'the reply as JSON (ReplyInput: positions, signatory, place, signedOn)')
    .option('--state <code>', "the Member State replying (default: the token's State)", parseStateCode)
    .option('--token <token>', "a focal point's API token (or ASSENT_TOKEN)")
    .option('--idempotency-key <key>', 'makes a retry safe: the same key and file return the first receipt')
    .option('--json', 'print the receipt as the API does')
    .action(async (consultationId: string, options: FocalPointOptions & { file: string }) => {
      const token = requireToken(io, options.token);
      // The schema of the procedures registered now (as the API's), not only those known when the module loaded.
      const input = readJsonFile(io, options.file, replyInputSchema(), 'reply (ReplyInput)') as ReplyInput;
      await withContext(io, async (context) => {
        const actor = await authenticateToken(context.services, token);
        const result = await submitReply(context.services, {
          actor,
          consultationId,
          memberState: stateFor(actor, options.state),
          input,
          channel: 'api',
          idempotencyKey: options.idempotencyKey,
        });
        if (options.json) return printJson(io.stdout, presentReceipt(result.receipt, result.replayed));
        printReceipt(io.stdout, result.receipt, result.replayed);
      });
    });

  reply
    .command('withdraw')
    .description("withdraw a Member State's reply before the deadline (a new version with no positions)")
    .argument('<consultation>', 'consultation id')
    .option('--state <code>', "the Member State (default: the token's State)", parseStateCode)
    .option('--token <token>', "a focal point's API token (or ASSENT_TOKEN)")
    .option('--expected-version <n>', 'refuse if the current version is not this one', integerParser(1, 1_000_000))
    .option('--idempotency-key <key>', 'makes a retry safe')
    .option('--json', 'print the receipt as the API does')
    .action(async (consultationId: string, options: FocalPointOptions & { expectedVersion?: number }) => {
      const token = requireToken(io, options.token);
      await withContext(io, async (context) => {
        const actor = await authenticateToken(context.services, token);
        const result = await withdrawReply(context.services, {
          actor,
          consultationId,
          memberState: stateFor(actor, options.state),
          channel: 'api',
          expectedVersion: options.expectedVersion,
          idempotencyKey: options.idempotencyKey,
        });
        if (options.json) return printJson(io.stdout, presentReceipt(result.receipt, result.replayed));
        printReceipt(io.stdout, result.receipt, result.replayed);
      });
    });

  reply
    .command('show')
    .description("a State's reply with every version")
    .argument('<consultation>', 'consultation id')
    .argument('<state>', 'Member State code, e.g. KR', parseStateCode)
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .option('--json', 'print as the API does (GET /api/v1/consultations/:id/replies/:state)')
    .action(async (consultationId: string, memberState: string, options: { token?: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const reply = await getStateReply(context.services, { actor, consultationId, memberState });
        if (options.json) return printJson(io.stdout, presentStateReply(reply));
        if (reply.versions.length === 0) return line(io.stdout, `${memberState} has not replied to ${consultationId}.`);
        line(
          io.stdout,
          `Reply of ${memberState} to ${consultationId}: current version ${reply.pointers?.currentVersion ?? '—'}, counted version ${reply.pointers?.countedVersion ?? 'none'}`,
        );
        for (const version of reply.versions) printVersion(io.stdout, version, reply.pointers?.countedVersion ?? null);
      }),
    );

  reply
    .command('list')
    .description('who replied and who has not (the secretariat dashboard)')
    .argument('<consultation>', 'consultation id')
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .option('--all', 'also list the States that have not replied')
    .option('--json', 'print as the API does (GET /api/v1/consultations/:id/replies)')
    .action(async (consultationId: string, options: { token?: string; all?: boolean; json?: boolean }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const overview = presentOverview(await listReplies(context.services, { actor, consultationId }));
        if (options.json) return printJson(io.stdout, overview);
        const { summary } = overview;
        line(
          io.stdout,
          `${consultationId}: ${summary.replied} of ${summary.consulted} States replied, ${summary.counted} counted, ${summary.notReplied} not replied.`,
        );
        const rows = overview.items.filter((item) => options.all || item.replied);
        if (rows.length === 0) return;
        io.stdout.write(
          formatTable(
            ['State', 'Name', 'Version', 'Status', 'Received (UTC)', 'Channel', 'Counted'],
            rows.map((r) => [
              r.memberState,
              r.name,
              r.latest?.version ?? null,
              r.latest?.status ?? 'not replied',
              r.latest?.receivedAt ?? '',
              r.latest?.channel ?? '',
              r.countedVersion ?? '',
            ]),
          ),
        );
      }),
    );
}

function requireToken(io: CliIo, option: string | undefined): string {
  const token = tokenFrom(io, option);
  if (token === undefined) throw new UsageError("a focal point's API token is needed: --token <token> or ASSENT_TOKEN");
  return token;
}

/**
 * The State a focal point acts for: --state when given (the service refuses another State than
 * the token's with NOT_YOUR_MEMBER_STATE), else the token's own.
 * @throws ROLE_MAY_NOT_REPLY for a token of another role without --state (only Member States reply)
 */
function stateFor(actor: Actor, state: string | undefined): string {
  if (state !== undefined) return state;
  if (actor.kind === 'focal_point') return actor.memberState;
  throw new AppError('ROLE_MAY_NOT_REPLY', `Only a Member State focal point may reply; this is a ${actor.kind} token`);
}

function printReceipt(out: CliWriter, receipt: ReplyReceipt, replayed: boolean): void {
  const what =
    receipt.status === 'withdrawn'
      ? 'Withdrawal received'
      : receipt.created
        ? 'Reply received'
        : 'Amended reply received';
  line(
    out,
    `${what}${replayed ? ' (replayed: this key was already used for the same request; nothing new was written)' : ''}.`,
  );
  out.write(
    formatFields(
      [
        ['Consultation', receipt.consultationId],
        ['Member State', receipt.memberState],
        ['Version', receipt.version],
        ['Status', receipt.status],
        ['Received', `${formatUtc(receipt.receivedAt)} (${new Date(receipt.receivedAt).toISOString()})`],
        ['Channel', receipt.channel],
        ['Counted', receipt.counted ? 'yes' : 'no'],
        ['Content hash', receipt.contentHash],
        ['Flags', receipt.flags.length === 0 ? 'none' : receipt.flags.join(', ')],
      ],
      '  ',
    ),
  );
}

function printVersion(out: CliWriter, v: ReplyVersion, countedVersion: number | null): void {
  line(out);
  line(
    out,
    `  Version ${v.version} — ${v.status}, received ${formatUtc(v.receivedAt)} by ${v.channel}${v.version === countedVersion ? ' (counted)' : ''}${v.simulated ? ' [simulated]' : ''}`,
  );
  line(
    out,
    `    Signed by ${v.signatoryName}, ${v.signatoryTitle}${v.place ? `, ${v.place}` : ''}${v.signedOn ? `, ${v.signedOn}` : ''}`,
  );
  if (v.flags.length > 0) line(out, `    Flags: ${v.flags.join(', ')}`);
  for (const p of v.positions) {
    const detail = [p.option, p.comments ? 'comments' : null, p.reasons ? 'reasons' : null].filter((x) => x).join(', ');
    line(out, `    ${p.text}: ${p.position}${detail ? ` (${detail})` : ''}`);
  }
  line(out, `    Content hash ${v.contentHash}`);
}
