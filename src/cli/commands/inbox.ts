import fs from 'node:fs';
import type { Command } from 'commander';
import { isAppError } from '../../domain/errors.js';
import { translateStorageError } from '../../services/service-context.js';
import { imapPoller, mailInSettings } from '../../mail-in.js';
import {
  dismissMail,
  type InboundMessage,
  listInbox,
  readInboundMessage,
  receiveMail,
} from '../../services/intake/mail-intake.js';
import {
  formatFields,
  formatTable,
  formatUtc,
  line,
  printJson,
  TemporaryFailure,
  UsageError,
  type CliIo,
} from '../output.js';
import { localOperator, resolvePath, withContext } from './shared.js';

/** Where a message stands, in a word or two: matched to a State, or why not; its form, or why not. */
function standing(message: InboundMessage): string {
  const sender = message.memberState ?? message.senderProblem ?? '—';
  const form = message.consultationId ?? message.formProblem ?? '—';
  return `${sender} · ${form}`;
}

/** Reads a whole file, or standard input for `-`. */
async function readInput(io: CliIo, file: string): Promise<Buffer> {
  if (file !== '-') return fs.readFileSync(resolvePath(io, file));
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin ?? process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * `assent inbox …`: the replies received by e-mail (issue 18, part 2). `receive` keeps a message
 * given as a file or on standard input (a mail server's pipe: exit 75 asks it to retry), `list`
 * and `show` read the inbox, `dismiss` sets a message aside, `poll` polls the IMAP mailbox once.
 * A message is recorded as a reply on the secretariat's pages, after its form was checked.
 */
export function registerInboxCommands(program: Command, io: CliIo): void {
  const inbox = program
    .command('inbox')
    .description('replies received by e-mail: receive, list, show, dismiss, poll the mailbox');

  inbox
    .command('receive')
    .description(
      'keep a message (.eml) received by e-mail, as a mail server piping it would: exit 0 once it is kept, 75 when it could not be kept now (the mail server retries), 1 when it never can be (too large)',
    )
    .argument('[file]', 'the message, or - for standard input', '-')
    .action(async (file: string) => {
      const raw = await readInput(io, file);
      if (raw.length === 0) throw new UsageError('The message is empty');
      await withContext(io, async (context) => {
        let kept: { id: string; duplicate: boolean };
        try {
          kept = await receiveMail(context.services, mailInSettings(context), { raw, channel: 'pipe' });
        } catch (error) {
          // A refusal for the message itself (too large) is final; anything else (the database
          // unreachable or overloaded, a storage failure) may pass: the mail server retries.
          const translated = translateStorageError(error);
          if (isAppError(translated) && translated.status < 500) throw translated;
          throw new TemporaryFailure(`The message could not be kept now: ${(translated as Error).message}`);
        }
        line(io.stdout, `${kept.duplicate ? 'Received already' : 'Kept'}: message ${kept.id}`);
      });
    });

  inbox
    .command('list')
    .description(
      'the messages waiting for the secretariat (oldest first), or with --handled those recorded or set aside',
    )
    .option('--handled', 'list the messages handled (latest first)')
    .option('--format <format>', 'text (default) or json', 'text')
    .action(async (options: { handled?: boolean; format: string }) => {
      if (options.format !== 'text' && options.format !== 'json')
        throw new UsageError(`--format must be text or json (got "${options.format}")`);
      await withContext(io, async (context) => {
        const { messages, pending } = await listInbox(context.services, {
          actor: localOperator(io),
          status: options.handled ? 'handled' : 'pending',
        });
        if (options.format === 'json') return printJson(io.stdout, { pending, messages });
        line(io.stdout, `${pending} message(s) waiting.`);
        if (messages.length === 0) return;
        io.stdout.write(
          formatTable(
            ['Id', 'Received', 'From', 'Subject', 'Verdict', 'State · consultation', 'Status'],
            messages.map((m) => [
              m.id,
              formatUtc(m.receivedAt),
              m.fromAddress ?? '—',
              (m.subject ?? '').slice(0, 40),
              m.verdict,
              standing(m),
              m.status,
            ]),
          ),
        );
      });
    });

  inbox
    .command('show')
    .description('one message: what Assent made of it, or with --raw the message itself as received')
    .argument('<id>', 'the message')
    .option('--raw', 'write the message as received (.eml) to standard output')
    .action(async (id: string, options: { raw?: boolean }) => {
      await withContext(io, async (context) => {
        const { message, raw } = await readInboundMessage(context.services, { actor: localOperator(io), id });
        if (options.raw) {
          // The bytes as received: an 8-bit message stays byte for byte what it was.
          io.stdout.write(raw);
          return;
        }
        io.stdout.write(
          formatFields([
            ['Message', message.id],
            ['Received', `${formatUtc(message.receivedAt)} by ${message.channel}`],
            ['From', message.fromName ? `${message.fromName} <${message.fromAddress}>` : message.fromAddress],
            ['Envelope from', message.envelopeFrom],
            ['Subject', message.subject],
            ['Sent', formatUtc(message.sentAt)],
            [
              'Sender',
              `${message.verdict}${message.authentication.length > 0 ? ` (${message.authentication.map((r) => `${r.method}=${r.result}${r.domain ? ` ${r.domain}` : ''}`).join(', ')})` : ''}`,
            ],
            ['State', message.memberState ?? message.senderProblem],
            ['Consultation', message.consultationId ?? message.formProblem],
            ['Status', message.status],
            ['Handled', message.handledAt === null ? null : `${formatUtc(message.handledAt)} by ${message.handledBy}`],
            ['Note', message.note],
            ['Reply', message.reply ? `${message.reply.memberState} version ${message.reply.version}` : null],
            ['SHA-256', message.rawSha256],
          ]),
        );
      });
    });

  inbox
    .command('dismiss')
    .description('set a waiting message aside (not a reply, a duplicate, keyed in by hand), with the reason')
    .argument('<id>', 'the message')
    .requiredOption('--note <text>', 'why it is set aside')
    .action(async (id: string, options: { note: string }) => {
      await withContext(io, async (context) => {
        await dismissMail(context.services, { actor: localOperator(io), id, note: options.note });
        line(io.stdout, `Message ${id} set aside.`);
      });
    });

  inbox
    .command('poll')
    .description('poll the IMAP mailbox (MAIL_IN_IMAP_URL) once, now, and keep what waits there')
    .action(async () => {
      await withContext(io, async (context) => {
        if (context.config.mailIn.imapUrl === null)
          throw new UsageError('MAIL_IN_IMAP_URL is not set: there is no mailbox to poll');
        const poller = imapPoller(context, undefined, { start: false });
        try {
          line(io.stdout, `Kept ${await poller.pollOnce()} message(s) from the mailbox.`);
        } finally {
          await poller.close();
        }
      });
    });
}
