import Type from 'typebox';
import { StateCode } from '../../../schemas/common.schema.js';

/**
 * The query strings and form bodies of the secretariat's outcome pages (replies dashboard,
 * recorded replies, results, meeting decisions, results notice). As everywhere on the pages,
 * every field is an optional bounded string: a missing or wrong value is answered by the page
 * itself, with its message at the field. Extra fields are tolerated (the recorded-reply form names
 * its per-text fields after the consultation's texts). What a form means is read from these
 * strings by the sub-area's own reader (record-reply.forms.ts, decisions.forms.ts).
 */
const Field = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
/** A field that a browser sends once, or several times (a select multiple, repeated rows). */
const Many = (maxLength: number, maxItems = 250) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Array(Type.String({ maxLength }), { maxItems })]));
const Csrf = Field(200);

/** A consultation, by id. */
export const OutcomeParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** The dashboard's filters (a GET form: they work without script) and a notice after a redirect. */
/** `?format=csv|xlsx`: the page's list as a file for spreadsheet software (a link; anything else is refused). */
const Format = Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]));

export const RepliesQuery = Type.Object({
  notice: Field(60),
  status: Field(20),
  text: Field(80),
  position: Field(80),
  channel: Field(20),
  format: Format,
  /** Which list a CSV file holds: the replies (default) or the States that have not replied. */
  rows: Type.Optional(Type.Union([Type.Literal('replies'), Type.Literal('not-replied')])),
});

/** The comments page's filters: a value the page does not offer means "any". */
export const CommentsQuery = Type.Object({
  text: Field(80),
  position: Field(80),
  state: Field(10),
  region: Field(20),
  channel: Field(20),
});

/** One State's reply to a consultation. */
export const StateReplyParams = Type.Object({
  id: OutcomeParams.properties.id,
  state: StateCode,
});

/** A file a reply cites, by its SHA-256. */
export const FileParams = Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) });

/** A status message named by a redirect. */
export const OutcomeNoticeQuery = Type.Object({ notice: Field(60) });

/** The results page's query: a status message, or the results as a file. */
export const ResultsQuery = Type.Object({ notice: Field(60), format: Format });

/**
 * A form received by e-mail, fax or paper (multipart: the scan travels with it). The positions
 * per text are `position-<text>`, `option-<text>`, `comments-<text>`, `reasons-<text>`,
 * `changes-<text>`: tolerated as extra fields and read by the route.
 */
export const RecordReplyForm = Type.Object({
  _csrf: Csrf,
  memberState: Field(10),
  receivedAt: Field(40),
  receivedZone: Field(10),
  channel: Field(20),
  signatoryName: Field(400),
  signatoryTitle: Field(1000),
  place: Field(400),
  signedOn: Field(20),
  /** The message received by e-mail the reply is recorded from (its form is the original), when it is. */
  message: Field(64),
});

/** `?message=…`: the record page filled from a message received by e-mail. */
export const RecordQuery = Type.Object({ message: Field(64) });

/** What the meeting decided on one text (the procedure's meeting rules), as the decisions page posts it. */
export const DecisionForm = Type.Object({
  _csrf: Csrf,
  text: Field(80),
  deferred: Field(10),
  opposing: Many(10),
  abstaining: Many(10),
  moreTime: Many(10),
  reservationState: Many(10, 300),
  reservationNote: Many(5000, 300),
  /** How many reservation rows the form showed, and the button asking for one more (nothing is saved). */
  reservationRows: Field(4),
  addReservation: Field(10),
  formalState: Many(10),
  formalReceivedAt: Many(40),
  formalReceivedZone: Many(10),
  formalReasons: Many(20_000),
  notes: Field(5000),
});

/** A form that is one button (the results notice). */
export const OutcomeCsrfForm = Type.Object({ _csrf: Csrf });

/** Text typed in a form, without NUL characters (no field needs one; PostgreSQL refuses them). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
export const clean = (value: unknown): string => (typeof value === 'string' ? value.replace(/\u0000/g, '') : '');

/** A field that may come once or several times, as a list of strings. */
export const many = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(clean) : typeof value === 'string' ? [clean(value)] : [];

/**
 * The zones a time received on paper, by fax or by e-mail may be typed in: UTC (`Z`), the default,
 * then every offset from UTC in use (ISO 8601 `±HH:MM`). An offset rather than a place: the clock
 * the time was read from says "+02:00" on a fax header, and an offset has no summer-time doubt.
 */
export const RECEIPT_ZONES: readonly string[] = [
  'Z',
  ...['-12:00', '-11:00', '-10:00', '-09:30', '-09:00', '-08:00', '-07:00', '-06:00', '-05:00', '-04:00', '-03:30'],
  ...['-03:00', '-02:00', '-01:00', '+01:00', '+02:00', '+03:00', '+03:30', '+04:00', '+04:30', '+05:00', '+05:30'],
  ...['+05:45', '+06:00', '+06:30', '+07:00', '+08:00', '+08:45', '+09:00', '+09:30', '+10:00', '+10:30', '+11:00'],
  ...['+12:00', '+12:45', '+13:00', '+14:00'],
];

/** True when `zone` is one of RECEIPT_ZONES. */
export function isReceiptZone(zone: string): boolean {
  return RECEIPT_ZONES.includes(zone);
}

/**
 * A date-time input (`YYYY-MM-DDTHH:MM[:SS]`) typed in `zone` (UTC unless said, RECEIPT_ZONES)
 * written as the ISO instant in UTC a service takes; anything else, or a zone not in the list, is
 * passed on as typed. Whether it is a real instant is the schema's and the service's to say, at
 * its field.
 */
export function instantOfInput(value: string, zone = 'Z'): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(value.trim());
  if (!match || !isReceiptZone(zone)) return value;
  const typed = `${match[1]}T${match[2]}${match[3] ?? ':00'}`;
  if (zone === 'Z') return `${typed}Z`;
  const at = Date.parse(`${typed}${zone}`);
  // A day that does not exist (2023-02-30) stays as typed, for the schema to refuse.
  return Number.isNaN(at) || new Date(Date.parse(`${typed}Z`)).toISOString().slice(0, 10) !== match[1]
    ? value
    : new Date(at).toISOString().replace('.000Z', 'Z');
}

/** The index in a problem's field path such as `/positions/2/reasons`, or null. */
export function indexIn(field: string, list: string): number | null {
  const match = new RegExp(`^/${list}/(\\d+)`).exec(field);
  return match ? Number(match[1]) : null;
}

/** The "read a returned Word form" form: its file is a multipart upload (`form`), so the body holds the CSRF token only. */
export const ReadFormForm = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200 })) });
