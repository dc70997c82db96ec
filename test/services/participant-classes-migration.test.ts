import { Migrator } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { registerProcedure } from '../../src/procedures/registry.js';
import { computeResults } from '../../src/services/compute-results.js';
import { listParticipants, registerParticipant } from '../../src/services/member-states.js';
import { describeEachDialect } from '../helpers/databases.js';
import { SECRETARIAT, useWorld } from '../helpers/world.js';
import { AFTER_MEETING, ID, openWithReplies, recordDecisions } from '../documents/scenario.js';
import { TOY_PROCEDURE } from '../engine/toy-procedure.js';

/** The last migration before participants in classes (0020). */
const BEFORE = '2026-12-07-0019-inbound-mail';

/**
 * Migration 0020 gives every participant its class, on SQLite and PostgreSQL: each existing row
 * is a Member State, and a consultation with replies and decisions gives the same results on the
 * schema before it and after it. Going back drops only the column, and is refused while an
 * organisation is registered (the release before would take it for a Member State).
 */
describeEachDialect('migration 0020: participants in classes', (dialect) => {
  const world = useWorld(dialect);
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProcedure(TOY_PROCEDURE);
  });
  afterAll(() => unregister());

  it('makes every existing participant a Member State, with the same results; going back is refused while an organisation is registered', async () => {
    const w = world();
    await openWithReplies(w);
    await recordDecisions(w, ID);
    w.clock.set(AFTER_MEETING);
    const results = async () => {
      const { texts, state } = await computeResults(w.ctx, { actor: SECRETARIAT, consultationId: ID });
      return { state, texts: texts.map((t) => ({ id: t.text.id, tally: t.tally, decision: t.decision })) };
    };
    const migrator = new Migrator({ db: w.ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const columns = async () =>
      (await w.ctx.db.introspection.getTables())
        .find((table) => table.name === 'member_state')!
        .columns.map((column) => column.name);

    // The database as the release before left it, and its results (TAP reads no class).
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    expect(await columns()).not.toContain('participant_class');
    const rows = await w.ctx.db.selectFrom('member_state').select('code').execute();
    expect(rows.length).toBeGreaterThan(190);
    const before = await results();
    expect(before.texts.some((t) => t.tally.replies > 0)).toBe(true);

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const participants = await listParticipants(w.ctx);
    expect(participants.map((p) => p.code)).toEqual(rows.map((r) => r.code).sort());
    expect(new Set(participants.map((p) => p.participantClass))).toEqual(new Set(['member-state']));
    expect(await results()).toEqual(before);

    await registerParticipant(w.ctx, {
      actor: SECRETARIAT,
      participant: { code: 'ACME-LABS', participantClass: 'associate', names: { en: 'Acme' } },
    });
    const back = await migrator.migrateTo(BEFORE);
    expect(String(back.error)).toContain('cannot be undone while organisations are registered: ACME-LABS');
    expect(await columns()).toContain('participant_class');
  });
});
