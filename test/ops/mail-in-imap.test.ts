import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterEach, expect, it } from 'vitest';
import { startImapPoller } from '../../src/mail/imap-poller.js';
import { listInbox, type MailInSettings, receiveMail } from '../../src/services/intake/mail-intake.js';
import { describeEachDialect } from '../helpers/databases.js';
import { registerSender } from '../helpers/mail-senders.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';

/**
 * Replies by e-mail from an IMAP mailbox, on loopback: the poller keeps each unseen message, marks
 * it seen (or moves it to the processed mailbox) only once it is kept, leaves a message it could
 * not keep for the next poll, and flags one over the size limit without downloading it. The
 * server is the one ASSENT_TEST_IMAP_URL names (a real one, e.g. Dovecot: its mailbox is emptied
 * first), else hoodiecrow-imap, an IMAP4rev1 server in this process on a free loopback port.
 */

const require = createRequire(import.meta.url);
const SETTINGS: MailInSettings = { authservId: null, requireAuthentication: false, maxBytes: 200_000 };
const EXTERNAL = process.env.ASSENT_TEST_IMAP_URL?.trim() || null;
if (EXTERNAL === null)
  console.warn(
    '\nmail-in-imap.test.ts: no ASSENT_TEST_IMAP_URL, so the IMAP poller is tested against hoodiecrow-imap on loopback, not a production server\n',
  );

interface Mailbox {
  readonly url: string;
  /** Adds a message to a folder, as a delivery would. */
  append(raw: Buffer, folder?: string): Promise<void>;
  /** The flags of each message of a folder, by subject. */
  flags(folder?: string): Promise<Record<string, string[]>>;
  close(): Promise<void>;
}

async function client(url: string): Promise<ImapFlow> {
  const parsed = new URL(url);
  const imap = new ImapFlow({
    host: parsed.hostname,
    port: Number(parsed.port || (parsed.protocol === 'imaps:' ? 993 : 143)),
    secure: parsed.protocol === 'imaps:',
    auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) },
    logger: false,
    tls: { rejectUnauthorized: false },
  });
  await imap.connect();
  return imap;
}

async function openMailbox(): Promise<Mailbox> {
  let url: string;
  let stop = async () => undefined as void;
  if (EXTERNAL !== null) {
    url = EXTERNAL;
  } else {
    const hoodiecrow = require('hoodiecrow-imap') as (options: unknown) => {
      listen(port: number, host: string, done: () => void): void;
      server: { address(): AddressInfo };
      close(done: () => void): void;
    };
    const server = hoodiecrow({
      plugins: ['UIDPLUS', 'MOVE', 'ENABLE', 'LITERALPLUS'],
      storage: { INBOX: { messages: [] }, '': { folders: { Processed: { messages: [] } } } },
      users: { replies: { password: 'secret' } },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `imap://replies:secret@127.0.0.1:${server.server.address().port}/INBOX`;
    stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  }
  const mailbox = decodeURIComponent(new URL(url).pathname.slice(1)) || 'INBOX';
  const imap = await client(url);
  // A real server's test mailbox starts empty.
  if (EXTERNAL !== null) {
    const lock = await imap.getMailboxLock(mailbox);
    try {
      await imap.messageDelete('1:*');
    } finally {
      lock.release();
    }
  }
  return {
    url,
    async append(raw, folder = mailbox) {
      await imap.append(folder, raw, []);
    },
    async flags(folder = mailbox) {
      const lock = await imap.getMailboxLock(folder);
      try {
        const found: Record<string, string[]> = {};
        for (const message of await imap.fetchAll('1:*', { envelope: true, flags: true }))
          found[message.envelope?.subject ?? ''] = [...(message.flags ?? [])].sort();
        return found;
      } finally {
        lock.release();
      }
    },
    async close() {
      await imap.logout().catch(() => undefined);
      await stop();
    },
  };
}

const message = async (subject: string, from = 'itu@msit.go.kr', size = 0) =>
  new MailComposer({
    from,
    to: 'replies@itu.example',
    subject,
    text: size > 0 ? 'x'.repeat(size) : 'Our reply.',
    date: new Date('2023-05-01T08:00:00Z'),
  })
    .compile()
    .build();

describeEachDialect('replies by e-mail from an IMAP mailbox', (dialect) => {
  const world = useWorld(dialect);
  let mailbox: Mailbox | undefined;
  afterEach(async () => {
    await mailbox?.close();
    mailbox = undefined;
  });

  it('keeps each unseen message and marks it seen only once kept; flags one too large; a failed keep waits for the next poll', async () => {
    const w = world();
    w.clock.set('2023-05-02T10:00:00Z');
    await registerSender(w.ctx);
    mailbox = await openMailbox();
    await mailbox.append(await message('Reply of Korea'));
    await mailbox.append(await message('Far too large', 'big@elsewhere.example', 300_000));
    let failNext = true;
    const logged: string[] = [];
    const poller = startImapPoller(
      {
        url: mailbox.url,
        intervalMs: 60_000,
        maxBytes: SETTINGS.maxBytes,
        processedMailbox: null,
        insecureTls: true,
        log: (level, text) => {
          if (level === 'error') logged.push(text);
        },
        deliver: async ({ raw, receivedAt }) => {
          if (failNext) {
            failNext = false;
            throw new Error('database unavailable');
          }
          await receiveMail(w.ctx, SETTINGS, {
            raw,
            channel: 'imap',
            ...(receivedAt !== null && { receivedAt: Math.min(receivedAt, w.clock.now()) }),
          });
        },
      },
      { start: false },
    );
    try {
      // The first keep fails: logged, nothing is marked seen, nothing is kept.
      expect(await poller.pollOnce()).toBe(0);
      expect(logged).toEqual(['a message from the IMAP mailbox could not be kept; it stays for the next poll']);
      expect((await mailbox.flags())['Reply of Korea']).toEqual([]);
      expect((await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' })).pending).toBe(0);

      expect(await poller.pollOnce()).toBe(1);
      const flags = await mailbox.flags();
      expect(flags['Reply of Korea']).toEqual(['\\Seen']);
      expect(flags['Far too large']).toEqual(['\\Flagged']);
      const { messages } = await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' });
      expect(messages.map((m) => [m.subject, m.channel, m.memberState])).toEqual([['Reply of Korea', 'imap', 'KR']]);

      // Nothing new: nothing kept, nothing downloaded again.
      expect(await poller.pollOnce()).toBe(0);
    } finally {
      await poller.close();
    }
  });

  it('flags a message that cannot be kept while others are, after five polls; a poll that keeps nothing counts for none', async () => {
    const w = world();
    mailbox = await openMailbox();
    await mailbox.append(await message('Poison'));
    let down = true;
    const poller = startImapPoller(
      {
        url: mailbox.url,
        intervalMs: 60_000,
        maxBytes: SETTINGS.maxBytes,
        processedMailbox: null,
        insecureTls: true,
        deliver: async ({ raw }) => {
          if (down || raw.toString('latin1').includes('Subject: Poison')) throw new Error('cannot be kept');
          await receiveMail(w.ctx, SETTINGS, { raw, channel: 'imap' });
        },
      },
      { start: false },
    );
    try {
      // The database down: six polls keep nothing, and the message is not flagged for it.
      for (let poll = 0; poll < 6; poll++) expect(await poller.pollOnce()).toBe(0);
      expect((await mailbox.flags()).Poison).toEqual([]);
      down = false;
      for (let poll = 1; poll <= 5; poll++) {
        await mailbox.append(await message(`Reply ${poll}`));
        expect(await poller.pollOnce()).toBe(1);
        expect((await mailbox.flags()).Poison).toEqual(poll < 5 ? [] : ['\\Flagged']);
      }
    } finally {
      await poller.close();
    }
  });

  it.skipIf(EXTERNAL !== null)('moves a kept message to the processed mailbox when one is configured', async () => {
    const w = world();
    mailbox = await openMailbox();
    await mailbox.append(await message('Moved reply'));
    const poller = startImapPoller(
      {
        url: mailbox.url,
        intervalMs: 60_000,
        maxBytes: SETTINGS.maxBytes,
        processedMailbox: 'Processed',
        deliver: async ({ raw }) => {
          await receiveMail(w.ctx, SETTINGS, { raw, channel: 'imap' });
        },
      },
      { start: false },
    );
    try {
      expect(await poller.pollOnce()).toBe(1);
      expect(await mailbox.flags()).toEqual({});
      expect(Object.keys(await mailbox.flags('Processed'))).toEqual(['Moved reply']);
      expect((await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' })).pending).toBe(1);
    } finally {
      await poller.close();
    }
  });
});
