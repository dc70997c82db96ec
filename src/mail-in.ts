import type { AppContext } from './app-context.js';
import { startImapPoller, type ImapPoller } from './mail/imap-poller.js';
import { startSmtpListener, type SmtpListener } from './mail/smtp-listener.js';
import { receiveMail, type MailInSettings } from './services/intake/mail-intake.js';

/** What logs the receivers' events (the server's logger). */
export type MailInLog = (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;

/** The receivers of replies sent by e-mail that this process runs. */
export interface MailIn {
  readonly smtp: SmtpListener | null;
  readonly imap: ImapPoller | null;
  close(): Promise<void>;
}

/** The settings the receiving service needs, from the configuration. */
export function mailInSettings(context: AppContext): MailInSettings {
  const { mailIn } = context.config;
  return {
    authservId: mailIn.authservId,
    requireAuthentication: mailIn.requireAuthentication,
    maxBytes: mailIn.maxBytes,
  };
}

/**
 * The poller of the IMAP mailbox (MAIL_IN_IMAP_URL must be set): each message kept by receiveMail,
 * received when the mail server says it received it (never later than now). `start`: poll every
 * MAIL_IN_IMAP_INTERVAL; otherwise only when asked (`assent inbox poll`).
 */
export function imapPoller(context: AppContext, log: MailInLog | undefined, options: { start: boolean }): ImapPoller {
  const { mailIn } = context.config;
  if (mailIn.imapUrl === null) throw new Error('MAIL_IN_IMAP_URL is not set');
  const settings = mailInSettings(context);
  return startImapPoller(
    {
      url: mailIn.imapUrl,
      intervalMs: mailIn.imapIntervalMs,
      maxBytes: mailIn.maxBytes,
      processedMailbox: mailIn.imapProcessed,
      ...(log !== undefined && { log }),
      deliver: async ({ raw, receivedAt }) => {
        await receiveMail(context.services, settings, {
          raw,
          channel: 'imap',
          ...(receivedAt !== null && { receivedAt: Math.min(receivedAt, context.services.clock()) }),
        });
      },
    },
    options,
  );
}

/**
 * Starts what MAIL_IN_* configures (issue 18, part 2): the SMTP listener (MAIL_IN_SMTP) on every
 * instance that has it, the IMAP poller (MAIL_IN_IMAP_URL) on instances that run the worker
 * (WORKER), so one mailbox is not polled by every instance. Each message goes to receiveMail,
 * which keeps it before the channel acknowledges it.
 */
export async function startMailIn(context: AppContext, log: MailInLog): Promise<MailIn> {
  const { mailIn } = context.config;
  const settings = mailInSettings(context);
  const smtp =
    mailIn.smtp === null
      ? null
      : await startSmtpListener({
          host: mailIn.smtp.host,
          port: mailIn.smtp.port,
          recipients: mailIn.addresses,
          clients: mailIn.smtpClients,
          maxBytes: mailIn.maxBytes,
          log,
          deliver: async ({ raw, envelopeFrom }) => {
            const kept = await receiveMail(context.services, settings, { raw, channel: 'smtp', envelopeFrom });
            log('info', 'message received by SMTP', { id: kept.id, duplicate: kept.duplicate });
          },
        });
  const imap = mailIn.imapUrl === null || !context.config.worker ? null : imapPoller(context, log, { start: true });
  return {
    smtp,
    imap,
    async close() {
      await Promise.all([smtp?.close(), imap?.close()]);
    },
  };
}
