import type { CommentRow, CommentRowInput } from './comment-table.js';

/**
 * A Member State's reply: one current reply per State per consultation, kept as numbered
 * versions (every version is kept; the latest on-time version counts).
 */

/**
 * A position kind: one of the kinds the consultation's procedure declares (`Procedure.positionKinds`,
 * its reply form's choices). The core stores and shows it without knowing its words.
 */
export type PositionKind = string;

/** A sub-option of a choice (its id in the procedure's reply form), or null for none. */
export type PositionOption = string;

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
  /** The sub-option ticked under the choice, when the procedure's form has one there. */
  readonly option?: PositionOption | null;
  /** Comments and suggested changes. */
  readonly comments?: string | null;
  /** Reasons for the position (the procedure's reasons rule). */
  readonly reasons?: string | null;
  /** Outline of possible changes that would enable the work to progress. */
  readonly possibleChanges?: string | null;
  /** SHA-256 of an uploaded attachment carrying comments, reasons or changes. */
  readonly attachment?: string | null;
  /** Comments as rows (clause, comment, proposed change), where the procedure's form offers the table. */
  readonly commentTable?: readonly CommentRowInput[] | null;
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
  readonly option: PositionOption | null;
  readonly comments: string | null;
  readonly reasons: string | null;
  readonly possibleChanges: string | null;
  readonly attachment: string | null;
  /** Comments as rows, when some were given (absent otherwise: domain/reply/comment-table.ts). */
  readonly commentTable?: readonly CommentRow[];
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

export { MAX_FREE_TEXT } from './limits.js';
