import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/connect.js';
import { MIGRATIONS } from '../../src/db/migrations/index.js';
import { receiptSigningPayload, type Receipt } from '../../src/domain/receipt/receipt.js';
import { openSecret, sealSecret } from '../../src/services/identity/secrets.js';
import { listPublishedKeys, rotateSigningKey } from '../../src/services/receipt-keys.js';
import { getReceipt, receiptPublicKey, verifyReceipt } from '../../src/services/receipts.js';
import type { ServiceContext } from '../../src/services/service-context.js';
import { submitReply } from '../../src/services/submit-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';

/** The last migration of the release before receipts keys were sealed. */
const BEFORE_SEALING = '2026-11-27-0009-content-languages';

describeEachDialect('receipt signing keys', (dialect) => {
  const world = useWorld(dialect);

  async function krReceipt(): Promise<{ ctx: ServiceContext; id: string; receipt: Receipt }> {
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
    const receipt = await getReceipt(ctx, {
      actor: focalPoint('KR'),
      consultationId: id,
      memberState: 'KR',
      version: 1,
    });
    return { ctx, id, receipt };
  }

  /**
   * What an attacker who can read the database holds of the server's key: the column as stored
   * (the PEM itself while keys were stored in clear). The test opens a sealed key with the server
   * secret, to play an attacker who also has that secret, which the receipt check must survive.
   */
  async function storedPrivateKey(ctx: ServiceContext): Promise<string> {
    const row = await ctx.db.selectFrom('signing_key').select('private_key').executeTakeFirstOrThrow();
    return row.private_key.includes('PRIVATE KEY') ? row.private_key : openSecret(ctx.secretKey, row.private_key);
  }

  function resign(receipt: Receipt, privateKeyPem: string, changes: Partial<Receipt>): Receipt {
    const { signature, ...body } = { ...receipt, ...changes };
    const value = sign(null, Buffer.from(receiptSigningPayload(body)), createPrivateKey(privateKeyPem)).toString(
      'base64',
    );
    return { ...body, signature: { ...signature, value } };
  }

  it('stores the private key sealed with the server secret, never in clear', async () => {
    const { ctx } = await krReceipt();
    const row = await ctx.db.selectFrom('signing_key').selectAll().executeTakeFirstOrThrow();
    expect(row.private_key).not.toContain('PRIVATE KEY');
    expect(row.private_key).toMatch(/^v1\./);
    const opened = createPrivateKey(openSecret(ctx.secretKey, row.private_key));
    expect((await receiptPublicKey(ctx)).publicKey.trim()).toBe(
      // The published key is the one derived from the sealed private key.
      (await import('node:crypto')).createPublicKey(opened).export({ type: 'spki', format: 'pem' }).toString().trim(),
    );
  });

  it('a receipt re-signed with the server key but a false instant, on-time flag, status, channel or reference does not verify, naming the field', async () => {
    const { ctx, receipt } = await krReceipt();
    const key = await storedPrivateKey(ctx);
    const forgeries: [keyof Receipt, Partial<Receipt>][] = [
      ['receivedAt', { receivedAt: '2023-04-30T10:00:00.000Z' }],
      ['receivedByDeadline', { receivedByDeadline: false }],
      ['status', { status: 'withdrawn' }],
      ['channel', { channel: 'paper' }],
      ['consultation', { consultation: { ...receipt.consultation, reference: 'TSB Circular 80' } }],
      ['attachments', { attachments: [{ sha256: 'a'.repeat(64), role: 'original' }] }],
    ];
    for (const [field, changes] of forgeries) {
      const forged = resign(receipt, key, changes);
      const result = await verifyReceipt(ctx, forged);
      expect({ field, signature: result.checks.find((c) => c.check === 'signature')?.ok, ok: result.ok }).toEqual({
        field,
        signature: true,
        ok: false,
      });
      expect(result.checks.find((c) => c.check === 'reply')).toMatchObject({
        ok: false,
        detail: expect.stringContaining(field),
      });
    }
    expect((await verifyReceipt(ctx, receipt)).ok).toBe(true);
  });

  it('a key planted in the database verifies nothing: neither a new key row nor a public key swapped into the server key row', async () => {
    const { ctx, receipt } = await krReceipt();
    const planted = generateKeyPairSync('ed25519');
    const privatePem = planted.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = planted.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await ctx.db
      .insertInto('signing_key')
      .values({
        id: 'receipts-planted',
        algorithm: 'Ed25519',
        public_key: publicPem,
        private_key: privatePem,
        created_at: 0,
      })
      .execute();
    const viaNewRow = resign(
      { ...receipt, signature: { ...receipt.signature, keyId: 'receipts-planted' } },
      privatePem,
      {},
    );
    expect((await verifyReceipt(ctx, viaNewRow)).checks.find((c) => c.check === 'signature')).toMatchObject({
      ok: false,
    });

    await sql`update signing_key set public_key = ${publicPem} where id = ${receipt.signature.keyId}`.execute(ctx.db);
    const viaSwappedKey = resign(receipt, privatePem, {});
    expect((await verifyReceipt(ctx, viaSwappedKey)).checks.find((c) => c.check === 'signature')).toMatchObject({
      ok: false,
    });
    // The genuine receipt still verifies: the server's public key comes from its sealed private key.
    expect((await verifyReceipt(ctx, receipt)).ok).toBe(true);
  });

  it('the migration seals a key an earlier release stored in clear, and receipts it signed still verify', async () => {
    const { ctx, receipt } = await krReceipt();
    const migrator = new Migrator({ db: ctx.db, provider: { getMigrations: async () => ({ ...MIGRATIONS }) } });
    const down = await migrator.migrateTo(BEFORE_SEALING);
    expect(down.error).toBeUndefined();
    // The earlier release's key: the same id, the PEM in clear.
    const earlier = generateKeyPairSync('ed25519');
    const privatePem = earlier.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const publicPem = earlier.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await sql`delete from signing_key`.execute(ctx.db);
    await sql`insert into signing_key (id, algorithm, public_key, private_key, created_at) values ('receipts-1', 'Ed25519', ${publicPem}, ${privatePem}, ${Date.parse('2023-01-01T00:00:00Z')})`.execute(
      ctx.db,
    );
    const signedEarlier = resign(receipt, privatePem, {});

    await expect(migrateToLatest(ctx.db)).rejects.toThrow(/secret/);
    await migrateToLatest(ctx.db, { sealSecret: (plaintext) => sealSecret(ctx.secretKey, plaintext) });

    const row = await ctx.db
      .selectFrom('signing_key')
      .selectAll()
      .where('id', '=', 'receipts-1')
      .executeTakeFirstOrThrow();
    expect(row.private_key).not.toContain('PRIVATE KEY');
    expect(openSecret(ctx.secretKey, row.private_key)).toBe(privatePem);
    expect((await verifyReceipt(ctx, signedEarlier)).ok).toBe(true);
  });

  it('rotating the key retires it with its end date: receipts it signed still verify, new ones carry the next key', async () => {
    const { ctx, id, receipt } = await krReceipt();
    world().clock.set('2023-05-03T00:00:00Z');
    const next = await rotateSigningKey(ctx, { actor: SECRETARIAT });
    expect(next.keyId).not.toBe(receipt.signature.keyId);
    const published = await listPublishedKeys(ctx);
    expect(published.map((k) => [k.keyId, k.validUntil])).toEqual([
      [receipt.signature.keyId, Date.parse('2023-05-03T00:00:00Z')],
      [next.keyId, null],
    ]);
    expect((await verifyReceipt(ctx, receipt)).ok).toBe(true);
    const again = await getReceipt(ctx, { actor: focalPoint('KR'), consultationId: id, memberState: 'KR', version: 1 });
    expect(again.signature.keyId).toBe(next.keyId);
    expect((await verifyReceipt(ctx, again)).ok).toBe(true);
    await expect(rotateSigningKey(ctx, { actor: focalPoint('KR') })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
