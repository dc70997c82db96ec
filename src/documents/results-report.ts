import { consultationIn, localiseConsultation } from '../domain/consultation/localise.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { procedureFor } from '../procedures/registry.js';
import type { ReplyPosition, ReplyVersion } from '../domain/reply/reply.js';
import { citeRoleIn, clauseIn, formatShare } from '../i18n/citations.js';
import { dirOf, languageWords, type Locale } from '../i18n/i18n.js';
import type { ConsultationResults } from '../domain/consultation/results.js';
import { type BureauProfile, bureauProfile, studyGroupName } from './bureau.js';
import { typed, type Block, type DocumentContent, CLOSING_LINE } from './content.js';
import { buildDocx } from './docx.js';
import {
  formatDay,
  formatDayRange,
  formatDeadline,
  formatInstant,
  formatList,
  documentFigureValue,
  formatNumber,
  msg,
  textLabel,
  pageFurniture,
} from './format.js';
import { hasProcedureText, procedureText } from '../i18n/procedure-text.js';
import { figureLabelAt, outcomeWords, positionWords } from '../presenters/procedure-words.js';
import { circularName, commentRowLines, describeFile, type CitedFile } from './reply-form.js';

/**
 * The results report TSB submits to the study group meeting as a TD (the procedure's rule on the
 * consultation's outcome): per text the figures the procedure declares, the outcome and its clause; where the
 * consultation lets the reader see individual replies, the replying States with their positions
 * and every comment, reason and possible change compiled in order, with the files attached.
 */

/** One State's reply as the report lists it. */
export interface ReportReply {
  readonly stateName: string;
  readonly version: ReplyVersion;
  /** `counted`: the version that counts; `late`: received after the deadline; `withdrawn`: the State withdrew its reply by the deadline. */
  readonly status: 'counted' | 'late' | 'withdrawn';
}

export interface ResultsReportInput {
  readonly results: ConsultationResults;
  /** Null when individual replies are confidential to this reader: figures per text only. */
  readonly replies: readonly ReportReply[] | null;
  readonly files: ReadonlyMap<string, CitedFile>;
}

/** A position as the report prints it: the procedure's reading of it, in the documents' words where it has them. */
function positionLabel(locale: Locale, procedure: Procedure, studyGroup: string, position: ReplyPosition): string {
  return positionWords(locale, procedure, position, studyGroup, 'doc');
}

/**
 * The groups of States per text, from the procedure's choices: one per choice (a choice the
 * secretariat records only, e.g. an unclear form, only when a State is in it), then, under it, one
 * per sub-option the procedure names a group for ("of which with comments").
 */
function positionGroups(
  locale: Locale,
  procedure: Procedure,
  studyGroup: string,
  states: (test: (p: ReplyPosition) => boolean) => string[],
): { label: string; lines: string[] }[] {
  const rows: { label: string; lines: string[] }[] = [];
  const row = (key: string, reading: string, names: string[]) =>
    rows.push({
      label: hasProcedureText(procedure, `group.${key}`)
        ? procedureText(locale, procedure, `group.${key}`, { count: names.length, body: studyGroup })
        : msg(locale, 'doc.report.group', { position: reading, count: names.length }),
      lines: [names.length > 0 ? formatList(locale, names) : '—'],
    });
  for (const choice of procedure.replyForm.choices) {
    const all = states((p) => p.position === choice.kind);
    if (choice.recordedOnly && all.length === 0) continue;
    const key = choice.reads[''];
    row(key ?? choice.label, procedureText(locale, procedure, key ?? choice.label, { body: studyGroup }), all);
    for (const option of choice.options?.choices ?? []) {
      const optionKey = choice.reads[option.id];
      if (optionKey === undefined || !hasProcedureText(procedure, `group.${optionKey}`)) continue;
      row(
        optionKey,
        '',
        states((p) => p.position === choice.kind && p.option === option.id),
      );
    }
  }
  return rows;
}

/** The rule on the replies in one sentence, in the procedure's words, with the clauses it passes and fails by. */
function ruleSentence(locale: Locale, procedure: Procedure, edition: string): string {
  const values = {
    threshold: formatShare(locale, procedure.passThreshold ?? 0),
    passes: citeRoleIn(locale, procedure, 'consultationPasses', edition),
    fails: citeRoleIn(locale, procedure, 'consultationFails', edition),
  };
  return procedureText(locale, procedure, 'doc.report.rule', values);
}

function stateLabel(locale: Locale, reply: ReportReply): string {
  return reply.version.simulated
    ? msg(locale, 'doc.report.simulatedState', { state: reply.stateName })
    : reply.stateName;
}

function positionsBlocks(locale: Locale, input: ResultsReportInput, replies: readonly ReportReply[]): Block[] {
  const { procedure, consultation } = input.results.loaded;
  const studyGroup = consultation.studyGroup;
  const counted = replies.filter((r) => r.status === 'counted');
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: msg(locale, 'doc.report.positionsHeading') },
    { type: 'paragraph', text: msg(locale, 'doc.report.positionsIntro') },
  ];
  for (const { text } of input.results.texts) {
    const with_ = (test: (p: ReplyPosition) => boolean) =>
      counted
        .filter((r) => r.version.positions.some((p) => p.text === text.id && test(p)))
        .map((r) => stateLabel(locale, r));
    blocks.push(
      { type: 'heading', level: 3, text: textLabel(locale, text) },
      { type: 'fields', rows: positionGroups(locale, procedure, studyGroup, with_) },
    );
  }
  return blocks;
}

function repliesTable(locale: Locale, replies: readonly ReportReply[]): Block[] {
  return [
    { type: 'heading', level: 2, text: msg(locale, 'doc.report.repliesHeading') },
    {
      type: 'table',
      caption: msg(locale, 'doc.report.replies.caption'),
      headers: [
        msg(locale, 'doc.report.col.state'),
        msg(locale, 'doc.report.col.received'),
        msg(locale, 'doc.report.col.channel'),
        msg(locale, 'doc.report.col.version'),
        msg(locale, 'doc.report.col.counted'),
      ],
      numeric: [false, false, false, true, false],
      rows: replies.map((r) => [
        stateLabel(locale, r),
        formatInstant(locale, r.version.receivedAt),
        msg(locale, 'doc.channel', { channel: r.version.channel }),
        formatNumber(locale, r.version.version),
        msg(locale, 'doc.report.counted', { status: r.status }),
      ]),
    },
  ];
}

function compiledBlocks(locale: Locale, input: ResultsReportInput, replies: readonly ReportReply[]): Block[] {
  const { procedure, consultation } = input.results.loaded;
  const blocks: Block[] = [
    { type: 'heading', level: 2, text: msg(locale, 'doc.report.compiledHeading') },
    { type: 'paragraph', text: msg(locale, 'doc.report.compiledIntro') },
  ];
  const inOrder = [...replies]
    .filter((r) => r.status !== 'withdrawn')
    .sort((a, b) => a.version.receivedAt - b.version.receivedAt || a.stateName.localeCompare(b.stateName));
  for (const { text } of input.results.texts) {
    blocks.push({ type: 'heading', level: 3, text: textLabel(locale, text) });
    let any = false;
    for (const reply of inOrder) {
      const position = reply.version.positions.find((p) => p.text === text.id);
      if (
        !position ||
        !(
          position.comments ||
          position.reasons ||
          position.possibleChanges ||
          position.commentTable?.length ||
          position.attachment
        )
      )
        continue;
      any = true;
      const rows = [
        { label: msg(locale, 'doc.report.col.state'), lines: [stateLabel(locale, reply)] },
        {
          label: msg(locale, 'doc.report.entry.position'),
          lines: [
            positionLabel(locale, procedure, consultation.studyGroup, position) +
              (reply.status === 'late' ? ` ${msg(locale, 'doc.report.entry.late')}` : ''),
          ],
        },
        ...(position.comments ? [{ label: msg(locale, 'doc.reply.comments'), lines: [typed(position.comments)] }] : []),
        ...(position.reasons ? [{ label: msg(locale, 'doc.reply.reasons'), lines: [typed(position.reasons)] }] : []),
        ...(position.possibleChanges
          ? [{ label: msg(locale, 'doc.reply.possibleChanges'), lines: [typed(position.possibleChanges)] }]
          : []),
        ...commentRowLines(locale, position.commentTable ?? [])
          .flat()
          .map(({ label, text }) => ({ label, lines: [text] })),
        ...(position.attachment
          ? [
              {
                label: msg(locale, 'doc.reply.attachment'),
                lines: [describeFile(locale, position.attachment, input.files.get(position.attachment))],
                code: true,
              },
            ]
          : []),
      ];
      blocks.push({ type: 'fields', rows });
    }
    if (!any) blocks.push({ type: 'paragraph', text: msg(locale, 'doc.report.noComments') });
  }
  return blocks;
}

/** A TD's contact: the bureau and the lines the circular gives (telephone, fax, e-mail), one per line. */
function contactLines(locale: Locale, bureau: string, profile: BureauProfile): string[] {
  const { tel, fax, email } = profile.contact;
  return [
    bureau,
    ...(tel ? [`${msg(locale, 'doc.tel')} ${tel}`] : []),
    ...(fax ? [`${msg(locale, 'doc.fax')} ${fax}`] : []),
    ...(email ? [`${msg(locale, 'doc.email')} ${email}`] : []),
  ];
}

/**
 * Where the procedure consults several classes of participant, the same figures per text and
 * class, with whether each class's replies count (none for a procedure that consults one class).
 */
function byClassTable(locale: Locale, procedure: Procedure, texts: ConsultationResults['texts']): Block[] {
  const first = texts.find((t) => t.byClass.length > 0)?.byClass[0];
  if (first === undefined) return [];
  const figureNames = first.tally.figures.map((f) => f.name);
  return [
    {
      type: 'table',
      caption: msg(locale, 'doc.report.byClass.caption'),
      headers: [
        msg(locale, 'doc.report.col.text'),
        msg(locale, 'doc.report.col.class'),
        ...figureNames.map((name) => figureLabelAt(locale, procedure, 'doc', name)),
        msg(locale, 'doc.report.col.counted'),
      ],
      numeric: [false, false, ...figureNames.map(() => true), false],
      rows: texts.flatMap(({ text, byClass }) =>
        byClass.map((c) => [
          textLabel(locale, text),
          procedureText(locale, procedure, `class.${c.participantClass}`),
          ...c.tally.figures.map((figure) => documentFigureValue(locale, figure)),
          msg(locale, 'doc.report.byClass.counted', { counted: c.counted ? 'yes' : 'no' }),
        ]),
      ),
    },
  ];
}

/** The report's content in `locale`. */
export function resultsReportContent(locale: Locale, input: ResultsReportInput): DocumentContent {
  // The circular's own fields (reference, meeting place) in the report's language where translated.
  const c = consultationIn(input.results.loaded.consultation, locale).consultation;
  const procedure = procedureFor(c.procedure);
  const circular = circularName(locale, c);
  const title = msg(locale, 'doc.report.title', { circular });
  const replies = input.replies;
  const countedStates = replies?.filter((r) => r.status === 'counted').length ?? null;
  const late = replies?.filter((r) => r.status === 'late').length ?? 0;
  const anyUnclear = input.results.texts.some((t) => t.tally.unclear > 0);
  const figureNames = input.results.texts[0] ? input.results.texts[0].tally.figures.map((f) => f.name) : [];
  const profile = bureauProfile(locale, c);

  const blocks: Block[] = [];
  if (c.isDemo) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.demo') });
  if (c.enteredAfterwardsAt !== null)
    blocks.push({
      type: 'mark',
      text: msg(locale, 'doc.mark.enteredAfterwards', { date: formatDay(locale, c.enteredAfterwardsAt) }),
    });
  blocks.push(
    // The header of an ITU TD: the report goes to the meeting as one of its documents.
    {
      type: 'letterhead',
      lines: [...profile.tdLetterhead, msg(locale, 'doc.td.studyPeriod', { period: c.studyPeriod })],
    },
    {
      type: 'fields',
      rows: [
        { label: msg(locale, 'doc.td.number'), lines: [c.resultsReport.td ?? msg(locale, 'doc.td.unassigned')] },
        { label: msg(locale, 'doc.td.studyGroup'), lines: [studyGroupName(locale, c.studyGroup)] },
        {
          label: msg(locale, 'doc.td.questions'),
          lines: [c.resultsReport.questions ?? msg(locale, 'doc.td.noQuestions')],
        },
        { label: msg(locale, 'doc.td.original'), lines: [languageWords(locale, c.languageOfRecord)] },
        { label: msg(locale, 'doc.report.source'), lines: [c.bureau] },
        { label: msg(locale, 'doc.td.title'), lines: [title] },
        { label: msg(locale, 'doc.td.contact'), lines: contactLines(locale, c.bureau, profile) },
      ],
    },
    { type: 'heading', level: 1, text: title },
    {
      type: 'fields',
      rows: [
        {
          label: msg(locale, 'doc.report.meeting'),
          lines: [
            msg(locale, 'doc.report.meetingValue', {
              studyGroup: studyGroupName(locale, c.studyGroup),
              place: c.meeting.place,
              dates: formatDayRange(locale, c.meeting.firstDay, c.meeting.lastDay),
            }),
          ],
        },
        { label: msg(locale, 'doc.report.deadline'), lines: [formatDeadline(locale, c.deadlineAt, c.deadlineWording)] },
        { label: msg(locale, 'doc.report.computedAt'), lines: [formatInstant(locale, input.results.computedAt)] },
      ],
    },
    {
      type: 'paragraph',
      text: [
        countedStates === null ? null : msg(locale, 'doc.report.replied', { count: countedStates }),
        late > 0
          ? msg(locale, 'doc.report.late', {
              count: late,
              clause: citeRoleIn(locale, procedure, 'consultationFails', c.resolutionEdition),
            })
          : null,
        ruleSentence(locale, procedure, c.resolutionEdition),
      ]
        .filter((x): x is string => x !== null)
        .join(' '),
    },
    { type: 'heading', level: 2, text: msg(locale, 'doc.report.resultsHeading') },
    {
      type: 'table',
      caption: msg(locale, 'doc.report.results.caption'),
      // The figures the procedure declares for its tally, in its words for documents.
      headers: [
        msg(locale, 'doc.report.col.text'),
        ...figureNames.map((name) => figureLabelAt(locale, procedure, 'doc', name)),
        msg(locale, 'doc.report.col.outcome'),
        msg(locale, 'doc.report.col.clause'),
      ],
      numeric: [false, ...figureNames.map(() => true), false, false],
      rows: input.results.texts.map(({ text, tally }) => [
        textLabel(locale, text),
        ...tally.figures.map((figure) => documentFigureValue(locale, figure)),
        outcomeWords(locale, procedure, 'doc', tally.outcome),
        clauseIn(locale, tally.clause),
      ]),
    },
  );
  blocks.push(...byClassTable(locale, procedure, input.results.texts));
  if (anyUnclear) blocks.push({ type: 'paragraph', variant: 'small', text: msg(locale, 'doc.report.unclearNote') });
  if (replies === null) {
    blocks.push({ type: 'paragraph', variant: 'strong', text: msg(locale, 'doc.report.confidential') });
  } else if (replies.length === 0) {
    blocks.push({ type: 'paragraph', text: msg(locale, 'doc.report.noReplies') });
  } else {
    blocks.push(
      ...repliesTable(locale, replies),
      ...positionsBlocks(locale, input, replies),
      ...compiledBlocks(locale, input, replies),
    );
  }
  // The metadata's subject: the circular's, translated where it is (else in the language of record).
  const subject = localiseConsultation(c, [], locale).subject.value;
  return {
    kind: 'results-report',
    lang: locale,
    dir: dirOf(locale),
    title,
    subject,
    // The report is a TD of the meeting: its pages name the TD once it has a number.
    pages: pageFurniture(locale, c.resultsReport.td ?? title),
    blocks: [...blocks, CLOSING_LINE],
  };
}

/** The report as a Word document. */
export function resultsReportDocx(locale: Locale, input: ResultsReportInput): Promise<Buffer> {
  return buildDocx(resultsReportContent(locale, input));
}
