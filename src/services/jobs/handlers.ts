import type { MailTransport } from '../../mail/mail-transport.js';
import { DAY_MS } from '../../domain/time/instants.js';
import { operatorActor } from '../../domain/policy/actor.js';
import { findContact, listContacts, type Contact } from '../../repositories/contact.repository.js';
import { insertJob, replaceJobPayload, type Job } from '../../repositories/job.repository.js';
import { findAccount } from '../../repositories/account.repository.js';
import { findInvitation, findPasswordReset } from '../../repositories/identity-misc.repository.js';
import { openSecret } from '../identity/secrets.js';
import { findMemberState, listMemberStates } from '../../repositories/member-state.repository.js';
import { findReplyVersion, listCurrentReplies } from '../../repositories/reply.repository.js';
import { evaluateConsultation } from '../compute-results.js';
import { deadlinePassed, loadConsultation, type LoadedConsultation } from '../load-consultation.js';
import { checkpointAuditChain } from '../audit-checkpoints.js';
import { inTransaction, type ServiceContext } from '../service-context.js';
import {
  authenticatorResetMail,
  invitationMail,
  issueNotice,
  passwordResetMail,
  mailLocale,
  receiptMail,
  reminderMail,
  resultsMail,
  type MailText,
} from './mail-messages.js';
import type { Locale } from '../../i18n/i18n.js';
import { participationOf } from '../participants.js';

/** What a handler reports; stored with the job (for e-mails: recipient, subject, message id). */
export type JobResult = Record<string, unknown> | null;
export type JobHandler = (job: Job) => Promise<JobResult>;

export interface MailSettings {
  readonly transport: MailTransport;
  /** The From: address, e.g. `Assent <no-reply@itu.example>`. */
  readonly from: string;
  /** Public base URL used in links, e.g. https://assent.example.org */
  readonly baseUrl: string;
}

const SYSTEM = operatorActor('jobs');

/**
 * The handlers of every job kind. Fan-out jobs (notify-*, reminder) enqueue one `mail` job per
 * recipient with a deterministic id, in one transaction: re-running a fan-out after a crash adds
 * nothing. `mail` jobs render the message when they run and send it.
 */
export function createJobHandlers(ctx: ServiceContext, mail: MailSettings): Record<string, JobHandler> {
  const fanOut = async (job: Job, messages: { contact: Contact; payload: Record<string, unknown> }[]) => {
    const now = ctx.clock();
    let created = 0;
    await inTransaction(ctx, async (trx) => {
      for (const { contact, payload } of messages) {
        const id = `mail:${job.id}:${contact.id}`;
        if (
          await insertJob(
            trx,
            {
              id,
              kind: 'mail',
              payload: { ...payload, contactId: contact.id },
              runAt: now,
              maxAttempts: 6,
              consultationId: job.consultationId,
            },
            now,
          )
        )
          created += 1;
      }
    });
    return { recipients: messages.length, created };
  };

  // Who the consultation asks: its procedure's eligibility rule on each registered participant.
  const consultedStates = async (loaded: LoadedConsultation) =>
    (await listMemberStates(ctx.db)).filter((s) => participationOf(loaded, s).eligible);

  /** Texts a State has not answered in its counted reply. */
  const unansweredBy = async (loaded: LoadedConsultation) => {
    const current = await listCurrentReplies(ctx.db, loaded.consultation.id);
    const answered = new Map<string, Set<string>>();
    for (const entry of current) {
      if (entry.pointers.countedVersion === entry.latest.version)
        answered.set(entry.pointers.memberState, new Set(entry.latest.positions.map((p) => p.text)));
    }
    return (state: string) => loaded.texts.filter((t) => !answered.get(state)?.has(t.id));
  };

  const send = async (job: Job, contact: Contact, message: MailText) => {
    const sent = await mail.transport.send({
      from: mail.from,
      to: contact.email,
      subject: message.subject,
      text: message.text,
      reference: job.id,
      language: contact.language,
    });
    return {
      to: contact.email,
      subject: message.subject,
      messageId: sent.messageId,
      transport: mail.transport.kind,
      location: sent.location,
    };
  };

  return {
    // Signs checkpoints of the audit chain up to its head (enqueued every CHECKPOINT_INTERVAL
    // rows by appendAudit): verifying a receipt then reads at most that many rows.
    async 'audit-checkpoint'() {
      const run = await checkpointAuditChain(ctx);
      return { verifiedRows: run.verifiedRows, written: run.written, from: run.from, head: run.head?.seq ?? 0 };
    },
    async 'notify-issue'(job) {
      const loaded = await loadConsultation(ctx.db, String(job.payload.consultationId), SYSTEM);
      // A notice inviting replies is pointless once replies are closed (e.g. a worker that was down for weeks).
      if (deadlinePassed(loaded.consultation, ctx.clock())) return { skipped: 'deadline passed' };
      const states = new Set((await consultedStates(loaded)).map((s) => s.code));
      const contacts = (await listContacts(ctx.db, { activeOnly: true })).filter(
        (c) => c.role === 'observer' || states.has(c.memberState!),
      );
      return fanOut(
        job,
        contacts.map((contact) => ({ contact, payload: { message: 'issue', consultationId: loaded.consultation.id } })),
      );
    },
    async 'notify-receipt'(job) {
      const state = String(job.payload.memberState);
      const version = await findReplyVersion(
        ctx.db,
        String(job.payload.consultationId),
        state,
        Number(job.payload.version),
      );
      // Simulated (demo) replies were never sent by anyone: no receipt goes to a real address.
      if (!version || version.simulated) return { skipped: version ? 'simulated reply' : 'version not found' };
      const contacts = await listContacts(ctx.db, { role: 'focal_point', memberState: state, activeOnly: true });
      return fanOut(
        job,
        contacts.map((contact) => ({
          contact,
          payload: {
            message: 'receipt',
            consultationId: job.payload.consultationId,
            memberState: state,
            version: job.payload.version,
          },
        })),
      );
    },
    async reminder(job) {
      const loaded = await loadConsultation(ctx.db, String(job.payload.consultationId), SYSTEM);
      const now = ctx.clock();
      if (deadlinePassed(loaded.consultation, now)) return { skipped: 'deadline passed' };
      // A worker that was down may find several slots due at once: only the latest one is sent.
      const days = Number(job.payload.daysBefore);
      const laterDue = ctx.reminderDays.filter((d) => d < days && loaded.consultation.deadlineAt - d * DAY_MS <= now);
      if (laterDue.length > 0) return { skipped: `superseded by the ${Math.min(...laterDue)}-day reminder` };
      const unanswered = await unansweredBy(loaded);
      const owing = (await consultedStates(loaded)).filter((s) => unanswered(s.code).length > 0).map((s) => s.code);
      const owingSet = new Set(owing);
      const contacts = (await listContacts(ctx.db, { role: 'focal_point', activeOnly: true })).filter((c) =>
        owingSet.has(c.memberState!),
      );
      const reached = new Set(contacts.map((c) => c.memberState));
      const result = await fanOut(
        job,
        contacts.map((contact) => ({
          contact,
          payload: {
            message: 'reminder',
            consultationId: loaded.consultation.id,
            memberState: contact.memberState,
            daysBefore: job.payload.daysBefore,
          },
        })),
      );
      return { ...result, statesOwing: owing.length, statesWithoutContact: owing.filter((s) => !reached.has(s)) };
    },
    async 'notify-results'(job) {
      const contacts = await listContacts(ctx.db, { activeOnly: true });
      return fanOut(
        job,
        contacts.map((contact) => ({
          contact,
          payload: { message: 'results', consultationId: job.payload.consultationId },
        })),
      );
    },
    async invitation(job) {
      const account = await findAccount(ctx.db, String(job.payload.accountId));
      const invitation = await findInvitation(ctx.db, String(job.payload.invitationId));
      const secret =
        typeof job.payload.sealedSecret === 'string' ? openSecret(ctx.secretKey, job.payload.sealedSecret) : null;
      if (!account || account.disabledAt !== null || secret === null) {
        // Not sent: the sealed secret leaves the database all the same.
        if (secret !== null)
          await replaceJobPayload(
            ctx.db,
            job.id,
            { accountId: job.payload.accountId, invitationId: job.payload.invitationId },
            ctx.clock(),
          );
        return { skipped: 'account disabled, or link already sent' };
      }
      // A link revoked (by a newer invitation), used or expired before its e-mail went out is not sent.
      if (
        !invitation ||
        invitation.revokedAt !== null ||
        invitation.usedAt !== null ||
        invitation.expiresAt <= ctx.clock()
      ) {
        await replaceJobPayload(
          ctx.db,
          job.id,
          { accountId: account.id, invitationId: job.payload.invitationId },
          ctx.clock(),
        );
        return { skipped: 'the link was revoked, used or expired before it was sent' };
      }
      const locale = mailLocale(account.language);
      const link = `${mail.baseUrl}/${locale}/invitations/${secret}`;
      // The same link and page serve an administrator's authenticator reset, worded for it.
      const message =
        invitation.purpose === 'authenticator'
          ? authenticatorResetMail(locale, account.name, link, invitation.expiresAt)
          : invitationMail(locale, account.name, account.role, account.memberState, link, invitation.expiresAt);
      const sent = await mail.transport.send({
        from: mail.from,
        to: account.email,
        subject: message.subject,
        text: message.text,
        reference: job.id,
        language: account.language,
      });
      // The link's secret leaves the database once it has been handed to the mail system.
      await replaceJobPayload(
        ctx.db,
        job.id,
        { accountId: account.id, invitationId: job.payload.invitationId },
        ctx.clock(),
      );
      return {
        to: account.email,
        subject: message.subject,
        messageId: sent.messageId,
        transport: mail.transport.kind,
        location: sent.location,
      };
    },
    async 'password-reset'(job) {
      const account = await findAccount(ctx.db, String(job.payload.accountId));
      const reset = await findPasswordReset(ctx.db, String(job.payload.resetId));
      const secret =
        typeof job.payload.sealedSecret === 'string' ? openSecret(ctx.secretKey, job.payload.sealedSecret) : null;
      const scrubbed = { accountId: job.payload.accountId, resetId: job.payload.resetId };
      if (!account || account.disabledAt !== null || secret === null) {
        // Not sent: the sealed secret leaves the database all the same.
        if (secret !== null) await replaceJobPayload(ctx.db, job.id, scrubbed, ctx.clock());
        return { skipped: 'account disabled, or link already sent' };
      }
      // A link replaced by a newer request, used or expired before its e-mail went out is not sent.
      if (!reset || reset.revokedAt !== null || reset.usedAt !== null || reset.expiresAt <= ctx.clock()) {
        await replaceJobPayload(ctx.db, job.id, scrubbed, ctx.clock());
        return { skipped: 'the link was replaced, used or expired before it was sent' };
      }
      const locale = mailLocale(account.language);
      const message = passwordResetMail(
        locale,
        account.name,
        `${mail.baseUrl}/${locale}/password-reset/${secret}`,
        reset.expiresAt,
      );
      const sent = await mail.transport.send({
        from: mail.from,
        to: account.email,
        subject: message.subject,
        text: message.text,
        reference: job.id,
        language: account.language,
      });
      // The link's secret leaves the database once it has been handed to the mail system.
      await replaceJobPayload(ctx.db, job.id, scrubbed, ctx.clock());
      return {
        to: account.email,
        subject: message.subject,
        messageId: sent.messageId,
        transport: mail.transport.kind,
        location: sent.location,
      };
    },
    async mail(job) {
      const contact = await findContact(ctx.db, String(job.payload.contactId));
      if (!contact?.active) return { skipped: 'contact inactive or removed' };
      const loaded = await loadConsultation(ctx.db, String(job.payload.consultationId), SYSTEM);
      const { consultation, texts } = loaded;
      const locale = mailLocale(contact.language);
      switch (job.payload.message) {
        case 'issue':
          return send(job, contact, issueNotice(locale, consultation, texts, contact.role, mail.baseUrl));
        case 'receipt': {
          const state = String(job.payload.memberState);
          const version = await findReplyVersion(ctx.db, consultation.id, state, Number(job.payload.version));
          if (!version) throw new Error(`reply version ${state}/${job.payload.version} not found`);
          const name = designationIn(await findMemberState(ctx.db, state), locale, state);
          return send(job, contact, receiptMail(locale, consultation, texts, version, name, mail.baseUrl));
        }
        case 'reminder': {
          const state = String(job.payload.memberState);
          if (deadlinePassed(consultation, ctx.clock())) return { skipped: 'deadline passed' };
          const owed = (await unansweredBy(loaded))(state);
          if (owed.length === 0) return { skipped: 'replied since the reminder was scheduled' };
          const name = designationIn(await findMemberState(ctx.db, state), locale, state);
          // Days left as they are when the message goes, never more than the slot's.
          const daysLeft = Math.max(
            1,
            Math.min(Number(job.payload.daysBefore), Math.ceil((consultation.deadlineAt - ctx.clock()) / DAY_MS)),
          );
          return send(job, contact, reminderMail(locale, consultation, owed, name, daysLeft, mail.baseUrl));
        }
        case 'results': {
          const evaluation = await evaluateConsultation(ctx.db, loaded, ctx.clock());
          return send(job, contact, resultsMail(locale, consultation, evaluation.texts, mail.baseUrl));
        }
        default:
          throw new Error(`unknown message "${String(job.payload.message)}"`);
      }
    },
  };
}

/** A State's designation in the recipient's language, else in English, else its code. */
function designationIn(
  state: { readonly names: Readonly<Record<string, string | undefined>> } | undefined,
  locale: Locale,
  code: string,
): string {
  return state?.names[locale] ?? state?.names.en ?? code;
}
