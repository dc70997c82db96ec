import { zipSync } from 'fflate';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { expect, it } from 'vitest';
import { findAttachmentMeta } from '../../src/repositories/attachment.repository.js';
import { listReplyVersions } from '../../src/repositories/reply.repository.js';
import { generateDocument } from '../../src/services/documents/generate-document.js';
import { matchState, proposeFromForm, recordFromForm } from '../../src/services/intake/form-intake.js';
import { listMemberStates } from '../../src/repositories/member-state.repository.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, SECRETARIAT, useWorld } from '../helpers/world.js';
import { fillPdf, returnedWordForm } from '../documents/form-filling.js';

/**
 * The intake of a reply form returned as a Word file, on SQLite and PostgreSQL: the proposal read
 * from the file (State matched exactly, signatory, boxes per text), and the reply recorded from it
 * with the file as its original once the secretariat confirms.
 */
let bomb: Uint8Array | undefined;

describeEachDialect('the intake of a returned Word form', (dialect) => {
  const world = useWorld(dialect);

  /** The blank form of the open consultation, filled in and ticked as Korea's Administration would. */
  async function koreasForm(state = 'République de Corée') {
    const w = world();
    const id = await w.openConsultation();
    w.clock.set('2023-05-02T10:00:00Z');
    const form = await returnedWordForm(
      w.ctx,
      id,
      {
        'signatory.name': 'Kim Min-jun',
        'signatory.title': 'Director-General, Ministry of Science and ICT',
        state,
        placeDate: 'Sejong, 1 May 2023',
      },
      [
        'assent:x1333-cor1:assigns_authority',
        'assent:x1333-cor1:assigns_authority:no_comments',
        'assent:x1353:assigns_authority',
        'assent:x1353:does_not_assign_authority',
      ],
    );
    return { id, form };
  }

  it('proposes the reply the form carries: the State matched by its designation, the signatory, the boxes, and what to look at', async () => {
    const { id, form } = await koreasForm();
    const proposal = await proposeFromForm(world().ctx, { actor: SECRETARIAT, consultationId: id, bytes: form });
    expect(proposal.state).toEqual({ typed: 'République de Corée', code: 'KR', problem: null });
    expect(proposal.signatory).toEqual({ name: 'Kim Min-jun', title: 'Director-General, Ministry of Science and ICT' });
    expect(proposal.placeAndDate).toBe('Sejong, 1 May 2023');
    expect(proposal.texts.map((t) => [t.designation, t.position, t.option, t.flags.join()])).toEqual([
      ['X.1333 Cor.1', 'assigns_authority', 'no_comments', ''],
      ['X.1353', null, null, 'SEVERAL_BOXES_TICKED'],
      ['X.1471', null, null, 'NO_BOX_TICKED'],
    ]);
    // Both boxes of X.1353: recorded as TAP records an unreadable form, unclear; X.1471 left without a position.
    expect(proposal.positions).toEqual([
      { text: 'x1333-cor1', position: 'assigns_authority', option: 'no_comments' },
      { text: 'x1353', position: 'unclear' },
    ]);
    expect(proposal.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches a State only exactly: its code or a designation, as listed or in natural order, never a near miss', async () => {
    const states = await listMemberStates(world().ctx.db);
    for (const [typed, code, problem] of [
      ['KR', 'KR', null],
      ['kor', 'KR', null],
      ['republic of korea', 'KR', null],
      ['Korea (Republic of)', 'KR', null],
      ['大韩民国', 'KR', null],
      ['Korea', null, 'STATE_NOT_FOUND'],
      ['Republic of Koreaa', null, 'STATE_NOT_FOUND'],
    ] as const)
      expect(matchState(typed, states), typed).toEqual({ typed, code, problem });
    expect(matchState(null, states)).toEqual({ typed: null, code: null, problem: 'STATE_MISSING' });
  });

  it('records the reply, with the file as its original, once confirmed; and refuses a form without its State', async () => {
    const { id, form } = await koreasForm('Korea');
    const ctx = world().ctx;
    await expect(
      recordFromForm(ctx, {
        actor: SECRETARIAT,
        consultationId: id,
        bytes: form,
        filename: 'reply-KR.docx',
        receivedAt: '2023-05-02T09:00:00Z',
        channel: 'email',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/memberState', code: 'STATE_NOT_FOUND' }],
    });
    expect(await listReplyVersions(ctx.db, id, 'KR')).toEqual([]);

    const { receipt, proposal } = await recordFromForm(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      bytes: form,
      filename: 'reply-KR.docx',
      receivedAt: '2023-05-02T09:00:00Z',
      channel: 'email',
      memberState: 'KR',
    });
    expect(receipt).toMatchObject({ memberState: 'KR', version: 1, channel: 'email', counted: true });
    const [version] = await listReplyVersions(ctx.db, id, 'KR');
    expect(version!.originalFile).toBe(proposal.sha256);
    expect(await findAttachmentMeta(ctx.db, proposal.sha256)).toMatchObject({ sha256: proposal.sha256 });
    expect(version!.signatoryName).toBe('Kim Min-jun');
    expect(version!.positions.map((p) => [p.text, p.position])).toEqual([
      ['x1333-cor1', 'assigns_authority'],
      ['x1353', 'unclear'],
    ]);
  });

  it('reads the form attached to an e-mail (.eml), with its sender and subject, and refuses an e-mail without one', async () => {
    const { id, form } = await koreasForm();
    const ctx = world().ctx;
    const email = async (attachments: { filename: string; content: Buffer }[]) =>
      new MailComposer({
        from: 'Ministry of Science and ICT <itu@msit.example>',
        to: 'tsbdir@itu.int',
        subject: 'Reply to the TSB circular',
        text: 'Please find our reply attached.',
        attachments,
      })
        .compile()
        .build();
    const eml = await email([
      { filename: 'cover-letter.txt', content: Buffer.from('Cover letter') },
      { filename: 'reply-KR.docx', content: Buffer.from(form) },
    ]);
    const proposal = await proposeFromForm(ctx, { actor: SECRETARIAT, consultationId: id, bytes: eml });
    expect(proposal.email).toMatchObject({
      from: expect.stringContaining('itu@msit.example'),
      subject: 'Reply to the TSB circular',
    });
    expect(proposal.state.code).toBe('KR');
    expect(Buffer.from(proposal.form).equals(Buffer.from(form))).toBe(true);

    // Recorded from the e-mail, the form attached is the original.
    const { receipt } = await recordFromForm(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      bytes: eml,
      filename: 'reply.eml',
      receivedAt: '2023-05-02T09:00:00Z',
      channel: 'email',
    });
    const [version] = await listReplyVersions(ctx.db, id, receipt.memberState);
    expect(version!.originalFile).toBe(proposal.sha256);

    for (const [attachments, code] of [
      [[{ filename: 'cover-letter.txt', content: Buffer.from('We support every text.') }], 'NO_FORM_ATTACHED'],
      [
        [
          { filename: 'a.docx', content: Buffer.from(form) },
          { filename: 'b.docx', content: Buffer.from(form) },
        ],
        'SEVERAL_FORMS_ATTACHED',
      ],
    ] as const) {
      await expect(
        proposeFromForm(ctx, { actor: SECRETARIAT, consultationId: id, bytes: await email([...attachments]) }),
      ).rejects.toMatchObject({ code: 'FORM_UNREADABLE', errors: [{ field: '/file', code }] });
    }
  });

  it('reads a filled PDF form, alone or attached to an e-mail, and records it with the PDF as its original', async () => {
    const w = world();
    const id = await w.openConsultation();
    w.clock.set('2023-05-02T10:00:00Z');
    const blank = (
      await generateDocument(w.ctx, { actor: SECRETARIAT, consultationId: id, kind: 'circular', format: 'pdf' })
    ).bytes;
    const form = await fillPdf(
      blank,
      {
        'signatory.name': 'Kim Min-jun',
        'signatory.title': 'Director-General, Ministry of Science and ICT',
        state: 'Republic of Korea',
        placeDate: 'Sejong, 1 May 2023',
      },
      ['assent:x1333-cor1:assigns_authority', 'assent:x1333-cor1:assigns_authority:no_comments'],
    );
    const proposal = await proposeFromForm(w.ctx, { actor: SECRETARIAT, consultationId: id, bytes: form });
    expect(proposal.state).toMatchObject({ code: 'KR', problem: null });
    expect(proposal.texts.map((t) => [t.designation, t.position, t.option, t.flags.join()])).toEqual([
      ['X.1333 Cor.1', 'assigns_authority', 'no_comments', ''],
      ['X.1353', null, null, 'NO_BOX_TICKED'],
      ['X.1471', null, null, 'NO_BOX_TICKED'],
    ]);
    const eml = await new MailComposer({
      from: 'itu@msit.example',
      to: 'tsbdir@itu.int',
      subject: 'Reply',
      attachments: [{ filename: 'reply-KR.pdf', content: Buffer.from(form) }],
    })
      .compile()
      .build();
    const { receipt } = await recordFromForm(w.ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      bytes: eml,
      filename: 'reply.eml',
      receivedAt: '2023-05-02T09:00:00Z',
      channel: 'email',
    });
    const [version] = await listReplyVersions(w.ctx.db, id, receipt.memberState);
    expect(version!.originalFile).toBe(proposal.sha256);
    expect(await findAttachmentMeta(w.ctx.db, proposal.sha256)).toMatchObject({
      filename: 'reply.pdf',
      mediaType: 'application/pdf',
    });
  });

  it('judges a package before unpacking it: a ZIP that unpacks beyond its budget is refused, not read', async () => {
    const { id } = await koreasForm();
    // One entry of 120 MB of zeros: a few hundred kilobytes packed, over what a document may unpack to (made once).
    bomb ??= zipSync({ '[Content_Types].xml': new Uint8Array(120 * 1024 * 1024) }, { level: 1 });
    await expect(
      proposeFromForm(world().ctx, { actor: SECRETARIAT, consultationId: id, bytes: bomb! }),
    ).rejects.toMatchObject({ code: 'FORM_UNREADABLE', errors: [{ field: '/file', code: 'NOT_A_FORM_DOCUMENT' }] });
  });

  it('refuses a file that is not a returned form of the consultation, and anyone but the secretariat', async () => {
    const { id, form } = await koreasForm();
    const ctx = world().ctx;
    await expect(
      proposeFromForm(ctx, { actor: SECRETARIAT, consultationId: id, bytes: Buffer.from('not a form') }),
    ).rejects.toMatchObject({ code: 'FORM_UNREADABLE', errors: [{ field: '/file', code: 'NOT_A_FORM_DOCUMENT' }] });
    await expect(
      proposeFromForm(ctx, { actor: focalPoint('KR'), consultationId: id, bytes: form }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
