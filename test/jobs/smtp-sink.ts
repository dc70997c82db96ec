import net from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on the loopback interface that keeps every message it is given: the far
 * end of Assent's mail transport in tests. Nothing leaves the machine.
 */

/** One message as the server received it, parsed. */
export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  readonly envelopeTo: string[];
  /** Addresses of the To: header. */
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  /** The X-Assent-Reference header (the job id). */
  readonly reference: string;
}

export interface SmtpSink {
  readonly port: number;
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string;
  /** Raw messages received so far, in order. */
  readonly raw: { envelopeTo: string[]; data: Buffer }[];
  /** Every message received so far, parsed. */
  messages(): Promise<ReceivedMail[]>;
  /** Forgets the messages received so far. */
  clear(): void;
  close(): Promise<void>;
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (field === undefined) return [];
  return (Array.isArray(field) ? field : [field]).flatMap((a) => a.value.map((v) => v.address ?? '')).sort();
}

/** Starts a sink on 127.0.0.1 (port 0 unless a port is given, e.g. to bring a "down" server up). */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const raw: { envelopeTo: string[]; data: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        raw.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address).sort(), data: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  const listening = await new Promise<net.Server>((resolve, reject) => {
    const srv = server.listen(port, '127.0.0.1', () => resolve(srv));
    srv.once('error', reject);
  });
  const address = listening.address();
  if (typeof address !== 'object' || address === null) throw new Error('SMTP sink has no address');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    raw,
    async messages() {
      return Promise.all(
        raw.map(async ({ envelopeTo, data }) => {
          const parsed = await simpleParser(data);
          const reference = parsed.headers.get('x-assent-reference');
          return {
            envelopeTo,
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            reference: typeof reference === 'string' ? reference : '',
          };
        }),
      );
    },
    clear() {
      raw.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port on which nothing listens (taken from the OS, then released). */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
