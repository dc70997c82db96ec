import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, parseDatabaseUrl } from '../../src/db/connect.js';
import type { DB } from '../../src/db/database.js';
import { DAY_MS } from '../../src/domain/time/instants.js';
import { emlTransport, smtpTransport, type MailTransport } from '../../src/mail/mail-transport.js';
import { findJob } from '../../src/repositories/job.repository.js';
import { findReplyVersion } from '../../src/repositories/reply.repository.js';
import type { Contact } from '../../src/repositories/contact.repository.js';
import { addContact } from '../../src/services/contacts.js';
import { createJobHandlers } from '../../src/services/jobs/handlers.js';
import { listJobs } from '../../src/services/jobs/list-jobs.js';
import { readMailMessage } from '../../src/services/jobs/read-mail-message.js';
import { backoffMs, createWorker, type Worker } from '../../src/services/jobs/worker.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { reminderHistory } from '../../src/services/remind-state.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { DEADLINE, OBSERVER, SECRETARIAT, focalPoint, replyInput, useWorld } from '../helpers/world.js';
import { runUntilIdle } from './run-until-idle.js';
import { closedPort, startSmtpSink, type ReceivedMail, type SmtpSink } from './smtp-sink.js';

/**
 * E-mails as recipients get them: a real SMTP server on the loopback interface receives what
 * the job worker sends through nodemailer, and the messages are parsed back.
 */

const FROM = 'Assent <no-reply@assent.test>';
const BASE_URL = 'https://assent.test';
const DEADLINE_WORDS = '2359 hours UTC on 16 August 2023';
const DEADLINE_AT = Date.parse(DEADLINE);
const DESIGNATIONS = { 'x1333-cor1': 'X.1333 Cor.1', x1353: 'X.1353', x1471: 'X.1471' } as const;

interface Recipients {
  kr1: Contact;
  kr2: Contact;
  fr: Contact;
  de: Contact;
  observer: Contact;
}

/** Two focal points of Korea, one of France and of Germany, one observer; Brazil has none. */
async function addRecipients(ctx: ServiceContext): Promise<Recipients> {
  const add = (email: string, role: Contact['role'], memberState?: string) =>
    addContact(ctx, { actor: SECRETARIAT, email, name: email.split('@')[0]!, role, memberState });
  return {
    kr1: await add('fp1@msit.kr.test', 'focal_point', 'KR'),
    kr2: await add('fp2@msit.kr.test', 'focal_point', 'KR'),
    fr: await add('fp@anfr.fr.test', 'focal_point', 'FR'),
    de: await add('fp@bnetza.de.test', 'focal_point', 'DE'),
    observer: await add('observer@vendor.test', 'observer'),
  };
}

/** Messages grouped by the one recipient each was sent to. */
function byRecipient(messages: readonly ReceivedMail[]): Map<string, ReceivedMail[]> {
  const map = new Map<string, ReceivedMail[]>();
  for (const m of messages) {
    expect(m.envelopeTo).toEqual(m.to);
    expect(m.to).toHaveLength(1);
    map.set(m.to[0]!, [...(map.get(m.to[0]!) ?? []), m]);
  }
  return map;
}

describeEachDialect('e-mail', (dialect) => {
  const world = useWorld(dialect);
  let sink: SmtpSink;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    sink = await startSmtpSink();
    cleanups.push(() => sink.close());
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function transport(url = sink.url): MailTransport {
    const t = smtpTransport(url);
    cleanups.push(() => t.close());
    return t;
  }
  function mailWorker(ctx: ServiceContext, mail: MailTransport, options: { id?: string; ran?: string[] } = {}): Worker {
    return createWorker(ctx, {
      ...(options.id && { id: options.id }),
      pollMs: 5,
      handlers: createJobHandlers(ctx, { transport: mail, from: FROM, baseUrl: BASE_URL }),
      onAttempt: (job) => options.ran?.push(job.id),
    });
  }
  /** A second instance's pool on the same database (SQLite: the same file). */
  function secondContext(): ServiceContext {
    const db: Kysely<DB> = openDatabase(parseDatabaseUrl(world().database.url, os.tmpdir(), 5));
    cleanups.push(() => db.destroy());
    return serviceContext(db, world().clock.now);
  }
  function tempDir(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-mail-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  const at = (daysBefore: number) => DEADLINE_AT - daysBefore * DAY_MS;

  it('sends the issue notice to the focal points of the consulted States and an information copy to observers', async () => {
    const { ctx } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    const worker = mailWorker(ctx, transport());

    // notify-issue, then one mail job per recipient.
    expect(await worker.drain()).toBe(1 + 5);
    const mails = byRecipient(await sink.messages());
    expect([...mails.keys()].sort()).toEqual([to.kr1, to.kr2, to.fr, to.de, to.observer].map((c) => c.email).sort());

    for (const contact of [to.kr1, to.kr2, to.fr, to.de]) {
      const [notice, ...more] = mails.get(contact.email)!;
      expect(more).toEqual([]);
      expect(notice!.subject).toBe(`TSB Circular 79: Member State consultation, replies due ${DEADLINE_WORDS}`);
      expect(notice!.text).toContain(`Please reply for your administration, per text, by ${DEADLINE_WORDS}.`);
      for (const designation of Object.values(DESIGNATIONS)) expect(notice!.text).toContain(designation);
      // The link is the consultation page, in the recipient's language.
      expect(notice!.text).toContain(`${BASE_URL}/en/consultations/${id}`);
      // And the reply form, where signing in leads back.
      expect(notice!.text).toContain(
        `Reply for your State on Assent (sign in first): ${BASE_URL}/en/my/consultations/${id}/reply`,
      );
      expect(notice!.reference).toBe(`mail:notify-issue:${id}:${contact.id}`);
    }
    const [copy, ...more] = mails.get(to.observer.email)!;
    expect(more).toEqual([]);
    expect(copy!.subject).toBe(
      `TSB Circular 79: for information — Member State consultation, replies due ${DEADLINE_WORDS}`,
    );
    expect(copy!.text).toContain('For information');
    expect(copy!.text).toContain(`Replies are due by ${DEADLINE_WORDS}.`);
    expect(copy!.text).not.toContain('Please reply for your administration');
    expect(copy!.text).not.toContain('/reply');
    for (const designation of Object.values(DESIGNATIONS)) expect(copy!.text).toContain(designation);

    // Nothing is sent twice.
    expect(await worker.drain()).toBe(0);
    expect(sink.raw).toHaveLength(5);
  });

  it('sends the receipt of a reply to the focal points of the replying State only, naming the version and its SHA-256', async () => {
    const { ctx, clock } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    const worker = mailWorker(ctx, transport());
    await worker.drain();
    sink.clear();

    clock.advance(DAY_MS);
    const first = await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    expect(await worker.drain()).toBe(1 + 2);
    let mails = byRecipient(await sink.messages());
    expect([...mails.keys()].sort()).toEqual([to.kr1.email, to.kr2.email].sort());
    for (const [, [receipt]] of mails) {
      expect(receipt!.subject).toBe('Receipt: reply of Korea (Republic of) to TSB Circular 79, version 1');
      expect(receipt!.text).toContain('Version: 1');
      expect(receipt!.text).toContain(`SHA-256 of the stored reply: ${first.receipt.contentHash}`);
      expect(receipt!.text).toContain('Counts: yes');
      // The position reads as the consultation's procedure words it (TAP's reading of "no comments").
      for (const designation of Object.values(DESIGNATIONS))
        expect(receipt!.text).toContain(
          `${designation}: Assigns authority to SG17 to consider this text for approval, with no comments or suggested changes`,
        );
    }

    // An amendment is a new version with its own receipt.
    sink.clear();
    clock.advance(DAY_MS);
    const second = await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
    expect(second.receipt.contentHash).not.toBe(first.receipt.contentHash);
    await worker.drain();
    mails = byRecipient(await sink.messages());
    expect([...mails.keys()].sort()).toEqual([to.kr1.email, to.kr2.email].sort());
    for (const [, [receipt]] of mails) {
      expect(receipt!.subject).toBe('Receipt: reply of Korea (Republic of) to TSB Circular 79, version 2');
      expect(receipt!.text).toContain(`SHA-256 of the stored reply: ${second.receipt.contentHash}`);
    }
  });

  it('reminds, at each reminder slot, exactly the States with contacts that still owe texts, naming those texts', async () => {
    const { ctx, clock } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    const worker = mailWorker(ctx, transport());
    await worker.drain();

    clock.advance(DAY_MS);
    // Korea answers every text, France one of three; Germany (and Brazil, which has no contact) nothing.
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    await submitReply(ctx, {
      actor: focalPoint('FR'),
      consultationId: id,
      memberState: 'FR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
    await worker.drain();

    for (const days of [30, 14, 7]) {
      sink.clear();
      clock.set(at(days));
      await worker.drain();
      const mails = byRecipient(await sink.messages());
      expect([...mails.keys()].sort(), `recipients at the ${days}-day slot`).toEqual([to.fr.email, to.de.email].sort());
      for (const [email, list] of mails) {
        expect(list, `reminders to ${email} at the ${days}-day slot`).toHaveLength(1);
        const reminder = list[0]!;
        expect(reminder.subject).toBe(`Reminder: TSB Circular 79 — ${days} days left to reply`);
        expect(reminder.text).toContain(`Replies are due by ${DEADLINE_WORDS}.`);
        const owed = email === to.fr.email ? ['x1333-cor1', 'x1471'] : ['x1333-cor1', 'x1353', 'x1471'];
        expect(reminder.text).toContain(
          email === to.fr.email
            ? 'The Administration of France has not yet replied on these 2 texts'
            : 'The Administration of Germany (Federal Republic of) has not yet replied on these 3 texts',
        );
        for (const [text, designation] of Object.entries(DESIGNATIONS)) {
          if (owed.includes(text)) expect(reminder.text).toContain(`- ${designation}`);
          else expect(reminder.text).not.toContain(`- ${designation}`);
        }
      }
      const slot = await findJob(ctx.db, `reminder:${id}:${days}d`);
      expect(slot).toMatchObject({ state: 'done' });
      expect(slot!.result!.statesWithoutContact).toContain('BR');
      expect(slot!.result!.statesWithoutContact).not.toContain('FR');
      expect(slot!.result!.statesWithoutContact).not.toContain('KR');

      // Draining again sends nothing new.
      expect(await worker.drain()).toBe(0);
      expect(sink.raw).toHaveLength(2);
    }

    // Germany answers everything before the 2-day slot: only France is reminded, of the rest.
    clock.set(at(7) + 3_600_000);
    await submitReply(ctx, {
      actor: focalPoint('DE'),
      consultationId: id,
      memberState: 'DE',
      input: replyInput(),
      channel: 'api',
    });
    await worker.drain();
    sink.clear();
    clock.set(at(2));
    await worker.drain();
    const last = await sink.messages();
    expect(last.map((m) => m.to)).toEqual([[to.fr.email]]);
    expect(last[0]!.subject).toBe('Reminder: TSB Circular 79 — 2 days left to reply');
    expect(last[0]!.text).toContain('these 2 texts');

    // Each State's page lists its own reminders only, newest first (the database narrows by payload).
    const history = async (state: string) =>
      (await reminderHistory(ctx, { actor: SECRETARIAT, consultationId: id, memberState: state })).map((r) => [
        r.daysBefore,
        r.state,
      ]);
    expect(await history('FR')).toEqual([
      [2, 'sent'],
      [7, 'sent'],
      [14, 'sent'],
      [30, 'sent'],
    ]);
    expect(await history('DE')).toEqual([
      [7, 'sent'],
      [14, 'sent'],
      [30, 'sent'],
    ]);
    expect(await history('KR')).toEqual([]);
  });

  it('sends a worker that was down across several reminder slots one reminder per State, saying how many days are really left', async () => {
    const { ctx, clock } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    const worker = mailWorker(ctx, transport());
    await worker.drain();
    clock.advance(DAY_MS);
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    await submitReply(ctx, {
      actor: focalPoint('FR'),
      consultationId: id,
      memberState: 'FR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
    await worker.drain();
    sink.clear();

    // Nothing ran between the issue and the 7-day slot (the 30- and 14-day slots were missed).
    clock.set(at(7));
    await worker.drain();
    const mails = byRecipient(await sink.messages());
    expect([...mails.keys()].sort()).toEqual([to.fr.email, to.de.email].sort());
    for (const [email, list] of mails)
      expect(
        list.map((m) => m.subject),
        `reminders to ${email}`,
      ).toEqual(['Reminder: TSB Circular 79 — 7 days left to reply']);
  });

  it('sends one notice and one reminder per recipient and slot when the workers of two instances run at once', async () => {
    const { ctx, clock } = world();
    const to = await addRecipients(ctx);
    // Three circulars issued together: three notices to fan out, fifteen e-mails to send.
    const ids = [
      await world().openConsultation(),
      await world().openConsultation({ number: 80, reference: 'TSB Circular 80' }),
      await world().openConsultation({ number: 81, reference: 'TSB Circular 81' }),
    ];
    const ranA: string[] = [];
    const ranB: string[] = [];
    const a = mailWorker(ctx, transport(), { id: 'instance-a', ran: ranA });
    const b = mailWorker(secondContext(), transport(), { id: 'instance-b', ran: ranB });

    await runUntilIdle([a, b], ctx.db, clock.now);
    expect(ranA.length + ranB.length).toBe(3 + 15);
    expect(new Set([...ranA, ...ranB]).size).toBe(3 + 15);
    expect(ranA.length, 'jobs run by instance A').toBeGreaterThan(0);
    expect(ranB.length, 'jobs run by instance B').toBeGreaterThan(0);
    let mails = byRecipient(await sink.messages());
    expect(mails.size).toBe(5);
    for (const [email, list] of mails)
      expect(list.map((m) => m.subject.slice(0, 16)).sort(), `notices to ${email}`).toEqual([
        'TSB Circular 79:',
        'TSB Circular 80:',
        'TSB Circular 81:',
      ]);

    clock.advance(DAY_MS);
    for (const id of ids)
      await submitReply(ctx, {
        actor: focalPoint('KR'),
        consultationId: id,
        memberState: 'KR',
        input: replyInput(),
        channel: 'api',
      });
    await runUntilIdle([a, b], ctx.db, clock.now);
    sink.clear();

    clock.set(at(30));
    await runUntilIdle([a, b], ctx.db, clock.now);
    mails = byRecipient(await sink.messages());
    expect([...mails.keys()].sort()).toEqual([to.fr.email, to.de.email].sort());
    for (const [email, list] of mails) {
      expect(list.map((m) => m.subject).sort(), `reminders to ${email}`).toEqual(
        ['TSB Circular 79', 'TSB Circular 80', 'TSB Circular 81'].map((r) => `Reminder: ${r} — 30 days left to reply`),
      );
    }
    const jobs = await ctx.db
      .selectFrom('job')
      .select(['id', 'state', 'attempts'])
      .where('state', '!=', 'queued')
      .execute();
    expect(jobs.filter((j) => j.state !== 'done' || j.attempts !== 1)).toEqual([]);
  });

  it('stores and acknowledges a reply while SMTP is down, and delivers its receipt once the server is back and the back-off has passed', async () => {
    const { ctx, clock } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    await mailWorker(ctx, transport()).drain();
    sink.clear();

    const port = await closedPort();
    const worker = mailWorker(ctx, transport(`smtp://127.0.0.1:${port}`));
    clock.advance(DAY_MS);
    const { receipt } = await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    expect(receipt).toMatchObject({ version: 1, counted: true });
    expect((await findReplyVersion(ctx.db, id, 'KR', 1))?.contentHash).toBe(receipt.contentHash);

    // notify-receipt fans out; both mail jobs fail and wait for their next attempt.
    expect(await worker.drain()).toBe(1 + 2);
    const failedAt = clock.now();
    for (const contact of [to.kr1, to.kr2]) {
      const job = await findJob(ctx.db, `mail:notify-receipt:${id}:KR:1:${contact.id}`);
      expect(job).toMatchObject({ state: 'queued', attempts: 1, runAt: failedAt + backoffMs(1) });
      expect(job!.lastError).toMatch(/ECONNREFUSED|connect/i);
    }
    expect(await worker.drain()).toBe(0);

    const revived = await startSmtpSink(port);
    cleanups.push(() => revived.close());
    clock.advance(backoffMs(1));
    expect(await worker.drain()).toBe(2);
    const mails = byRecipient(await revived.messages());
    expect([...mails.keys()].sort()).toEqual([to.kr1.email, to.kr2.email].sort());
    for (const [, [mail]] of mails) expect(mail!.text).toContain(`SHA-256 of the stored reply: ${receipt.contentHash}`);
    for (const contact of [to.kr1, to.kr2]) {
      expect(await findJob(ctx.db, `mail:notify-receipt:${id}:KR:1:${contact.id}`)).toMatchObject({
        state: 'done',
        attempts: 2,
        lastError: null,
      });
    }
    expect(sink.raw).toHaveLength(0);
  });

  it('writes .eml files without an SMTP server, and shows them to the secretariat only', async () => {
    const { ctx } = world();
    const to = await addRecipients(ctx);
    const id = await world().openConsultation();
    const dir = tempDir();
    const eml = emlTransport(dir);
    cleanups.push(() => eml.close());
    expect(await mailWorker(ctx, eml).drain()).toBe(1 + 5);

    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(5);
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('.eml'))).toEqual([]);
    const { jobs, counts } = await listJobs(ctx, { actor: SECRETARIAT, kind: 'mail' });
    expect(jobs).toHaveLength(5);
    expect(counts.done).toBeGreaterThanOrEqual(5);
    for (const job of jobs) {
      expect(job.result).toMatchObject({ transport: 'eml' });
      expect(path.dirname(String(job.result!.location))).toBe(dir);
      const raw = await readMailMessage(ctx, { actor: SECRETARIAT, jobId: job.id, mailDir: dir });
      const parsed = await simpleParser(raw);
      const contact = Object.values(to).find((c) => c.id === job.payload.contactId)!;
      expect(parsed.subject).toContain('TSB Circular 79');
      expect(parsed.text).toContain(DEADLINE_WORDS);
      // An HTML alternative saying the same, in the recipient's language.
      expect(parsed.html).toContain('<html lang="en" dir="ltr">');
      expect(parsed.html).toContain(DEADLINE_WORDS);
      expect(parsed.headers.get('x-assent-reference')).toBe(`mail:notify-issue:${id}:${contact.id}`);
      expect(
        (Array.isArray(parsed.to) ? parsed.to : [parsed.to!]).flatMap((a) => a.value.map((v) => v.address)),
      ).toEqual([contact.email]);
    }

    const jobId = jobs[0]!.id;
    await expect(readMailMessage(ctx, { actor: focalPoint('KR'), jobId, mailDir: dir })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(readMailMessage(ctx, { actor: OBSERVER, jobId, mailDir: dir })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // A message file outside the mail folder is never read.
    await expect(readMailMessage(ctx, { actor: SECRETARIAT, jobId, mailDir: tempDir() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    // A job that is not an e-mail has no message.
    await expect(
      readMailMessage(ctx, { actor: SECRETARIAT, jobId: `notify-issue:${id}`, mailDir: dir }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
