import type { ColumnType, Generated } from 'kysely';
import type { AccountRole } from '../domain/identity/account.js';
import type { JobState } from '../domain/jobs/job.js';

// The closed vocabularies the CHECK constraints hold are the domain's; AccountRole is re-exported
// for the tests and tools that name it here.
export type { AccountRole } from '../domain/identity/account.js';

/**
 * The database schema as Kysely sees it. Hand-written and dialect-neutral (one interface for
 * SQLite and PostgreSQL): ids and codes are text, instants are bigint epoch-milliseconds UTC,
 * calendar days are `YYYY-MM-DD` text, flags are integer 0/1, lists and objects are JSON text.
 */
export interface DB {
  member_state: MemberStateTable;
  consultation: ConsultationTable;
  determined_text: DeterminedTextTable;
  reply: ReplyTable;
  reply_version: ReplyVersionTable;
  reply_position: ReplyPositionTable;
  attachment: AttachmentTable;
  meeting_decision: MeetingDecisionTable;
  api_token: ApiTokenTable;
  audit_event: AuditEventTable;
  audit_pending: AuditPendingTable;
  audit_checkpoint: AuditCheckpointTable;
  idempotency_record: IdempotencyRecordTable;
  job: JobTable;
  contact: ContactTable;
  attachment_upload: AttachmentUploadTable;
  signing_key: SigningKeyTable;
  account: AccountTable;
  invitation: InvitationTable;
  password_reset: PasswordResetTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  reply_draft: ReplyDraftTable;
  document: DocumentTable;
  inbound_message: InboundMessageTable;
}

export interface AccountTable {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: AccountRole;
  member_state: string | null;
  focal_point_rank: 'primary' | 'alternate' | null;
  /** argon2id PHC string; null until the invitation is accepted. */
  password_hash: string | null;
  /** TOTP secret, AES-256-GCM encrypted with the server secret key. */
  totp_secret: string | null;
  totp_enabled_at: number | null;
  /** The last TOTP time step accepted (a code is never accepted twice). */
  totp_last_step: number | null;
  language: string;
  disabled_at: number | null;
  /** When an administrator reset the authenticator, until a new one is confirmed (migration 0016). */
  authenticator_reset_at: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
}

export interface InvitationTable {
  id: string;
  /** SHA-256 of the link's secret. */
  token_hash: string;
  account_id: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
  /** `account`: a password, then an authenticator; `authenticator`: the password given, a new authenticator (migration 0016). */
  purpose: ColumnType<InvitationPurpose, InvitationPurpose | undefined, InvitationPurpose>;
}

/** What an invitation link lets its holder do. */
export type InvitationPurpose = 'account' | 'authenticator';

/** The single-use links of "Forgot your password?" (migration 0016). */
export interface PasswordResetTable {
  id: string;
  /** SHA-256 of the link's secret. */
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface RecoveryCodeTable {
  account_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface SessionTable {
  /** SHA-256 of the cookie's secret. */
  id: string;
  account_id: string;
  created_at: number;
  last_seen_at: number;
  /** Absolute expiry. */
  expires_at: number;
  /** Null until the second factor was given in this session. */
  mfa_verified_at: number | null;
  /** Secret of the session's CSRF tokens. */
  csrf_secret: string;
  user_agent: string | null;
  ip: string | null;
}

export interface LoginThrottleTable {
  /**
   * `account:<email>`, `ip:<address>`, `ip+account:…` and `second-factor:<account id>` (sign-in: failures and a
   * lock), or `reset-request:…` (password-reset requests: a count and the end of its window in `locked_until`).
   */
  key: string;
  failures: number;
  locked_until: number | null;
  updated_at: number;
}

export interface SigningKeyTable {
  id: string;
  algorithm: 'Ed25519';
  /** PEM (SPKI), for reference only: the trusted public key is derived from the sealed private key. */
  public_key: string;
  /** PEM (PKCS#8) sealed with the server secret (`v1.<iv>.<tag>.<ciphertext>`, migration 0010). */
  private_key: string;
  created_at: number;
  /** From when the key signs (migration 0010; its creation). */
  valid_from: ColumnType<number, number | undefined, number>;
  /** Until when it signed: null while it is the current key, set when it is retired. */
  valid_until: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface AttachmentUploadTable {
  sha256: string;
  uploaded_by: string;
  filename: string;
  uploaded_at: number;
}

export interface JobTable {
  /** Deterministic for scheduled work (e.g. `reminder:tsb-79-2023:7d`), so two instances never schedule it twice. */
  id: string;
  kind: string;
  payload: string;
  state: JobState;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_until: number | null;
  locked_by: string | null;
  last_error: string | null;
  /** JSON: what the handler reported (for e-mails: recipient, subject, message id). */
  result: string | null;
  consultation_id: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface ContactTable {
  id: string;
  email: string;
  name: string;
  role: 'focal_point' | 'observer';
  member_state: string | null;
  language: string;
  active: Flag;
  created_at: number;
}

/** 0 or 1: SQLite has no boolean and PostgreSQL would return true/false. */
export type Flag = 0 | 1;

/**
 * The participants a consultation may consult (named for its first class): the Member States, and
 * organisations of other classes registered by the secretariat (migration 0020). `code` is a
 * Member State's ISO 3166-1 alpha-2 code, or an organisation's code of three or more characters.
 */
export interface MemberStateTable {
  code: string;
  /** ISO 3166-1 alpha-3 of a Member State; `org:<code>` for an organisation (the column is unique; read as empty). */
  iso3: string;
  name_en: string;
  /** JSON object: language → designation. */
  names: string;
  /** `observer` for an observer (WTSA Res. 99); every other participant, of whatever class, is `member_state` (migration 0001's CHECK). */
  membership: 'member_state' | 'observer';
  may_reply: Flag;
  eligibility_note: string | null;
  eligibility_since: string | null;
  updated_at: number;
  /** The participant's class, as procedures name it (`member-state`, `sector-member`…; migration 0020). */
  participant_class: ColumnType<string, string | undefined, string>;
}

/** The wordings of a deadline (CHECK in migration 0012). */
export type DeadlineWordingColumn = 'hhmm' | '2400';

/** The six UN languages (CHECK in migration 0009). */
export type ContentLanguage = 'ar' | 'zh' | 'en' | 'fr' | 'ru' | 'es';

export interface ConsultationTable {
  id: string;
  procedure: string;
  resolution_edition: string;
  bureau: string;
  study_period: string;
  number: number;
  circular_date: string;
  reference: string;
  study_group: string;
  meeting_place: string;
  meeting_first_day: string;
  meeting_last_day: string;
  collective_letter: string | null;
  subject: string;
  deadline_at: number;
  addressees: string;
  copies: string;
  notes: string;
  signatory_name: string;
  signatory_title: string;
  languages_available_on: string | null;
  individual_replies_public: Flag;
  /** JSON array of State codes, or null for every Member State. */
  eligible_states: string | null;
  issued_at: number | null;
  results_notice_at: number | null;
  /** The results notice's own reference ("TSB Circular 140"), given when it is issued (migration 0018). */
  results_notice_reference: ColumnType<string | null, string | null | undefined, string | null>;
  /** The results report's TD number ("SG17-TD1234"), given by the secretariat (migration 0018). */
  results_report_td: ColumnType<string | null, string | null | undefined, string | null>;
  /** The Questions the results report concerns ("6/17, 10/17"), given by the secretariat (migration 0018). */
  results_report_questions: ColumnType<string | null, string | null | undefined, string | null>;
  is_demo: Flag;
  created_at: number;
  updated_at: number;
  /** Incremented on every change (optimistic concurrency, ETag). */
  revision: number;
  /** One of the six UN language codes (migration 0009; defaults to `en`). */
  language_of_record: ColumnType<ContentLanguage, ContentLanguage | undefined, ContentLanguage>;
  /** JSON object: language → `{ subject }` (migration 0009; defaults to `{}`). */
  translations: ColumnType<string, string | undefined, string>;
  /** How the circular words the deadline: `hhmm` or `2400` (migration 0012; defaults to `hhmm`). */
  deadline_wording: ColumnType<DeadlineWordingColumn, DeadlineWordingColumn | undefined, DeadlineWordingColumn>;
  /** The day of the announcement, when it precedes the circular (migration 0012). */
  announced_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a consultation entered afterwards, as a record of a past circular, was entered; null when run live (migration 0014). */
  entered_afterwards_at: ColumnType<number | null, number | null | undefined, number | null>;
  /** For a consultation entered afterwards, the instant it was issued, from the records (migration 0014). */
  recorded_issued_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DeterminedTextTable {
  consultation_id: string;
  id: string;
  ord: number;
  kind: 'new' | 'revised' | 'corrigendum' | 'amendment';
  designation: string;
  work_item: string | null;
  title: string;
  summary: string | null;
  location: string;
  /** Where the document can be read (an http(s) address), or null (migration 0017). */
  location_url: ColumnType<string | null, string | null | undefined, string | null>;
  a5_justification: Flag;
  /** JSON array of strings. */
  ipr_statements: string;
  /** JSON object: language → `{ title?, summary? }` (migration 0009; defaults to `{}`). */
  translations: ColumnType<string, string | undefined, string>;
}

export interface ReplyTable {
  consultation_id: string;
  member_state: string;
  /** The latest version (what the State last did). */
  current_version: number;
  /**
   * The version that counts (only replies received by the due date count): the latest submitted version received by the
   * deadline; null when the latest on-time act was a withdrawal. Maintained in the transaction
   * that writes a version, so results are one aggregate query.
   */
  counted_version: number | null;
  updated_at: number;
}

export interface ReplyVersionTable {
  consultation_id: string;
  member_state: string;
  version: number;
  status: 'submitted' | 'withdrawn';
  received_at: number;
  channel: 'web' | 'api' | 'email' | 'fax' | 'paper';
  entered_by: string;
  signatory_name: string;
  signatory_title: string;
  place: string | null;
  signed_on: string | null;
  original_file: string | null;
  /** JSON array of flags. */
  flags: string;
  simulated: Flag;
  content_hash: string;
  /** Sequence and hash of the audit row that recorded this version (its receipt cites them). */
  audit_seq: number | null;
  audit_hash: string | null;
}

/** A State's draft reply (not the record): the form's values, shared by the State's focal points. */
export interface ReplyDraftTable {
  consultation_id: string;
  member_state: string;
  /** Moves on with each save; a save over a revision the saver did not see is refused. */
  revision: number;
  /** The reply version the draft was started from (0: none); a submission expects it to be current. */
  based_on_version: number;
  /** JSON: the form's values per text, the signature fields, attachment ids and names. */
  content: string;
  created_at: number;
  updated_by: string;
  updated_at: number;
}

/** A generated document of a closed record, stored once and served unchanged (migration 0008). */
export interface DocumentTable {
  consultation_id: string;
  kind: 'circular' | 'reply' | 'receipt' | 'results-report' | 'results-notice';
  /** `KR/2` for a reply version and its receipt; empty for documents of the whole consultation. */
  subject: string;
  format: 'docx' | 'pdf';
  locale: string;
  sha256: string;
  media_type: string;
  filename: string;
  size: number;
  content: Uint8Array;
  created_at: number;
  created_by: string;
}

export interface ReplyPositionTable {
  consultation_id: string;
  member_state: string;
  version: number;
  text_id: string;
  /** The position's kind, as its procedure defines it (checked by the procedure, not by the schema). */
  position: string;
  /** JSON text: the rest of what the procedure's form asks for (repositories/procedure-records.ts). */
  detail: string;
  attachment: string | null;
  /** 1 for the positions of the reply's counted version (mirrors reply.counted_version). */
  counted: ColumnType<Flag, Flag | undefined, Flag>;
}

export interface AttachmentTable {
  sha256: string;
  media_type: string;
  filename: string;
  size: number;
  content: Uint8Array;
  created_at: number;
  created_by: string;
}

export interface MeetingDecisionTable {
  consultation_id: string;
  text_id: string;
  /** JSON text: the decision as its procedure defines it (repositories/procedure-records.ts). */
  decision: string;
  notes: string | null;
  recorded_at: number;
  recorded_by: string;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  label: string;
  role: 'secretariat' | 'focal_point' | 'observer';
  member_state: string | null;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  revoked_at: number | null;
  /** Personal tokens belong to an account and act as it (null: a service token with a role). */
  account_id: string | null;
  /** JSON array of scopes (null: every action of the role). */
  scopes: string | null;
}

export interface AuditEventTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  consultation_id: string | null;
  subject: string;
  /** JSON object with the details of the event. */
  data: string;
  /** Hash of the previous row (64 zeros for the first). */
  prev_hash: string | null;
  /** SHA-256 over prev_hash and the canonical encoding of this row (domain/audit/audit-chain.ts). */
  hash: string | null;
}

/**
 * An audit event written by a transaction and not yet sealed into the chain (migration 0015):
 * `audit_event`'s fields without the chain's, numbered in insertion order.
 */
export interface AuditPendingTable
  extends Pick<AuditEventTable, 'at' | 'actor' | 'action' | 'consultation_id' | 'subject' | 'data'> {
  id: Generated<number>;
  /** JSON naming the record whose audit position the sealer sets, or null. */
  position_of: string | null;
}

/** A signed checkpoint of the audit chain (migration 0011; domain/audit/audit-checkpoint.ts). */
export interface AuditCheckpointTable {
  /** The audit row it vouches for. */
  seq: number;
  /** That row's hash. */
  hash: string;
  key_id: string;
  /** base64 Ed25519 signature over the canonical checkpoint. */
  signature: string;
  created_at: number;
}

export interface IdempotencyRecordTable {
  actor: string;
  key: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: ColumnType<number, number, never>;
}

/** A message received by e-mail, kept as received, waiting for the secretariat (migration 0019). */
export interface InboundMessageTable {
  id: string;
  raw_sha256: string;
  received_at: number;
  channel: 'smtp' | 'imap' | 'pipe';
  size: number;
  message_id: string | null;
  envelope_from: string | null;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  sent_at: number | null;
  verdict: 'authenticated' | 'failed' | 'unknown';
  /** JSON text: the trusted Authentication-Results read (domain/intake/mail-sender.ts). */
  authentication: string;
  member_state: string | null;
  sender_problem: string | null;
  consultation_id: string | null;
  form_problem: string | null;
  status: 'pending' | 'recorded' | 'dismissed';
  handled_by: string | null;
  handled_at: number | null;
  note: string | null;
  reply_state: string | null;
  reply_version: number | null;
}
