import { ImapFlow } from 'imapflow';

/**
 * IMAP polling for replies sent by e-mail (issue 18, part 2), for a mailbox on an existing mail
 * server. Every poll opens the mailbox, takes the messages not yet seen, hands each to
 * `deliver`, and marks it seen (or moves it to the processed mailbox) only once `deliver`
 * resolved, that is once it is committed: a message whose keeping failed is logged, stays unseen
 * and is taken again at the next poll, without holding up the others. A message over the size limit is not downloaded: it is flagged
 * (\Flagged) and left for a person to look at. Several instances polling one mailbox keep each
 * message once (the receiver knows a message it kept already).
 */
export interface ImapPollerOptions {
  /** imap://user:password@host[:port]/MAILBOX, or imaps:// (TLS, port 993 by default); MAILBOX defaults to INBOX. */
  readonly url: string;
  readonly intervalMs: number;
  readonly maxBytes: number;
  /** Where handled messages are moved; null: they are marked \Seen where they are. */
  readonly processedMailbox: string | null;
  /** Keeps one message; rejects when it could not be kept (it is taken again next time). */
  readonly deliver: (message: { raw: Buffer; receivedAt: number | null }) => Promise<void>;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => void;
  /** Accept the server's certificate without checking it (a test server's). */
  readonly insecureTls?: boolean;
}

export interface ImapPoller {
  /** Polls now; resolves with how many messages were kept. */
  pollOnce(): Promise<number>;
  /** Stops polling and waits for the poll in hand. */
  close(): Promise<void>;
}

/** Where an IMAP URL points: server, account and mailbox. */
export function parseImapUrl(url: string): {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
} {
  const parsed = new URL(url);
  if (parsed.protocol !== 'imap:' && parsed.protocol !== 'imaps:')
    throw new Error(
      'MAIL_IN_IMAP_URL must be an imap:// or imaps:// URL, e.g. imaps://user:password@mail.example.org/INBOX',
    );
  const secure = parsed.protocol === 'imaps:';
  if (!parsed.hostname || !parsed.username)
    throw new Error('MAIL_IN_IMAP_URL must name the server and the account: imaps://user:password@host/INBOX');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 993 : 143,
    secure,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    mailbox: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'INBOX',
  };
}

/** Polls a message may fail to be kept, while others are kept, before it is flagged and left for a person. */
const MAX_FAILURES = 5;

/** Starts polling every `intervalMs` (the first poll at once); `pollOnce` polls on demand. */
export function startImapPoller(options: ImapPollerOptions, { start = true } = {}): ImapPoller {
  const target = parseImapUrl(options.url);
  /** Failed attempts per message (by UID), while this poller runs. */
  const failed = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | null = null;

  async function poll(): Promise<number> {
    const client = new ImapFlow({
      host: target.host,
      port: target.port,
      secure: target.secure,
      auth: { user: target.user, pass: target.password },
      logger: false,
      disableAutoIdle: true,
      connectionTimeout: 30_000,
      ...(options.insecureTls && { tls: { rejectUnauthorized: false } }),
    });
    client.on('error', (error: unknown) => options.log?.('warn', 'IMAP connection error', { err: error }));
    await client.connect();
    let kept = 0;
    try {
      const lock = await client.getMailboxLock(target.mailbox);
      try {
        const waiting = await client.search({ seen: false, flagged: false }, { uid: true });
        if (!waiting || waiting.length === 0) return 0;
        const sizes = await client.fetchAll(waiting, { size: true, internalDate: true }, { uid: true });
        const failedNow: string[] = [];
        for (const found of sizes) {
          if (stopped) break;
          const uid = String(found.uid);
          if ((found.size ?? 0) > options.maxBytes) {
            options.log?.('warn', 'a message over the size limit is left in the mailbox, flagged', {
              uid: found.uid,
              size: found.size,
            });
            await client.messageFlagsAdd(uid, ['\\Flagged'], { uid: true });
            continue;
          }
          const message = await client.fetchOne(uid, { source: true }, { uid: true });
          if (message === false || !message.source) continue;
          const date = found.internalDate instanceof Date ? found.internalDate.getTime() : null;
          try {
            await options.deliver({
              raw: message.source,
              receivedAt: date !== null && !Number.isNaN(date) ? date : null,
            });
          } catch (error) {
            // Left unseen for the next poll; the messages after it are not held up.
            options.log?.('error', 'a message from the IMAP mailbox could not be kept; it stays for the next poll', {
              uid: found.uid,
              err: error,
            });
            failedNow.push(uid);
            continue;
          }
          failed.delete(uid);
          if (options.processedMailbox !== null) await client.messageMove(uid, options.processedMailbox, { uid: true });
          else await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
          kept++;
        }
        // A message that fails while others are kept (so storage works) may never be kept: after
        // MAX_FAILURES such polls it is flagged and left for a person. When none is kept (the
        // database down), nothing is counted: the messages wait for it to come back.
        if (kept > 0)
          for (const uid of failedNow) {
            const failures = (failed.get(uid) ?? 0) + 1;
            failed.set(uid, failures);
            if (failures < MAX_FAILURES) continue;
            options.log?.('error', 'a message that could not be kept five times is flagged and left in the mailbox', {
              uid,
            });
            await client.messageFlagsAdd(uid, ['\\Flagged'], { uid: true });
            failed.delete(uid);
          }
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
    return kept;
  }

  function pollOnce(): Promise<number> {
    // One poll at a time: a second call waits for the one in hand, then polls again.
    const previous = current ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => poll());
    current = next;
    return next.finally(() => {
      if (current === next) current = null;
    });
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      pollOnce()
        .then((kept) => {
          if (kept > 0) options.log?.('info', 'messages received by IMAP', { kept });
        })
        .catch((error: unknown) => options.log?.('error', 'IMAP poll failed; trying again later', { err: error }))
        .finally(() => schedule(options.intervalMs));
    }, delay);
    timer.unref?.();
  }
  if (start) schedule(0);

  return {
    pollOnce,
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current?.catch(() => undefined);
    },
  };
}
