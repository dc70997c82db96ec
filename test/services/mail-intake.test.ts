import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { expect, it } from 'vitest';
import { listAudit } from '../../src/repositories/audit.repository.js';
import { findAttachmentMeta } from '../../src/repositories/attachment.repository.js';
import { listReplyVersions } from '../../src/repositories/reply.repository.js';
import {
  dismissMail,
  listInbox,
  type MailInSettings,
  proposeFromMail,
  readInboundMessage,
  receiveMail,
  recordFromMail,
} from '../../src/services/intake/mail-intake.js';
import { describeEachDialect } from '../helpers/databases.js';
import { registerSender } from '../helpers/mail-senders.js';
import { focalPoint, SECRETARIAT, useWorld } from '../helpers/world.js';
import { returnedWordForm } from '../documents/form-filling.js';

/**
 * Replies that arrive by e-mail, on SQLite and PostgreSQL: each message kept as received, its
 * sender matched to a State only by a registered address and never when the trusted server says
 * its authentication failed, the consultation read from the form's stamp; recorded from the
 * inbox with the form attached as the original, or set aside with a reason, once.
 */

const SETTINGS: MailInSettings = { authservId: 'mx.itu.example', requireAuthentication: false, maxBytes: 5_000_000 };

describeEachDialect('replies received by e-mail', (dialect) => {
  const world = useWorld(dialect);

  /** An open consultation, Korea's registered focal point, and Korea's filled form of it. */
  async function setUp() {
    const w = world();
    const id = await w.openConsultation();
    w.clock.set('2023-05-02T10:00:00Z');
    await registerSender(w.ctx, 'ITU@msit.go.kr');
    const form = await returnedWordForm(
      w.ctx,
      id,
      {
        'signatory.name': 'Kim Min-jun',
        'signatory.title': 'Director-General',
        state: 'Republic of Korea',
        placeDate: 'Sejong, 1 May 2023',
      },
      ['assent:x1333-cor1:assigns_authority', 'assent:x1333-cor1:assigns_authority:no_comments'],
    );
    return { w, id, form };
  }

  async function email(options: {
    from: string;
    authenticationResults?: string[];
    attachments?: { filename: string; content: Buffer }[];
    subject?: string;
  }): Promise<Buffer> {
    return new MailComposer({
      from: options.from,
      to: 'replies@itu.example',
      subject: options.subject ?? 'Reply to TSB Circular 79',
      text: 'Please find our reply attached.',
      date: new Date('2023-05-01T08:00:00Z'),
      headers: (options.authenticationResults ?? []).map((value) => ({ key: 'Authentication-Results', value })),
      attachments: options.attachments ?? [],
    })
      .compile()
      .build();
  }

  it('keeps a message as received, matched to the State its authenticated sender is registered for, with its consultation', async () => {
    const { w, id, form } = await setUp();
    const raw = await email({
      from: 'Ministry of Science and ICT <itu@MSIT.go.kr>',
      authenticationResults: ['mx.itu.example; dkim=pass header.d=msit.go.kr; spf=pass smtp.mailfrom=msit.go.kr'],
      attachments: [{ filename: 'reply-KR.docx', content: Buffer.from(form) }],
    });
    const kept = await receiveMail(w.ctx, SETTINGS, { raw, channel: 'smtp', envelopeFrom: 'bounce@msit.go.kr' });
    expect(kept.duplicate).toBe(false);
    const { message, raw: stored } = await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: kept.id });
    expect(Buffer.compare(stored, raw)).toBe(0);
    expect(message).toMatchObject({
      channel: 'smtp',
      status: 'pending',
      fromAddress: 'itu@msit.go.kr',
      fromName: 'Ministry of Science and ICT',
      envelopeFrom: 'bounce@msit.go.kr',
      subject: 'Reply to TSB Circular 79',
      sentAt: Date.parse('2023-05-01T08:00:00Z'),
      receivedAt: Date.parse('2023-05-02T10:00:00Z'),
      verdict: 'authenticated',
      memberState: 'KR',
      senderProblem: null,
      consultationId: id,
      formProblem: null,
    });
    expect(await findAttachmentMeta(w.ctx.db, message.rawSha256)).toMatchObject({ mediaType: 'message/rfc822' });
    const events = await listAudit(w.ctx.db, { subject: `inbound:${kept.id}`, limit: 10 });
    expect(events.map((event) => [event.action, event.actor])).toEqual([['mail.received', 'mail-in:smtp']]);

    // The same bytes again (a retried delivery, a mailbox polled twice) are the same message.
    expect(await receiveMail(w.ctx, SETTINGS, { raw, channel: 'imap' })).toEqual({ id: kept.id, duplicate: true });
    const inbox = await listInbox(w.ctx, { actor: SECRETARIAT, status: 'pending' });
    expect(inbox.messages.map((m) => m.id)).toEqual([kept.id]);
    expect(inbox.pending).toBe(1);
    await expect(listInbox(w.ctx, { actor: focalPoint('KR'), status: 'pending' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('never guesses the State: an unknown, forged, shared or unauthenticated sender waits unmatched, with the reason', async () => {
    const { w, form } = await setUp();
    const attachments = [{ filename: 'reply.docx', content: Buffer.from(form) }];
    const cases: [Parameters<typeof email>[0], MailInSettings, string | null, string][] = [
      [{ from: 'someone@elsewhere.example', attachments }, SETTINGS, 'SENDER_UNKNOWN', 'unknown'],
      [
        // Signed, but by the forger's own domain; the header of another server is not believed.
        {
          from: 'itu@msit.go.kr',
          authenticationResults: [
            'mx.itu.example; dkim=pass header.d=forger.example; spf=fail smtp.mailfrom=msit.go.kr',
            'forger.example; dkim=pass header.d=msit.go.kr',
          ],
          attachments,
          subject: 'forged',
        },
        SETTINGS,
        'SENDER_AUTHENTICATION_FAILED',
        'failed',
      ],
      [
        { from: 'itu@msit.go.kr', attachments, subject: 'no results' },
        { ...SETTINGS, requireAuthentication: true },
        'SENDER_NOT_AUTHENTICATED',
        'unknown',
      ],
    ];
    for (const [mail, settings, problem, verdict] of cases) {
      const { id } = await receiveMail(w.ctx, settings, { raw: await email(mail), channel: 'pipe' });
      const { message } = await readInboundMessage(w.ctx, { actor: SECRETARIAT, id });
      expect([message.memberState, message.senderProblem, message.verdict], mail.subject ?? mail.from).toEqual([
        null,
        problem,
        verdict,
      ]);
    }
    // An address registered for two States (an address of a regional office, say) matches neither.
    await w.ctx.db
      .insertInto('account')
      .values({
        id: 'account-bf',
        email: 'itu@msit.go.kr',
        name: 'Shared address',
        role: 'focal_point',
        member_state: 'BF',
        focal_point_rank: 'primary',
        password_hash: null,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        language: 'en',
        disabled_at: null,
        created_at: 0,
        updated_at: 0,
      })
      .execute();
    const shared = await receiveMail(w.ctx, SETTINGS, {
      raw: await email({ from: 'itu@msit.go.kr', attachments, subject: 'shared' }),
      channel: 'pipe',
    });
    expect((await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: shared.id })).message).toMatchObject({
      memberState: null,
      senderProblem: 'SENDER_OF_SEVERAL_STATES',
    });

    // Two From headers, the signed one below (a known forgery): matched to no State, whatever DKIM says.
    const twoFroms = Buffer.concat([
      Buffer.from('From: itu@msit.go.kr\r\n'),
      await email({
        from: 'attacker@mail.example',
        authenticationResults: ['mx.itu.example; dkim=pass header.d=mail.example'],
        subject: 'two senders',
      }),
    ]);
    const ambiguous = await receiveMail(w.ctx, SETTINGS, { raw: twoFroms, channel: 'pipe' });
    expect((await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: ambiguous.id })).message).toMatchObject({
      memberState: null,
      senderProblem: 'SENDER_AMBIGUOUS',
    });

    // No form attached, or two: the consultation is not guessed either.
    const none = await receiveMail(w.ctx, SETTINGS, {
      raw: await email({ from: 'someone@elsewhere.example', subject: 'only words' }),
      channel: 'pipe',
    });
    expect((await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: none.id })).message).toMatchObject({
      consultationId: null,
      formProblem: 'NO_FORM_ATTACHED',
    });
    const two = await receiveMail(w.ctx, SETTINGS, {
      raw: await email({
        from: 'someone@elsewhere.example',
        subject: 'two forms',
        attachments: [...attachments, { filename: 'again.docx', content: Buffer.from(form) }],
      }),
      channel: 'pipe',
    });
    expect((await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: two.id })).message.formProblem).toBe(
      'SEVERAL_FORMS_ATTACHED',
    );
    await expect(
      receiveMail(w.ctx, { ...SETTINGS, maxBytes: 1000 }, { raw: await email(cases[0]![0]), channel: 'pipe' }),
    ).rejects.toMatchObject({ code: 'MESSAGE_TOO_LARGE' });
  });

  it('dates a message by the mail server that received it, keeps its words clean, and a missing date as none', async () => {
    const { w } = await setUp();
    const raw = Buffer.from(
      [
        'Received: from mail.msit.go.kr by mx.itu.example with ESMTPS; Tue, 2 May 2023 09:41:07 +0000',
        'Received: from laptop by mail.msit.go.kr; Tue, 2 May 2023 09:40:00 +0000',
        'From: "Kim\u202e Min-jun" <itu@msit.go.kr>',
        'Subject: =?utf-8?B?UmVwbHkAIG9mIEtvcmVh?=',
        '',
        'Reply.',
        '',
      ].join('\r\n'),
    );
    const { id } = await receiveMail(w.ctx, SETTINGS, { raw, channel: 'smtp' });
    const { message } = await readInboundMessage(w.ctx, { actor: SECRETARIAT, id });
    expect(message).toMatchObject({
      receivedAt: Date.parse('2023-05-02T09:41:07Z'),
      sentAt: null,
      subject: 'Reply  of Korea',
      fromName: 'Kim  Min-jun',
    });
    // A Received date from the future, or from long ago, is not believed: Assent's clock says.
    const odd = Buffer.from(
      'Received: from x by mx.itu.example; Tue, 2 May 2024 09:41:07 +0000\r\nFrom: itu@msit.go.kr\r\nSubject: odd\r\n\r\nx\r\n',
    );
    const kept = await receiveMail(w.ctx, SETTINGS, { raw: odd, channel: 'pipe' });
    expect((await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: kept.id })).message.receivedAt).toBe(
      w.clock.now(),
    );
  });

  it('records the reply a message carries with its form as the original, once; and sets another aside with its reason', async () => {
    const { w, id, form } = await setUp();
    const raw = await email({
      from: 'itu@msit.go.kr',
      attachments: [
        { filename: 'cover.txt', content: Buffer.from('Cover letter') },
        { filename: 'reply-KR.docx', content: Buffer.from(form) },
      ],
    });
    const kept = await receiveMail(w.ctx, SETTINGS, { raw, channel: 'smtp' });
    const { proposal } = await proposeFromMail(w.ctx, { actor: SECRETARIAT, id: kept.id, consultationId: id });
    expect(proposal.state.code).toBe('KR');
    const input = {
      channel: 'email' as const,
      receivedAt: '2023-05-02T10:00:00Z',
      positions: [...proposal.positions],
      signatory: { name: proposal.signatory.name!, title: proposal.signatory.title! },
    };
    const receipt = await recordFromMail(w.ctx, {
      actor: SECRETARIAT,
      id: kept.id,
      consultationId: id,
      memberState: 'KR',
      input,
    });
    expect(receipt).toMatchObject({ memberState: 'KR', version: 1, channel: 'email' });
    const [version] = await listReplyVersions(w.ctx.db, id, 'KR');
    expect(version!.originalFile).toBe(proposal.sha256);
    expect(await findAttachmentMeta(w.ctx.db, proposal.sha256)).toMatchObject({ filename: 'reply-KR.docx' });
    const { message } = await readInboundMessage(w.ctx, { actor: SECRETARIAT, id: kept.id });
    expect(message).toMatchObject({
      status: 'recorded',
      handledBy: SECRETARIAT.id,
      reply: { memberState: 'KR', version: 1 },
    });

    // Handled once: recording or setting it aside again changes nothing.
    await expect(
      recordFromMail(w.ctx, { actor: SECRETARIAT, id: kept.id, consultationId: id, memberState: 'KR', input }),
    ).rejects.toMatchObject({ code: 'MESSAGE_HANDLED' });
    await expect(dismissMail(w.ctx, { actor: SECRETARIAT, id: kept.id, note: 'duplicate' })).rejects.toMatchObject({
      code: 'MESSAGE_HANDLED',
    });
    expect(await listReplyVersions(w.ctx.db, id, 'KR')).toHaveLength(1);

    const spam = await receiveMail(w.ctx, SETTINGS, {
      raw: await email({ from: 'offers@elsewhere.example', subject: 'Offer' }),
      channel: 'imap',
    });
    await expect(dismissMail(w.ctx, { actor: SECRETARIAT, id: spam.id, note: '  ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/note', code: 'REQUIRED' }],
    });
    await dismissMail(w.ctx, { actor: SECRETARIAT, id: spam.id, note: 'Not a reply: an advertisement' });
    const handled = await listInbox(w.ctx, { actor: SECRETARIAT, status: 'handled' });
    expect(handled.messages.map((m) => [m.status, m.note])).toEqual(
      expect.arrayContaining([
        ['dismissed', 'Not a reply: an advertisement'],
        ['recorded', null],
      ]),
    );
    expect(handled.pending).toBe(0);
    await expect(readInboundMessage(w.ctx, { actor: SECRETARIAT, id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
