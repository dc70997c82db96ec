import { canonicalJson, sha256Hex } from '../canonical.js';
import type { StoredDecision } from '../consultation/meeting-decision.js';
import type { ReplyFlag, ReplyPosition, ReplyVersionStatus } from '../reply/reply.js';

/**
 * The content hashes that tie the records deciding an outcome to the audit trail (finding 4 of
 * the attack test): the audit row of each change carries the SHA-256 of the canonical content it
 * wrote, and `assent audit verify` recomputes it from the stored rows, so an edit made in the
 * database is found and named. The whole reply version is covered by its content hash
 * (reply/reply-hash.ts); each position has its own, so an edit names the position's row.
 */

/** SHA-256 of one reply position (a `reply_position` row, the `counted` mark aside). */
export function positionRowHash(position: ReplyPosition): string {
  return sha256Hex(
    canonicalJson({
      text: position.text,
      position: position.position,
      option: position.option,
      comments: position.comments,
      reasons: position.reasons,
      possibleChanges: position.possibleChanges,
      attachment: position.attachment,
      // Only where rows were given: a position without them hashes as it did before the table.
      ...(position.commentTable && position.commentTable.length > 0 && { commentTable: position.commentTable }),
    }),
  );
}

/** Per text, the hash of its position: carried by the audit row of a reply version. */
export function positionHashes(positions: readonly ReplyPosition[]): Record<string, string> {
  return Object.fromEntries(positions.map((p) => [p.text, positionRowHash(p)]));
}

/** SHA-256 of a meeting decision as stored (a `meeting_decision` row): every field. */
export function decisionContentHash(decision: StoredDecision): string {
  return sha256Hex(
    canonicalJson({
      textId: decision.textId,
      deferred: decision.input.deferred,
      opposing: decision.input.opposing,
      abstaining: decision.input.abstaining,
      reservations: decision.input.reservations,
      moreTime: decision.input.moreTime,
      formalOppositions: decision.input.formalOppositions,
      notes: decision.notes,
      recordedAt: decision.recordedAt,
      recordedBy: decision.recordedBy,
    }),
  );
}

/** What decides whether a version counts: when it arrived, and whether it is a withdrawal. */
export interface CountingFacts {
  readonly version: number;
  readonly status: ReplyVersionStatus;
  readonly flags: readonly ReplyFlag[];
}

/**
 * The version of a State's reply that counts, from its versions alone (only replies received by the due date count): the
 * latest received by the deadline, or none when that one is a withdrawal; a late version changes
 * nothing. The same rule writeReplyVersion applies as it writes, recomputed for verification.
 */
export function countedVersionOf(versions: readonly CountingFacts[]): number | null {
  let counted: number | null = null;
  for (const v of [...versions].sort((a, b) => a.version - b.version)) {
    if (v.flags.includes('received_after_deadline')) continue;
    counted = v.status === 'submitted' ? v.version : null;
  }
  return counted;
}

/** The audit subject of a stored document: `document:<consultation>/<kind>[/<State>/<version>]/<format>/<locale>`. */
export function documentSubject(key: {
  readonly consultationId: string;
  readonly kind: string;
  readonly subject: string;
  readonly format: string;
  readonly locale: string;
}): string {
  return `document:${key.consultationId}/${key.kind}${key.subject ? `/${key.subject}` : ''}/${key.format}/${key.locale}`;
}
