import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import {
  findContact,
  insertContact,
  listContacts as findContacts,
  setContactActive,
  type Contact,
} from '../repositories/contact.repository.js';
import { findMemberState } from '../repositories/member-state.repository.js';
import { inTransaction, type ServiceContext } from './service-context.js';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'];

export interface AddContactOptions {
  readonly actor: Actor;
  readonly email: string;
  readonly name: string;
  readonly role: Contact['role'];
  readonly memberState?: string | undefined;
  readonly language?: string | undefined;
}

/**
 * Adds an e-mail recipient: a focal point of a Member State (issue notices, receipts,
 * reminders, results) or an observer (information copies of notices and results).
 * @throws FORBIDDEN, VALIDATION_FAILED, UNKNOWN_MEMBER_STATE, CONFLICT (same address and role)
 */
export async function addContact(ctx: ServiceContext, options: AddContactOptions): Promise<Contact> {
  authorize(options.actor, { action: 'contact:manage' });
  const email = options.email.trim();
  const problems = [];
  if (!EMAIL.test(email) || email.length > 254) problems.push({ field: '/email', message: 'Not an e-mail address' });
  if (options.name.trim() === '') problems.push({ field: '/name', message: 'Required' });
  if ((options.role === 'focal_point') !== (options.memberState !== undefined))
    problems.push({
      field: '/memberState',
      message:
        options.role === 'focal_point'
          ? 'A focal point belongs to a Member State'
          : 'Only focal points belong to a Member State',
    });
  const language = options.language ?? 'en';
  if (!LANGUAGES.includes(language)) problems.push({ field: '/language', message: `One of ${LANGUAGES.join(', ')}` });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems[0]!.message, { errors: problems });
  const now = ctx.clock();
  const contact: Contact = {
    id: randomUUID(),
    email,
    name: options.name.trim(),
    role: options.role,
    memberState: options.memberState ?? null,
    language,
    active: true,
    createdAt: now,
  };
  return inTransaction(ctx, async (trx) => {
    if (contact.memberState !== null && !(await findMemberState(trx, contact.memberState)))
      throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State with code "${contact.memberState}"`);
    await insertContact(trx, contact);
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'contact.added',
      consultationId: null,
      subject: `contact:${contact.id}`,
      data: { role: contact.role, memberState: contact.memberState },
    });
    return contact;
  });
}

/** Every contact (secretariat). */
export async function listContacts(
  ctx: ServiceContext,
  options: { actor: Actor; memberState?: string | undefined },
): Promise<Contact[]> {
  authorize(options.actor, { action: 'contact:manage' });
  return findContacts(ctx.db, options.memberState === undefined ? {} : { memberState: options.memberState });
}

/**
 * Stops (or resumes) e-mails to a contact; history is kept.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function setContactStatus(
  ctx: ServiceContext,
  options: { actor: Actor; contactId: string; active: boolean },
): Promise<Contact> {
  authorize(options.actor, { action: 'contact:manage' });
  const now = ctx.clock();
  return inTransaction(ctx, async (trx) => {
    if (!(await setContactActive(trx, options.contactId, options.active)))
      throw new AppError('NOT_FOUND', 'No such contact');
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: options.active ? 'contact.enabled' : 'contact.disabled',
      consultationId: null,
      subject: `contact:${options.contactId}`,
      data: {},
    });
    return (await findContact(trx, options.contactId))!;
  });
}
