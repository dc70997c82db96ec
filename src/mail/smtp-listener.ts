import { type AddressInfo, BlockList, isIP } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/**
 * An SMTP listener for replies sent by e-mail (issue 18, part 2), for a deployment whose mail
 * server routes a mailbox (replies@…) to it. It takes mail for the configured addresses only,
 * within the size limit, and answers 250 only once `deliver` resolved, that is once the message
 * is committed; when storing fails it answers 451, so the sending server keeps the message and
 * tries again later. It authenticates nobody and relays nothing: it sits behind the
 * organisation's mail server (which checks DKIM and SPF and says so in Authentication-Results),
 * and takes connections from that server only (`clients`), at most MAX_CLIENTS at a time.
 */
export interface SmtpListenerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** The addresses mail is taken for (lower case); any other recipient is refused with 550. */
  readonly recipients: readonly string[];
  /**
   * Who may connect: addresses, CIDR ranges, or `loopback` (the organisation's mail servers);
   * anyone else is refused with 554 before a word is read. The messages' Authentication-Results
   * and Received headers are believed only because they come through these servers.
   */
  readonly clients: readonly string[];
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

/** The most connections served at once: each holds up to a message in memory. */
const MAX_CLIENTS = 8;

/** The connections a list of addresses, CIDR ranges and `loopback` allows. */
export function allowedClients(entries: readonly string[]): BlockList {
  const allowed = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      allowed.addSubnet('127.0.0.0', 8, 'ipv4');
      allowed.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) allowed.addAddress(address, family);
    else allowed.addSubnet(address, Number(prefix), family);
  }
  return allowed;
}

/** Starts listening; resolves once the port is open. */
export async function startSmtpListener(options: SmtpListenerOptions): Promise<SmtpListener> {
  const recipients = new Set(options.recipients.map((address) => address.trim().toLowerCase()));
  const clients = allowedClients(options.clients);
  const allows = (remote: string) => {
    // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)?.[1];
    const address = mapped ?? remote;
    return isIP(address) !== 0 && clients.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  };
  const config: SMTPServerOptions = {
    name: options.name ?? 'assent',
    banner: 'Assent mail in',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    maxClients: MAX_CLIENTS,
    logger: false,
    onConnect(session, callback) {
      if (allows(session.remoteAddress)) return callback();
      options.log?.('warn', 'an SMTP connection from an address not in MAIL_IN_SMTP_CLIENTS was refused', {
        remoteAddress: session.remoteAddress,
      });
      const refused = new Error("Connections are taken from the organisation's mail servers only") as Error & {
        responseCode: number;
      };
      refused.responseCode = 554;
      return callback(refused);
    },
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
