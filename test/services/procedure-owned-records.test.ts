import { Migrator, sql } from 'kysely';
import { expect, it, vi } from 'vitest';
import { procedureFor } from '../../src/procedures/registry.js';
import { migrateToLatest } from '../../src/db/connect.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { operatorActor } from '../../src/domain/policy/actor.js';
import type { Receipt } from '../../src/domain/receipt/receipt.js';
import { listDecisions } from '../../src/repositories/decision.repository.js';
import { listReplyVersions } from '../../src/repositories/reply.repository.js';
import { computeResults } from '../../src/services/compute-results.js';
import { getReceipt, verifyReceipt } from '../../src/services/receipts.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { recordDecision } from '../../src/services/record-decision.js';
import { recordReply } from '../../src/services/record-reply.js';
import { saveReplyDraft } from '../../src/services/save-reply-draft.js';
import { DEMO_CONSULTATION_ID, seedDemo } from '../../src/services/seed-demo.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { verifyStoredRecords } from '../../src/services/verify-stored-records.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, SECRETARIAT, useWorld } from '../helpers/world.js';

/** The last migration before positions and decisions became procedure-owned JSON (0013). */
const BEFORE = '2026-11-27-0011-audit-checkpoints';
const CIRCULAR_79 = 'tsb-79-2023';
const OPERATOR = operatorActor('test');

/** Everything the domain reads of the records the migration rewrites, and what depends on them. */
async function snapshot(ctx: ServiceContext) {
  const states = await ctx.db
    .selectFrom('reply')
    .select(['consultation_id', 'member_state'])
    .orderBy('consultation_id')
    .orderBy('member_state')
    .execute();
  const versions = [];
  for (const { consultation_id, member_state } of states)
    versions.push(...(await listReplyVersions(ctx.db, consultation_id, member_state)));
  const results = await computeResults(ctx, { actor: OPERATOR, consultationId: CIRCULAR_79 });
  return {
    versions,
    decisions: await listDecisions(ctx.db, CIRCULAR_79),
    drafts: await ctx.db.selectFrom('reply_draft').selectAll().orderBy('member_state').execute(),
    documents: await ctx.db.selectFrom('document').select(['kind', 'sha256']).orderBy('sha256').execute(),
    tallies: results.texts.map((t) => ({ text: t.text.id, tally: t.tally, decision: t.decision })),
  };
}

describeEachDialect('migration 0013: positions and decisions as the procedure’s own JSON', (dialect) => {
  const world = useWorld(dialect);

  /** The demo (Circular 79 with simulated replies, recorded forms and a late reply), a decision with every list, a draft and receipts. */
  async function populated(): Promise<{ ctx: ServiceContext; receipts: Receipt[] }> {
    const { ctx, clock } = world();
    clock.set('2026-11-27T12:00:00Z');
    // The demo as it was when 0013 ran: positions without a comments table, which the columns
    // before 0013 cannot hold (going back past 0013 drops a table; it came later).
    const tap = procedureFor('itu-t-tap');
    const demoPosition = tap.demoPosition.bind(tap);
    const spy = vi.spyOn(tap, 'demoPosition').mockImplementation((text, index) => {
      const { commentTable: _rows, ...position } = demoPosition(text, index);
      return position;
    });
    await seedDemo(ctx);
    spy.mockRestore();
    await recordDecision(ctx, {
      actor: SECRETARIAT,
      consultationId: CIRCULAR_79,
      textId: 'x1353',
      input: {
        deferred: false,
        opposing: [],
        abstaining: ['DE'],
        reservations: [{ state: 'FR', note: 'France reserves its position on clause 7.' }],
        moreTime: [],
        formalOppositions: [],
        notes: 'Decided on the last day.',
      },
    });
    await saveReplyDraft(ctx, {
      actor: focalPoint('KR'),
      consultationId: DEMO_CONSULTATION_ID,
      memberState: 'KR',
      content: {
        positions: {
          x1353: {
            position: 'does_not_assign_authority',
            option: null,
            comments: '',
            reasons: 'Draft reasons.',
            possibleChanges: '',
            attachment: null,
          },
        },
        signatoryName: '',
        signatoryTitle: '',
        place: '',
        signedOn: '',
      },
      basedOnVersion: 0,
      expectedRevision: 0,
    });
    // A paper form with both boxes ticked for one text: recorded as "unclear" (TAP's third kind).
    const original = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: 'reply-form-BR.pdf',
      content: Buffer.from('%PDF-1.4 scanned reply form of Brazil\n', 'utf8'),
    });
    await recordReply(ctx, {
      actor: SECRETARIAT,
      consultationId: DEMO_CONSULTATION_ID,
      memberState: 'BR',
      input: {
        channel: 'paper',
        receivedAt: new Date(clock.now() - 60_000).toISOString(),
        originalFile: original.sha256,
        positions: [{ text: 'x9991', position: 'unclear' }],
        signatory: { name: 'B. Official', title: 'Director' },
      },
    });
    const replied = await ctx.db
      .selectFrom('reply_version')
      .select(['member_state', 'version'])
      .where('consultation_id', '=', CIRCULAR_79)
      .orderBy('member_state')
      .orderBy('version')
      .execute();
    expect(replied.length).toBeGreaterThan(5);
    const receipts: Receipt[] = [];
    for (const r of replied)
      receipts.push(
        await getReceipt(ctx, {
          actor: SECRETARIAT,
          consultationId: CIRCULAR_79,
          memberState: r.member_state,
          version: r.version,
        }),
      );
    return { ctx, receipts };
  }

  async function expectAllVerifies(ctx: ServiceContext, receipts: readonly Receipt[]) {
    for (const receipt of receipts) {
      const verification = await verifyReceipt(ctx, receipt);
      expect(verification.checks.filter((c) => !c.ok)).toEqual([]);
    }
    expect((await verifyAuditChain(ctx)).ok).toBe(true);
    const stored = await verifyStoredRecords(ctx);
    expect(stored.problems).toEqual([]);
  }

  it('converts the old columns to JSON and back without losing a field; results, receipts issued before, the chain and the stored records all still verify', async () => {
    const { ctx, receipts } = await populated();
    const before = await snapshot(ctx);
    // The positions cover every kind and field of TAP's form, so every column is converted.
    const positions = before.versions.flatMap((v) => v.positions);
    expect(new Set(positions.map((p) => p.position))).toEqual(
      new Set(['assigns_authority', 'does_not_assign_authority', 'unclear']),
    );
    expect(positions.some((p) => p.option === 'comments_attached' && p.comments !== null)).toBe(true);
    expect(positions.some((p) => p.reasons !== null)).toBe(true);
    expect(before.decisions).toHaveLength(1);
    expect(before.drafts).toHaveLength(1);

    // Back to the schema of the previous release: TAP's columns, filled from the JSON.
    const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
    const oldDecision = await sql<{
      deferred: number;
      abstaining: string;
      reservations: string;
    }>`select deferred, abstaining, reservations from meeting_decision where text_id = 'x1353'`.execute(ctx.db);
    expect(oldDecision.rows.map((r) => ({ ...r, deferred: Number(r.deferred) }))).toEqual([
      {
        deferred: 0,
        abstaining: '["DE"]',
        reservations: JSON.stringify([{ state: 'FR', note: 'France reserves its position on clause 7.' }]),
      },
    ]);
    const oldPositions = await sql<{
      n: number | string;
    }>`select count(*) as n from reply_position where option = 'comments_attached' and comments is not null`.execute(
      ctx.db,
    );
    expect(Number(oldPositions.rows[0]!.n)).toBeGreaterThan(0);
    // The old CHECK is back: a kind TAP does not define cannot be written in the old schema.
    await expect(
      sql`update reply_position set position = 'approve' where consultation_id = ${CIRCULAR_79}`.execute(ctx.db),
    ).rejects.toThrow();

    // And forward again, as an upgrade from that release runs it.
    await migrateToLatest(ctx.db);
    expect(await snapshot(ctx)).toEqual(before);
    await expectAllVerifies(ctx, receipts);

    // The new schema names no procedure's options: any kind is storable, the procedure checks it.
    const columns = await sql<{
      name: string;
    }>`select * from reply_position where consultation_id = ${CIRCULAR_79} limit 1`.execute(ctx.db);
    expect(Object.keys(columns.rows[0]!).sort()).toEqual(
      ['attachment', 'consultation_id', 'counted', 'detail', 'member_state', 'position', 'text_id', 'version'].sort(),
    );
  });

  it('keeps the counted-positions index that results are computed from', async () => {
    const { ctx } = world();
    const indexes =
      dialect === 'postgres'
        ? await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename = 'reply_position'`.execute(ctx.db)
        : await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name = 'reply_position'`.execute(ctx.db);
    expect(indexes.rows.map((r) => r.name)).toContain('reply_position_counted');
  });
});
