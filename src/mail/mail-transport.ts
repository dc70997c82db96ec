import fs from 'node:fs';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { ensurePrivateDir, writePrivateFile } from '../platform/private-files.js';
import { mailHtml } from './mail-html.js';

/** One e-mail as Assent sends it. */
export interface OutgoingMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** A stable id (the job id) kept in the message headers, for tracing and de-duplication by the receiver. */
  readonly reference: string;
  readonly language: string;
}

export interface SentMail {
  readonly messageId: string;
  /** Where the message went: `smtp`, or the path of the .eml file. */
  readonly location: string;
}

/** Where e-mails go. */
export interface MailTransport {
  readonly kind: 'smtp' | 'eml';
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): void;
}

/** The message nodemailer builds: the plain text and its HTML alternative (multipart/alternative). */
function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mailHtml(mail.subject, mail.text, mail.language),
    headers: { 'X-Assent-Reference': mail.reference, 'Content-Language': mail.language },
  };
}

/**
 * A nodemailer transporter made on the first message: nodemailer is loaded then, not at start (a
 * server sends its first e-mail long after its first page; 60 ms and 15 MiB at start).
 */
function lazyTransporter(options: Parameters<typeof import('nodemailer').createTransport>[0]) {
  let transporter: Promise<Transporter> | undefined;
  let made: Transporter | undefined;
  let closed = false;
  return {
    get: () => {
      transporter ??= import('nodemailer').then(
        (nodemailer) => {
          made = nodemailer.default.createTransport(options);
          // Closed while nodemailer was loading: the transporter closes at once (no pooled sockets left open).
          if (closed) made.close();
          return made;
        },
        (error: unknown) => {
          transporter = undefined; // the next message tries again
          throw error;
        },
      );
      return transporter;
    },
    close: () => {
      closed = true;
      made?.close();
    },
  };
}

/** Sends through an SMTP server (`SMTP_URL`, e.g. smtp://user:pass@mail.example.org:587). */
export function smtpTransport(url: string): MailTransport {
  const transporter = lazyTransporter(url);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await (await transporter.get()).sendMail(message(mail));
      return { messageId: String(info.messageId), location: 'smtp' };
    },
    close: () => transporter.close(),
  };
}

/**
 * Writes each message as an .eml file under `dir` (the default when no SMTP_URL is set, so
 * `npm start` needs no mail server; the secretariat reads them through the API).
 */
export function emlTransport(dir: string): MailTransport {
  const transporter = lazyTransporter({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'eml',
    async send(mail) {
      const info = await (await transporter.get()).sendMail(message(mail));
      // An invitation's message carries its live link: the folder and the files are the server
      // account's alone.
      ensurePrivateDir(dir, { own: true });
      const name = `${mail.reference.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`;
      const file = path.join(dir, name);
      const temp = `${file}.tmp`;
      writePrivateFile(temp, info.message as Buffer);
      fs.renameSync(temp, file);
      return { messageId: String(info.messageId), location: file };
    },
    close: () => transporter.close(),
  };
}
