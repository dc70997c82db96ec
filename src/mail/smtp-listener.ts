import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * An SMTP listener for replies sent by e-mail (issue 18, part 2), for a deployment whose mail
 * server routes a mailbox (replies@…) to it. It takes mail for the configured addresses only,
 * within the size limit, and answers 250 only once `deliver` resolved, that is once the message
 * is committed; when storing fails it answers 451, so the sending server keeps the message and
 * tries again later. It authenticates nobody and relays nothing: it is meant to sit behind the
 * organisation's mail server (which checks DKIM and SPF and says so in Authentication-Results),
 * on a private address.
 */
export interface SmtpListenerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** The addresses mail is taken for (lower case); any other recipient is refused with 550. */
  readonly recipients: readonly string[];
  readonly maxBytes: number;
  /** The name the listener greets with. */
  readonly name?: string;
  /** Keeps one message; rejects when it could not be kept (the sender retries). */
  readonly deliver: (message: { raw: Buffer; envelopeFrom: string | null }) => Promise<void>;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
}

export interface SmtpListener {
  /** The port it listens on. */
  readonly port: number;
  close(): Promise<void>;
}

/** Starts listening; resolves once the port is open. */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const recipients = new Set(options.recipients.map((address) => address.trim().toLowerCase()));
  const config: SMTPServerOptions = {
    name: options.name ?? 'assent',
    banner: 'Assent mail in',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (recipients.has(address.address.trim().toLowerCase())) return callback();
      const refused = new Error(`No mailbox here for ${address.address}`) as Error & { responseCode: number };
      refused.responseCode = 550;
      return callback(refused);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        // smtp-server marks a message over the announced SIZE; it is refused whole, never cut.
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > options.maxBytes) {
          const tooLarge = new Error(`Messages are limited to ${options.maxBytes} bytes`) as Error & {
            responseCode: number;
          };
          tooLarge.responseCode = 552;
          return callback(tooLarge);
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address || null : null;
        options.deliver({ raw: Buffer.concat(chunks), envelopeFrom }).then(
          () => callback(),
          (error: unknown) => {
            options.log?.('error', 'a message received by SMTP could not be kept; the sender will retry', {
              err: error,
            });
            const later = new Error('The message could not be kept now; try again later') as Error & {
              responseCode: number;
            };
            later.responseCode = 451;
            callback(later);
          },
        );
      });
    },
  };
  const server = new SMTPServer(config);
  server.on('error', (error) => options.log?.('warn', 'SMTP listener error', { err: error }));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
