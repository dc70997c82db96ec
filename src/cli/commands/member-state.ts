import type { Command } from 'commander';
import { presentMemberState } from '../../presenters/consultation.presenter.js';
import { listMemberStates, setEligibility } from '../../services/member-states.js';
import { formatTable, line, printJson, type CliIo } from '../output.js';
import { localOperator, parseBoolean, parseDay, parseStateCode, withContext } from './shared.js';

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
}
