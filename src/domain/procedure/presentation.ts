/**
 * What a procedure brings for people to read, as data: its words in the six languages, the choices
 * of its reply form, and the named figures of its results. The core's pages, documents and CLI
 * render these generically (src/i18n/procedure-text.ts formats the words), so a procedure's
 * options, field labels, error messages and result figures never appear in a core file.
 */

/**
 * A procedure's own catalogues: by locale (`en`, `fr`, …), message key → ICU MessageFormat source.
 * English is required and is the fallback of every other locale; every locale has English's keys
 * (src/i18n/procedure-text.test.ts checks each registered procedure). Like the core catalogues,
 * no message contains a clause number: a message takes a `{clause}` value the core formats.
 */
export type ProcedureCatalogues = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The stored free-text fields of a position a choice opens (the reply form shows them under the
 * choice; the API names them in a position).
 */
export const REPLY_TEXT_FIELDS = ['comments', 'reasons', 'possibleChanges'] as const;
export type ReplyTextField = (typeof REPLY_TEXT_FIELDS)[number];

/** A free-text field under a choice, with the message keys of its label and hint. */
export interface ReplyTextFieldSpec {
  readonly field: ReplyTextField;
  readonly label: string;
  readonly hint: string | null;
}

/** A second question a choice asks (TAP: "no comments" or "comments attached"). */
export interface ReplySubOptions {
  /** Message key of the question. */
  readonly legend: string;
  readonly choices: readonly { readonly id: string; readonly label: string }[];
}

/**
 * One choice of the reply form for a text. Message keys take `{body}` (the body consulted about
 * the text, e.g. "SG17") and `{text}` (the text's heading) where they need them.
 */
export interface ReplyChoice {
  /** The stored position kind. */
  readonly kind: string;
  /** Message key of the choice as the form words it. */
  readonly label: string;
  /** Offered only when the secretariat records a form received by e-mail, fax or post. */
  readonly recordedOnly: boolean;
  readonly options: ReplySubOptions | null;
  readonly fields: readonly ReplyTextFieldSpec[];
  /**
   * Whether the choice opens the structured comments table (clause, comment, proposed change:
   * domain/reply/comment-table.ts) beside its free-text fields; the procedure's rule says whether
   * rows count as the comments or reasons it asks for.
   */
  readonly commentTable: boolean;
  /**
   * Message keys of how a stored position of this kind reads (receipts, history, documents), by
   * sub-option id; the key `''` is the reading with no sub-option.
   */
  readonly reads: Readonly<Record<string, string>>;
}

/** The reply form of a procedure, per text. */
export interface ReplyFormSpec {
  readonly choices: readonly ReplyChoice[];
  /** Whether a file (comments, reasons) may be attached to a text's position. */
  readonly attachments: boolean;
  /**
   * Whether a reply must take a position on every text of the consultation. False (TAP): each
   * text has its own outcome, and a State may answer some texts now and the others in a later
   * version before the deadline; the form then asks only for one position at least. A procedure
   * that says true refuses a partial reply in its rule (checkReply) too, so that the API agrees.
   */
  readonly everyText: boolean;
}

/**
 * A named number of a text's results (TAP: replies, support, per cent, needed more). Its label is
 * the procedure's message `figure.<name>` (a column heading: no placeholder); the core formats the
 * value for the reader. A null value is not applicable (a share with no replies) and is shown so.
 * `percent` values are per cent with at most two decimals (69.57), as the rule computed them.
 */
export interface TallyFigure {
  readonly name: string;
  readonly value: number | null;
  readonly format: 'count' | 'percent';
}

/** The message key of a rule problem's words in a procedure's catalogue: `error.<CODE>`, taking `{text}`. */
export function problemMessageKey(code: string): string {
  return `error.${code}`;
}

/** The message key of a figure's label in a procedure's catalogue. */
export function figureMessageKey(name: string): string {
  return `figure.${name}`;
}

/** The choice a stored kind belongs to, or null. */
export function choiceOf(form: ReplyFormSpec, kind: string): ReplyChoice | null {
  return form.choices.find((choice) => choice.kind === kind) ?? null;
}

/** The message key of how a stored position reads: its sub-option's reading, else the choice's. */
export function readingKeyOf(form: ReplyFormSpec, kind: string, option: string | null): string | null {
  const choice = choiceOf(form, kind);
  if (!choice) return null;
  return (option !== null ? choice.reads[option] : undefined) ?? choice.reads[''] ?? null;
}
