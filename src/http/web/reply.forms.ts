import Type from 'typebox';
import type { ReplyFormSpec } from '../../domain/procedure/presentation.js';
import {
  COMMENT_CELL_NAME,
  type CommentRowValue,
  offeredChoices,
  replyFieldName,
  type ReplyFieldsValue,
} from './components/reply-fields.js';

/**
 * The forms of a focal point's reply pages. The reply form has fields named after the texts of
 * the consultation (`position-x1353`…), so its body is a map of strings, each bounded; the page
 * reads the fields it knows and answers missing or wrong ones itself, at the field. It is posted
 * as multipart/form-data (files); its text fields arrive as strings like any other form's.
 */
const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const Csrf = Field(200);

/**
 * The reply form: every value a string (a repeated field is refused as malformed). Room for the
 * comments tables: a few texts with up to 200 rows of three cells (domain/reply/comment-table.ts).
 */
export const ReplyForm = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 60_000 }), {
  maxProperties: 4000,
});
/** "Submit reply" on the review page: the draft revision that was reviewed. */
export const SubmitReplyForm = Type.Object({ _csrf: Csrf, draftRevision: Field(12) });
/** "Withdraw the reply": the version the page showed. */
export const WithdrawReplyForm = Type.Object({ _csrf: Csrf, basedOnVersion: Field(12) });
/** "Discard the draft": the revision the page showed. */
export const DiscardDraftForm = Type.Object({ _csrf: Csrf, draftRevision: Field(12) });

/** A consultation of the focal point's pages. */
export const MyConsultationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
/** One version of the State's reply. */
export const MyReceiptParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }),
});

/** A whole number from 0 as posted (a version or a revision), or null when it is not one. */
export function countOf(value: string | undefined): number | null {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : null;
}

/** Text as typed, without NUL characters (no form needs them and PostgreSQL cannot store them). */
function textOf(value: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  return (value ?? '').replace(/\u0000/g, '');
}

/** What the reply form posted, before its new files are stored. */
export interface PostedReplyForm {
  readonly values: Record<string, ReplyFieldsValue>;
  readonly signature: { signatoryName: string; signatoryTitle: string; place: string; signedOn: string };
  /** The reply version the form was built from, or null when missing or malformed. */
  readonly basedOnVersion: number | null;
  /** The draft revision the form was built from, or null when missing or malformed. */
  readonly draftRevision: number | null;
  /** Which button: "Save draft" or "Review before submitting". */
  readonly action: 'save' | 'review';
  /** A comments table's "Show rows to fill in" (without the script): the text whose rows to show; nothing is saved. */
  readonly rowsFor: string | null;
}

/** The text of a comments table's "Show rows to fill in" button (its field `rows`), if it is one of `textIds`. */
export function rowsAskedFor(rows: unknown, textIds: readonly string[]): string | null {
  return typeof rows === 'string' && textIds.includes(rows) ? rows : null;
}

/**
 * Reads the reply blocks of `textIds` from a posted form (reply-fields.tsx names) against the
 * procedure's reply form: the choice ticked (one of the form's kinds; a recorded-only kind only
 * when `recorded`, the secretariat's recording of a form received by e-mail, fax or post), the
 * sub-option (one of the form's sub-option ids), the texts typed, the stored file kept (unless its
 * "remove" box is ticked). Values outside the form's choices count as not chosen.
 */
export function readReplyPositions(
  body: Readonly<Record<string, string | undefined>>,
  textIds: readonly string[],
  form: ReplyFormSpec,
  recorded = false,
): Record<string, ReplyFieldsValue> {
  const kinds = new Set(offeredChoices(form, recorded).map((choice) => choice.kind));
  const options = new Set(form.choices.flatMap((choice) => choice.options?.choices.map((o) => o.id) ?? []));
  const values: Record<string, ReplyFieldsValue> = {};
  const tables = commentTables(body);
  for (const text of textIds) {
    const field = (kind: Parameters<typeof replyFieldName>[0]) => body[replyFieldName(kind, text)];
    const position = field('position');
    const option = field('option');
    const kept = field('kept');
    const removed = field('remove') === 'yes';
    values[text] = {
      position: position !== undefined && kinds.has(position) ? position : null,
      option: option !== undefined && options.has(option) ? option : null,
      comments: textOf(field('comments')),
      reasons: textOf(field('reasons')),
      possibleChanges: textOf(field('changes')),
      attachment:
        form.attachments && kept !== undefined && /^[0-9a-f]{64}$/.test(kept) && !removed
          ? { sha256: kept, filename: textOf(field('keptName')).slice(0, 200) || 'attachment' }
          : null,
      commentTable: tables.get(text) ?? [],
    };
  }
  return values;
}

/**
 * The comments tables of a posted form, by text: the rows in the order of their numbers, those
 * left empty in every cell dropped (the spare rows), so the rows a page shows again and the
 * indexes the rule's problems name are the same.
 */
function commentTables(body: Readonly<Record<string, string | undefined>>): Map<string, CommentRowValue[]> {
  const cells = new Map<string, Map<number, { clause: string; comment: string; proposedChange: string }>>();
  for (const [name, value] of Object.entries(body)) {
    const match = COMMENT_CELL_NAME.exec(name);
    if (!match || value === undefined) continue;
    const [, rowText, column, text] = match as unknown as [string, string, 'clause' | 'comment' | 'change', string];
    const rows = cells.get(text) ?? new Map();
    cells.set(text, rows);
    const row = rows.get(Number(rowText)) ?? { clause: '', comment: '', proposedChange: '' };
    rows.set(Number(rowText), row);
    row[column === 'change' ? 'proposedChange' : column] = textOf(value);
  }
  const tables = new Map<string, CommentRowValue[]>();
  for (const [text, rows] of cells)
    tables.set(
      text,
      [...rows.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, row]) => row)
        .filter((row) => `${row.clause}${row.comment}${row.proposedChange}`.trim() !== ''),
    );
  return tables;
}

/** Reads the whole reply form of a focal point. */
export function readReplyForm(
  body: Readonly<Record<string, string | undefined>>,
  textIds: readonly string[],
  form: ReplyFormSpec,
): PostedReplyForm {
  return {
    values: readReplyPositions(body, textIds, form),
    signature: {
      signatoryName: textOf(body.signatoryName),
      signatoryTitle: textOf(body.signatoryTitle),
      place: textOf(body.place),
      signedOn: textOf(body.signedOn).trim(),
    },
    basedOnVersion: countOf(body.basedOnVersion),
    draftRevision: countOf(body.draftRevision),
    action: body.action === 'review' ? 'review' : 'save',
    rowsFor: rowsAskedFor(body.rows, textIds),
  };
}
