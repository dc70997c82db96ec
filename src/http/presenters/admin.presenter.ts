import type { StoredToken } from '../../repositories/api-token.repository.js';
import type { StoredAuditEvent } from '../../repositories/audit.repository.js';
import type { TokenView } from '../api/responses.schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A token as the API and the CLI show it: never its secret or hash. */
export function presentToken(t: StoredToken): TokenView {
  return { id: t.id, label: t.label, role: t.role, memberState: t.memberState, createdAt: iso(t.createdAt)!, expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt) };
}

/** An audit row with its chain links. */
export function presentAuditEvent(e: StoredAuditEvent) {
  return {
    seq: e.seq,
    at: iso(e.at)!,
    actor: e.actor,
    action: e.action,
    consultationId: e.consultationId,
    subject: e.subject,
    data: { ...e.data },
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
