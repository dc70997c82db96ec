import { Migrator } from 'kysely';
import { expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { computeResults } from '../../src/services/compute-results.js';
import { listParticipants } from '../../src/services/member-states.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import { AFTER_MEETING, ID, openWithReplies, recordDecisions } from '../documents/scenario.js';

/** The last migration before participants in classes (0020). */
const BEFORE = '2026-12-07-0019-inbound-mail';

/**
 * Migration 0020 gives every participant its class, on SQLite and PostgreSQL: each existing row
 * is a Member State, and a consultation with replies and decisions gives the same results before
 * and after it; going back to the previous release drops only the column.
 */
describeEachDialect('migration 0020: participants in classes', (dialect) => {
  const world = useWorld(dialect);

  it('makes every existing participant a Member State, with the same results; going back drops only its column', async () => {
    const w = world();
    await openWithReplies(w);
    await recordDecisions(w, ID);
    w.clock.set(AFTER_MEETING);
    const results = async () => {
      const { texts, state } = await computeResults(w.ctx, { actor: SECRETARIAT, consultationId: ID });
      return { state, texts: texts.map((t) => ({ id: t.text.id, tally: t.tally, decision: t.decision })) };
    };
    const before = await results();
    const migrator = new Migrator({ db: w.ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const columns = async () =>
      (await w.ctx.db.introspection.getTables())
        .find((table) => table.name === 'member_state')!
        .columns.map((column) => column.name);

    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await columns()).not.toContain('participant_class');
    const rows = await w.ctx.db.selectFrom('member_state').select('code').execute();
    expect(rows.length).toBeGreaterThan(190);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const participants = await listParticipants(w.ctx);
    expect(participants.map((p) => p.code)).toEqual(rows.map((r) => r.code).sort());
    expect(new Set(participants.map((p) => p.participantClass))).toEqual(new Set(['member-state']));
    expect(before.texts.some((t) => t.tally.replies > 0)).toBe(true);
    expect(await results()).toEqual(before);
  });
});
