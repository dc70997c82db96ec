import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { DAY_MS } from '../domain/time/instants.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { listContacts } from '../repositories/contact.repository.js';
import { insertJob, listJobs } from '../repositories/job.repository.js';
import { listMemberStates } from '../repositories/member-state.repository.js';
import { listCurrentReplies } from '../repositories/reply.repository.js';
import { deadlinePassed, loadConsultation, type LoadedConsultation } from './load-consultation.js';
import { inTransaction, type ServiceContext } from './service-context.js';
import { participationOf } from './participants.js';

/**
 * "Remind now" (the secretariat's, besides the reminders at REMINDER_DAYS): the reminder e-mail
 * to a State's focal points, at once, naming the texts it has not answered. And the history of
 * every reminder a State was sent, scheduled or not, for its page.
 */

/** The texts `memberState` has not answered in its reply that counts. */
async function unansweredTexts(ctx: ServiceContext, loaded: LoadedConsultation, memberState: string) {
  const current = await listCurrentReplies(ctx.db, loaded.consultation.id);
  const entry = current.find((e) => e.pointers.memberState === memberState);
  const answered =
    entry && entry.pointers.countedVersion === entry.latest.version
      ? new Set(entry.latest.positions.map((p) => p.text))
      : new Set<string>();
  return loaded.texts.filter((text) => !answered.has(text.id));
}

/** What "remind now" did: how many texts are still owed, and how many focal points were written to. */
export interface Reminded {
  readonly owed: number;
  readonly recipients: number;
}

/**
 * Sends the reminder to `memberState`'s active focal-point contacts now (one mail job each, in the
 * transaction of the audit event `consultation.reminder-sent`). Nothing is sent, and nothing is
 * recorded, when the State owes no text or has no active focal-point contact: the answer says
 * which (`owed` or `recipients` is 0).
 * @throws FORBIDDEN, NOT_FOUND, CONSULTATION_NOT_OPEN (not issued), DEADLINE_PASSED,
 *   UNKNOWN_MEMBER_STATE, STATE_NOT_ELIGIBLE (not consulted, or without the right to reply)
 */
export async function remindStateNow(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string },
): Promise<Reminded> {
  authorize(options.actor, { action: 'consultation:write' });
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  const { consultation } = loaded;
  const now = ctx.clock();
  if (consultation.issuedAt === null || consultation.enteredAfterwardsAt !== null)
    throw new AppError('CONSULTATION_NOT_OPEN', 'The circular is not issued: there is nothing to remind of');
  if (deadlinePassed(consultation, now)) throw new AppError('DEADLINE_PASSED', 'The deadline for replies has passed');
  const state = (await listMemberStates(ctx.db)).find((s) => s.code === options.memberState);
  if (!state) throw new AppError('UNKNOWN_MEMBER_STATE', `No Member State ${options.memberState}`);
  if (!participationOf(loaded, state).eligible)
    throw new AppError('STATE_NOT_ELIGIBLE', `${state.code} is not consulted on this circular`);
  const owed = await unansweredTexts(ctx, loaded, state.code);
  const contacts = await listContacts(ctx.db, { role: 'focal_point', memberState: state.code, activeOnly: true });
  if (owed.length === 0 || contacts.length === 0) return { owed: owed.length, recipients: 0 };
  const daysLeft = Math.max(1, Math.ceil((consultation.deadlineAt - now) / DAY_MS));
  await inTransaction(ctx, async (trx) => {
    for (const contact of contacts)
      await insertJob(
        trx,
        {
          id: `mail:remind-now:${consultation.id}:${state.code}:${now}:${contact.id}`,
          kind: 'mail',
          payload: {
            message: 'reminder',
            consultationId: consultation.id,
            memberState: state.code,
            daysBefore: daysLeft,
            contactId: contact.id,
            byHand: true,
          },
          runAt: now,
          maxAttempts: 6,
          consultationId: consultation.id,
        },
        now,
      );
    await appendAudit(trx, {
      at: now,
      actor: options.actor.id,
      action: 'consultation.reminder-sent',
      consultationId: consultation.id,
      subject: `reply:${consultation.id}/${state.code}`,
      data: { memberState: state.code, texts: owed.map((t) => t.id), recipients: contacts.length },
    });
  });
  return { owed: owed.length, recipients: contacts.length };
}

/** One reminder e-mail to one focal point of a State, as the queue knows it. */
export interface ReminderSent {
  /** When it was enqueued (the slot's time, or the moment "remind now" was pressed). */
  readonly at: number;
  /** True for "remind now"; false for a reminder at one of the REMINDER_DAYS. */
  readonly byHand: boolean;
  readonly daysBefore: number;
  /** Where it went, once sent (the contact's address), else null. */
  readonly to: string | null;
  readonly state: 'pending' | 'sent' | 'failed' | 'skipped';
  readonly finishedAt: number | null;
}

/**
 * Every reminder e-mail of a consultation to `memberState`'s focal points, newest first: the
 * scheduled ones and "remind now", with whether each went.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function reminderHistory(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string },
): Promise<ReminderSent[]> {
  authorize(options.actor, { action: 'job:read' });
  await loadConsultation(ctx.db, options.consultationId, options.actor);
  // The State's reminder e-mails only (the database narrows by the payload; the filter below decides).
  const jobs = await listJobs(ctx.db, {
    kind: 'mail',
    consultationId: options.consultationId,
    payloadHas: { message: 'reminder', memberState: options.memberState },
    limit: 10_000,
  });
  return jobs
    .filter((job) => job.payload.message === 'reminder' && job.payload.memberState === options.memberState)
    .map((job): ReminderSent => {
      const result = (job.result ?? {}) as Record<string, unknown>;
      const skipped = typeof result.skipped === 'string';
      return {
        at: job.createdAt,
        byHand: job.payload.byHand === true,
        daysBefore: Number(job.payload.daysBefore),
        to: typeof result.to === 'string' ? result.to : null,
        state: job.state === 'done' ? (skipped ? 'skipped' : 'sent') : job.state === 'dead' ? 'failed' : 'pending',
        finishedAt: job.finishedAt,
      };
    })
    .sort((a, b) => b.at - a.at);
}
