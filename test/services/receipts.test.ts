import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { getReceipt, verifyReceipt } from '../../src/services/receipts.js';
import { recordReply } from '../../src/services/record-reply.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { uploadAttachment } from '../../src/services/attachments.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';

/** A position's detail as a forger would write it (repositories/procedure-records.ts). */
const FORGED_DETAIL = JSON.stringify({ option: null, comments: null, reasons: 'forged', possibleChanges: null });

describeEachDialect('receipts', (dialect) => {
  const world = useWorld(dialect);

  async function receiptOfKr() {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(),
      channel: 'api',
    });
    clock.set('2023-05-02T10:00:00Z');
    const second = await submitReply(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      input: replyInput(['x1353']),
      channel: 'api',
    });
    const receipt = await getReceipt(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      version: 2,
    });
    return { ctx, id, receipt, second };
  }

  it('a receipt names the version, the instant, the content hash and the audit row, and verifies', async () => {
    const { ctx, receipt, second } = await receiptOfKr();
    expect(receipt).toMatchObject({
      format: 'assent-receipt/1',
      memberState: 'KR',
      version: 2,
      receivedAt: '2023-05-02T10:00:00.000Z',
      receivedByDeadline: true,
      contentSha256: second.receipt.contentHash,
      signature: { algorithm: 'Ed25519' },
    });
    const result = await verifyReceipt(ctx, receipt);
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('a receipt with one changed character does not verify (signature)', async () => {
    const { ctx, receipt } = await receiptOfKr();
    const altered = JSON.parse(JSON.stringify(receipt).replace('2023-05-02T10:00:00.000Z', '2023-05-02T10:00:00.001Z'));
    const result = await verifyReceipt(ctx, altered);
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.check === 'signature')).toMatchObject({ ok: false });
  });

  it('a reply changed in the database after its receipt makes the receipt fail on content', async () => {
    const { ctx, id, receipt } = await receiptOfKr();
    await sql`update reply_position set position = 'does_not_assign_authority', detail = ${FORGED_DETAIL} where consultation_id = ${id} and member_state = 'KR' and version = 2`.execute(
      ctx.db,
    );
    const result = await verifyReceipt(ctx, receipt);
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.check === 'content')).toMatchObject({ ok: false });
  });

  it('a changed audit row makes the receipt fail on the audit checks', async () => {
    const { ctx, receipt } = await receiptOfKr();
    await sql`update audit_event set at = at + 1 where seq = ${receipt.audit.seq}`.execute(ctx.db);
    const result = await verifyReceipt(ctx, receipt);
    expect(result.ok).toBe(false);
    expect(result.checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(
      expect.arrayContaining(['audit_row', 'audit_chain']),
    );
  });

  it('a recorded form lists its original file, and a changed file fails the attachment check', async () => {
    const { ctx, openConsultation, clock } = world();
    const id = await openConsultation();
    clock.set('2023-05-01T10:00:00Z');
    const scan = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: 'fax.pdf',
      content: Buffer.from('%PDF-1.4\nfax of the reply\n'),
    });
    await recordReply(ctx, {
      actor: SECRETARIAT,
      consultationId: id,
      memberState: 'FR',
      input: {
        channel: 'fax',
        receivedAt: '2023-05-01T09:00:00Z',
        originalFile: scan.sha256,
        positions: replyInput().positions,
        signatory: { name: 'X', title: 'Y' },
      },
    });
    const receipt = await getReceipt(ctx, { actor: SECRETARIAT, consultationId: id, memberState: 'FR', version: 1 });
    expect(receipt.attachments).toEqual([{ sha256: scan.sha256, role: 'original' }]);
    expect((await verifyReceipt(ctx, receipt)).ok).toBe(true);
    await sql`update attachment set content = ${Buffer.from('%PDF-1.4\nsomething else\n')} where sha256 = ${scan.sha256}`.execute(
      ctx.db,
    );
    const result = await verifyReceipt(ctx, receipt);
    expect(result.checks.find((c) => c.check === 'attachments')).toMatchObject({ ok: false });
  });

  it("another State's focal point cannot fetch the receipt", async () => {
    const { ctx, id } = await receiptOfKr();
    await expect(
      getReceipt(ctx, { actor: focalPoint('FR'), consultationId: id, memberState: 'KR', version: 1 }),
    ).rejects.toMatchObject({ code: 'NOT_YOUR_MEMBER_STATE' });
  });

  it('a receipt carrying a value nested 100,000 levels deep fails the format check instead of overflowing the stack', async () => {
    const { ctx, receipt } = await receiptOfKr();
    const deep = JSON.parse(`${'['.repeat(100_000)}0${']'.repeat(100_000)}`);
    for (const input of [
      { ...receipt, note: deep },
      { ...receipt, attachments: [deep] },
    ]) {
      expect(await verifyReceipt(ctx, input)).toMatchObject({ ok: false, checks: [{ check: 'format', ok: false }] });
    }
  });

  it('something that is not a receipt fails the format check', async () => {
    const { ctx } = world();
    expect(await verifyReceipt(ctx, { hello: 'world' })).toMatchObject({
      ok: false,
      checks: [{ check: 'format', ok: false }],
    });
  });
});
