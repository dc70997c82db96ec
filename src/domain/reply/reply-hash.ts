import { canonicalJson, sha256Hex } from '../canonical.js';
import type { ReplyVersion } from './reply.js';

/**
 * SHA-256 of the canonical encoding of a reply version: every field but the hash itself, the
 * positions ordered by text id (code-point order, not locale order, so every reader sorts the
 * same way). Written with the version, printed on its receipt, recomputed on verification.
 */
export function replyContentHash(version: Omit<ReplyVersion, 'contentHash'>): string {
  const positions = [...version.positions].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return sha256Hex(
    canonicalJson({
      consultationId: version.consultationId,
      memberState: version.memberState,
      version: version.version,
      status: version.status,
      receivedAt: version.receivedAt,
      channel: version.channel,
      enteredBy: version.enteredBy,
      signatoryName: version.signatoryName,
      signatoryTitle: version.signatoryTitle,
      place: version.place,
      signedOn: version.signedOn,
      originalFile: version.originalFile,
      flags: version.flags,
      simulated: version.simulated,
      positions,
    }),
  );
}
