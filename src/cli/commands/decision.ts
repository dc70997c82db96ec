import { InvalidArgumentError, type Command } from 'commander';
import { presentResults } from '../../presenters/results.presenter.js';
import { AppError } from '../../domain/errors.js';
import type { ClauseRole } from '../../domain/procedure/clauses.js';
import { citeRole } from '../../domain/procedure/procedure.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../../procedures/registry.js';
import { computeResults } from '../../services/compute-results.js';
import { recordDecision } from '../../services/record-decision.js';
import { formatFields, line, printJson, type CliIo } from '../output.js';
import { collect, localOperator, parseStateCode, parseStateList, readJsonDocument, withContext } from './shared.js';

interface DecisionOptions {
  readonly file?: string;
  readonly opposing?: string[];
  readonly abstaining?: string[];
  readonly moreTime?: string[];
  readonly reservation?: { state: string; note: string }[];
  readonly deferred?: boolean;
  readonly notes?: string;
  readonly json?: boolean;
}

/**
 * The procedure whose decision the options below describe: the default one (a consultation of
 * another procedure gives its decision with --file, checked against that procedure's schema).
 */
const DEFAULT_PROCEDURE = procedureFor(DEFAULT_PROCEDURE_ID);

/** " (§x)": the default procedure's clause for a role, for an option's help; empty when it has none. */
function clauseOf(role: ClauseRole): string {
  const clause = DEFAULT_PROCEDURE.clauseFor(role, DEFAULT_PROCEDURE.defaultEdition);
  return clause === null ? '' : ` (${clause})`;
}

/** `XX:note` → a reservation (the procedure's meetingReservation rule). */
function parseReservation(value: string): { state: string; note: string } {
  const colon = value.indexOf(':');
  if (colon < 0) throw new InvalidArgumentError('STATE:note, e.g. FR:"Reservation on clause 7"');
  const note = value.slice(colon + 1).trim();
  if (note === '') throw new InvalidArgumentError('STATE:note with a non-empty note');
  return { state: parseStateCode(value.slice(0, colon)), note };
}

/** `assent decision record`: what the study group meeting decided on a text. */
export function registerDecisionCommands(program: Command, io: CliIo): void {
  const decision = program
    .command('decision')
    .description(`the study group meeting's decisions; the options are those of the ${DEFAULT_PROCEDURE.name}`);

  decision
    .command('record')
    .description(
      "record the meeting's decision on a text (recording again replaces the record); prints the outcome and its clause",
    )
    .argument('<consultation>', 'consultation id, e.g. tsb-79-2023')
    .argument('<text>', 'text id, e.g. x1353')
    .option('--file <path>', 'the decision as JSON (DecisionInput); the options below override its fields')
    .option(
      '--opposing <states>',
      `Member State delegations opposing approval, comma-separated${clauseOf('meetingUnopposed')}`,
      parseStateList,
    )
    .option(
      '--abstaining <states>',
      `delegations that abstained, comma-separated${clauseOf('meetingAbstention')}`,
      parseStateList,
    )
    .option(
      '--more-time <states>',
      `delegations that asked for more time, comma-separated${clauseOf('afterMeeting')}`,
      parseStateList,
    )
    .option(
      '--reservation <state:note>',
      `a reservation${clauseOf('meetingReservation')}; repeat for several`,
      collect(parseReservation),
    )
    .option('--deferred', `the meeting deferred approval${clauseOf('meetingDeferral')}`)
    .option('--notes <text>', 'notes for the record')
    .option('--json', "print the text's result as the API does (PUT /api/v1/consultations/:id/decisions/:textId)")
    .action(async (consultationId: string, textId: string, options: DecisionOptions) => {
      // The file and the options are checked by the service against the consultation's own
      // procedure's decision schema (DecisionInput for the default procedure), as the API's body is.
      const base = options.file === undefined ? {} : readJsonDocument(io, options.file, 'decision (DecisionInput)');
      if (base === null || typeof base !== 'object' || Array.isArray(base))
        throw new AppError('VALIDATION_FAILED', `${options.file} is not a valid decision (DecisionInput)`, {
          errors: [{ field: '/', message: 'Must be an object' }],
        });
      const input: Record<string, unknown> = {
        ...base,
        ...(options.opposing !== undefined && { opposing: options.opposing }),
        ...(options.abstaining !== undefined && { abstaining: options.abstaining }),
        ...(options.moreTime !== undefined && { moreTime: options.moreTime }),
        ...(options.reservation !== undefined && { reservations: options.reservation }),
        ...(options.deferred !== undefined && { deferred: options.deferred }),
        ...(options.notes !== undefined && { notes: options.notes }),
      };
      await withContext(io, async (context) => {
        const actor = localOperator(io);
        const outcome = await recordDecision(context.services, { actor, consultationId, textId, input });
        const computed = await computeResults(context.services, { actor, consultationId });
        const results = presentResults(computed);
        const { procedure, consultation } = computed.loaded;
        const text = results.texts.find((t) => t.text.id === textId)!;
        if (options.json) return printJson(io.stdout, text);
        line(
          io.stdout,
          `Decision recorded for ${text.text.designation} (${textId}) in ${consultationId}: ${outcome.outcome.replace(/_/g, ' ')}.`,
        );
        io.stdout.write(
          formatFields(
            [
              ['Outcome', outcome.outcome],
              ['Clause', `${outcome.clause} — ${outcome.citation}`],
              ['Opposed by', outcome.opposedBy.length === 0 ? 'none' : outcome.opposedBy.join(', ')],
              [
                'Reservations',
                outcome.reservations.length === 0
                  ? 'none'
                  : outcome.reservations.map((r) => `${r.state}: ${r.note}`).join('; '),
              ],
              ...(outcome.moreTimeWindowEndsAt === null
                ? []
                : ([['Opposition window ends', new Date(outcome.moreTimeWindowEndsAt).toISOString()]] as const)),
              ...(outcome.mayRestartWithoutNewDetermination
                ? ([
                    [
                      'Note',
                      `the chairman may restart at ${citeRole(procedure, 'issue', consultation.resolutionEdition)} without a new determination`,
                    ],
                  ] as const)
                : []),
            ],
            '  ',
          ),
        );
      });
    });
}
