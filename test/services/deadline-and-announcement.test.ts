import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/connect.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { getConsultation } from '../../src/services/get-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { updateConsultation } from '../../src/services/update-consultation.js';
import { describeEachDialect } from '../helpers/databases.js';
import { consultationInput, focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { tableCounts } from './probes.js';

/**
 * Issue #12 items 4 and 5. A deadline is stated to the minute, in UTC, and closes at the end of
 * that minute, on every interface (domain/consultation/deadline.ts); the circular's wording of it
 * (HHMM or 2400) is stored beside the instant. The announcement of the meeting may precede the
 * circular (a collective letter): the 3-month rule of Res. 1 §9.3.3 then runs from it.
 */

const ID = 'tsb-79-2023';
/** The last migration before deadlines had a wording and consultations an announcement date. */
const BEFORE_WORDING = '2026-11-27-0011-audit-checkpoints';

describeEachDialect('deadlines as the circular words them, and the announcement date', (dialect) => {
  const world = useWorld(dialect);

  const create = (overrides: Parameters<typeof consultationInput>[0] = {}) =>
    createConsultation(world().ctx, { actor: SECRETARIAT, input: consultationInput(overrides) });

  const reply = (state: string) =>
    submitReply(world().ctx, {
      actor: focalPoint(state),
      consultationId: ID,
      memberState: state,
      input: replyInput(),
      channel: 'api',
    });

  describe('the whole-minute rule', () => {
    it('stores …T23:59Z as the end of that minute, 23:59:59.999, worded hhmm by default', async () => {
      const created = await create({ deadline: '2023-08-16T23:59Z' });
      expect(new Date(created.deadlineAt).toISOString()).toBe('2023-08-16T23:59:59.999Z');
      expect(created.deadlineWording).toBe('hhmm');
      const row = await world()
        .ctx.db.selectFrom('consultation')
        .select(['deadline_at', 'deadline_wording', 'announced_on'])
        .executeTakeFirstOrThrow();
      expect({ ...row, deadline_at: Number(row.deadline_at) }).toEqual({
        deadline_at: Date.parse('2023-08-16T23:59:59.999Z'),
        deadline_wording: 'hhmm',
        announced_on: null,
      });
    });

    it('a reply at 23:59:59.999 of a deadline stated as …T23:59:00Z is on time; one at 00:00:00.000 the next day is late', async () => {
      const { ctx, clock } = world();
      await create({ deadline: '2023-08-16T23:59:00Z' });
      await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      clock.set('2023-08-16T23:59:59.999Z');
      await expect(reply('KR')).resolves.toMatchObject({ replayed: false });
      clock.set('2023-08-17T00:00:00.000Z');
      const before = await tableCounts(ctx.db);
      await expect(reply('FR')).rejects.toMatchObject({ code: 'DEADLINE_PASSED' });
      expect(await tableCounts(ctx.db)).toEqual(before);
    });

    it('takes the last millisecond of a minute as it is', async () => {
      const created = await create({ deadline: '2023-08-16T12:00:59.999Z' });
      expect(new Date(created.deadlineAt).toISOString()).toBe('2023-08-16T12:00:59.999Z');
    });

    it('refuses an instant inside a minute with DEADLINE_NOT_A_MINUTE at /deadline, and stores nothing', async () => {
      const before = await tableCounts(world().ctx.db);
      for (const deadline of ['2023-08-16T23:59:30Z', '2023-08-16T23:59:59Z', '2023-08-16T23:59:59.998Z'])
        await expect(create({ deadline }), deadline).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [expect.objectContaining({ field: '/deadline', code: 'DEADLINE_NOT_A_MINUTE' })],
        });
      expect(await tableCounts(world().ctx.db)).toEqual(before);
    });
  });

  describe('the wording', () => {
    it('accepts "2400 hours UTC" for the end of a day: the same instant as 2359, worded 2400', async () => {
      const created = await create({ deadline: '2023-08-16T23:59Z', deadlineWording: '2400' });
      expect(created).toMatchObject({ deadlineAt: Date.parse('2023-08-16T23:59:59.999Z'), deadlineWording: '2400' });
    });

    it('refuses "2400 hours UTC" for any other instant with DEADLINE_WORDING_MISMATCH at /deadlineWording, storing nothing', async () => {
      const before = await tableCounts(world().ctx.db);
      await expect(create({ deadline: '2023-08-16T12:00Z', deadlineWording: '2400' })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' })],
      });
      expect(await tableCounts(world().ctx.db)).toEqual(before);
    });

    it('a patch follows the same rules: a wording alone is checked against the stored deadline, a deadline alone keeps the wording', async () => {
      const { ctx } = world();
      await create({ deadline: '2023-08-16T23:59Z' });
      const patch = (p: Parameters<typeof updateConsultation>[1]['patch']) =>
        updateConsultation(ctx, { actor: SECRETARIAT, consultationId: ID, patch: p });
      expect(await patch({ deadlineWording: '2400' })).toMatchObject({ deadlineWording: '2400' });
      // Moved to another end of day: still 2400.
      expect(await patch({ deadline: '2023-08-15T23:59Z' })).toMatchObject({
        deadlineAt: Date.parse('2023-08-15T23:59:59.999Z'),
        deadlineWording: '2400',
      });
      // Moved to noon: 2400 no longer fits, and nothing changes.
      await expect(patch({ deadline: '2023-08-15T12:00Z' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' })],
      });
      await expect(patch({ deadline: '2023-08-15T12:00:30Z', deadlineWording: 'hhmm' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: '/deadline', code: 'DEADLINE_NOT_A_MINUTE' })],
      });
      expect(
        (await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID })).loaded.consultation,
      ).toMatchObject({
        deadlineAt: Date.parse('2023-08-15T23:59:59.999Z'),
        deadlineWording: '2400',
      });
      expect(await patch({ deadline: '2023-08-15T12:00Z', deadlineWording: 'hhmm' })).toMatchObject({
        deadlineAt: Date.parse('2023-08-15T12:00:59.999Z'),
        deadlineWording: 'hhmm',
      });
      await expect(patch({ deadlineWording: '2400' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: '/deadlineWording', code: 'DEADLINE_WORDING_MISMATCH' })],
      });
    });
  });

  describe('the announcement date (Res. 1 §9.3.3)', () => {
    /** A circular of 1 June for a meeting on 29 August: less than 3 months. */
    const late = { date: '2023-06-01' };
    const announcement = async (overrides: Parameters<typeof consultationInput>[0]) => {
      await create(overrides);
      const view = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: ID });
      return view.timing.find((check) => check.rule === 'announcement')!;
    };

    it('warns when the circular is the announcement and comes less than 3 months before the meeting', async () => {
      expect(await announcement(late)).toMatchObject({ severity: 'warning', clause: '§9.3.3' });
    });

    it('runs from an earlier announcement: a circular less than 3 months before the meeting, announced earlier, gives no warning', async () => {
      const check = await announcement({ ...late, announcedOn: '2023-05-15' });
      expect(check).toMatchObject({ severity: 'ok', clause: '§9.3.3' });
      expect(check.message).toContain('The announcement of 2023-05-15');
      const view = await getConsultation(world().ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.consultation.announcedOn).toBe('2023-05-15');
      // Issuing checks the same facts.
      const issued = await issueConsultation(world().ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(issued.timing.filter((c) => c.severity === 'warning')).toEqual([]);
    });

    it('refuses an announcement after the circular or on or after the meeting’s first day with DATES_OUT_OF_ORDER at /announcedOn', async () => {
      const before = await tableCounts(world().ctx.db);
      for (const announcedOn of ['2023-03-29', '2023-09-01'])
        await expect(create({ announcedOn }), announcedOn).rejects.toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [expect.objectContaining({ field: '/announcedOn', code: 'DATES_OUT_OF_ORDER' })],
        });
      await expect(create({ announcedOn: '2023-02-30' })).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: '/announcedOn' })],
      });
      expect(await tableCounts(world().ctx.db)).toEqual(before);
      // The circular's own date is allowed; a patch checks the same order.
      await create({ announcedOn: '2023-03-28' });
      await expect(
        updateConsultation(world().ctx, { actor: SECRETARIAT, consultationId: ID, patch: { date: '2023-03-01' } }),
      ).rejects.toMatchObject({
        errors: [expect.objectContaining({ field: '/announcedOn', code: 'DATES_OUT_OF_ORDER' })],
      });
      expect(
        await updateConsultation(world().ctx, {
          actor: SECRETARIAT,
          consultationId: ID,
          patch: { announcedOn: null },
        }),
      ).toMatchObject({ announcedOn: null });
    });
  });

  describe('migration 0012', () => {
    it('gives an existing consultation the wording hhmm and no announcement date, and leaves its deadline as stored', async () => {
      const { ctx } = world();
      await create();
      const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
      expect((await migrator.migrateTo(BEFORE_WORDING)).error).toBeUndefined();
      const columns = (await ctx.db.introspection.getTables()).find((t) => t.name === 'consultation')!.columns;
      expect(columns.map((c) => c.name)).not.toContain('deadline_wording');
      // A deadline written through the API before the rule: …T23:59Z stored as 23:59:00.000.
      const legacy = Date.parse('2023-08-16T23:59:00.000Z');
      await sql`update consultation set deadline_at = ${legacy}`.execute(ctx.db);
      await migrateToLatest(ctx.db);
      const row = await ctx.db
        .selectFrom('consultation')
        .select(['deadline_at', 'deadline_wording', 'announced_on'])
        .where('id', '=', ID)
        .executeTakeFirstOrThrow();
      expect({ ...row, deadline_at: Number(row.deadline_at) }).toEqual({
        deadline_at: legacy,
        deadline_wording: 'hhmm',
        announced_on: null,
      });
      const view = await getConsultation(ctx, { actor: SECRETARIAT, consultationId: ID });
      expect(view.loaded.consultation).toMatchObject({
        deadlineAt: legacy,
        deadlineWording: 'hhmm',
        announcedOn: null,
      });
      // The CHECK keeps the closed list of wordings.
      await expect(sql`update consultation set deadline_wording = 'noon'`.execute(ctx.db)).rejects.toThrow();
    });
  });
});
