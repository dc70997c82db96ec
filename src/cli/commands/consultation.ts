import type { Command } from 'commander';
import type { TimingCheck } from '../../domain/procedure/tap/tap-timing.js';
import { deadlineText, presentConsultation, presentConsultationSummary } from '../../http/presenters/consultation.presenter.js';
import { ConsultationInputSchema, type ConsultationInput } from '../../schemas/consultation.schema.js';
import { createConsultation } from '../../services/create-consultation.js';
import { getConsultation, listConsultations, type ConsultationView } from '../../services/get-consultation.js';
import { issueConsultation } from '../../services/issue-consultation.js';
import { formatFields, formatTable, formatUtc, line, printJson, type CliIo, type CliWriter } from '../output.js';
import { actorFor, localOperator, readJsonFile, withContext } from './shared.js';

/** `assent consultation list|show|create|issue`. */
export function registerConsultationCommands(program: Command, io: CliIo): void {
  const consultation = program.command('consultation').description('consultations (circulars) and their determined texts');

  consultation
    .command('list')
    .description('list consultations, newest first (drafts included for the operator)')
    .option('--json', 'print as the API does (GET /api/v1/consultations)')
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .action(async (options: { json?: boolean; token?: string }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const views = await listConsultations(context.services, { actor });
        if (options.json) return printJson(io.stdout, { items: views.map(presentConsultationSummary) });
        if (views.length === 0) return line(io.stdout, 'No consultations yet. Create one with: assent consultation create --file circular.json (or: assent seed --demo)');
        io.stdout.write(
          formatTable(
            ['ID', 'Reference', 'Group', 'State', 'Deadline', 'Texts', 'Demo'],
            views.map(({ loaded: { consultation: c, texts }, state }) => [c.id, c.reference, c.studyGroup, state, formatUtc(c.deadlineAt), texts.length, c.isDemo ? 'demo' : '']),
          ),
        );
      }),
    );

  consultation
    .command('show')
    .description('a consultation: circular, deadline as the circular writes it, texts, state and timing checks')
    .argument('<id>', 'consultation id, e.g. tsb-79-2023')
    .option('--json', 'print as the API does (GET /api/v1/consultations/:id)')
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .action(async (id: string, options: { json?: boolean; token?: string }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const view = await getConsultation(context.services, { actor, consultationId: id });
        if (options.json) return printJson(io.stdout, presentConsultation(view, actor));
        printConsultation(io.stdout, view, actor.kind === 'secretariat');
      }),
    );

  consultation
    .command('create')
    .description('create a draft consultation from a JSON file (the body of POST /api/v1/consultations)')
    .requiredOption('--file <path>', 'the circular as JSON (ConsultationInput)')
    .option('--json', 'print the created consultation as the API does')
    .action(async (options: { file: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const input = readJsonFile(io, options.file, ConsultationInputSchema, 'circular (ConsultationInput)') as ConsultationInput;
        const actor = localOperator(io);
        const created = await createConsultation(context.services, { actor, input });
        const view = await getConsultation(context.services, { actor, consultationId: created.id });
        if (options.json) return printJson(io.stdout, presentConsultation(view, actor));
        line(io.stdout, `Created draft consultation ${created.id} (${created.reference}) with ${view.loaded.texts.length} text${view.loaded.texts.length === 1 ? '' : 's'}.`);
        printTiming(io.stdout, view.timing);
        line(io.stdout, `Issue it with: assent consultation issue ${created.id}`);
      }),
    );

  consultation
    .command('issue')
    .description('issue a draft circular: replies open, its texts are frozen')
    .argument('<id>', 'consultation id')
    .option('--json', 'print as the API does (POST /api/v1/consultations/:id/issue)')
    .action(async (id: string, options: { json?: boolean }) =>
      withContext(io, async (context) => {
        const actor = localOperator(io);
        const issued = await issueConsultation(context.services, { actor, consultationId: id });
        if (options.json) {
          const view = await getConsultation(context.services, { actor, consultationId: id });
          return printJson(io.stdout, {
            consultation: presentConsultation(view, actor),
            timing: issued.timing.map((t) => ({ rule: t.rule, severity: t.severity, clause: t.clause, citation: t.citation, message: t.message })),
          });
        }
        const c = issued.consultation;
        line(io.stdout, `Issued ${c.id} (${c.reference}) at ${formatUtc(c.issuedAt)}.`);
        line(io.stdout, `Member States may reply until ${deadlineText(c.deadlineAt)}.`);
        printTiming(io.stdout, issued.timing);
      }),
    );
}

function printConsultation(out: CliWriter, view: ConsultationView, showTiming: boolean): void {
  const { consultation: c, texts } = view.loaded;
  line(out, `${c.reference} (${c.id})${c.isDemo ? ' [DEMO]' : ''}`);
  line(out, c.subject);
  line(out);
  out.write(
    formatFields([
      ['State', view.state],
      ['Procedure', `${c.procedure}, WTSA Res. 1 (${c.resolutionEdition})`],
      ['Circular', `${c.bureau} ${c.studyPeriod} No. ${c.number}, dated ${c.date}`],
      ['Study group', c.studyGroup],
      ['Meeting', `${c.meeting.place}, ${c.meeting.firstDay} to ${c.meeting.lastDay}${c.meeting.collectiveLetter ? ` (${c.meeting.collectiveLetter})` : ''}`],
      ['Deadline', `${deadlineText(c.deadlineAt)} (${new Date(c.deadlineAt).toISOString()})`],
      ['Issued', c.issuedAt === null ? 'not yet (draft)' : formatUtc(c.issuedAt)],
      ['Results notice', c.resultsNoticeAt === null ? 'not yet' : formatUtc(c.resultsNoticeAt)],
      ['Replies public', c.settings.individualRepliesPublic ? 'yes, after the deadline' : 'no'],
      ['Signatory', `${c.signatory.name}, ${c.signatory.title}`],
    ]),
  );
  line(out);
  line(out, `Texts (${texts.length}):`);
  out.write(
    formatTable(
      ['#', 'Designation', 'Kind', 'Work item', 'Location', 'A.5', 'Title'],
      texts.map((t) => [t.order, t.designation, t.kind, t.workItem, t.location, t.a5Justification ? 'yes' : 'no', t.title]),
      '  ',
    ),
  );
  if (c.notes.length > 0) {
    line(out);
    line(out, 'Notes:');
    for (const note of c.notes) line(out, `  ${note}`);
  }
  if (showTiming) {
    line(out);
    printTiming(out, view.timing);
  }
}

/** The timing checks that need attention (Res. 1 §9.3.3, §9.3.5, §9.4.1); none is blocking. */
function printTiming(out: CliWriter, timing: readonly TimingCheck[]): void {
  const notable = timing.filter((t) => t.severity !== 'ok');
  if (notable.length === 0) {
    line(out, 'Timing checks: all pass.');
    return;
  }
  line(out, 'Timing checks:');
  for (const t of notable) line(out, `  ${t.severity}: ${t.message}${t.citation ? ` (${t.citation})` : t.clause ? ` (${t.clause})` : ''}`);
}
