import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { type IntakeProposal, proposeFromForm, recordFromForm } from '../../services/intake/form-intake.js';
import { formatTable, line, printJson, UsageError, type CliIo } from '../output.js';
import { localOperator, parseStateCode, resolvePath, withContext } from './shared.js';

/** Asks on the terminal; false (nothing recorded) when the input is not a terminal. */
async function terminalConfirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  // The question goes to stderr: stdout may carry the proposal as JSON.
  const prompt = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

/** The proposal as the operator reads it: who, signatory, then one line per text with what to look at. */
function printProposal(io: CliIo, file: string, proposal: IntakeProposal): void {
  const { state, signatory } = proposal;
  line(io.stdout, `Returned form ${path.basename(file)} (SHA-256 ${proposal.sha256}) for ${proposal.consultationId}`);
  if (proposal.email !== null)
    line(
      io.stdout,
      `E-mail:     from ${proposal.email.from ?? '—'}, "${proposal.email.subject ?? ''}", sent ${proposal.email.date ?? '—'}`,
    );
  line(
    io.stdout,
    `State:      ${state.code ?? '—'}${state.typed === null ? '' : ` (typed "${state.typed}")`}${state.problem ? `  ${state.problem}` : ''}`,
  );
  line(io.stdout, `Signatory:  ${signatory.name ?? '—'}, ${signatory.title ?? '—'}`);
  line(io.stdout, `Place/date: ${proposal.placeAndDate ?? '—'}`);
  io.stdout.write(
    formatTable(
      ['Text', 'Position', 'Option', 'Look at'],
      proposal.texts.map((t) => [t.designation, t.position ?? '—', t.option ?? '', t.flags.join(', ')]),
      '  ',
    ),
  );
  if (proposal.missingFields.length > 0)
    line(io.stdout, `Fields no longer in the file: ${proposal.missingFields.join(', ')}`);
  if (proposal.unknownBoxes.length > 0)
    line(io.stdout, `Boxes of texts this form does not list: ${proposal.unknownBoxes.join(', ')}`);
}

/** `assent intake FILE --consultation ID`: a returned reply form (Word or PDF), read back, and recorded after confirmation. */
export function registerIntakeCommands(program: Command, io: CliIo): void {
  program
    .command('intake')
    .description(
      'read a reply form an Administration returned as a Word file or a filled PDF (or the .eml carrying it): print what it says (--dry-run), or record it as a reply received by e-mail, fax or paper after confirmation',
    )
    .argument('<file>', 'the returned form (.docx or .pdf), or the e-mail that carries it (.eml)')
    .requiredOption('--consultation <id>', 'the consultation the form answers')
    .option('--dry-run', 'only print what the form says; record nothing')
    .option('--format <format>', 'text (default) or json', 'text')
    .option(
      '--received-at <instant>',
      'when the secretariat received it (ISO 8601, e.g. 2023-08-10T09:30:00Z): needed to record',
    )
    .option('--channel <channel>', 'how it arrived: email (default), fax or paper', 'email')
    .option('--state <code>', "the Member State, where the form's does not match one (ISO code)", parseStateCode)
    .option('--yes', 'record without asking (scripts)')
    .action(
      async (
        file: string,
        options: {
          consultation: string;
          dryRun?: boolean;
          format: string;
          receivedAt?: string;
          channel: string;
          state?: string;
          yes?: boolean;
        },
      ) => {
        if (options.format !== 'text' && options.format !== 'json')
          throw new UsageError(`--format must be text or json (got "${options.format}")`);
        if (!['email', 'fax', 'paper'].includes(options.channel))
          throw new UsageError(`--channel must be email, fax or paper (got "${options.channel}")`);
        if (!options.dryRun && options.receivedAt === undefined)
          throw new UsageError('--received-at is needed to record the form (or give --dry-run to only read it)');
        if (options.receivedAt !== undefined && Number.isNaN(Date.parse(options.receivedAt)))
          throw new UsageError(
            `--received-at must be an ISO 8601 instant, e.g. 2023-08-10T09:30:00Z (got "${options.receivedAt}")`,
          );
        const bytes = fs.readFileSync(resolvePath(io, file));
        await withContext(io, async (context) => {
          const actor = localOperator(io);
          const proposal = await proposeFromForm(context.services, {
            actor,
            consultationId: options.consultation,
            bytes,
          });
          // The form's bytes stay out of what is printed.
          const { form: _form, ...shown } = proposal;
          if (options.format === 'json') printJson(io.stdout, shown);
          else printProposal(io, file, proposal);
          if (options.dryRun) return;
          const confirmed =
            options.yes === true ||
            (await (io.confirm ?? terminalConfirm)(
              `Record this reply of ${options.state ?? proposal.state.code ?? '?'}, received ${options.receivedAt} by ${options.channel}?`,
            ));
          if (!confirmed) {
            line(io.stderr, 'Nothing recorded (not confirmed; --yes records without asking).');
            return;
          }
          const { receipt } = await recordFromForm(context.services, {
            actor,
            consultationId: options.consultation,
            bytes,
            filename: path.basename(file),
            receivedAt: options.receivedAt!,
            channel: options.channel as 'email' | 'fax' | 'paper',
            memberState: options.state,
          });
          line(
            options.format === 'json' ? io.stderr : io.stdout,
            `Recorded version ${receipt.version} of ${receipt.memberState}'s reply, with the file as its original${receipt.counted ? '' : ' (not counted: received after the deadline)'}.`,
          );
        });
      },
    );
}
