import type { Command } from 'commander';
import { presentMemberState } from '../../presenters/consultation.presenter.js';
import { InvalidArgumentError } from 'commander';
import {
  listMemberStates,
  listParticipants,
  registerParticipant,
  setEligibility,
} from '../../services/member-states.js';
import { formatTable, line, printJson, type CliIo } from '../output.js';
import { collect, localOperator, parseBoolean, parseDay, parseStateCode, withContext } from './shared.js';

/** `fr=Université de Genève`: a name in one language. */
function parseNameIn(value: string): [string, string] {
  const at = value.indexOf('=');
  if (at < 1) throw new InvalidArgumentError('<language>=<name>, e.g. fr=Université de Genève');
  return [value.slice(0, at).trim(), value.slice(at + 1)];
}

/** `assent member-state list|eligibility`. */
export function registerMemberStateCommands(program: Command, io: CliIo): void {
  const memberState = program.command('member-state').description('Member States and whether each may reply');

  memberState
    .command('list')
    .description('the Member States')
    .option('--json', 'print as the API does (GET /api/v1/member-states)')
    .option('--not-eligible', 'only the States that may not reply')
    .action(async (options: { json?: boolean; notEligible?: boolean }) =>
      withContext(io, async (context) => {
        const states = (await listMemberStates(context.services)).filter((s) => !options.notEligible || !s.mayReply);
        if (options.json) return printJson(io.stdout, { items: states.map(presentMemberState) });
        if (states.length === 0)
          return line(
            io.stdout,
            options.notEligible ? 'Every State may reply.' : 'No Member States yet. Load them with: assent seed',
          );
        io.stdout.write(
          formatTable(
            ['Code', 'Name', 'Membership', 'May reply', 'Since', 'Note'],
            states.map((s) => [
              s.code,
              s.names.en,
              s.membership,
              s.mayReply ? 'yes' : 'no',
              s.eligibilitySince,
              s.eligibilityNote,
            ]),
          ),
        );
        line(io.stdout, `${states.length} States.`);
      }),
    );

  memberState
    .command('eligibility')
    .description('set whether a State may reply, with the reason (e.g. a suspended right)')
    .argument('<code>', 'Member State code, e.g. KR', parseStateCode)
    .requiredOption('--may-reply <bool>', 'true or false', parseBoolean)
    .option('--note <text>', 'why (required when the State may not reply)')
    .option('--since <day>', 'since when, YYYY-MM-DD', parseDay)
    .option('--json', 'print as the API does')
    .action(async (code: string, options: { mayReply: boolean; note?: string; since?: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const state = await setEligibility(context.services, {
          actor: localOperator(io),
          code,
          mayReply: options.mayReply,
          note: options.note ?? null,
          since: options.since ?? null,
        });
        if (options.json) return printJson(io.stdout, presentMemberState(state));
        line(
          io.stdout,
          `${state.code} (${state.names.en}) ${state.mayReply ? 'may reply' : 'may not reply'}${state.eligibilitySince ? ` since ${state.eligibilitySince}` : ''}${state.eligibilityNote ? `: ${state.eligibilityNote}` : ''}.`,
        );
      }),
    );

  const participant = program
    .command('participant')
    .description('every participant: the Member States, and organisations of the classes procedures consult');

  participant
    .command('list')
    .description('the participants, with their class')
    .option('--class <id>', 'only this class, e.g. sector-member')
    .option('--json', 'print as the API does (GET /api/v1/participants)')
    .action(async (options: { class?: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const all = (await listParticipants(context.services)).filter(
          (p) => options.class === undefined || p.participantClass === options.class,
        );
        if (options.json) return printJson(io.stdout, { items: all.map(presentMemberState) });
        if (all.length === 0) return line(io.stdout, 'No participants.');
        io.stdout.write(
          formatTable(
            ['Code', 'Class', 'Name', 'May reply', 'Note'],
            all.map((p) => [p.code, p.participantClass, p.names.en, p.mayReply ? 'yes' : 'no', p.eligibilityNote]),
          ),
        );
        line(io.stdout, `${all.length} participants.`);
      }),
    );

  participant
    .command('add')
    .description('register an organisation (a Sector Member…) as a participant of a class a procedure consults')
    .argument('<code>', "the organisation's code: 3 to 24 capitals and digits, e.g. ERICSSON", parseStateCode)
    .requiredOption('--class <id>', 'its class, one a registered procedure consults, e.g. sector-member')
    .requiredOption('--name <text>', 'its name in English')
    .option('--name-in <lang=text>', 'its name in another UN language (repeatable)', collect(parseNameIn))
    .option('--json', 'print as the API does')
    .action(
      async (code: string, options: { class: string; name: string; nameIn?: [string, string][]; json?: boolean }) =>
        withContext(io, async (context) => {
          const added = await registerParticipant(context.services, {
            actor: localOperator(io),
            participant: {
              code,
              participantClass: options.class,
              names: { ...Object.fromEntries(options.nameIn ?? []), en: options.name },
            },
          });
          if (options.json) return printJson(io.stdout, presentMemberState(added));
          line(io.stdout, `${added.code} (${added.names.en}) is registered as ${added.participantClass}.`);
        }),
    );
}
