/**
 * A Member State's reply: one current reply per State per consultation, kept as numbered
 * versions (every version is kept; the latest on-time version counts).
 */

/** The boxes of the Annex 2 form, plus "unclear" for a paper form with both boxes or neither ticked. */
export const POSITION_KINDS = ['assigns_authority', 'does_not_assign_authority', 'unclear'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** Sub-options of "assigns authority" (TSB form practice; Res. 1 knows only support vs non-support). */
export const ASSIGN_OPTIONS = ['no_comments', 'comments_attached'] as const;
export type AssignOption = (typeof ASSIGN_OPTIONS)[number];

/** How the reply reached the secretariat. */
export const CHANNELS = ['web', 'api', 'email', 'fax', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels through which the secretariat records a reply on a State's behalf. */
export const RECORDED_CHANNELS = ['email', 'fax', 'paper'] as const satisfies readonly Channel[];
export type RecordedChannel = (typeof RECORDED_CHANNELS)[number];

/** Whether a channel is one where the secretariat keys in a form the State sent. */
export function isRecordedChannel(channel: Channel): channel is RecordedChannel {
  return (RECORDED_CHANNELS as readonly Channel[]).includes(channel);
}

/** Flags raised on a recorded form that the procedure tolerates but a reader should see. */
export const REPLY_FLAGS = [
  'missing_reasons',
  'missing_sub_option',
  'missing_comments',
  'unclear_position',
  'received_after_deadline',
] as const;
export type ReplyFlag = (typeof REPLY_FLAGS)[number];

export interface PositionInput {
  /** Id of the determined text within the consultation. */
  readonly text: string;
  readonly position: PositionKind;
  readonly option?: AssignOption | null;
  /** Comments and suggested changes (with "comments attached"). */
  readonly comments?: string | null;
  /** Reasons for not assigning authority (Res. 1 §9.4.4). */
  readonly reasons?: string | null;
  /** Outline of possible changes that would enable the work to progress (Res. 1 §9.4.4). */
  readonly possibleChanges?: string | null;
  /** SHA-256 of an uploaded attachment carrying comments, reasons or changes. */
  readonly attachment?: string | null;
}

export interface ReplySignature {
  readonly signatoryName: string;
  readonly signatoryTitle: string;
  readonly place: string | null;
  /** Date written on the form (UTC day). */
  readonly signedOn: string | null;
}

export interface ReplyPosition {
  readonly text: string;
  readonly position: PositionKind;
  readonly option: AssignOption | null;
  readonly comments: string | null;
  readonly reasons: string | null;
  readonly possibleChanges: string | null;
  readonly attachment: string | null;
}

export type ReplyVersionStatus = 'submitted' | 'withdrawn';

export interface ReplyVersion extends ReplySignature {
  readonly consultationId: string;
  readonly memberState: string;
  readonly version: number;
  readonly status: ReplyVersionStatus;
  /** Server instant of receipt (for recorded forms: when TSB received the e-mail, fax or letter). */
  readonly receivedAt: number;
  readonly channel: Channel;
  /** Who entered it: the token or account id of the actor. */
  readonly enteredBy: string;
  /** Recorded forms: SHA-256 of the original file (scan, e-mail). */
  readonly originalFile: string | null;
  readonly flags: readonly ReplyFlag[];
  /** Demo replies that never happened. */
  readonly simulated: boolean;
  /** SHA-256 of the canonical encoding of this version. */
  readonly contentHash: string;
  readonly positions: readonly ReplyPosition[];
}

/** Longest free text accepted in one field (comments, reasons, changes), whatever the procedure. */
export const MAX_FREE_TEXT = 20_000;
