import { expect, it } from 'vitest';
import { createPdfEngine } from '../../src/documents/pdf.js';
import { countDocuments } from '../../src/repositories/document.repository.js';
import { getReceipt } from '../../src/services/receipts.js';
import { generateDocument, type GenerateDocumentOptions } from '../../src/services/documents/generate-document.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, OBSERVER, PUBLIC, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { docxText, docxXml, normalise, pdfPages, usePdfEngine } from './document-harness.js';
import {
  AFTER_DEADLINE,
  AT_MEETING,
  ID,
  issueNotice,
  KR_CHANGES,
  KR_COMMENTS,
  KR_REASONS,
  openWithReplies,
  recordDecisions,
  recordLateReply,
  RESERVATION,
} from './scenario.js';

/**
 * The documents as the services produce them, on SQLite and PostgreSQL: what each says (read back
 * from the DOCX's XML and the PDF's text), who may have it, when it can be produced, and that a
 * closed record's document is stored once and served byte for byte afterwards.
 */

const checked = (xml: string) => [...xml.matchAll(/<w14:checked w14:val="1"\/>/g)].length;
const boxes = (xml: string) => [...xml.matchAll(/<w14:checkbox>/g)].length;

describeEachDialect('documents', (dialect) => {
  const world = useWorld(dialect);
  const pdf = usePdfEngine();
  const generate = (options: Omit<GenerateDocumentOptions, 'pdf'>) =>
    generateDocument(world().ctx, { ...options, pdf: pdf() });

  it('stores the document of a reply version once: later requests get the stored bytes, although the generator would now write others', async () => {
    await openWithReplies(world());
    const kr = focalPoint('KR');
    const first = await generate({ actor: kr, consultationId: ID, kind: 'reply', format: 'docx', memberState: 'KR' });
    world().clock.set('2023-06-20T10:00:00Z');
    // A DOCX records when it was written: generated again, its bytes would differ. Served again, they do not.
    const second = await generate({
      actor: SECRETARIAT,
      consultationId: ID,
      kind: 'reply',
      format: 'docx',
      memberState: 'KR',
      version: 1,
    });
    expect(first.stored && second.stored).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(Buffer.compare(second.bytes, first.bytes)).toBe(0);
    expect(await countDocuments(world().ctx.db, ID)).toBe(1);

    // An amendment is a new version with a document of its own; version 1's is unchanged.
    await submitReply(world().ctx, {
      actor: kr,
      consultationId: ID,
      memberState: 'KR',
      channel: 'api',
      input: replyInput(),
    });
    const amended = await generate({ actor: kr, consultationId: ID, kind: 'reply', format: 'docx', memberState: 'KR' });
    expect(amended.filename).toBe('tsb-79-2023-reply-KR-v2-en.docx');
    expect(amended.sha256).not.toBe(first.sha256);
    expect(
      (await generate({ actor: kr, consultationId: ID, kind: 'reply', format: 'docx', memberState: 'KR', version: 1 }))
        .sha256,
    ).toBe(first.sha256);
    expect(await countDocuments(world().ctx.db, ID)).toBe(2);
  });

  it('stores the PDF of a receipt once and serves the same bytes on the second request', async () => {
    await openWithReplies(world());
    const first = await generate({
      actor: focalPoint('KR'),
      consultationId: ID,
      kind: 'receipt',
      format: 'pdf',
      memberState: 'KR',
    });
    const second = await generate({
      actor: SECRETARIAT,
      consultationId: ID,
      kind: 'receipt',
      format: 'pdf',
      memberState: 'KR',
    });
    expect(Buffer.compare(second.bytes, first.bytes)).toBe(0);
    expect(await countDocuments(world().ctx.db, ID)).toBe(1);
  });

  it('fills the reply form with the boxes the State ticked, its comments, reasons, changes and file, under the receipt data', async () => {
    const { krFile } = await openWithReplies(world());
    const receipt = await getReceipt(world().ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      memberState: 'KR',
      version: 1,
    });
    const docx = await generate({
      actor: focalPoint('KR'),
      consultationId: ID,
      kind: 'reply',
      format: 'docx',
      memberState: 'KR',
    });
    const xml = docxXml(docx.bytes);
    // Three texts, each with both boxes and both sub-options; ticked: X.1333 assigns + comments, X.1353 assigns + no comments, X.1471 does not assign.
    expect(boxes(xml)).toBe(12);
    expect(checked(xml)).toBe(5);
    const expected = [
      'Reply of Korea (Republic of) to TSB Circular 79',
      'Version 1 (submitted)',
      '1 May 2023 at 10:00:00 UTC',
      '2023-05-01T10:00:00.000Z',
      'Yes: it counts unless a later version received by the deadline replaces it.',
      receipt.contentSha256,
      `No. ${receipt.audit.seq}, hash:`,
      'A. Official',
      'Administration of Korea (Republic of)',
      KR_COMMENTS,
      `comments-kr.txt (34 bytes, SHA-256 ${krFile})`,
      KR_REASONS,
      KR_CHANGES,
      // The comments table, row by row.
      'Comment 1 (clause 8.3): The threat model omits replay attacks.',
      'Proposed change: Add replay to Table 2.',
      'Comment 2: General: align the terms with X.1252.',
    ];
    const text = normalise(docxText(docx.bytes));
    for (const phrase of expected) expect(text).toContain(normalise(phrase));

    const printed = await generate({
      actor: focalPoint('KR'),
      consultationId: ID,
      kind: 'reply',
      format: 'pdf',
      memberState: 'KR',
    });
    const pdfText = normalise((await pdfPages(printed.bytes)).join('\n'));
    // The layout may break a hash anywhere: compare without white space.
    const squeeze = (s: string) => normalise(s).replace(/\s/g, '');
    for (const phrase of expected) expect(squeeze(pdfText)).toContain(squeeze(phrase));
    expect(pdfText.match(/▣/g)).toHaveLength(3);
    expect(pdfText.match(/□/g)).toHaveLength(3);
    expect(pdfText.match(/◉/g)).toHaveLength(2);
  });

  it('prints the receipt of a version on one page: State, version, time of receipt, hashes, audit entry and signature', async () => {
    const { krFile } = await openWithReplies(world());
    const receipt = await getReceipt(world().ctx, {
      actor: SECRETARIAT,
      consultationId: ID,
      memberState: 'KR',
      version: 1,
    });
    const printed = await generate({
      actor: focalPoint('KR'),
      consultationId: ID,
      kind: 'receipt',
      format: 'pdf',
      memberState: 'KR',
    });
    const pages = await pdfPages(printed.bytes);
    expect(pages).toHaveLength(1);
    const text = normalise(pages[0]!);
    for (const phrase of [
      'Receipt of a reply to TSB Circular 79',
      'Korea (Republic of) (KR)',
      'Version 1 (submitted)',
      '2023-05-01T10:00:00.000Z',
      // The deadline the receipt judges "by the deadline" against, as the circular words it.
      'Deadline for replies: 2359 hours UTC on 16 August 2023',
      'Ed25519, key receipts-1:',
    ]) {
      expect(text).toContain(phrase);
    }
    // Hashes and the signature are long: the layout may break them anywhere, their characters are all there in order.
    for (const code of [receipt.contentSha256, krFile, receipt.audit.hash, receipt.signature.value])
      expect(text.replace(/\s/g, '')).toContain(code);
    const docx = normalise(
      docxText(
        (await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'receipt', format: 'docx', memberState: 'KR' }))
          .bytes,
      ),
    );
    expect(docx).toContain(receipt.signature.value);
    expect(docx).toContain(receipt.contentSha256);
  });

  it("gives a State's reply and receipt to that State and the secretariat only, and stores nothing for a refused request", async () => {
    await openWithReplies(world());
    for (const kind of ['reply', 'receipt'] as const) {
      await expect(
        generate({ actor: focalPoint('FR'), consultationId: ID, kind, format: 'docx', memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
      await expect(
        generate({ actor: OBSERVER, consultationId: ID, kind, format: 'docx', memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        generate({ actor: PUBLIC, consultationId: ID, kind, format: 'docx', memberState: 'KR' }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await countDocuments(world().ctx.db, ID)).toBe(0);
    await expect(
      generate({ actor: SECRETARIAT, consultationId: ID, kind: 'reply', format: 'docx', memberState: 'US' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      generate({
        actor: SECRETARIAT,
        consultationId: ID,
        kind: 'reply',
        format: 'docx',
        memberState: 'KR',
        version: 9,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      generate({ actor: SECRETARIAT, consultationId: ID, kind: 'reply', format: 'docx' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(
      generate({ actor: SECRETARIAT, consultationId: ID, kind: 'circular', format: 'docx', memberState: 'KR' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses the results report before the deadline, to everyone, with RESULTS_NOT_AVAILABLE rather than an empty file', async () => {
    await openWithReplies(world());
    for (const actor of [SECRETARIAT, focalPoint('KR'), OBSERVER, PUBLIC]) {
      await expect(
        generate({ actor, consultationId: ID, kind: 'results-report', format: 'docx' }),
      ).rejects.toMatchObject({ code: 'RESULTS_NOT_AVAILABLE' });
    }
  });

  it('reports per text the replies, support, ratio, outcome and clause, the positions of each State, and every comment and reason in order, to the secretariat', async () => {
    const { krFile } = await openWithReplies(world());
    await recordLateReply(world(), ID);
    const report = await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-report', format: 'docx' });
    expect(report.stored).toBe(false);
    const text = normalise(docxText(report.bytes));
    for (const phrase of [
      'Results of the Member State consultation on TSB Circular 79',
      '5 Member States replied by the deadline. One reply received after the deadline is kept on record and not counted (WTSA Resolution 1 (Rev. Geneva, 2022) §9.4.6).',
      // Text, the procedure's figures (replies, support, non-support, unclear, support %, more needed), outcome, clause.
      'Replies Support Non-support Unclear Support % More supporting replies needed Outcome Clause',
      'Draft Corrigendum 1 to Recommendation ITU-T X.1333 5 5 0 0 100.00 % 0 May be considered for approval §9.4.5',
      'Draft new Recommendation ITU-T X.1471 (X.websec-7) 5 4 1 0 80.00 % 0 May be considered for approval §9.4.5',
      'South Africa (Republic of) 17 August 2023 at 06:00:00 UTC Fax 1 No: received after the deadline',
      'Assign authority (4): France, Germany (Federal Republic of), Japan, and United Kingdom of Great Britain and Northern Ireland',
      'Do not assign authority (1): Korea (Republic of)',
      `Member State Korea (Republic of) Position: Assigns authority, comments attached Comments and suggested changes: ${KR_COMMENTS} Attached file: comments-kr.txt (34 bytes, SHA-256 ${krFile})`,
      `Position: Does not assign authority Reasons: ${KR_REASONS} Possible changes that would enable the work to progress: ${KR_CHANGES} Comment 1 (clause 8.3): The threat model omits replay attacks. Proposed change: Add replay to Table 2. Comment 2: General: align the terms with X.1252.`,
    ]) {
      expect(text).toContain(normalise(phrase));
    }
    const pdfText = normalise(
      (
        await pdfPages(
          (
            await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-report', format: 'pdf' })
          ).bytes,
        )
      ).join('\n'),
    );
    for (const phrase of [
      KR_COMMENTS,
      KR_REASONS,
      KR_CHANGES,
      'South Africa',
      '80.00 %',
      '2359 hours UTC on 16 August 2023',
    ])
      expect(pdfText).toContain(phrase);
  });

  it('gives others the figures per text only where individual replies are confidential, and everything where the consultation makes them public', async () => {
    await openWithReplies(world());
    world().clock.set(AFTER_DEADLINE);
    for (const actor of [focalPoint('FR'), OBSERVER, PUBLIC]) {
      const text = normalise(
        docxText((await generate({ actor, consultationId: ID, kind: 'results-report', format: 'docx' })).bytes),
      );
      expect(text).toContain('80.00 %');
      expect(text).toContain('Individual replies to this consultation are confidential');
      expect(text).not.toContain(KR_REASONS);
      expect(text).not.toContain('Korea (Republic of)');
    }
  });

  it('gives everyone the whole report after the deadline where individual replies are public', async () => {
    await openWithReplies(world(), { individualRepliesPublic: true });
    world().clock.set(AFTER_DEADLINE);
    const text = normalise(
      docxText((await generate({ actor: PUBLIC, consultationId: ID, kind: 'results-report', format: 'docx' })).bytes),
    );
    expect(text).toContain(KR_REASONS);
    expect(text).not.toContain('confidential');
  });

  it('refuses the results notice until every decision is recorded; then drafts it for the secretariat only, stored once issued', async () => {
    await openWithReplies(world());
    world().clock.set(AFTER_DEADLINE);
    await expect(
      generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice', format: 'docx' }),
    ).rejects.toMatchObject({ code: 'NOTICE_NOT_ALLOWED' });
    await recordDecisions(world(), ID);
    await expect(
      generate({ actor: PUBLIC, consultationId: ID, kind: 'results-notice', format: 'docx' }),
    ).rejects.toMatchObject({ code: 'NOTICE_NOT_ALLOWED' });
    const draft = await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice', format: 'docx' });
    expect(draft.stored).toBe(false);
    const draftText = normalise(docxText(draft.bytes));
    expect(draftText).toMatch(/^DRAFT – this results notice has not been issued/);
    for (const phrase of [
      'Approved texts Draft Corrigendum 1 to Recommendation ITU-T X.1333',
      "Draft new Recommendation ITU-T X.1471 (X.websec-7): opposed by China (People's Republic of); it may be announced again without a new determination (WTSA Resolution 1 (Rev. Geneva, 2022) §9.5.3).",
      `Reservations Draft Corrigendum 1 to Recommendation ITU-T X.1333: Germany (Federal Republic of) – ${RESERVATION}`,
      'Draft new Recommendation ITU-T X.1353 (X.ztd-iot): more time was requested by United States of America; the window for formal opposition closes at 2359 hours UTC on 6 October 2023',
      // A draft is dated only once issued.
      'Geneva, Not yet issued',
    ]) {
      expect(draftText).toContain(normalise(phrase));
    }
    expect(await countDocuments(world().ctx.db, ID)).toBe(0);

    await issueNotice(world(), ID);
    const issued = await generate({ actor: PUBLIC, consultationId: ID, kind: 'results-notice', format: 'pdf' });
    expect(issued.stored).toBe(true);
    const text = normalise((await pdfPages(issued.bytes)).join('\n'));
    expect(text).toContain('Geneva, 12 September 2023');
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Pending: more time was requested');
    // After the window closes the decision becomes "approved"; the issued notice stays as issued.
    world().clock.set('2023-11-01T10:00:00Z');
    const later = await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice', format: 'pdf' });
    expect(Buffer.compare(later.bytes, issued.bytes)).toBe(0);
  });

  it('answers PDF_UNAVAILABLE for a PDF when no Chromium can be found, while the DOCX of the same document is produced', async () => {
    await openWithReplies(world());
    const noChromium = createPdfEngine({ locate: async () => null });
    await expect(
      generateDocument(world().ctx, {
        actor: PUBLIC,
        consultationId: ID,
        kind: 'circular',
        format: 'pdf',
        pdf: noChromium,
      }),
    ).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE' });
    expect(await countDocuments(world().ctx.db, ID)).toBe(0);
    const docx = await generateDocument(world().ctx, {
      actor: PUBLIC,
      consultationId: ID,
      kind: 'circular',
      format: 'docx',
      pdf: noChromium,
    });
    expect(docxText(docx.bytes)).toContain('TSB Circular 79');
  });

  it('keeps meeting decisions in order: the notice is refused before the meeting has decided (clock at the meeting, no decision yet)', async () => {
    await openWithReplies(world());
    world().clock.set(AT_MEETING);
    await expect(
      generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice', format: 'pdf' }),
    ).rejects.toMatchObject({
      code: 'NOTICE_NOT_ALLOWED',
      errors: expect.arrayContaining([expect.objectContaining({ field: '/texts/x1353/decision' })]),
    });
  });
});
