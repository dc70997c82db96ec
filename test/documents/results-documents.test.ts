import { expect, it } from 'vitest';
import { findConsultation } from '../../src/repositories/consultation.repository.js';
import { generateDocument, type GenerateDocumentOptions } from '../../src/services/documents/generate-document.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { setReportHeader } from '../../src/services/results-report-header.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, SECRETARIAT, useWorld } from '../helpers/world.js';
import { docxFurniture, docxText, normalise } from './document-harness.js';
import { AFTER_DEADLINE, AFTER_MEETING, ID, openWithReplies, recordDecisions } from './scenario.js';

/**
 * The results documents as ITU issues them (issue 18), on SQLite and PostgreSQL: the results
 * notice as a circular of its own, under the reference the secretariat gives when it issues it;
 * the results report with the header of a TD of the meeting, whose number and Questions the
 * secretariat sets. Read back from the DOCX (its XML is what the PDF prints too: one content model).
 */
describeEachDialect('the results documents', (dialect) => {
  const world = useWorld(dialect);
  const generate = (options: Omit<GenerateDocumentOptions, 'pdf' | 'format'>) =>
    generateDocument(world().ctx, { ...options, format: 'docx' });

  it('issues the notice under its own reference and lays it out as a circular: letterhead, reference, addressees, subject, letter, signature, footer', async () => {
    const w = world();
    await openWithReplies(w);
    await recordDecisions(w, ID);
    w.clock.set(AFTER_MEETING);
    await issueResultsNotice(w.ctx, { actor: SECRETARIAT, consultationId: ID, reference: '  TSB Circular 140 ' });
    const stored = await findConsultation(w.ctx.db, ID);
    expect(stored?.consultation.resultsNoticeReference).toBe('TSB Circular 140');

    const notice = await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice' });
    const text = normalise(docxText(notice.bytes));
    for (const phrase of [
      'INTERNATIONAL TELECOMMUNICATION UNION TELECOMMUNICATION STANDARDIZATION BUREAU',
      'Geneva, 12 September 2023',
      'Ref: TSB Circular 140',
      'To: Administrations of Member States of the Union',
      'Subject: Results of TSB Circular 79: approval of the determined texts',
      'Consultation: TSB Circular 79',
      'Dear Sir/Madam,',
      'Yours faithfully, Seizo Onoe Director of TSB ___________',
    ])
      expect(text, phrase).toContain(phrase);
    expect(text.indexOf('Dear Sir/Madam,')).toBeLessThan(text.indexOf('Yours faithfully,'));
    const furniture = docxFurniture(notice.bytes);
    expect(furniture.footer.first).toContain('Place des Nations');
    expect(furniture.header.default).toMatch(/^TSB Circular 140 Page \{PAGE\} of \{NUMPAGES\}$/);
  });

  it('names the consultation’s circular as the reference of a notice issued without one, and refuses one too long', async () => {
    const w = world();
    await openWithReplies(w);
    await recordDecisions(w, ID);
    w.clock.set(AFTER_MEETING);
    await expect(
      issueResultsNotice(w.ctx, { actor: SECRETARIAT, consultationId: ID, reference: 'x'.repeat(101) }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/reference', code: 'TEXT_TOO_LONG' }],
    });
    expect((await findConsultation(w.ctx.db, ID))?.consultation.resultsNoticeAt).toBeNull();
    await issueResultsNotice(w.ctx, { actor: SECRETARIAT, consultationId: ID, reference: '   ' });
    expect((await findConsultation(w.ctx.db, ID))?.consultation.resultsNoticeReference).toBeNull();
    const text = normalise(
      docxText((await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-notice' })).bytes),
    );
    expect(text).toContain('Ref: TSB Circular 79');
    expect(text).not.toContain('Consultation: TSB Circular 79');
  });

  it('heads the results report as a TD of the meeting, with the number and Questions the secretariat set, audited', async () => {
    const w = world();
    await openWithReplies(w);
    w.clock.set(AFTER_DEADLINE);
    const before = normalise(
      docxText((await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-report' })).bytes),
    );
    expect(before).toContain('Temporary document: (number to be given by the secretariat)');
    expect(before).toContain('Question(s): —');

    expect(
      await setReportHeader(w.ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        td: ' SG17-TD1234 ',
        questions: '6/17, 10/17',
      }),
    ).toEqual({ td: 'SG17-TD1234', questions: '6/17, 10/17' });
    const report = normalise(
      docxText((await generate({ actor: SECRETARIAT, consultationId: ID, kind: 'results-report' })).bytes),
    );
    for (const phrase of [
      'INTERNATIONAL TELECOMMUNICATION UNION TELECOMMUNICATION STANDARDIZATION SECTOR STUDY PERIOD 2022-2024',
      'Temporary document: SG17-TD1234',
      'Study Group: Study Group 17 (Security)',
      'Question(s): 6/17, 10/17',
      'Original: English',
      'Source: TSB',
      'Title: Results of the Member State consultation on TSB Circular 79',
      'Contact: TSB Tel: +41 22 730 6206 Fax: +41 22 730 5853 E-mail: tsbsg17@itu.int',
    ])
      expect(report, phrase).toContain(phrase);
    const events = await w.ctx.db
      .selectFrom('audit_event')
      .select(['action', 'data'])
      .where('action', '=', 'report.header.set')
      .execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data)).toEqual({ td: 'SG17-TD1234', questions: '6/17, 10/17' });

    // Blank clears; a focal point may not set it; too long is refused at its field, changing nothing.
    await setReportHeader(w.ctx, { actor: SECRETARIAT, consultationId: ID, td: '', questions: null });
    expect((await findConsultation(w.ctx.db, ID))?.consultation.resultsReport).toEqual({ td: null, questions: null });
    await expect(
      setReportHeader(w.ctx, { actor: focalPoint('KR'), consultationId: ID, td: 'TD 1' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setReportHeader(w.ctx, {
        actor: SECRETARIAT,
        consultationId: ID,
        td: 'T'.repeat(61),
        questions: 'Q'.repeat(201),
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [
        { field: '/td', code: 'TEXT_TOO_LONG' },
        { field: '/questions', code: 'TEXT_TOO_LONG' },
      ],
    });
    expect((await findConsultation(w.ctx.db, ID))?.consultation.resultsReport).toEqual({ td: null, questions: null });
  });
});
