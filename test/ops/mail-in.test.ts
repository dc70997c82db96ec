import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/http/server.js';
import { allowedClients, startSmtpListener } from '../../src/mail/smtp-listener.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { listInbox, readInboundMessage } from '../../src/services/intake/mail-intake.js';
import { describeEachDialect } from '../helpers/databases.js';
import { registerSender } from '../helpers/mail-senders.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import { fillPdf } from '../documents/form-filling.js';

/**
 * Replies by e-mail end to end, on loopback: the server's SMTP listener (MAIL_IN_SMTP) takes a
 * message for its address from a real SMTP client, keeps it before answering 250 (it is in the
 * inbox when the client's send resolves), matches its authenticated sender to the State, and
 * refuses other recipients (550) and oversized messages (552) without keeping anything. When the
 * message cannot be kept the listener answers 451, so the sending server tries again.
 */

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describeEachDialect('replies by e-mail through the SMTP listener', (dialect) => {
  const world = useWorld(dialect);
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('keeps a message before answering 250, matched and with its PDF form; refuses other recipients and oversized mail', async () => {
    const w = world();
    const id = await w.openConsultation();
    w.clock.set('2023-05-02T10:00:00Z');
    await registerSender(w.ctx);
    const blank = (
      await generateDocument(w.ctx, { actor: SECRETARIAT, consultationId: id, kind: 'circular', format: 'pdf' })
    ).bytes;
    const form = await fillPdf(blank, { state: 'Republic of Korea' }, ['assent:x1353:does_not_assign_authority']);

    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-mail-in-'));
    folders.push(dataDir);
    const config = loadConfig({
      DATABASE_URL: w.database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WORKER: 'off',
      DATA_DIR: dataDir,
      DATABASE_POOL_MAX: '5',
      MAIL_IN_SMTP: '127.0.0.1:0',
      MAIL_IN_ADDRESSES: 'replies@itu.example, tsbdir@itu.example',
      MAIL_IN_AUTHSERV_ID: 'mx.itu.example',
      MAIL_IN_MAX_BYTES: String(Math.max(form.length * 2, 256 * 1024)),
    });
    server = await startServer(config, {
      context: await createAppContext(config, w.clock.now),
      handleSignals: false,
      logger: false,
    });
    const port = server.mailIn.smtp!.port;
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const sent = await transport.sendMail({
        from: 'Ministry of Science and ICT <itu@msit.go.kr>',
        to: 'Replies <REPLIES@itu.example>',
        subject: 'Reply to TSB Circular 79',
        text: 'Our reply is attached.',
        headers: { 'Authentication-Results': 'mx.itu.example; dkim=pass header.d=msit.go.kr' },
        attachments: [{ filename: 'reply-KR.pdf', content: Buffer.from(form) }],
      });
      expect(sent.accepted).toEqual(['REPLIES@itu.example']);
      // 250 came after the commit: the message is in the inbox now.
      const { messages } = await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' });
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        channel: 'smtp',
        envelopeFrom: 'itu@msit.go.kr',
        verdict: 'authenticated',
        memberState: 'KR',
        consultationId: id,
        formProblem: null,
      });
      const { raw } = await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: messages[0]!.id });
      expect(raw.toString('latin1')).toContain('Subject: Reply to TSB Circular 79');

      await expect(
        transport.sendMail({ from: 'itu@msit.go.kr', to: 'someone@itu.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 550 });
      await expect(
        transport.sendMail({
          from: 'itu@msit.go.kr',
          to: 'replies@itu.example',
          subject: 'too large',
          text: 'x',
          attachments: [{ filename: 'big.bin', content: Buffer.alloc(config.mailIn.maxBytes + 1024, 7) }],
        }),
      ).rejects.toMatchObject({ responseCode: 552 });
      expect((await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' })).messages).toHaveLength(1);
    } finally {
      transport.close();
    }
  });
});

describe('the SMTP listener', () => {
  it('takes connections from the mail servers listed only', async () => {
    const listener = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      recipients: ['replies@itu.example'],
      clients: ['192.0.2.0/24', '2001:db8::1'],
      maxBytes: 100_000,
      deliver: async () => {
        throw new Error('nothing may be delivered');
      },
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await expect(
        transport.sendMail({ from: 'itu@msit.go.kr', to: 'replies@itu.example', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 554 });
    } finally {
      transport.close();
      await listener.close();
    }
    const allowed = allowedClients(['loopback', '192.0.2.0/24', '2001:db8::1']);
    expect(allowed.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(allowed.check('192.0.2.77', 'ipv4')).toBe(true);
    expect(allowed.check('198.51.100.1', 'ipv4')).toBe(false);
    expect(allowed.check('2001:db8::1', 'ipv6')).toBe(true);
  });

  it('answers 451 when the message could not be kept, so the sending server keeps it and retries', async () => {
    let attempts = 0;
    const listener = await startSmtpListener({
      host: '127.0.0.1',
      port: 0,
      recipients: ['replies@itu.example'],
      clients: ['loopback'],
      maxBytes: 100_000,
      deliver: async () => {
        attempts++;
        if (attempts === 1) throw new Error('database unavailable');
      },
    });
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: listener.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      const message = { from: 'itu@msit.go.kr', to: 'replies@itu.example', subject: 'Reply', text: 'Reply' };
      await expect(transport.sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
      await expect(transport.sendMail(message)).resolves.toMatchObject({ accepted: ['replies@itu.example'] });
      expect(attempts).toBe(2);
    } finally {
      transport.close();
      await listener.close();
    }
  });
});
