import type { Command } from 'commander';
import { presentResults } from '../../presenters/results.presenter.js';
import { issueResultsNotice } from '../../services/issue-results-notice.js';
import { formatTable, line, printJson, type CliIo } from '../output.js';
import { localOperator, withContext } from './shared.js';

/** `assent notice issue`: the results notice (the procedure's resultsNotice rule). */
export function registerNoticeCommands(program: Command, io: CliIo): void {
  const notice = program.command('notice').description('the results notice');

  notice
    .command('issue')
    .description('issue the results notice, once every text that could be considered has a recorded decision')
    .argument('<consultation>', 'consultation id')
    .option('--json', 'print the results as the API does (POST /api/v1/consultations/:id/results-notice)')
    .option(
      '--issued-on <day>',
      'only for a consultation entered afterwards: the day its notice was issued, from the records (YYYY-MM-DD; not before the meeting ended, not after today)',
    )
    .option(
      '--reference <reference>',
      'the notice\'s own reference: the circular that announces the results (e.g. "TSB Circular 140")',
    )
    .action(async (consultationId: string, options: { json?: boolean; issuedOn?: string; reference?: string }) =>
      withContext(io, async (context) => {
        const results = presentResults(
          await issueResultsNotice(context.services, {
            actor: localOperator(io),
            consultationId,
            issuedOn: options.issuedOn,
            reference: options.reference,
          }),
        );
        if (options.json) return printJson(io.stdout, results);
        line(
          io.stdout,
          `Results notice for ${consultationId} issued at ${results.resultsNoticeAt ?? results.computedAt}.`,
        );
        io.stdout.write(
          formatTable(
            ['Text', 'Result', 'Clause'],
            results.texts.map((t) => [
              t.text.designation,
              (t.decision?.outcome ?? t.outcome).replace(/_/g, ' '),
              t.decision?.citation ?? t.citation,
            ]),
            '  ',
          ),
        );
      }),
    );
}
