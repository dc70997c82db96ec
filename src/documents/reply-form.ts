import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import type { ReplyPosition, ReplyVersion } from '../domain/reply/reply.js';
import { readingKeyOf } from '../domain/procedure/presentation.js';
import { type Locale, placeAndDate } from '../i18n/i18n.js';
import { hasProcedureText, procedureText } from '../i18n/procedure-text.js';
import type { Procedure } from '../domain/procedure/procedure.js';
import { placedKey } from '../presenters/procedure-words.js';
import { procedureFor } from '../procedures/registry.js';
import { bureauProfile } from './bureau.js';
import type { CommentRow } from '../domain/reply/comment-table.js';
import { fillIn, typed, type Block, type FormChoice, type FormText, type Text } from './content.js';
import { determinedTexts, formatDay, formatNumber, msg, textLabel } from './format.js';
import { FORM_FORMAT, type FormIdentity } from './form-identity.js';

/**
 * The reply form of the circular (TAP: Annex 2, "complete and return the form"): blank in the
 * circular, filled in the reply document with what one State's reply version says. Every box the
 * procedure's reply form offers a Member State is always printed for every text, with its
 * sub-options, so a filled form reads exactly like the paper the Administration would have signed.
 */

/** What the form needs of a file cited by a reply. */
export interface CitedFile {
  readonly filename: string;
  readonly size: number;
}

export interface ReplyFormInput {
  readonly consultation: Consultation;
  readonly texts: readonly DeterminedText[];
  /** Null: the blank form of the circular. */
  readonly filled: {
    readonly stateName: string;
    readonly version: ReplyVersion;
    /** Files cited by the version, by SHA-256 (a file not found is listed by its hash alone). */
    readonly files: ReadonlyMap<string, CitedFile>;
  } | null;
}

/** "TSB Circular 79". */
export function circularName(locale: Locale, consultation: Pick<Consultation, 'bureau' | 'number'>): string {
  return msg(locale, 'doc.circular.name', { bureau: consultation.bureau, number: consultation.number });
}

/** A cited file as the documents list it: "comments-kr.pdf (1,234 bytes, SHA-256 ab12…)". */
export function describeFile(locale: Locale, sha256: string, file: CitedFile | undefined): string {
  return file
    ? msg(locale, 'doc.file', { filename: file.filename, size: formatNumber(locale, file.size), sha256 })
    : msg(locale, 'doc.file.unknown', { sha256 });
}

/**
 * The boxes of one text, from the procedure's reply form: every choice a Member State may tick
 * (not those the secretariat records only), each with its sub-options, in the procedure's words
 * for the printed form (`doc.<label>`) where it has them, else as the web form words them.
 */
function choicesOf(
  locale: Locale,
  procedure: Procedure,
  studyGroup: string,
  position: ReplyPosition | null,
): FormChoice[] {
  const words = (key: string) =>
    procedureText(locale, procedure, placedKey(procedure, 'doc', key), { body: studyGroup });
  return procedure.replyForm.choices
    .filter((choice) => !choice.recordedOnly)
    .map((choice) => {
      const ticked = position?.position === choice.kind;
      return {
        id: choice.kind,
        checked: ticked,
        text: words(choice.label),
        ...(choice.options
          ? {
              options: choice.options.choices.map((option) => ({
                id: option.id,
                checked: ticked && position?.option === option.id,
                text: words(option.label),
              })),
            }
          : {}),
      };
    });
}

function detailsOf(
  locale: Locale,
  procedure: Procedure,
  studyGroup: string,
  position: ReplyPosition | undefined,
  files: ReadonlyMap<string, CitedFile>,
): FormText['details'] {
  if (!position) return [{ label: msg(locale, 'doc.reply.remark'), text: msg(locale, 'doc.reply.noPosition') }];
  const details: FormText['details'][number][] = [];
  // A position no box of the form shows (an unclear form the secretariat recorded) is remarked on
  // in the procedure's words.
  const reading = readingKeyOf(procedure.replyForm, position.position, position.option);
  if (reading !== null && hasProcedureText(procedure, `remark.${reading}`))
    details.push({
      label: msg(locale, 'doc.reply.remark'),
      text: procedureText(locale, procedure, `remark.${reading}`, { body: studyGroup }),
    });
  // What the State wrote is in its own language: its direction is its text's (a French comment in an Arabic form reads left to right).
  if (position.comments) details.push({ label: msg(locale, 'doc.reply.comments'), text: typed(position.comments) });
  if (position.reasons) details.push({ label: msg(locale, 'doc.reply.reasons'), text: typed(position.reasons) });
  if (position.possibleChanges)
    details.push({ label: msg(locale, 'doc.reply.possibleChanges'), text: typed(position.possibleChanges) });
  for (const row of commentRowLines(locale, position.commentTable ?? [])) details.push(...row);
  if (position.attachment)
    details.push({
      label: msg(locale, 'doc.reply.attachment'),
      text: describeFile(locale, position.attachment, files.get(position.attachment)),
    });
  return details;
}

/**
 * A position's comments table as labelled texts, per row: "Comment 2 (clause 6.2):" with the
 * comment, then "Proposed change:" with the change where there is one (the State's own words,
 * marked typed).
 */
export function commentRowLines(
  locale: Locale,
  rows: readonly CommentRow[],
): { readonly label: string; readonly text: Text }[][] {
  return rows.map((row, index) => [
    {
      label:
        row.clause === null
          ? msg(locale, 'doc.reply.row', { number: index + 1 })
          : msg(locale, 'doc.reply.rowClause', { number: index + 1, clause: row.clause }),
      text: typed(row.comment),
    },
    ...(row.proposedChange === null
      ? []
      : [{ label: msg(locale, 'doc.reply.rowChange'), text: typed(row.proposedChange) }]),
  ]);
}

/**
 * The form's blocks (without its "Annex 2" heading, which only the circular has): subject,
 * addressee and sender, the opinion table with both boxes per text, the signature.
 */
export function replyFormBlocks(locale: Locale, input: ReplyFormInput): Block[] {
  const { consultation, texts, filled } = input;
  const profile = bureauProfile(locale, consultation);
  const procedure = procedureFor(consultation.procedure);
  const circular = circularName(locale, consultation);
  const byText = new Map(filled?.version.positions.map((p) => [p.text, p]) ?? []);
  const placeholder = (
    id: 'doc.form.placeholder.name' | 'doc.form.placeholder.title' | 'doc.form.placeholder.address',
  ) => msg(locale, id);
  const v = filled?.version;
  const signedAt = v ? placeAndDate(locale, v.place, v.signedOn === null ? null : formatDay(locale, v.signedOn)) : '';

  const blocks: Block[] = [
    {
      type: 'fields',
      rows: [
        {
          label: msg(locale, 'doc.subject'),
          lines: [
            msg(locale, 'doc.form.subjectLine', { circular }),
            msg(locale, 'doc.form.consultationLine', { texts: determinedTexts(locale, texts) }),
          ],
        },
      ],
    },
    {
      type: 'fields',
      rows: [
        { label: msg(locale, 'doc.to'), lines: profile.formAddressee },
        ...(profile.formFax ? [{ label: msg(locale, 'doc.fax'), lines: [profile.formFax] }] : []),
        ...(profile.formEmail ? [{ label: msg(locale, 'doc.email'), lines: [profile.formEmail] }] : []),
        {
          label: msg(locale, 'doc.from'),
          lines: filled
            ? [
                typed(filled.version.signatoryName),
                typed(filled.version.signatoryTitle),
                msg(locale, 'doc.form.administration', { state: filled.stateName }),
              ]
            : [
                fillIn(placeholder('doc.form.placeholder.name'), 'from.name'),
                fillIn(placeholder('doc.form.placeholder.title'), 'from.title'),
                fillIn(placeholder('doc.form.placeholder.address'), 'from.address'),
              ],
        },
        ...(filled
          ? []
          : [
              { label: msg(locale, 'doc.fax'), lines: [''] },
              { label: msg(locale, 'doc.email'), lines: [''] },
            ]),
        {
          label: msg(locale, 'doc.date'),
          lines: [filled ? signedAt || '—' : fillIn(msg(locale, 'doc.form.placeholder.placeDate'), 'placeDate')],
        },
      ],
    },
    { type: 'paragraph', text: msg(locale, 'doc.salutation') },
    { type: 'paragraph', text: msg(locale, 'doc.form.intro', { circular }) },
  ];
  if (v?.status === 'withdrawn') {
    blocks.push({
      type: 'paragraph',
      variant: 'strong',
      text: msg(locale, 'doc.reply.withdrawn', { state: filled!.stateName }),
    });
  } else {
    blocks.push({
      type: 'form',
      of: { consultationId: consultation.id, procedure: consultation.procedure },
      fillable: filled === null,
      corner: '',
      header: hasProcedureText(procedure, placedKey(procedure, 'doc', 'choice.hint'))
        ? procedureText(locale, procedure, placedKey(procedure, 'doc', 'choice.hint'))
        : msg(locale, 'doc.form.selectOne'),
      texts: texts.map((text) => {
        const position = byText.get(text.id);
        return {
          id: text.id,
          label: textLabel(locale, text),
          choices: choicesOf(locale, procedure, consultation.studyGroup, position ?? null),
          details: filled ? detailsOf(locale, procedure, consultation.studyGroup, position, filled.files) : [],
        };
      }),
    });
  }
  blocks.push(
    { type: 'paragraph', text: msg(locale, 'doc.closing') },
    {
      type: 'signature',
      lines: filled
        ? [
            typed(filled.version.signatoryName),
            typed(filled.version.signatoryTitle),
            msg(locale, 'doc.form.administration', { state: filled.stateName }),
          ]
        : [
            fillIn(placeholder('doc.form.placeholder.name'), 'signatory.name'),
            fillIn(placeholder('doc.form.placeholder.title'), 'signatory.title'),
            fillIn(
              msg(locale, 'doc.form.administration', { state: msg(locale, 'doc.form.placeholder.state') }),
              'state',
              msg(locale, 'doc.form.placeholder.state'),
            ),
          ],
    },
  );
  return blocks;
}

/**
 * The fields an Administration fills in on the blank form, in the order the form prints them,
 * each with the message of its placeholder ("[Name]").
 */
const FORM_FIELDS = [
  ['from.name', 'doc.form.placeholder.name'],
  ['from.title', 'doc.form.placeholder.title'],
  ['from.address', 'doc.form.placeholder.address'],
  ['placeDate', 'doc.form.placeholder.placeDate'],
  ['signatory.name', 'doc.form.placeholder.name'],
  ['signatory.title', 'doc.form.placeholder.title'],
  ['state', 'doc.form.placeholder.state'],
] as const;

/**
 * What the blank form of a consultation offers, in `locale`: per text the boxes an Administration
 * may tick (the procedure's choices but those the secretariat records only) with their
 * sub-options, and the fields with their placeholders — the form's identity, rebuilt from the data
 * to read a returned form against (read-returned-form.ts), never read from the file.
 */
export function formIdentity(
  locale: Locale,
  consultation: Pick<Consultation, 'id' | 'procedure'>,
  texts: readonly Pick<DeterminedText, 'id'>[],
): FormIdentity {
  const procedure = procedureFor(consultation.procedure);
  const choices = procedure.replyForm.choices
    .filter((choice) => !choice.recordedOnly)
    .map((choice) => ({ id: choice.kind, options: (choice.options?.choices ?? []).map((option) => option.id) }));
  return {
    format: FORM_FORMAT,
    consultationId: consultation.id,
    procedure: consultation.procedure,
    texts: texts.map((text) => ({ id: text.id, choices })),
    fields: Object.fromEntries(FORM_FIELDS.map(([key, id]) => [key, msg(locale, id)])),
  };
}
