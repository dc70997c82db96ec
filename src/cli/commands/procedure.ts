import type { Command } from 'commander';
import { presentProcedure } from '../../presenters/procedure.presenter.js';
import type { ProcedureView } from '../../schemas/responses.schema.js';
import { getProcedure, listProcedures } from '../../services/procedures.js';
import { formatFields, formatTable, line, printJson, UsageError, type CliIo, type CliWriter } from '../output.js';

/** `assent procedure list|show`: the approval procedures Assent runs (no database needed). */
export function registerProcedureCommands(program: Command, io: CliIo): void {
  const procedure = program
    .command('procedure')
    .description('the approval procedures: editions, phases, positions, clause tables');

  procedure
    .command('list')
    .description('the registered approval procedures')
    .option('--json', 'print as the API does (GET /api/v1/procedures)')
    .action(async (options: { json?: boolean }) => {
      const views = listProcedures().map(presentProcedure);
      if (options.json) return printJson(io.stdout, { items: views });
      io.stdout.write(
        formatTable(
          ['Id', 'Name', 'Editions', 'Default edition'],
          views.map((p) => [p.id, p.name, p.editions.join('; '), p.defaultEdition]),
        ),
      );
      line(io.stdout, `${views.length} ${views.length === 1 ? 'procedure' : 'procedures'}.`);
    });

  procedure
    .command('show')
    .description('one procedure: its phases, positions, threshold and the clause table of an edition')
    .argument('<id>', 'procedure id, e.g. itu-t-tap')
    .option('--edition <edition>', 'the edition whose clause table to print (default: the procedure’s default edition)')
    .option('--json', 'print as the API does (GET /api/v1/procedures/{procedureId}), every edition')
    .action(async (id: string, options: { edition?: string; json?: boolean }) => {
      const view = presentProcedure(getProcedure(id));
      if (options.json) return printJson(io.stdout, view);
      const edition = options.edition ?? view.defaultEdition;
      const table = view.clauseTables.find((t) => t.edition === edition);
      if (!table) throw new UsageError(`${view.id} knows no edition "${edition}"; known: ${view.editions.join('; ')}`);
      printProcedure(io.stdout, view, table);
    });
}

function printProcedure(out: CliWriter, view: ProcedureView, table: ProcedureView['clauseTables'][number]): void {
  line(out, `${view.name} (${view.id})`);
  out.write(
    formatFields(
      [
        ['Editions', view.editions.map((e) => (e === view.defaultEdition ? `${e} (default)` : e)).join('; ')],
        ['Positions', view.positionKinds.join(', ')],
        [
          'Pass threshold',
          view.passThreshold === null
            ? 'not a share'
            : `${Math.round(view.passThreshold * 100)} % of the counted replies`,
        ],
      ],
      '  ',
    ),
  );
  line(out);
  line(out, 'Phases:');
  for (const [index, phase] of view.phases.entries())
    line(out, `  ${index + 1}. ${phase.name} (${phase.id}): ${phase.actors}`);
  line(out);
  line(out, `Clauses of ${table.instrument} (${table.edition}):`);
  const roles = Object.entries(table.roles);
  out.write(
    formatTable(
      ['Clause', 'Key', 'Cited by the core for'],
      Object.entries(table.clauses).map(([key, clause]) => [
        clause,
        key,
        roles
          .filter(([, number]) => number === clause)
          .map(([role]) => role)
          .join(', '),
      ]),
      '  ',
    ),
  );
}
