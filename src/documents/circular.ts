import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import {
  type LocalisedConsultation,
  type LocalisedField,
  localiseConsultation,
} from '../domain/consultation/localise.js';
import { sectionNumber } from '../domain/procedure/procedure.js';
import { procedureFor } from '../procedures/registry.js';
import { editionIn, formatShare } from '../i18n/citations.js';
import { hasProcedureText, procedureText } from '../i18n/procedure-text.js';
import { dirOf, type Locale } from '../i18n/i18n.js';
import { bureauProfile, studyGroupName } from './bureau.js';
import { inLanguage, type Block, type DocumentContent, type FieldRow, CLOSING_LINE } from './content.js';
import { buildDocx } from './docx.js';
import {
  determinedTexts,
  formatDay,
  formatDayRange,
  formatDeadline,
  msg,
  pageFurniture,
  studyGroupNumber,
  summaryParts,
  textLabel,
} from './format.js';
import { circularName, replyFormBlocks } from './reply-form.js';

/**
 * The circular (the procedure's announcement and reply rules), as TSB Circular 79 is laid out: header block (place and date,
 * reference, addressees, copies, contact), subject, the numbered letter with the procedure, the
 * deadline and the procedure's pass rule, the TSB notes, the signature; Annex 1 (title, summary and location
 * of each text) and Annex 2 (the blank reply form). The subject, titles and summaries are those
 * translated into the document's language where there is a translation, else the language of
 * record's (localiseConsultation), and so are the circular's own fields (reference, meeting place,
 * collective letter, addressees, copies, TSB notes); a field in another language than the
 * document's, and the signatory (kept in the language of record only), are marked with their
 * language so both renderings give them its direction and language.
 */
export interface CircularInput {
  readonly consultation: Consultation;
  readonly texts: readonly DeterminedText[];
}

/**
 * The header block of a circular (and of the results notice, a circular too): its reference (the
 * consultation's, or `ownReference` for a notice issued under its own), addressees, copies and the
 * bureau's contact lines.
 */
export function headerRows(
  locale: Locale,
  consultation: Consultation,
  localised: LocalisedConsultation,
  ownReference: string | null = null,
): FieldRow[] {
  const contact = bureauProfile(locale, consultation).contact;
  const { reference, addressees, copies } = localised;
  const inItsLanguage = (field: LocalisedField<readonly string[]>) =>
    field.value.map((line) => inLanguage(line, field.language, locale));
  const rows: FieldRow[] = [
    {
      label: msg(locale, 'doc.ref'),
      lines: [ownReference ?? inLanguage(reference.value, reference.language, locale)],
    },
    { label: msg(locale, 'doc.to'), lines: inItsLanguage(addressees), bulleted: true },
  ];
  if (copies.value.length > 0)
    rows.push({ label: msg(locale, 'doc.copyTo'), lines: inItsLanguage(copies), bulleted: true });
  if (contact.tel) rows.push({ label: msg(locale, 'doc.tel'), lines: [contact.tel] });
  if (contact.fax) rows.push({ label: msg(locale, 'doc.fax'), lines: [contact.fax] });
  if (contact.email) rows.push({ label: msg(locale, 'doc.email'), lines: [contact.email] });
  return rows;
}

function annex1Blocks(locale: Locale, texts: readonly DeterminedText[], localised: LocalisedConsultation): Block[] {
  const blocks: Block[] = [
    { type: 'heading', level: 1, text: msg(locale, 'doc.annex1.heading'), newPage: true, centred: true },
    {
      type: 'paragraph',
      variant: 'strong',
      text: msg(locale, 'doc.annex1.title', { texts: determinedTexts(locale, texts) }),
    },
  ];
  texts.forEach((text, index) => {
    const { title, summary } = localised.texts[index]!;
    blocks.push(
      {
        type: 'heading',
        level: 2,
        text: msg(locale, 'doc.annex1.entry', {
          n: index + 1,
          label: textLabel(locale, text),
          location: text.location,
        }),
        // The reference links to where the text can be read, as TSB's circular links it.
        ...(text.locationUrl !== null && { links: [{ text: text.location, href: text.locationUrl }] }),
      },
      {
        type: 'paragraph',
        variant: 'strong',
        text: title.value,
        ...(title.language !== locale && { lang: title.language }),
      },
    );
    if (summary.value) {
      blocks.push({ type: 'heading', level: 3, text: msg(locale, 'doc.annex1.summary') });
      for (const part of summaryParts(summary.value))
        blocks.push({ ...part, ...(summary.language !== locale && { lang: summary.language }) });
    }
  });
  return blocks;
}

/** The circular's content in `locale`. A circular not yet issued is marked as a draft on its first line. */
export function circularContent(locale: Locale, input: CircularInput): DocumentContent {
  const { consultation: c, texts } = input;
  const localised = localiseConsultation(c, texts, locale);
  const ofRecord = (text: string) => inLanguage(text, c.languageOfRecord, locale);
  const profile = bureauProfile(locale, c);
  const name = circularName(locale, c);
  const meeting = {
    place: localised.meetingPlace.value,
    dates: formatDayRange(locale, c.meeting.firstDay, c.meeting.lastDay),
  };
  const letter = localised.collectiveLetter.value;
  const procedure = procedureFor(c.procedure);
  // The paragraphs on the procedure, the request and its rule are the procedure's words.
  const firstParagraph = [
    procedureText(locale, procedure, 'doc.circular.purpose', {
      section: sectionNumber(procedure, 'procedureSection', c.resolutionEdition),
      studyGroup: studyGroupName(locale, c.studyGroup),
      edition: editionIn(locale, procedure, c.resolutionEdition),
      ...meeting,
    }),
    letter
      ? msg(locale, 'doc.circular.p1.agenda', {
          studyGroup: msg(locale, 'doc.studyGroup.name', { n: studyGroupNumber(c.studyGroup) }),
          letter,
        })
      : null,
  ]
    .filter((x): x is string => x !== null)
    .join(' ');

  const blocks: Block[] = [];
  if (c.issuedAt === null) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.draft') });
  if (c.isDemo) blocks.push({ type: 'mark', text: msg(locale, 'doc.mark.demo') });
  if (c.enteredAfterwardsAt !== null)
    blocks.push({
      type: 'mark',
      text: msg(locale, 'doc.mark.enteredAfterwards', { date: formatDay(locale, c.enteredAfterwardsAt) }),
    });
  blocks.push(
    { type: 'letterhead', lines: profile.letterhead },
    {
      type: 'paragraph',
      variant: 'end',
      text: msg(locale, 'doc.circular.placeDate', { date: formatDay(locale, c.date) }),
    },
    { type: 'fields', rows: headerRows(locale, c, localised) },
    {
      type: 'fields',
      rows: [
        {
          label: msg(locale, 'doc.subject'),
          lines: [inLanguage(localised.subject.value, localised.subject.language, locale)],
        },
      ],
    },
    { type: 'paragraph', text: msg(locale, 'doc.salutation') },
    { type: 'paragraph', number: '1', text: firstParagraph },
    { type: 'paragraph', number: '2', text: msg(locale, 'doc.circular.p2') },
    ...localised.notes.value.map(
      (note): Block => ({
        type: 'paragraph',
        variant: 'note',
        text: note,
        ...(localised.notes.language !== locale && { lang: localised.notes.language }),
      }),
    ),
    {
      type: 'paragraph',
      number: '3',
      text: procedureText(locale, procedure, 'doc.circular.request', {
        clause: sectionNumber(procedure, 'replySection', c.resolutionEdition),
        deadline: formatDeadline(locale, c.deadlineAt, c.deadlineWording),
      }),
    },
    // The rule the replies are held to, where the procedure's circular states one (TAP's share).
    ...(hasProcedureText(procedure, 'doc.circular.rule')
      ? [
          {
            type: 'paragraph',
            number: '4',
            text: procedureText(locale, procedure, 'doc.circular.rule', {
              threshold: formatShare(locale, procedure.passThreshold ?? 0),
            }),
          } satisfies Block,
        ]
      : []),
    { type: 'paragraph', text: msg(locale, 'doc.closing') },
    { type: 'signature', lines: [ofRecord(c.signatory.name), ofRecord(c.signatory.title)] },
    { type: 'paragraph', text: msg(locale, 'doc.circular.annexes', { count: 2 }) },
  );
  blocks.push(...annex1Blocks(locale, texts, localised));
  blocks.push({ type: 'heading', level: 1, text: msg(locale, 'doc.annex2.heading'), newPage: true, centred: true });
  blocks.push(...replyFormBlocks(locale, { consultation: c, texts, filled: null }));
  return {
    kind: 'circular',
    lang: locale,
    dir: dirOf(locale),
    title: name,
    subject: localised.subject.value,
    // The bureau's address is the first page's footer, as on the letter ITU prints.
    pages: pageFurniture(locale, name, profile.footer),
    blocks: [...blocks, CLOSING_LINE],
  };
}

/** The circular as a Word document. */
export function circularDocx(locale: Locale, input: CircularInput): Promise<Buffer> {
  return buildDocx(circularContent(locale, input));
}
