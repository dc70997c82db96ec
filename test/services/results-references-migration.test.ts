import { Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { findConsultation } from '../../src/repositories/consultation.repository.js';
import { issueResultsNotice } from '../../src/services/issue-results-notice.js';
import { setReportHeader } from '../../src/services/results-report-header.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import { AFTER_MEETING, ID, openWithReplies, recordDecisions } from '../documents/scenario.js';

/** The last migration before the results documents' references (0018). */
const BEFORE = '2026-12-07-0017-text-location-url';

/**
 * Migration 0018 adds the results notice's own reference and the results report's TD header to
 * a consultation, on SQLite and PostgreSQL: null for existing consultations, which read and issue
 * as before; set values survive a restart of the schema at the latest migration, and going back
 * to the previous release drops only the three columns.
 */
describeEachDialect('migration 0018: the references of the results documents', (dialect) => {
  const world = useWorld(dialect);

  it('leaves existing consultations without references, then keeps the ones given; going back drops only its columns', async () => {
    const w = world();
    await openWithReplies(w);
    await recordDecisions(w, ID);
    const migrator = new Migrator({ db: w.ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    const columns = async () =>
      (await w.ctx.db.introspection.getTables())
        .find((table) => table.name === 'consultation')!
        .columns.map((column) => column.name);
    expect(await columns()).not.toContain('results_report_td');
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await columns()).toEqual(
      expect.arrayContaining(['results_notice_reference', 'results_report_td', 'results_report_questions']),
    );
    const existing = (await findConsultation(w.ctx.db, ID))!.consultation;
    expect(existing.resultsNoticeReference).toBeNull();
    expect(existing.resultsReport).toEqual({ td: null, questions: null });

    await setReportHeader(w.ctx, { actor: SECRETARIAT, consultationId: ID, td: 'SG17-TD1234', questions: '6/17' });
    w.clock.set(AFTER_MEETING);
    await issueResultsNotice(w.ctx, { actor: SECRETARIAT, consultationId: ID, reference: 'TSB Circular 140' });
    const after = (await findConsultation(w.ctx.db, ID))!.consultation;
    expect(after.resultsNoticeReference).toBe('TSB Circular 140');
    expect(after.resultsReport).toEqual({ td: 'SG17-TD1234', questions: '6/17' });

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await columns()).not.toEqual(expect.arrayContaining(['results_notice_reference']));
    const row = await w.ctx.db
      .selectFrom('consultation')
      .select(['id', 'results_notice_at'])
      .where('id', '=', ID)
      .executeTakeFirst();
    expect(row?.results_notice_at).not.toBeNull();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
  });
});
