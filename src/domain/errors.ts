/**
 * The closed catalogue of application error codes. Codes are stable API: clients match on
 * them, the HTTP layer maps each to a status and an RFC 9457 problem document, the CLI to a
 * message and exit code. Add codes; never rename or reuse one.
 */
export const ERROR_CATALOGUE = {
  /** The request body or a parameter does not match its schema (wrong type, unknown field, missing field). */
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  /** The body is not well-formed JSON. */
  MALFORMED_JSON: { status: 400, title: 'The request body is not well-formed JSON' },
  /** The body is larger than the configured limit. */
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  /** The request is not well-formed HTTP: a URL that is not valid percent-encoding, Content-Length together with Transfer-Encoding, a request line that is not HTTP. */
  MALFORMED_REQUEST: { status: 400, title: 'The request is not well-formed HTTP' },
  /** The client took longer than the server waits to send its request. */
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  /** A part of the URL (a path parameter) is longer than the server accepts. */
  URI_TOO_LONG: { status: 414, title: 'The address is too long' },
  /** The request line and headers are larger than the server accepts. */
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  /** The media type of the body or of an attachment is not accepted. */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The media type is not supported' },
  /** No credentials, or credentials that do not identify an active token. */
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  /** The actor is known but the policy does not allow the action on this subject. */
  FORBIDDEN: { status: 403, title: 'This action is not allowed for you' },
  /** A focal point acting for a State other than its own. */
  NOT_YOUR_MEMBER_STATE: { status: 403, title: 'You may act only for your own Member State' },
  /** The role may not reply to a Member State consultation (only Member States reply: the procedure's eligibility rule). */
  ROLE_MAY_NOT_REPLY: { status: 403, title: 'Only a Member State may reply to this consultation' },
  /** The consultation, text, reply, Member State or attachment does not exist (or is not visible to the actor). */
  NOT_FOUND: { status: 404, title: 'Not found' },
  /** The Member State code is unknown. */
  UNKNOWN_MEMBER_STATE: { status: 422, title: 'Unknown Member State' },
  /** An organisation is registered as a participant under a code that one already has. */
  PARTICIPANT_EXISTS: { status: 409, title: 'A participant with this code exists already' },
  /** A participant's class that no registered procedure consults (or the Member States' own, which the curated list fills). */
  UNKNOWN_PARTICIPANT_CLASS: { status: 422, title: 'No procedure consults this class of participant' },
  /** The State exists but may not reply (observer, suspended, or outside a regional group — the procedure's eligibility and regionalGroup rules). */
  STATE_NOT_ELIGIBLE: { status: 422, title: 'This State may not reply to this consultation' },
  /** The reply was received after the deadline (only replies received by the due date count: the procedure's consultationFails rule). */
  DEADLINE_PASSED: { status: 422, title: 'The deadline for replies has passed' },
  /** The consultation is not open for replies (still a draft). */
  CONSULTATION_NOT_OPEN: { status: 409, title: 'The consultation is not open' },
  /** The consultation is issued but no phase that accepts the submission runs now: one is still to come, or none of its phases accepts it. */
  PHASE_NOT_ACCEPTING: { status: 409, title: 'The consultation does not accept this submission in its current phase' },
  /** The consultation has been issued: its circular and texts are frozen (the procedure's issue rule). */
  CONSULTATION_ISSUED: { status: 409, title: 'The consultation has been issued and can no longer be edited' },
  /** The consultation cannot be issued as it stands (no texts, missing summary, deadline in the past…). */
  CONSULTATION_INCOMPLETE: { status: 422, title: 'The consultation is not complete enough to be issued' },
  /** A reply names a text that is not in the consultation. */
  UNKNOWN_TEXT: { status: 422, title: 'The text is not in this consultation' },
  /** A reply gives two positions for one text. */
  DUPLICATE_POSITION: { status: 422, title: 'More than one position was given for a text' },
  /** A reply covers no text at all. */
  NO_POSITIONS: { status: 422, title: 'The reply gives no position' },
  /** A position lacks what the form requires (sub-option, reasons, comments), or carries what its box does not allow. */
  POSITION_INCOMPLETE: { status: 422, title: 'A position is incomplete' },
  /** The position kind is not allowed on this channel (e.g. "unclear" is only for forms recorded by the secretariat). */
  POSITION_NOT_ALLOWED: { status: 422, title: 'This position is not allowed here' },
  /** A referenced attachment does not exist. */
  UNKNOWN_ATTACHMENT: { status: 422, title: 'The attachment does not exist' },
  /** A file given as a returned reply form cannot be read as one (its problem at /file says why). */
  FORM_UNREADABLE: { status: 422, title: 'The file cannot be read as a returned reply form' },
  /** Neither a Word document (DOCX) nor a PDF. */
  NOT_A_FORM_DOCUMENT: { status: 422, title: 'The file is not a Word document or a PDF' },
  /** A Word document that is not a reply form generated by Assent (another form, or one retyped). */
  NOT_AN_ASSENT_FORM: { status: 422, title: 'The document is not a reply form generated by Assent' },
  /** An e-mail given as a returned form carries none of this consultation's forms, or several. */
  NO_FORM_ATTACHED: { status: 422, title: 'The e-mail carries no reply form of this consultation' },
  SEVERAL_FORMS_ATTACHED: { status: 422, title: 'The e-mail carries several reply forms of this consultation' },
  /** A returned form of another consultation than the one it is given for. */
  OTHER_CONSULTATION: { status: 422, title: 'The form answers another consultation' },
  /** A message received by e-mail was handled already (recorded or dismissed by someone else). */
  MESSAGE_HANDLED: { status: 409, title: 'The message was handled already' },
  /** A message received by e-mail is larger than MAIL_IN_MAX_BYTES. */
  MESSAGE_TOO_LARGE: { status: 413, title: 'The message is too large' },
  /** A returned form whose boxes are gone or no longer match the form: edited beyond recognition. */
  FORM_EDITED: { status: 422, title: 'The form was edited beyond recognition' },
  /** A returned form names no Member State, none that exists, or one that several designations fit. */
  STATE_MISSING: { status: 422, title: 'The form names no Member State' },
  STATE_NOT_FOUND: { status: 422, title: 'The form names no known Member State' },
  STATE_AMBIGUOUS: { status: 422, title: 'The form names more than one Member State' },
  /** A returned form has no signatory name or title. */
  SIGNATORY_MISSING: { status: 422, title: 'The form has no signatory' },
  /** There is no current reply to amend or withdraw. */
  NO_CURRENT_REPLY: { status: 409, title: 'There is no current reply' },
  /** A recorded reply would be older than the reply it replaces. */
  REPLY_OUT_OF_ORDER: { status: 409, title: 'The reply is older than the current reply' },
  /** The client's view of the reply is stale (If-Match / expectedVersion does not match). */
  STALE_REPLY: { status: 412, title: 'The reply has changed since you read it' },
  /** A change to a circular (or its issue) made against a revision that is no longer the stored one (If-Match). */
  STALE_CONSULTATION: { status: 412, title: 'The circular has changed since you read it' },
  /** An Idempotency-Key was reused with a different request. */
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for a different request' },
  /** Results are not available to this actor yet (before the deadline only the secretariat sees provisional results). */
  RESULTS_NOT_AVAILABLE: { status: 409, title: 'Results are not available yet' },
  /** A meeting decision cannot be recorded in this state (consultation still open, text may not be considered). */
  DECISION_NOT_ALLOWED: { status: 409, title: 'A decision cannot be recorded for this text now' },
  /** The meeting decision contradicts itself (a State both opposing and abstaining…). */
  DECISION_CONFLICT: { status: 422, title: 'The meeting decision is contradictory' },
  /** The results notice cannot be issued yet (decisions missing) or was already issued. */
  NOTICE_NOT_ALLOWED: { status: 409, title: 'The results notice cannot be issued now' },
  /** Replies can no longer change the results: the meeting's decisions have been recorded. */
  RESULTS_FROZEN: { status: 409, title: 'The results are frozen: the meeting has decided' },
  /** Wrong e-mail or password (one message for both, so that accounts cannot be discovered). */
  INVALID_CREDENTIALS: { status: 401, title: 'The e-mail address or the password is wrong' },
  /** The session exists but its second factor has not been given yet. */
  SECOND_FACTOR_REQUIRED: { status: 401, title: 'Enter the code of your authenticator app' },
  /** A wrong, expired or already used TOTP code or recovery code. */
  INVALID_SECOND_FACTOR: { status: 401, title: 'The code is wrong or was already used' },
  /** An invitation link that is unknown, expired, revoked or already used. */
  INVITATION_INVALID: { status: 410, title: 'This invitation link is no longer valid' },
  /** A password reset link that is unknown, expired, replaced by a newer one or already used, or whose account may no longer reset its password by e-mail. */
  PASSWORD_RESET_INVALID: { status: 410, title: 'This password reset link is no longer valid' },
  /** The right password of an account whose authenticator an administrator reset: the e-mailed link is needed to set up a new one. */
  AUTHENTICATOR_RESET_PENDING: { status: 403, title: 'Set up your new authenticator from the link e-mailed to you' },
  /** An administrator's reset of their own authenticator (another administrator does it; carried by CONFLICT at `/accountId`). */
  OWN_AUTHENTICATOR: { status: 409, title: 'An administrator may not reset their own authenticator' },
  /** The account is disabled (carried by CONFLICT at `/accountId` of an authenticator reset). */
  ACCOUNT_DISABLED: { status: 409, title: 'The account is disabled' },
  /** The account has not accepted its invitation yet (carried by CONFLICT at `/accountId` of an authenticator reset). */
  INVITATION_NOT_ACCEPTED: { status: 409, title: 'The account has not accepted its invitation yet' },
  /** The account has no authenticator enrolled and no reset pending (carried by CONFLICT at `/accountId` of an authenticator reset). */
  NO_AUTHENTICATOR: { status: 409, title: 'The account has no authenticator to reset' },
  /** The session expired (idle or absolute timeout) or was signed out. */
  SESSION_EXPIRED: { status: 401, title: 'Your session has ended; sign in again' },
  /** A form post without a valid CSRF token, or from another site. */
  CSRF_FAILED: { status: 403, title: 'The form could not be verified; reload the page and try again' },
  /** Too many failed sign-ins for this account or address. */
  LOGIN_LOCKED: { status: 429, title: 'Too many failed attempts; try again later' },
  /** A value conflicts with an existing record (duplicate circular number, duplicate designation…). */
  CONFLICT: { status: 409, title: 'The record conflicts with an existing one' },
  /** Too many requests. */
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  /** The database is unreachable or busy. */
  SERVICE_UNAVAILABLE: { status: 503, title: 'The service is temporarily unavailable' },
  /** A PDF was asked for but no Chromium can be found or started on the server; the DOCX of the same document still works (`assent doctor`). */
  PDF_UNAVAILABLE: { status: 503, title: 'PDF documents cannot be produced on this server; ask for the DOCX' },
  /** The receipt-signing key does not open with this server's secret (ASSENT_SECRET_KEY changed, or the key row was altered): no receipt can be signed until the secret is restored. */
  SIGNING_KEY_UNAVAILABLE: { status: 503, title: 'Receipts cannot be signed on this server now' },
  // Field-level codes: the `code` of a FieldProblem, more specific than the error that carries it, so
  // that a client (a page in another language, say) can tell two problems of one field apart
  // without reading their English. They are thrown on their own only where said.

  /** A Member State named twice in one list of a meeting decision (carried by DECISION_CONFLICT). */
  STATE_LISTED_TWICE: { status: 422, title: 'A Member State is listed twice' },
  /** A form, letter or formal opposition said to be received after the server's clock (carried by VALIDATION_FAILED). */
  RECEIVED_IN_FUTURE: { status: 422, title: 'It cannot have been received in the future' },
  /** A recorded form said to be received before its circular was issued (carried by VALIDATION_FAILED). */
  RECEIVED_BEFORE_ISSUE: { status: 422, title: 'It cannot have been received before the circular was issued' },
  /** The consultation is not closed yet: the meeting decides, and the notice follows, after the deadline (carried by DECISION_NOT_ALLOWED and NOTICE_NOT_ALLOWED). */
  DEADLINE_NOT_PASSED: { status: 409, title: 'The deadline for replies has not passed yet' },
  /** Decisions are recorded from the first day of the meeting (the procedure's meeting rule; carried by DECISION_NOT_ALLOWED). */
  MEETING_NOT_STARTED: { status: 409, title: 'The meeting has not started yet' },
  /** The results notice has been issued: decisions are final and it is issued once (the procedure's resultsNotice rule; carried by DECISION_NOT_ALLOWED and NOTICE_NOT_ALLOWED). */
  RESULTS_NOTICE_ISSUED: { status: 409, title: 'The results notice has been issued' },
  /** The text did not obtain the support needed, so the meeting may not consider it (the procedure's consultationFails rule; carried by DECISION_NOT_ALLOWED). */
  TEXT_MAY_NOT_BE_CONSIDERED: { status: 409, title: 'The meeting may not consider this text' },
  /** No decision is recorded on a text the meeting could consider (carried by NOTICE_NOT_ALLOWED). */
  DECISION_MISSING: { status: 409, title: 'A decision is missing' },
  /** A circular's days or deadline are out of the order the procedure requires (meeting after the circular, deadline before the meeting by its replyPeriod rule; carried by VALIDATION_FAILED). */
  DATES_OUT_OF_ORDER: { status: 422, title: 'The days are not in the required order' },
  /** A deadline stated neither as a minute (seconds and milliseconds zero: that whole minute) nor as the last millisecond of one: a circular states its deadline to the minute (domain/consultation/deadline.ts; carried by VALIDATION_FAILED). */
  DEADLINE_NOT_A_MINUTE: { status: 422, title: 'A deadline is stated to the minute' },
  /** A deadline worded "2400 hours UTC" whose instant is not the end of a day (carried by VALIDATION_FAILED). */
  DEADLINE_WORDING_MISMATCH: { status: 422, title: 'The wording of the deadline does not match its instant' },
  /** A text is longer than its field allows (carried by VALIDATION_FAILED and the reply's position codes). */
  TEXT_TOO_LONG: { status: 400, title: 'The text is too long' },
  /** A row of a position's comments table has a clause or a proposed change but no comment (carried by the reply's problems at `/positions/<n>/commentTable/<row>/comment`). */
  COMMENT_ROW_INCOMPLETE: { status: 422, title: 'A row of the comments table has no comment' },
  /** A position's comments table has more rows than one text may carry (carried by the reply's problems). */
  TOO_MANY_COMMENT_ROWS: { status: 422, title: 'The comments table has too many rows' },
  /** A translated list (addressees, copies, notes) without as many entries as the one of record (carried by VALIDATION_FAILED at `/translations/<language>/<field>`). */
  TRANSLATION_LIST_LENGTH: { status: 422, title: 'A translated list has another number of entries' },
  /** An entry of a translated list left blank (carried by VALIDATION_FAILED at `/translations/<language>/<field>/<n>`). */
  TRANSLATION_BLANK: { status: 422, title: 'An entry of a translated list is blank' },
  /** A translation of a field the record leaves empty (a text's summary, the collective letter; carried by VALIDATION_FAILED). */
  TRANSLATION_WITHOUT_RECORD: { status: 422, title: 'There is nothing in the language of record to translate' },
  /** A password shorter than the policy's minimum (carried by VALIDATION_FAILED; domain/identity/password-policy.ts). */
  PASSWORD_TOO_SHORT: { status: 400, title: 'The password is too short' },
  /** A password made of the account's e-mail address or its name part (carried by VALIDATION_FAILED). */
  PASSWORD_CONTAINS_EMAIL: { status: 400, title: 'The password contains the e-mail address' },
  /** A password of one character repeated (carried by VALIDATION_FAILED). */
  PASSWORD_ONE_CHARACTER: { status: 400, title: 'The password repeats one character' },
  /** A reviewed XLIFF file that is not well-formed XML, or not XLIFF 2.0 as Assent writes it: a missing id, an unknown state, a state past `initial` without a target (carried by VALIDATION_FAILED at the unit, `<file id>/<unit id>`, or at `line:column`; i18n/xliff.ts). */
  XLIFF_MALFORMED: { status: 400, title: 'The file is not well-formed XLIFF 2.0' },
  /** An XLIFF construct Assent does not read: another version, inline markup in a message, a skeleton (carried by VALIDATION_FAILED). */
  XLIFF_NOT_SUPPORTED: { status: 422, title: 'The file uses XLIFF that Assent does not read' },
  /** The source or target language of an XLIFF file is not the one expected (carried by VALIDATION_FAILED at `xliff/@srcLang` or `xliff/@trgLang`). */
  XLIFF_WRONG_LANGUAGE: { status: 422, title: 'The file is for another language' },
  /** Two files or two units of one file with one id (carried by VALIDATION_FAILED). */
  XLIFF_DUPLICATE_ID: { status: 422, title: 'An id is given twice' },
  /** A unit or file that no longer exists, or never did: a message id, a field of a circular (carried by VALIDATION_FAILED). */
  XLIFF_UNKNOWN_UNIT: { status: 422, title: 'The unit is not known' },
  /** The source text of a unit is no longer the current one: the translation was made from another text; export again (carried by VALIDATION_FAILED). */
  XLIFF_SOURCE_CHANGED: { status: 409, title: 'The source text has changed since the file was exported' },
  /** A translated message that is empty (carried by VALIDATION_FAILED; i18n/message-checks.ts). */
  MESSAGE_EMPTY: { status: 422, title: 'The message is empty' },
  /** A translated message that is not valid ICU MessageFormat (carried by VALIDATION_FAILED). */
  MESSAGE_SYNTAX: { status: 422, title: 'The message is not valid ICU MessageFormat' },
  /** A translated message whose placeholders are not those of its source (carried by VALIDATION_FAILED). */
  MESSAGE_PLACEHOLDERS: { status: 422, title: 'The message does not have the placeholders of its source' },
  /** A plural of a translated message that lacks a plural category of its language (carried by VALIDATION_FAILED). */
  MESSAGE_PLURAL_CATEGORIES: { status: 422, title: 'A plural lacks a category of the language' },
  /** A procedure id no module implements (src/procedures/registry.ts); the problem lists the known ids. */
  UNKNOWN_PROCEDURE: { status: 422, title: 'Unknown approval procedure' },
  /** An edition of the procedure's instrument whose clauses are not known; the problem lists the known editions (carried by VALIDATION_FAILED). */
  UNKNOWN_EDITION: { status: 422, title: 'Unknown edition of the procedure' },
  /** A meeting decision names a delegation that is not a participant with a voice in the consultation (an observer, a State whose rights are suspended, outside a regional group; carried by DECISION_CONFLICT). */
  NOT_A_PARTICIPANT: { status: 422, title: 'Not a participant in this consultation' },
  /** A meeting decision names as opposing a participant whose class may not oppose (the procedure's class definition, e.g. a Sector Member under A.8 §5.4; carried by DECISION_CONFLICT). */
  MAY_NOT_OPPOSE: { status: 422, title: 'This participant may not oppose' },
  /** A consultation entered afterwards said to be issued after the server's clock (carried by VALIDATION_FAILED at `/enteredAfterwards/issuedAt`). */
  ISSUED_IN_FUTURE: { status: 422, title: 'It cannot have been issued in the future' },
  /** A consultation entered afterwards said to be issued before the day of its circular (carried by VALIDATION_FAILED at `/enteredAfterwards/issuedAt`). */
  ISSUED_BEFORE_CIRCULAR: { status: 422, title: 'It cannot have been issued before the date of the circular' },
  /** A consultation entered afterwards said to be issued at or after its deadline (carried by VALIDATION_FAILED at `/enteredAfterwards/issuedAt`). */
  ISSUED_AFTER_DEADLINE: { status: 422, title: 'It must have been issued before its deadline' },
  /** A results notice dated after today (carried by VALIDATION_FAILED at `/issuedOn`). */
  NOTICE_IN_FUTURE: { status: 422, title: 'The results notice cannot be dated in the future' },
  /** A results notice dated before the last day of the meeting (carried by VALIDATION_FAILED at `/issuedOn`). */
  NOTICE_BEFORE_MEETING_END: { status: 422, title: 'The results notice cannot be dated before the meeting ended' },
  /** A past date given for something done live in Assent: only a consultation entered afterwards carries historical dates (carried by VALIDATION_FAILED). */
  NOT_ENTERED_AFTERWARDS: { status: 422, title: 'Only a consultation entered afterwards takes a past date' },
  /** Anything unexpected. Never carries internal details to the client. */
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** True for a code of the catalogue above (not a procedure's own problem code). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, code);
}

/** A problem's code when it is one of the catalogue's, else `fallback`. */
export function catalogueCodeOf<T extends ErrorCode | undefined>(
  problem: { readonly code?: string },
  fallback: T,
): ErrorCode | T {
  return problem.code !== undefined && isErrorCode(problem.code) ? problem.code : fallback;
}

/** One field-level problem: which field, which rule, in words. */
/** A procedure's own problem code (upper snake case), outside the core catalogue. */
export type ProcedureProblemCode = string & { readonly procedureProblemCode?: never };

export interface FieldProblem {
  /** JSON pointer or dotted path of the field (e.g. `/positions/2/reasons`). */
  readonly field: string;
  /** The rule, in words a user can act on. */
  readonly message: string;
  /** The clause the rule implements, when it comes from the procedure. */
  readonly clause?: string;
  /**
   * The code of the rule this problem breaks, when it is more specific than the error's: a code of
   * the catalogue above, or a procedure's own (TAP's `REASONS_MISSING`), which pages word with the
   * procedure's message `error.<CODE>`. Stable: clients may rely on it.
   */
  readonly code?: ErrorCode | ProcedureProblemCode;
}

/** An expected failure with a catalogued code. Services throw it; the edges translate it. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: readonly FieldProblem[];
  readonly clause: string | undefined;

  constructor(code: ErrorCode, detail?: string, options: { errors?: readonly FieldProblem[]; clause?: string } = {}) {
    super(detail ?? ERROR_CATALOGUE[code].title);
    this.name = 'AppError';
    this.code = code;
    this.errors = options.errors ?? [];
    this.clause = options.clause;
  }

  get status(): number {
    return ERROR_CATALOGUE[this.code].status;
  }
}

/** Narrows an unknown thrown value to an AppError. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
