import type { StoredToken } from '../domain/identity/api-token.js';
import type { StoredAuditEvent } from '../domain/audit/audit-event.js';
import type { Contact } from '../domain/identity/contact.js';
import type { Job } from '../domain/jobs/job.js';
import type { Account } from '../domain/identity/account.js';
import type { AccountView, ContactView, JobView, TokenView } from '../schemas/responses.schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A token as the API and the CLI show it: never its secret or hash. */
export function presentToken(t: StoredToken): TokenView {
  return {
    id: t.id,
    label: t.label,
    role: t.role,
    memberState: t.memberState,
    createdAt: iso(t.createdAt)!,
    expiresAt: iso(t.expiresAt),
    revokedAt: iso(t.revokedAt),
    accountId: t.accountId,
    scopes: t.scopes === null ? null : [...t.scopes],
  };
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

export function presentContact(c: Contact): ContactView {
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    role: c.role,
    memberState: c.memberState,
    language: c.language,
    active: c.active,
    createdAt: iso(c.createdAt)!,
  };
}

/** A job; e-mail jobs show where the message went and why it failed, if it did. */
export function presentJob(j: Job): JobView {
  return {
    id: j.id,
    kind: j.kind,
    state: j.state,
    runAt: iso(j.runAt)!,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    lastError: j.lastError,
    consultationId: j.consultationId,
    // Secrets (an invitation link's, even sealed) never leave the server through the job list.
    payload: Object.fromEntries(Object.entries(j.payload).filter(([key]) => !/secret/i.test(key))),
    result: j.result === null ? null : { ...j.result },
    createdAt: iso(j.createdAt)!,
    finishedAt: iso(j.finishedAt),
  };
}

/** An account without its secrets (password hash, TOTP seed are never shown). */
export function presentAccount(a: Account): AccountView {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    memberState: a.memberState,
    focalPointRank: a.focalPointRank,
    status: a.disabledAt !== null ? 'disabled' : a.passwordHash === null ? 'invited' : 'active',
    secondFactor: a.totpEnabledAt !== null,
    authenticatorReset: a.authenticatorResetAt !== null,
    language: a.language,
    createdAt: iso(a.createdAt)!,
  };
}
