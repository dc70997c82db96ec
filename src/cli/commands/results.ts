import { Option, type Command } from 'commander';
import { citeRole, type Procedure } from '../../domain/procedure/procedure.js';
import { formatShare } from '../../i18n/citations.js';
import { figureLabel, procedureText } from '../../i18n/procedure-text.js';
import type { ResultsView } from '../../schemas/responses.schema.js';
import { presentResults } from '../../presenters/results.presenter.js';
import { computeResults } from '../../services/compute-results.js';
import { formatCsv, formatTable, line, printJson, type Cell, type CliIo, type CliWriter } from '../output.js';
import { actorFor, withContext } from './shared.js';

/** `assent results <consultation>`: the per-text results. */
export function registerResultsCommand(program: Command, io: CliIo): void {
  program
    .command('results')
    .description(
      'results per text: the figures the procedure declares (TAP: replies, support, non-support, percentage), the outcome and the clause applied',
    )
    .argument('<consultation>', 'consultation id, e.g. tsb-79-2023')
    .addOption(
      new Option('--format <format>', 'table for people, json as the API answers, csv for spreadsheets')
        .choices(['table', 'json', 'csv'])
        .default('table'),
    )
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .action(async (consultationId: string, options: { format: 'table' | 'json' | 'csv'; token?: string }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const computed = await computeResults(context.services, { actor, consultationId });
        const results = presentResults(computed);
        if (options.format === 'json') printJson(io.stdout, results);
        else if (options.format === 'csv') io.stdout.write(resultsCsv(results));
        else
          printResultsTable(
            io.stdout,
            results,
            computed.loaded.procedure,
            computed.loaded.consultation.resolutionEdition,
          );
      }),
    );
}

/** The meeting's decisions in the table's words. */
const decisionWords: Readonly<Record<string, string>> = {
  approved: 'approved',
  not_approved: 'not approved',
  pending_more_time: 'pending (more time)',
  deferred: 'deferred',
};

/** A figure's name as a CSV column: lower snake case (`nonSupport` → `non_support`). */
function csvColumn(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * The results as CSV: one header row, then one row per text in the circular's order. The columns
 * between the designation and the outcome are the procedure's figures (the same for every text).
 * Where the procedure consults several classes, two columns follow the designation, `class` and
 * `counted`: each text's own row leaves them empty (the classes that count), and one row per class
 * follows it, the rule applied to that class's replies alone (no clause, no decision).
 */
export function resultsCsv(results: ResultsView): string {
  const figureNames = (results.texts[0]?.figures ?? []).map((f) => f.name);
  const split = results.texts.some((t) => t.byClass.length > 0);
  const rows: Cell[][] = [
    [
      'text',
      'designation',
      ...(split ? ['class', 'counted'] : []),
      ...figureNames.map(csvColumn),
      'outcome',
      'clause',
      'decision',
      'decision_clause',
    ],
    ...results.texts.flatMap((t) => [
      [
        t.text.id,
        t.text.designation,
        ...(split ? [null, null] : []),
        ...t.figures.map(figureCell),
        t.outcome,
        t.clause,
        t.decision?.outcome ?? null,
        t.decision?.clause ?? null,
      ],
      ...t.byClass.map((c) => [
        t.text.id,
        t.text.designation,
        c.participantClass,
        c.counted ? 'true' : 'false',
        ...c.figures.map(figureCell),
        c.outcome,
        null,
        null,
        null,
      ]),
    ]),
  ];
  return formatCsv(rows);
}

/** A figure's value in the table: a count, or a share with two decimals ("69.57"); empty when not applicable. */
function figureCell(figure: ResultsView['texts'][number]['figures'][number]): Cell {
  if (figure.value === null) return null;
  return figure.format === 'percent' ? figure.value.toFixed(2) : figure.value;
}

function printResultsTable(out: CliWriter, results: ResultsView, procedure: Procedure, edition: string): void {
  line(
    out,
    `Results of ${results.consultationId} — ${results.state}, computed ${results.computedAt.replace('T', ' ').slice(0, 19)} UTC`,
  );
  if (!results.final)
    line(out, `PROVISIONAL: the deadline (${results.deadline}) has not passed; these figures may still change.`);
  line(out);
  // The columns of the procedure's figures, labelled in its English words.
  const figureHeads = (results.texts[0]?.figures ?? []).map((f) => figureLabel('en', procedure, f));
  // The outcome in the procedure's English words (a procedure without a meeting says the text passes).
  const outcome = (value: string) => procedureText('en', procedure, `outcome.${value}`);
  // Without a meeting, the rule on the replies is the result: there is no decision column.
  const decisionHead = procedure.hasMeeting ? ['Decision'] : [];
  out.write(
    formatTable(
      ['Text', ...figureHeads, 'Outcome', 'Clause', ...decisionHead],
      results.texts.map((t) => [
        t.text.designation,
        ...t.figures.map(figureCell),
        outcome(t.outcome),
        t.clause,
        ...(procedure.hasMeeting
          ? [
              t.decision === null
                ? null
                : `${decisionWords[t.decision.outcome] ?? t.decision.outcome} (${t.decision.clause})`,
            ]
          : []),
      ]),
    ),
  );
  // Where the procedure consults several classes, the same figures per class, and whether each counts.
  const split = results.texts.filter((t) => t.byClass.length > 0);
  if (split.length > 0) {
    line(out);
    line(out, 'By class of participant:');
    out.write(
      formatTable(
        ['Text', 'Class', ...figureHeads, 'Counted'],
        split.flatMap((t) =>
          t.byClass.map((c) => [
            t.text.designation,
            procedureText('en', procedure, `class.${c.participantClass}`),
            ...c.figures.map(figureCell),
            c.counted ? 'yes' : 'no, for information',
          ]),
        ),
      ),
    );
  }
  line(out);
  line(
    out,
    // The procedure's rule in its English words, with the clauses it passes and fails by.
    procedureText('en', procedure, 'doc.report.rule', {
      threshold: formatShare('en', procedure.passThreshold ?? 0),
      passes: citeRole(procedure, 'consultationPasses', edition),
      fails: citeRole(procedure, 'consultationFails', edition),
    }),
  );
  if (results.resultsNoticeAt) line(out, `Results notice issued ${results.resultsNoticeAt}.`);
  else if (results.resultsNoticeDueAt)
    line(
      out,
      `Results notice due by ${results.resultsNoticeDueAt} (${citeRole(procedure, 'resultsNotice', edition)}).`,
    );
}
