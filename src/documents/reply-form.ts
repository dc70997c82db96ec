import type { Consultation, DeterminedText } from '../domain/consultation/consultation.js';
import type { ReplyPosition, ReplyVersion } from '../domain/reply/reply.js';
import type { Locale } from '../i18n/i18n.js';
import { bureauProfile } from './bureau.js';
import { typed, type Block, type FormChoice, type FormText } from './content.js';
import { determinedTexts, formatDay, formatNumber, msg, textLabel } from './format.js';

/**
 * The Annex 2 reply form (Res. 1 §9.4: "complete and return the form in Annex 2"): blank in the
 * circular, filled in the reply document with what one State's reply version says. Both boxes
 * of every text are always printed, with the two sub-options of "assigns authority", so a filled
 * form reads exactly like the paper the Administration would have signed.
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

function choicesOf(locale: Locale, studyGroup: string, position: ReplyPosition | null): FormChoice[] {
  const assigns = position?.position === 'assigns_authority';
  return [
    {
      checked: assigns,
      text: msg(locale, 'doc.form.assigns', { studyGroup }),
      options: [
        { checked: assigns && position?.option === 'no_comments', text: msg(locale, 'doc.form.noComments') },
        {
          checked: assigns && position?.option === 'comments_attached',
          text: msg(locale, 'doc.form.commentsAttached'),
        },
      ],
    },
    {
      checked: position?.position === 'does_not_assign_authority',
      text: msg(locale, 'doc.form.doesNotAssign', { studyGroup }),
    },
  ];
}

function detailsOf(
  locale: Locale,
  position: ReplyPosition | undefined,
  files: ReadonlyMap<string, CitedFile>,
): FormText['details'] {
  if (!position) return [{ label: msg(locale, 'doc.reply.remark'), text: msg(locale, 'doc.reply.noPosition') }];
  const details: FormText['details'][number][] = [];
  if (position.position === 'unclear')
    details.push({ label: msg(locale, 'doc.reply.remark'), text: msg(locale, 'doc.reply.unclear') });
  // What the State wrote is in its own language: its direction is its text's (a French comment in an Arabic form reads left to right).
  if (position.comments) details.push({ label: msg(locale, 'doc.reply.comments'), text: typed(position.comments) });
  if (position.reasons) details.push({ label: msg(locale, 'doc.reply.reasons'), text: typed(position.reasons) });
  if (position.possibleChanges)
    details.push({ label: msg(locale, 'doc.reply.possibleChanges'), text: typed(position.possibleChanges) });
  if (position.attachment)
    details.push({
      label: msg(locale, 'doc.reply.attachment'),
      text: describeFile(locale, position.attachment, files.get(position.attachment)),
    });
  return details;
}

/**
 * The form's blocks (without its "Annex 2" heading, which only the circular has): subject,
 * addressee and sender, the opinion table with both boxes per text, the signature.
 */
export function replyFormBlocks(locale: Locale, input: ReplyFormInput): Block[] {
  const { consultation, texts, filled } = input;
  const profile = bureauProfile(locale, consultation);
  const circular = circularName(locale, consultation);
  const byText = new Map(filled?.version.positions.map((p) => [p.text, p]) ?? []);
  const placeholder = (
    id: 'doc.form.placeholder.name' | 'doc.form.placeholder.title' | 'doc.form.placeholder.address',
  ) => msg(locale, id);
  const v = filled?.version;
  const signedAt = v
    ? [v.place, v.signedOn === null ? null : formatDay(locale, v.signedOn)]
        .filter((x): x is string => x !== null && x !== '')
        .join(', ')
    : '';

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
                placeholder('doc.form.placeholder.name'),
                placeholder('doc.form.placeholder.title'),
                placeholder('doc.form.placeholder.address'),
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
          lines: [filled ? signedAt || '—' : msg(locale, 'doc.form.placeholder.placeDate')],
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
      corner: '',
      header: msg(locale, 'doc.form.selectOne'),
      texts: texts.map((text) => {
        const position = byText.get(text.id);
        return {
          label: textLabel(locale, text),
          choices: choicesOf(locale, consultation.studyGroup, position ?? null),
          details: filled ? detailsOf(locale, position, filled.files) : [],
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
            placeholder('doc.form.placeholder.name'),
            placeholder('doc.form.placeholder.title'),
            msg(locale, 'doc.form.administration', { state: msg(locale, 'doc.form.placeholder.state') }),
          ],
    },
  );
  return blocks;
}
