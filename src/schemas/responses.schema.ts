import Type, { type Static, type TSchema } from 'typebox';
import { CLAUSE_ROLES, type ClauseRole } from '../domain/procedure/clauses.js';

/**
 * Response schemas of the JSON API. Fastify serialises with them, so a field not declared here
 * never reaches a client; presenters are typed by them, so they cannot drift.
 */
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'UTC instant, ISO 8601' });
const Day = Type.String({ description: 'UTC calendar day, YYYY-MM-DD' });

export const MemberStateView = Type.Object({
  code: Type.String(),
  participantClass: Type.String({
    description: "The participant's class: `member-state`, or an organisation's class that a procedure consults",
  }),
  iso3: Type.String({ description: 'ISO 3166-1 alpha-3 of a Member State; empty for an organisation' }),
  name: Type.String({ description: 'ITU designation (English)' }),
  names: Type.Record(Type.String(), Type.String()),
  membership: Type.Union([Type.Literal('member_state'), Type.Literal('observer')]),
  mayReply: Type.Boolean(),
  eligibilityNote: Nullable(Type.String()),
  eligibilitySince: Nullable(Day),
});
export type MemberStateView = Static<typeof MemberStateView>;

const UnLanguageView = Type.Union(
  [
    Type.Literal('ar'),
    Type.Literal('zh'),
    Type.Literal('en'),
    Type.Literal('fr'),
    Type.Literal('ru'),
    Type.Literal('es'),
  ],
  { description: 'One of the six UN languages' },
);

/** An object keyed by UN language code, every language optional (absent: not translated). */
const PerLanguage = <T extends TSchema>(schema: T, description: string) =>
  Type.Object(
    {
      ar: Type.Optional(schema),
      zh: Type.Optional(schema),
      en: Type.Optional(schema),
      fr: Type.Optional(schema),
      ru: Type.Optional(schema),
      es: Type.Optional(schema),
    },
    { description },
  );

/** A field shown in the language of record because the requested language has no translation of it. */
export const MissingTranslationView = Type.Object({
  field: Type.Union([
    Type.Literal('subject'),
    Type.Literal('reference'),
    Type.Literal('meetingPlace'),
    Type.Literal('collectiveLetter'),
    Type.Literal('addressees'),
    Type.Literal('copies'),
    Type.Literal('notes'),
    Type.Literal('title'),
    Type.Literal('summary'),
  ]),
  textId: Nullable(
    Type.String({ description: 'The text whose title or summary is missing; null for a field of the circular' }),
  ),
});

export const TextView = Type.Object({
  id: Type.String(),
  order: Type.Integer(),
  kind: Type.String(),
  designation: Type.String(),
  workItem: Nullable(Type.String()),
  title: Type.String(),
  summary: Nullable(Type.String()),
  location: Type.String(),
  locationUrl: Nullable(Type.String({ description: 'Where the text can be read (http or https), or null' })),
  a5Justification: Type.Boolean(),
  iprStatements: Type.Array(Type.String()),
  translations: PerLanguage(
    Type.Object({ title: Type.Optional(Type.String()), summary: Type.Optional(Type.String()) }),
    'Title and summary in other UN languages than the language of record, as entered',
  ),
});
export type TextView = Static<typeof TextView>;

export const TimingCheckView = Type.Object({
  rule: Type.String(),
  severity: Type.Union([Type.Literal('ok'), Type.Literal('warning'), Type.Literal('info')]),
  clause: Nullable(Type.String()),
  citation: Nullable(Type.String()),
  message: Type.String(),
});
export type TimingCheckView = Static<typeof TimingCheckView>;

/** One phase of one consultation as a window in time. */
export const PhaseWindowView = Type.Object({
  id: Type.String({ description: "One of the procedure's phase ids" }),
  startsAt: Type.Union([Instant, Type.Null()], {
    description: 'First instant of the phase; null while it waits for an event (the issue, the results notice)',
  }),
  endsAt: Type.Union([Instant, Type.Null()], {
    description: 'Last instant of the phase (inclusive); null for one that lasts until an event, or for good',
  }),
  dueBy: Type.Union([Instant, Type.Null()], {
    description:
      'When the rules want the phase to have started by (e.g. the results notice); null when they set no date',
  }),
  clause: Type.String({ description: 'The clause that sets the window' }),
  citation: Type.String({ description: 'The clause written for people, with the instrument and edition' }),
});
export type PhaseWindowView = Static<typeof PhaseWindowView>;

export const ConsultationView = Type.Object({
  id: Type.String(),
  procedure: Type.String(),
  resolutionEdition: Type.String(),
  bureau: Type.String(),
  studyPeriod: Type.String(),
  number: Type.Integer(),
  date: Day,
  announcedOn: Nullable(
    Type.String({
      description:
        'UTC calendar day, YYYY-MM-DD: the day the meeting and its texts were announced, when before the circular (a collective letter); the announcement period of the procedure (TAP: 3 months before the meeting) runs from it. Null: the circular’s date',
    }),
  ),
  reference: Type.String(),
  studyGroup: Type.String(),
  meeting: Type.Object({
    place: Type.String(),
    firstDay: Day,
    lastDay: Day,
    collectiveLetter: Nullable(Type.String()),
  }),
  subject: Type.String({
    description: 'In the language of record; with ?lang=, in that language when translated (see missingTranslations)',
  }),
  languageOfRecord: Type.Union(UnLanguageView.anyOf, {
    description: "The language the circular's own fields, titles and summaries are authoritative in",
  }),
  translations: PerLanguage(
    Type.Object({
      subject: Type.Optional(Type.String()),
      reference: Type.Optional(Type.String()),
      meetingPlace: Type.Optional(Type.String()),
      collectiveLetter: Type.Optional(Type.String()),
      addressees: Type.Optional(Type.Array(Type.String())),
      copies: Type.Optional(Type.Array(Type.String())),
      notes: Type.Optional(Type.Array(Type.String())),
    }),
    "The circular's own fields (subject, reference, meeting place, collective letter, addressees, copies, notes) in other UN languages than the language of record, as entered",
  ),
  requestedLanguage: Type.Optional(
    Type.Union(UnLanguageView.anyOf, {
      description:
        'Present with ?lang=: the language asked for. subject, reference, meeting.place, meeting.collectiveLetter, addressees, copies, notes, texts[].title and texts[].summary are in it, except the fields listed in missingTranslations, which are in languageOfRecord',
    }),
  ),
  missingTranslations: Type.Optional(
    Type.Array(MissingTranslationView, {
      description:
        'Present with ?lang=: the fields shown in the language of record for want of a translation (empty: all translated)',
    }),
  ),
  deadline: Type.String({
    description:
      'UTC instant, ISO 8601: the last instant at which a reply is on time: the end of the minute the circular states (2359 hours UTC on 16 August 2023 is 2023-08-16T23:59:59.999Z)',
  }),
  deadlineWording: Type.Union([Type.Literal('hhmm'), Type.Literal('2400')], {
    description:
      'How the circular words the deadline: hhmm ("2359 hours UTC on 16 August 2023") or 2400 ("2400 hours UTC on 16 August 2023", the end of that day)',
  }),
  deadlineText: Type.String({
    description:
      'The deadline as the circular states it, in English, in its wording: e.g. "2359 hours UTC on 16 August 2023" or "2400 hours UTC on 16 August 2023"',
  }),
  state: Type.Union([
    Type.Literal('draft'),
    Type.Literal('open'),
    Type.Literal('closed'),
    Type.Literal('decided'),
    Type.Literal('notified'),
  ]),
  phase: Type.Object(
    {
      current: Nullable(PhaseWindowView),
      next: Nullable(PhaseWindowView),
    },
    {
      description:
        'Where the consultation stands in its phases now: the phase whose window holds this instant (null before the first, between two, or after the last) and the next one (null when none is left)',
    },
  ),
  timeline: Type.Array(PhaseWindowView, {
    description:
      "The consultation's phases as windows in time, in order, from its dates and recorded decisions (the procedure's `phases`; a phase some consultations skip, e.g. TAP's `more_time`, is listed only where it applies)",
  }),
  addressees: Type.Array(Type.String()),
  copies: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
  signatory: Type.Object({ name: Type.String(), title: Type.String() }),
  languagesAvailableOn: Nullable(Day),
  settings: Type.Object({
    individualRepliesPublic: Type.Boolean(),
    eligibleStates: Nullable(Type.Array(Type.String())),
  }),
  issuedAt: Nullable(Instant),
  resultsNoticeAt: Nullable(Instant),
  resultsNoticeReference: Type.Union([Type.String(), Type.Null()], {
    description:
      'The results notice’s own reference (the circular that announced the results), given when it was issued',
  }),
  resultsReport: Type.Object(
    {
      td: Type.Union([Type.String(), Type.Null()], { description: 'The results report’s TD number' }),
      questions: Type.Union([Type.String(), Type.Null()], { description: 'The Questions the results report concerns' }),
    },
    { description: 'The header of the results report (a TD of the meeting), as the secretariat gave it' },
  ),
  enteredAfterwardsAt: Type.Union([Instant, Type.Null()], {
    description:
      'When the secretariat entered this past consultation afterwards, as a record of an earlier circular (its issue, replies, decisions and notice carry their historical dates; no e-mail was sent); null for a consultation run live in Assent',
  }),
  recordedIssuedAt: Type.Union([Instant, Type.Null()], {
    description:
      'For a consultation entered afterwards, when its circular was issued, from the records (issuedAt once the record is issued); null for a live one',
  }),
  isDemo: Type.Boolean(),
  revision: Type.Integer(),
  texts: Type.Array(TextView),
  timing: Type.Optional(
    Type.Array(TimingCheckView, { description: 'Secretariat only: timing rules checked against the dates' }),
  ),
});
export type ConsultationView = Static<typeof ConsultationView>;

export const ConsultationSummaryView = Type.Object({
  id: Type.String(),
  reference: Type.String(),
  studyGroup: Type.String(),
  subject: Type.String(),
  date: Day,
  deadline: Instant,
  state: ConsultationView.properties.state,
  isDemo: Type.Boolean(),
  texts: Type.Array(Type.Object({ id: Type.String(), designation: Type.String(), title: Type.String() })),
});
export type ConsultationSummaryView = Static<typeof ConsultationSummaryView>;

export const PositionView = Type.Object({
  text: Type.String(),
  position: Type.String(),
  option: Nullable(Type.String()),
  comments: Nullable(Type.String()),
  reasons: Nullable(Type.String()),
  possibleChanges: Nullable(Type.String()),
  attachment: Nullable(Type.String()),
  commentTable: Type.Optional(
    Type.Array(
      Type.Object({ clause: Nullable(Type.String()), comment: Type.String(), proposedChange: Nullable(Type.String()) }),
      { description: 'Comments as rows (clause, comment, proposed change); absent when none were given' },
    ),
  ),
});

export const ReplyVersionView = Type.Object({
  version: Type.Integer(),
  status: Type.Union([Type.Literal('submitted'), Type.Literal('withdrawn')]),
  receivedAt: Instant,
  channel: Type.String(),
  enteredBy: Type.String(),
  signatory: Type.Object({ name: Type.String(), title: Type.String() }),
  place: Nullable(Type.String()),
  signedOn: Nullable(Day),
  originalFile: Nullable(Type.String()),
  flags: Type.Array(Type.String()),
  simulated: Type.Boolean(),
  contentHash: Type.String(),
  positions: Type.Array(PositionView),
});
export type ReplyVersionView = Static<typeof ReplyVersionView>;

export const StateReplyView = Type.Object({
  consultationId: Type.String(),
  memberState: Type.String(),
  currentVersion: Nullable(Type.Integer()),
  countedVersion: Nullable(
    Type.Integer({
      description: 'The version that counts: the latest received by the deadline (null: none, or withdrawn)',
    }),
  ),
  versions: Type.Array(ReplyVersionView),
});
export type StateReplyView = Static<typeof StateReplyView>;

export const ReplyOverviewView = Type.Object({
  consultationId: Type.String(),
  summary: Type.Object({
    consulted: Type.Integer(),
    replied: Type.Integer(),
    counted: Type.Integer(),
    notReplied: Type.Integer(),
  }),
  items: Type.Array(
    Type.Object({
      memberState: Type.String(),
      name: Type.String(),
      replied: Type.Boolean(),
      countedVersion: Nullable(Type.Integer()),
      latest: Nullable(ReplyVersionView),
    }),
  ),
});
export type ReplyOverviewView = Static<typeof ReplyOverviewView>;

export const ReceiptView = Type.Object({
  consultationId: Type.String(),
  memberState: Type.String(),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('submitted'), Type.Literal('withdrawn')]),
  receivedAt: Instant,
  channel: Type.String(),
  counted: Type.Boolean({ description: 'Whether this version counts (received by the deadline, not a withdrawal)' }),
  contentHash: Type.String({ description: 'SHA-256 of the canonical encoding of this version' }),
  flags: Type.Array(Type.String()),
  replayed: Type.Boolean({
    description: 'True when this is the stored answer to an earlier request with the same Idempotency-Key',
  }),
});
export type ReceiptView = Static<typeof ReceiptView>;

export const DecisionView = Type.Object({
  outcome: Type.Union([
    Type.Literal('approved'),
    Type.Literal('not_approved'),
    Type.Literal('pending_more_time'),
    Type.Literal('deferred'),
  ]),
  clause: Type.String(),
  citation: Type.String(),
  moreTimeWindowEndsAt: Nullable(Instant),
  mayRestartWithoutNewDetermination: Type.Boolean(),
  opposedBy: Type.Array(Type.String()),
  reservations: Type.Array(Type.Object({ state: Type.String(), note: Type.String() })),
  recorded: Nullable(
    Type.Object({
      deferred: Type.Boolean(),
      opposing: Type.Array(Type.String()),
      abstaining: Type.Array(Type.String()),
      moreTime: Type.Array(Type.String()),
      formalOppositions: Type.Array(
        Type.Object({ state: Type.String(), receivedAt: Instant, reasons: Nullable(Type.String()) }),
      ),
      notes: Nullable(Type.String()),
      recordedAt: Instant,
      recordedBy: Type.String(),
    }),
  ),
});
export type DecisionView = Static<typeof DecisionView>;

const TallyFigures = Type.Array(
  Type.Object({
    name: Type.String({ description: "The figure's name in the procedure, e.g. replies, support, percent" }),
    value: Nullable(Type.Number({ description: 'Null when not applicable (a share with no replies)' })),
    format: Type.Union([Type.Literal('count'), Type.Literal('percent')], {
      description: 'count: a whole number; percent: per cent with at most two decimals',
    }),
  }),
  {
    description: "The named figures of the text's results as the consultation's procedure declares them, in its order",
  },
);

export const TextResultView = Type.Object({
  text: Type.Object({
    id: Type.String(),
    designation: Type.String(),
    workItem: Nullable(Type.String()),
    title: Type.String(),
    order: Type.Integer(),
  }),
  replies: Type.Integer({
    description: 'Replies received by the deadline that took a position on this text (the denominator)',
  }),
  unclear: Type.Integer({
    description: 'Replies received but not counted by the rule (a recorded form with both or neither box ticked)',
  }),
  passes: Type.Boolean({
    description:
      "Whether the replies let the text go on: to the meeting's decision (a procedure with a meeting), or approved (one without)",
  }),
  outcome: Type.String({
    description:
      "One of the procedure's outcomes (GET /api/v1/procedures/{id}, `tallyOutcomes`), e.g. TAP's may_proceed or not_at_this_meeting",
  }),
  basis: Type.String({
    description:
      "Why the text has its outcome: one of the procedure's bases (`tallyBases`), e.g. TAP's no_replies, threshold_met, threshold_not_met",
  }),
  clause: Type.String(),
  citation: Type.String(),
  explanation: Type.String(),
  figures: TallyFigures,
  byClass: Type.Array(
    Type.Object({
      participantClass: Type.String({ description: 'A class the procedure consults (`participantClasses`)' }),
      counted: Type.Boolean({ description: "Whether this class's replies count in the text's own figures" }),
      replies: Type.Integer(),
      unclear: Type.Integer(),
      passes: Type.Boolean({ description: "What the rule would give on this class's replies alone" }),
      outcome: Type.String(),
      basis: Type.String(),
      figures: TallyFigures,
    }),
    {
      description:
        "The same rule applied to each class's replies alone, in the procedure's order of classes; empty when the procedure consults one class",
    },
  ),
  decision: Nullable(DecisionView),
});
export type TextResultView = Static<typeof TextResultView>;

export const ResultsView = Type.Object({
  consultationId: Type.String(),
  state: ConsultationView.properties.state,
  final: Type.Boolean({ description: 'False before the deadline: provisional figures (secretariat only)' }),
  computedAt: Instant,
  deadline: Instant,
  resultsNoticeDueAt: Nullable(Instant),
  resultsNoticeAt: Nullable(Instant),
  texts: Type.Array(TextResultView),
  auditHead: Nullable(
    Type.Object(
      { seq: Type.Integer(), hash: Type.String() },
      {
        description:
          'The audit row the figures were computed from: every reply, counted mark and decision they reflect was recorded at or before it (assent audit verify checks those records against the trail)',
      },
    ),
  ),
});
export type ResultsView = Static<typeof ResultsView>;

export const AttachmentView = Type.Object({
  sha256: Type.String(),
  mediaType: Type.String(),
  filename: Type.String(),
  size: Type.Integer(),
});

export const TokenView = Type.Object({
  id: Type.String(),
  label: Type.String(),
  role: Type.String(),
  memberState: Nullable(Type.String()),
  createdAt: Instant,
  expiresAt: Nullable(Instant),
  revokedAt: Nullable(Instant),
  accountId: Nullable(Type.String({ description: 'Personal tokens: the account they act as' })),
  scopes: Nullable(Type.Array(Type.String(), { description: 'null: every action of the role' })),
});
export type TokenView = Static<typeof TokenView>;

export const AccountView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([
    Type.Literal('secretariat_admin'),
    Type.Literal('secretariat_staff'),
    Type.Literal('focal_point'),
    Type.Literal('observer'),
  ]),
  memberState: Nullable(Type.String()),
  focalPointRank: Nullable(Type.Union([Type.Literal('primary'), Type.Literal('alternate')])),
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')], {
    description: 'invited: no password yet',
  }),
  secondFactor: Type.Boolean(),
  authenticatorReset: Type.Boolean({
    description: 'An administrator reset the authenticator; the person has not set up the new one yet',
  }),
  language: Type.String(),
  createdAt: Instant,
});
export type AccountView = Static<typeof AccountView>;

export const AuditEventView = Type.Object({
  seq: Type.Integer(),
  at: Instant,
  actor: Type.String(),
  action: Type.String(),
  consultationId: Nullable(Type.String()),
  subject: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Nullable(Type.String({ description: 'Hash of the previous row of the chain' })),
  hash: Nullable(Type.String({ description: 'SHA-256 over prevHash and the canonical encoding of this row' })),
});

export const ProblemView = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String(),
          clause: Type.Optional(Type.String()),
          code: Type.Optional(Type.String()),
        }),
      ),
    ),
    clause: Type.Optional(Type.String()),
  },
  { title: 'Problem', description: 'RFC 9457 problem document' },
);

/** The shared problem schema, registered once with `app.addSchema` and referenced by every route. */
export const PROBLEM_SCHEMA = { $id: 'Problem', ...ProblemView } as const;
const ProblemSchemaRef = Type.Unsafe<Static<typeof ProblemView>>({ $ref: 'Problem#' });
// Errors are sent as application/problem+json (RFC 9457), and documented so.
const ProblemRef = {
  description: 'RFC 9457 problem document',
  content: { 'application/problem+json': { schema: ProblemSchemaRef } },
} as const;

/** The error responses every route may give (one shared schema, referenced). */
export const problemResponses = {
  400: ProblemRef,
  401: ProblemRef,
  403: ProblemRef,
  404: ProblemRef,
  409: ProblemRef,
  412: ProblemRef,
  413: ProblemRef,
  415: ProblemRef,
  422: ProblemRef,
  429: ProblemRef,
  503: ProblemRef,
} as const;

export const ItemsOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

export const ContactView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('focal_point'), Type.Literal('observer')]),
  memberState: Nullable(Type.String()),
  language: Type.String(),
  active: Type.Boolean(),
  createdAt: Instant,
});
export type ContactView = Static<typeof ContactView>;

export const JobView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  state: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('dead')]),
  runAt: Instant,
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  consultationId: Nullable(Type.String()),
  payload: Type.Record(Type.String(), Type.Unknown()),
  result: Nullable(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'For e-mails: to, subject, messageId, transport, location',
    }),
  ),
  createdAt: Instant,
  finishedAt: Nullable(Instant),
});
export type JobView = Static<typeof JobView>;

export const ReceiptDocument = Type.Object(
  {
    format: Type.Literal('assent-receipt/1'),
    consultation: Type.Object({ id: Type.String(), reference: Type.String() }),
    memberState: Type.String(),
    version: Type.Integer(),
    status: Type.Union([Type.Literal('submitted'), Type.Literal('withdrawn')]),
    receivedAt: Instant,
    channel: Type.String(),
    receivedByDeadline: Type.Boolean(),
    contentSha256: Type.String(),
    attachments: Type.Array(Type.Object({ sha256: Type.String(), role: Type.String() })),
    audit: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
    signature: Type.Object({
      algorithm: Type.Literal('Ed25519'),
      keyId: Type.String(),
      value: Type.String({
        description: 'base64 Ed25519 signature over the canonical JSON of the receipt without its signature',
      }),
    }),
  },
  {
    title: 'Receipt',
    description: 'A signed receipt of one reply version; keep it to prove what was sent and received',
  },
);

export const ReceiptVerificationView = Type.Object({
  ok: Type.Boolean(),
  checks: Type.Array(Type.Object({ check: Type.String(), ok: Type.Boolean(), detail: Type.String() })),
});

/** A JSON Schema (2020-12) as a value: a procedure's own request schema, for clients to validate against. */
const JsonSchemaView = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

const ClauseOrNone = Nullable(Type.String());

/** One edition's clause numbering, and the clause it applies for each role the core cites. */
export const ClauseTableView = Type.Object({
  edition: Type.String({ description: 'The edition of the instrument, e.g. "Rev. Geneva, 2022"' }),
  instrument: Type.String({ description: 'The instrument, e.g. "WTSA Resolution 1"' }),
  clauses: Type.Record(Type.String(), Type.String(), {
    description:
      "Clause number by the procedure's own clause key, e.g. consultationPasses → the number of the clause that lets a text pass",
  }),
  roles: Type.Object(
    Object.fromEntries(CLAUSE_ROLES.map((role) => [role, ClauseOrNone])) as Record<ClauseRole, typeof ClauseOrNone>,
    {
      description:
        'For each role the core cites a clause for (issuing, replying, passing or failing the consultation, the results notice…), the clause number this edition applies; null when the procedure has no such rule',
    },
  ),
});
export type ClauseTableView = Static<typeof ClauseTableView>;

/** A registered approval procedure, as GET /api/v1/procedures describes it. */
export const ProcedureView = Type.Object({
  id: Type.String({ description: "Registry key: a consultation's `procedure`" }),
  name: Type.String(),
  editions: Type.Array(Type.String(), {
    description:
      "Editions of the instrument whose clause numbering the procedure knows, newest first (a consultation's `resolutionEdition`)",
  }),
  defaultEdition: Type.String({ description: 'The edition a new consultation takes when none is given' }),
  phases: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      actors: Type.String({ description: 'Who may act in this phase, and what they may submit' }),
      accepts: Type.Array(
        Type.Union([
          Type.Literal('reply'),
          Type.Literal('meeting_decision'),
          Type.Literal('formal_opposition'),
          Type.Literal('results_notice'),
        ]),
        { description: 'What the phase accepts' },
      ),
    }),
    { description: 'The phases a consultation goes through, in order' },
  ),
  positionKinds: Type.Array(Type.String(), { description: 'The positions a reply may take on a text' }),
  positionSchema: JsonSchemaView('JSON Schema of one position of a reply (`positions[]` of PUT …/replies/{state})'),
  decisionSchema: JsonSchemaView("JSON Schema of the meeting's decision on one text (PUT …/decisions/{textId})"),
  hasMeeting: Type.Boolean({
    description:
      'Whether a meeting decides on the texts the replies let it consider; without one, the rule on the replies is the outcome',
  }),
  tallyOutcomes: Type.Array(
    Type.Object({
      id: Type.String(),
      passes: Type.Boolean({
        description: "Whether the text goes on: to the meeting's decision, or approved where there is no meeting",
      }),
    }),
    { description: "The outcomes the rule on the replies may give a text (a result's `outcome`)" },
  ),
  tallyBases: Type.Array(Type.String(), {
    description: "Why a text has its outcome (a result's `basis`), e.g. TAP's threshold_met",
  }),
  participantClasses: Type.Array(
    Type.Object({
      id: Type.String({ description: 'The class, as participants carry it (GET /api/v1/participants)' }),
      counted: Type.Boolean({ description: "Whether this class's replies count in a text's figures" }),
      mayOppose: Type.Boolean({
        description:
          'Whether a delegation of this class may be named as opposing a text in a meeting decision (false: refused with MAY_NOT_OPPOSE)',
      }),
    }),
    {
      description:
        'The classes of participant the procedure consults, in the order results split by class show them (TAP: member-state only)',
    },
  ),
  passThreshold: Nullable(
    Type.Number({
      description: 'The share of the counted replies a text needs, for display; null when the rule is not a share',
    }),
  ),
  clauseTables: Type.Array(ClauseTableView, { description: 'One per edition, in the order of `editions`' }),
});
export type ProcedureView = Static<typeof ProcedureView>;
