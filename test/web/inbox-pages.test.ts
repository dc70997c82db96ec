import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { beforeEach, expect, it } from 'vitest';
import { findAttachmentMeta } from '../../src/repositories/attachment.repository.js';
import { listReplyVersions } from '../../src/repositories/reply.repository.js';
import { listInbox, type MailInSettings, receiveMail } from '../../src/services/intake/mail-intake.js';
import { describeEachDialect } from '../helpers/databases.js';
import { registerSender } from '../helpers/mail-senders.js';
import { SECRETARIAT } from '../helpers/world.js';
import { returnedWordForm } from '../documents/form-filling.js';
import { type Browser, csrfOf, decode, expectSeeOther, hiddenFields, postMultipart, useWeb } from './web-harness.js';

/**
 * The replies received by e-mail on the secretariat's pages, on SQLite and PostgreSQL: the inbox
 * lists a message with the State its registered sender belongs to and the circular its form
 * answers; "Check and record the reply" opens the record page filled from the form, with the
 * message's form as the original (no file to choose); recording it takes it out of the inbox;
 * another message is opened, downloaded as received, and set aside only with a reason.
 */

const SETTINGS: MailInSettings = { authservId: 'mx.itu.example', requireAuthentication: false, maxBytes: 5_000_000 };

describeEachDialect('the inbox of replies received by e-mail', (dialect) => {
  const web = useWeb(dialect);
  let officer: Browser;
  let id: string;

  beforeEach(async () => {
    const { world } = web();
    id = await world.openConsultation();
    world.clock.set('2023-05-02T10:00:00Z');
    await registerSender(world.ctx);
    const { invitationPath } = await web().invite({ role: 'secretariat_staff', email: 'officer@itu.test' });
    officer = web().browser();
    await web().enrol(officer, invitationPath);
  });

  async function koreasMessage(): Promise<{ raw: Buffer; form: Uint8Array }> {
    const { world } = web();
    const form = await returnedWordForm(
      world.ctx,
      id,
      { 'signatory.name': 'Kim Min-jun', 'signatory.title': 'Director-General', state: 'Republic of Korea' },
      ['assent:x1353:assigns_authority', 'assent:x1353:assigns_authority:no_comments'],
    );
    const raw = await new MailComposer({
      from: 'Ministry of Science and ICT <itu@msit.go.kr>',
      to: 'replies@itu.example',
      subject: 'Reply to TSB Circular 79',
      text: 'Please find our reply attached.',
      headers: { 'Authentication-Results': 'mx.itu.example; dkim=pass header.d=msit.go.kr' },
      attachments: [{ filename: 'reply-KR.docx', content: Buffer.from(form) }],
    })
      .compile()
      .build();
    return { raw, form };
  }

  it('records the reply a message carries from the record page filled from it, its form as the original', async () => {
    const { world } = web();
    const { raw } = await koreasMessage();
    const { id: messageId } = await receiveMail(world.ctx, SETTINGS, { raw, channel: 'smtp' });

    const inbox = await officer.get('/en/secretariat/inbox');
    expect(inbox.statusCode).toBe(200);
    const body = decode(inbox.body);
    expect(body).toContain('1 message waiting, oldest first');
    // The inbox is its own section of the secretariat's, not a page of the circulars.
    expect(body).toContain('<a href="/en/secretariat/inbox" aria-current="page">Replies by e-mail</a>');
    expect(body).toContain('<a href="/en/secretariat">Circulars</a>');
    expect(body).toContain('Korea (Republic of)');
    expect(body).toContain('Sender authenticated by the mail server');
    expect(body).toContain('TSB Circular 79');
    const recordPath = `/en/secretariat/consultations/${id}/replies/record?message=${messageId}`;
    expect(body).toContain(`href="${recordPath}"`);

    const page = await officer.get(recordPath);
    expect(page.statusCode).toBe(200);
    const form = decode(page.body);
    expect(form).toContain('From itu@msit.go.kr: sender authenticated by the mail server.');
    expect(form).toContain('The sender’s address is registered for Korea (Republic of).');
    expect(form).toMatch(/<option value="KR" selected>/);
    expect(form).toContain('value="2023-05-02T10:00:00"');
    expect(form).toContain('The original is the form attached to the e-mail “Reply to TSB Circular 79”');
    expect(form).not.toContain('name="scan"');
    expect(form).not.toContain('id="read-form"');
    const action = `/en/secretariat/consultations/${id}/replies/record`;
    const hidden = hiddenFields(page.body, action);
    expect(hidden.message).toBe(messageId);

    const confirmed = {
      ...hidden,
      memberState: 'KR',
      receivedAt: '2023-05-02T10:00',
      receivedZone: 'Z',
      channel: 'email',
      'position-x1353': 'assigns_authority',
      'option-x1353': 'no_comments',
      signatoryName: 'Kim Min-jun',
      signatoryTitle: 'Director-General',
    };
    // A mistake comes back with the message still named, and still no file to choose.
    const mistaken = await postMultipart(web().app, officer, action, { ...confirmed, receivedAt: '' });
    expect(mistaken.statusCode).toBe(400);
    expect(hiddenFields(mistaken.body, action).message).toBe(messageId);
    expect(decode(mistaken.body)).not.toContain('name="scan"');
    expect(await listReplyVersions(world.ctx.db, id, 'KR')).toEqual([]);

    const posted = await postMultipart(web().app, officer, action, confirmed);
    expectSeeOther(posted, '/en/secretariat/inbox?notice=inbox-recorded');
    const [version] = await listReplyVersions(world.ctx.db, id, 'KR');
    expect(version).toMatchObject({ channel: 'email', signatoryName: 'Kim Min-jun' });
    expect(await findAttachmentMeta(world.ctx.db, version!.originalFile!)).toMatchObject({ filename: 'reply-KR.docx' });
    expect((await listInbox(world.ctx, { actor: SECRETARIAT, status: 'pending' })).pending).toBe(0);

    const after = decode((await officer.get('/en/secretariat/inbox?notice=inbox-recorded')).body);
    expect(after).toContain('The reply was recorded, with the form attached to the message as its original.');
    expect(after).toContain('No message is waiting.');
    const handled = decode((await officer.get('/en/secretariat/inbox?handled=1')).body);
    expect(handled).toContain('Recorded as version 1 of the reply of Korea (Republic of)');

    // The same message cannot be recorded twice: the page says so, and nothing is recorded.
    const again = await postMultipart(web().app, officer, action, confirmed);
    expect(again.statusCode).toBe(409);
    expect(decode(again.body)).toContain('This message was handled already by someone else: nothing was recorded.');
    expect(await listReplyVersions(world.ctx.db, id, 'KR')).toHaveLength(1);
  });

  it('leaves the State to choose when the sender failed authentication, whatever its form says', async () => {
    const { world } = web();
    const { raw } = await koreasMessage();
    const forged = Buffer.from(
      raw.toString('latin1').replace('dkim=pass header.d=msit.go.kr', 'dkim=fail header.d=msit.go.kr'),
      'latin1',
    );
    const { id: messageId } = await receiveMail(world.ctx, SETTINGS, { raw: forged, channel: 'smtp' });
    const page = decode(
      (await officer.get(`/en/secretariat/consultations/${id}/replies/record?message=${messageId}`)).body,
    );
    expect(page).toContain('the sender’s authentication failed: check with the Administration before recording');
    expect(page).toContain('as its authentication failed: choose the State only once you are sure.');
    expect(page).not.toMatch(/<option value="KR" selected>/);
    expect(page).toContain('Member State: Korea (Republic of) (typed “Republic of Korea”).');
  });

  it('opens a message, gives it as received, and sets it aside only with a reason', async () => {
    const { world } = web();
    const raw = Buffer.from(
      'From: offers@elsewhere.example\r\nSubject: An offer\r\nDate: Mon, 1 May 2023 08:00:00 +0000\r\n\r\nBuy now.\r\n',
    );
    const { id: messageId } = await receiveMail(world.ctx, SETTINGS, { raw, channel: 'imap' });
    const path = `/en/secretariat/inbox/${messageId}`;
    const page = await officer.get(path);
    expect(page.statusCode).toBe(200);
    const body = decode(page.body);
    expect(body).toContain('Sender not registered for any State');
    expect(body).toContain('No reply form attached');
    expect(body).toContain('from the IMAP mailbox');
    expect(body).toContain('Buy now.');

    const eml = await officer.get(`${path}/message.eml`);
    expect(eml.statusCode).toBe(200);
    expect(eml.headers['content-type']).toBe('message/rfc822');
    expect(eml.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.from(eml.rawPayload).equals(raw)).toBe(true);

    const refused = await officer.post(`${path}/dismiss`, { _csrf: csrfOf(page.body, `${path}/dismiss`), note: '' });
    expect(refused.statusCode).toBe(400);
    expect(decode(refused.body)).toContain(
      '<a href="#field-note">Say why the message is set aside, in at most 500 characters.</a>',
    );
    const dismissed = await officer.post(`${path}/dismiss`, {
      _csrf: csrfOf(page.body, `${path}/dismiss`),
      note: 'Not a reply: an advertisement',
    });
    expectSeeOther(dismissed, '/en/secretariat/inbox?notice=inbox-dismissed');
    const handled = decode((await officer.get('/en/secretariat/inbox?handled=1')).body);
    expect(handled).toContain('Set aside: Not a reply: an advertisement');
    expect((await officer.get('/en/secretariat/inbox/no-such-message')).statusCode).toBe(404);
  });
});
