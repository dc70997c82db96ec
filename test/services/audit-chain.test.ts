import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { submitReply } from '../../src/services/submit-reply.js';
import { verifyAuditChain } from '../../src/services/verify-audit-chain.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, useWorld } from '../helpers/world.js';

describeEachDialect('audit chain in the database', (dialect) => {
  const world = useWorld(dialect);

  async function withActivity() {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    for (const state of ['KR', 'FR', 'DE'])
      await submitReply(ctx, {
        actor: focalPoint(state),
        consultationId: id,
        memberState: state,
        input: replyInput(),
        channel: 'api',
      });
    return ctx;
  }

  it('an untouched database verifies, every row linked', async () => {
    const ctx = await withActivity();
    const result = await verifyAuditChain(ctx, { pageSize: 2 });
    expect(result.ok).toBe(true);
    expect(result.verifiedRows).toBe(5);
    expect(result.head.seq).toBe(5);
  });

  it('changing one audit row directly in the database makes verification fail at that row', async () => {
    const ctx = await withActivity();
    await sql`update audit_event set actor = 'token:forged' where seq = 3`.execute(ctx.db);
    const result = await verifyAuditChain(ctx, { pageSize: 2 });
    expect(result).toMatchObject({ ok: false, break: { seq: 3, problem: 'hash_mismatch' }, verifiedRows: 2 });
  });

  it('deleting an audit row makes verification fail at the row after it', async () => {
    const ctx = await withActivity();
    await sql`delete from audit_event where seq = 2`.execute(ctx.db);
    const result = await verifyAuditChain(ctx);
    expect(result).toMatchObject({ ok: false, break: { seq: 3, problem: 'gap', expectedSeq: 2 } });
  });

  it('concurrent writers still produce one unbroken chain', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    const states = ['KR', 'FR', 'DE', 'BR', 'JP', 'IN', 'EG', 'MX'];
    await Promise.all(
      states.map((state) =>
        submitReply(ctx, {
          actor: focalPoint(state),
          consultationId: id,
          memberState: state,
          input: replyInput(),
          channel: 'api',
        }),
      ),
    );
    const result = await verifyAuditChain(ctx);
    expect(result.ok).toBe(true);
    expect(result.verifiedRows).toBe(2 + states.length);
  });
});
