import { InvalidArgumentError, type Command } from 'commander';
import { isUnLanguage, localiseConsultation } from '../../domain/consultation/localise.js';
import type { UnLanguage } from '../../domain/member-states/member-states.data.js';
import type { TimingCheck } from '../../domain/procedure/timing.js';
import {
  deadlineText,
  presentConsultation,
  presentConsultationSummary,
} from '../../presenters/consultation.presenter.js';
import {
  ConsultationInputSchema,
  ConsultationPatchSchema,
  type ConsultationInput,
  type ConsultationPatch,
} from '../../schemas/consultation.schema.js';
import { createConsultation } from '../../services/create-consultation.js';
import { getConsultation, listConsultations, type ConsultationView } from '../../services/get-consultation.js';
import { issueConsultation } from '../../services/issue-consultation.js';
import { updateConsultation } from '../../services/update-consultation.js';
import { formatFields, formatTable, formatUtc, line, printJson, type CliIo, type CliWriter } from '../output.js';
import { actorFor, localOperator, readJsonFile, withContext } from './shared.js';

/** `--lang`: one of the six UN languages. */
function parseLanguage(value: string): UnLanguage {
  const code = value.trim().toLowerCase();
  if (!isUnLanguage(code))
    throw new InvalidArgumentError('expected one of the six UN languages: ar, zh, en, fr, ru, es');
  return code;
}

/** How the input files carry content in several languages (issue #8 item 6). */
const LANGUAGES_HELP = `
Content in several languages: "languageOfRecord" (ar, zh, en, fr, ru, es; default en) names the
language of "subject" and of each text's "title" and "summary". Translations into the other UN
languages are optional and fall back to the language of record, with a notice, where missing:
  "translations": { "fr": { "subject": "…" }, "es": { "subject": "…" } }
and on a text:
  "translations": { "fr": { "title": "…", "summary": "…" } }
In an update, "translations" replaces every translation of the subject.`;

/** How the input files state the deadline and the announcement (issue #12 items 4 and 5). */
const DEADLINE_HELP = `
The deadline is stated to the minute, in UTC, as the circular states it, and closes at the END of
that minute: "deadline": "2023-08-16T23:59Z" is "2359 hours UTC on 16 August 2023", stored as
2023-08-16T23:59:59.999Z (the last millisecond of a minute, …T23:59:59.999Z, is taken as it is;
any other instant is refused with DEADLINE_NOT_A_MINUTE). "deadlineWording": "2400" words a
deadline at the end of a day as older circulars do ("2400 hours UTC on 16 August 2023"); the
default is "hhmm". "announcedOn": "2023-03-01" records an announcement of the meeting before the
circular (a collective letter): the 3-month announcement period of Res. 1 runs from it.`;

/** `assent consultation list|show|create|update|issue`. */
export function registerConsultationCommands(program: Command, io: CliIo): void {
  const consultation = program
    .command('consultation')
    .description('consultations (circulars) and their determined texts');

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
        if (views.length === 0)
          return line(
            io.stdout,
            'No consultations yet. Create one with: assent consultation create --file circular.json (or: assent seed --demo)',
          );
        io.stdout.write(
          formatTable(
            ['ID', 'Reference', 'Group', 'State', 'Deadline', 'Texts', 'Demo'],
            views.map(({ loaded: { consultation: c, texts }, state }) => [
              c.id,
              c.reference,
              c.studyGroup,
              state,
              formatUtc(c.deadlineAt),
              texts.length,
              c.isDemo ? 'demo' : '',
            ]),
          ),
        );
      }),
    );

  consultation
    .command('show')
    .description('a consultation: circular, deadline as the circular writes it, texts, state and timing checks')
    .argument('<id>', 'consultation id, e.g. tsb-79-2023')
    .option('--json', 'print as the API does (GET /api/v1/consultations/:id)')
    .option(
      '--lang <code>',
      'subject, titles and summaries in this UN language where translated, else in the language of record (as ?lang= in the API)',
      parseLanguage,
    )
    .option('--token <token>', 'act as the holder of this API token instead of the local operator (or ASSENT_TOKEN)')
    .action(async (id: string, options: { json?: boolean; lang?: UnLanguage; token?: string }) =>
      withContext(io, async (context) => {
        const actor = await actorFor(io, context, options.token);
        const view = await getConsultation(context.services, { actor, consultationId: id });
        if (options.json) return printJson(io.stdout, presentConsultation(view, actor, options.lang));
        printConsultation(io.stdout, view, actor.kind === 'secretariat', options.lang);
      }),
    );

  consultation
    .command('create')
    .description('create a draft consultation from a JSON file (the body of POST /api/v1/consultations)')
    .requiredOption('--file <path>', 'the circular as JSON (ConsultationInput)')
    .option('--json', 'print the created consultation as the API does')
    .option(
      '--entered-afterwards <issuedAt>',
      'enter a past circular as a record, issued at this UTC instant (e.g. 2023-03-28T10:00Z): its deadline and meeting may be past; issuing it sends no e-mail (same as "enteredAfterwards": { "issuedAt" } in the file)',
    )
    .addHelpText('after', `${DEADLINE_HELP}\n${LANGUAGES_HELP}`)
    .action(async (options: { file: string; json?: boolean; enteredAfterwards?: string }) =>
      withContext(io, async (context) => {
        const read = readJsonFile(
          io,
          options.file,
          ConsultationInputSchema,
          'circular (ConsultationInput)',
        ) as ConsultationInput;
        // The option is the file's `enteredAfterwards`; the service checks the instant with the rest.
        const input: ConsultationInput =
          options.enteredAfterwards === undefined
            ? read
            : { ...read, enteredAfterwards: { issuedAt: options.enteredAfterwards } };
        const actor = localOperator(io);
        const created = await createConsultation(context.services, { actor, input });
        const view = await getConsultation(context.services, { actor, consultationId: created.id });
        if (options.json) return printJson(io.stdout, presentConsultation(view, actor));
        line(
          io.stdout,
          `Created draft consultation ${created.id} (${created.reference}) with ${view.loaded.texts.length} text${view.loaded.texts.length === 1 ? '' : 's'}.`,
        );
        printTiming(io.stdout, view.timing);
        if (created.recordedIssuedAt !== null)
          line(
            io.stdout,
            `Entered afterwards, as a record: issuing it dates it ${new Date(created.recordedIssuedAt).toISOString()} and sends no e-mail.`,
          );
        line(io.stdout, `Issue it with: assent consultation issue ${created.id}`);
      }),
    );

  consultation
    .command('update')
    .description('change fields of a draft consultation from a JSON file (the body of PATCH /api/v1/consultations/:id)')
    .argument('<id>', 'consultation id')
    .requiredOption('--file <path>', 'the fields to change as JSON (ConsultationPatch)')
    .option('--json', 'print the updated consultation as the API does')
    .addHelpText('after', `${DEADLINE_HELP}\n${LANGUAGES_HELP}`)
    .action(async (id: string, options: { file: string; json?: boolean }) =>
      withContext(io, async (context) => {
        const patch = readJsonFile(
          io,
          options.file,
          ConsultationPatchSchema,
          'changes (ConsultationPatch)',
        ) as ConsultationPatch;
        const actor = localOperator(io);
        await updateConsultation(context.services, { actor, consultationId: id, patch });
        const view = await getConsultation(context.services, { actor, consultationId: id });
        if (options.json) return printJson(io.stdout, presentConsultation(view, actor));
        line(io.stdout, `Updated draft consultation ${id}: ${Object.keys(patch).sort().join(', ')}.`);
        printTiming(io.stdout, view.timing);
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
            timing: issued.timing.map((t) => ({
              rule: t.rule,
              severity: t.severity,
              clause: t.clause,
              citation: t.citation,
              message: t.message,
            })),
          });
        }
        const c = issued.consultation;
        line(io.stdout, `Issued ${c.id} (${c.reference}) at ${formatUtc(c.issuedAt)}.`);
        line(io.stdout, `Member States may reply until ${deadlineText(c)}.`);
        printTiming(io.stdout, issued.timing);
      }),
    );
}

function printConsultation(out: CliWriter, view: ConsultationView, showTiming: boolean, language?: UnLanguage): void {
  const { consultation: c, texts } = view.loaded;
  const localised = localiseConsultation(c, texts, language ?? c.languageOfRecord);
  const letter = localised.collectiveLetter.value;
  line(out, `${localised.reference.value} (${c.id})${c.isDemo ? ' [DEMO]' : ''}`);
  line(out, localised.subject.value);
  line(out);
  out.write(
    formatFields([
      ['State', view.state],
      ['Phase', phaseLine(view)],
      [
        'Procedure',
        `${c.procedure}, ${view.loaded.procedure.clauses(c.resolutionEdition).instrument} (${c.resolutionEdition})`,
      ],
      ['Circular', `${c.bureau} ${c.studyPeriod} No. ${c.number}, dated ${c.date}`],
      ['Announced', c.announcedOn === null ? `by the circular (${c.date})` : c.announcedOn],
      ['Study group', c.studyGroup],
      [
        'Meeting',
        `${localised.meetingPlace.value}, ${c.meeting.firstDay} to ${c.meeting.lastDay}${letter ? ` (${letter})` : ''}`,
      ],
      ['Deadline', `${deadlineText(c)} (${new Date(c.deadlineAt).toISOString()})`],
      ['Issued', c.issuedAt === null ? 'not yet (draft)' : formatUtc(c.issuedAt)],
      ['Results notice', c.resultsNoticeAt === null ? 'not yet' : formatUtc(c.resultsNoticeAt)],
      ['Replies public', c.settings.individualRepliesPublic ? 'yes, after the deadline' : 'no'],
      ['Signatory', `${c.signatory.name}, ${c.signatory.title}`],
      [
        'Language of record',
        `${c.languageOfRecord}${Object.keys(c.translations).length > 0 ? ` (circular also in ${Object.keys(c.translations).join(', ')})` : ''}`,
      ],
    ]),
  );
  if (localised.missing.length > 0) {
    line(out);
    const what = localised.missing.map((m) =>
      m.textId === null ? m.field : `${texts.find((t) => t.id === m.textId)?.designation ?? m.textId} ${m.field}`,
    );
    line(out, `Not yet available in ${localised.language}; shown in ${c.languageOfRecord}: ${what.join(', ')}.`);
  }
  line(out);
  line(out, `Texts (${texts.length}):`);
  out.write(
    formatTable(
      ['#', 'Designation', 'Kind', 'Work item', 'Location', 'A.5', 'Title'],
      texts.map((t, index) => [
        t.order,
        t.designation,
        t.kind,
        t.workItem,
        t.location,
        t.a5Justification ? 'yes' : 'no',
        localised.texts[index]!.title.value,
      ]),
      '  ',
    ),
  );
  if (view.timeline.length > 0) {
    line(out);
    line(out, 'Phases:');
    out.write(
      formatTable(
        ['Phase', 'From', 'To', 'Due by', 'Clause', ''],
        view.timeline.map((w) => [
          phaseName(view, w.id),
          formatUtc(w.startsAt),
          formatUtc(w.endsAt),
          formatUtc(w.dueBy),
          w.clause,
          w === view.phase.current ? 'now' : '',
        ]),
        '  ',
      ),
    );
  }
  if (localised.notes.value.length > 0) {
    line(out);
    line(out, 'Notes:');
    for (const note of localised.notes.value) line(out, `  ${note}`);
  }
  if (showTiming) {
    line(out);
    printTiming(out, view.timing);
  }
}

/** A phase's English name, as its procedure declares it. */
function phaseName(view: ConsultationView, id: string): string {
  return view.loaded.procedure.phases.find((p) => p.id === id)?.name ?? id;
}

/** Where the consultation stands in its phases: the current one until its end, else the next one. */
function phaseLine(view: ConsultationView): string {
  const { current, next } = view.phase;
  if (view.loaded.consultation.issuedAt === null) return 'none until it is issued (draft)';
  if (current !== null)
    return `${phaseName(view, current.id)} (${current.clause}), ${current.endsAt === null ? 'for good' : `until ${formatUtc(current.endsAt)}`}`;
  if (next === null) return 'none: every phase is over';
  const when =
    next.startsAt !== null
      ? `from ${formatUtc(next.startsAt)}`
      : next.dueBy !== null
        ? `due by ${formatUtc(next.dueBy)}`
        : 'when it starts';
  return `between phases; next: ${phaseName(view, next.id)} (${next.clause}), ${when}`;
}

/** The timing checks that need attention (the procedure's timing rules, each with its clause); none is blocking. */
function printTiming(out: CliWriter, timing: readonly TimingCheck[]): void {
  const notable = timing.filter((t) => t.severity !== 'ok');
  if (notable.length === 0) {
    line(out, 'Timing checks: all pass.');
    return;
  }
  line(out, 'Timing checks:');
  for (const t of notable)
    line(out, `  ${t.severity}: ${t.message}${t.citation ? ` (${t.citation})` : t.clause ? ` (${t.clause})` : ''}`);
}
