import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { authenticateToken, createApiToken, listApiTokens, revokeApiToken } from '../../src/services/api-tokens.js';
import { readAttachment, uploadAttachment } from '../../src/services/attachments.js';
import { listAuditEvents } from '../../src/services/list-audit-events.js';
import { recordReply } from '../../src/services/record-reply.js';
import { describeEachDialect } from '../helpers/databases.js';
import { focalPoint, OBSERVER, PUBLIC, replyInput, SECRETARIAT, useWorld } from '../helpers/world.js';
import { auditActions, countRows, pdfBytes, tableCounts } from './probes.js';

const DAY_MS = 86_400_000;

/** The first bytes of a Linux executable: an ELF header (with NUL bytes, so not text either). */
const ELF = new Uint8Array([
  0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x3e,
  0x00,
]);

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('API tokens', (dialect) => {
  const world = useWorld(dialect);

  it('returns the secret once, stores only its SHA-256, and maps it to a focal point of its State', async () => {
    const { ctx } = world();
    const { token, secret } = await createApiToken(ctx, {
      actor: SECRETARIAT,
      role: 'focal_point',
      memberState: 'KR',
      label: '  Korea focal point ',
    });
    expect(secret).toMatch(/^assent_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({
      role: 'focal_point',
      memberState: 'KR',
      label: 'Korea focal point',
      expiresAt: null,
      revokedAt: null,
    });
    expect(await authenticateToken(ctx, secret)).toEqual({
      kind: 'focal_point',
      id: `token:${token.id}`,
      label: 'Korea focal point',
      memberState: 'KR',
    });
    const [row] = await ctx.db.selectFrom('api_token').selectAll().execute();
    expect(row!.token_hash).toBe(sha256Of(Buffer.from(secret)));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(JSON.stringify(await listApiTokens(ctx, { actor: SECRETARIAT }))).not.toContain(secret);
    expect(await auditActions(ctx.db)).toEqual(['token.created']);
  });

  it('maps secretariat and observer tokens to those roles', async () => {
    const { ctx } = world();
    const tsb = await createApiToken(ctx, { actor: SECRETARIAT, role: 'secretariat', label: 'TSB' });
    const sm = await createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'Sector Member' });
    expect(await authenticateToken(ctx, tsb.secret)).toMatchObject({
      kind: 'secretariat',
      id: `token:${tsb.token.id}`,
    });
    expect(await authenticateToken(ctx, sm.secret)).toMatchObject({ kind: 'observer', id: `token:${sm.token.id}` });
  });

  it('refuses a revoked token with UNAUTHENTICATED, at once; revoking twice is NOT_FOUND', async () => {
    const { ctx } = world();
    const { token, secret } = await createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'SM' });
    await revokeApiToken(ctx, { actor: SECRETARIAT, tokenId: token.id });
    await expect(authenticateToken(ctx, secret)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(revokeApiToken(ctx, { actor: SECRETARIAT, tokenId: token.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await auditActions(ctx.db)).toEqual(['token.created', 'token.revoked']);
  });

  it('refuses an expired token with UNAUTHENTICATED from the instant it expires', async () => {
    const { ctx, clock } = world();
    const { token, secret } = await createApiToken(ctx, {
      actor: SECRETARIAT,
      role: 'focal_point',
      memberState: 'FR',
      label: 'FR',
      expiresInDays: 1,
    });
    expect(token.expiresAt).toBe(clock.now() + DAY_MS);
    clock.advance(DAY_MS - 1);
    await expect(authenticateToken(ctx, secret)).resolves.toMatchObject({ memberState: 'FR' });
    clock.advance(1);
    await expect(authenticateToken(ctx, secret)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses an unknown or malformed secret with UNAUTHENTICATED', async () => {
    const { ctx } = world();
    const { secret } = await createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'SM' });
    for (const wrong of [`${secret}x`, secret.replace('assent_', 'other_'), '', `assent_${'a'.repeat(300)}`]) {
      await expect(authenticateToken(ctx, wrong)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a focal point token without a State, and a secretariat token with one, with VALIDATION_FAILED', async () => {
    const { ctx } = world();
    const before = await tableCounts(ctx.db);
    await expect(
      createApiToken(ctx, { actor: SECRETARIAT, role: 'focal_point', label: 'No State' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: '/memberState' })],
    });
    await expect(
      createApiToken(ctx, { actor: SECRETARIAT, role: 'secretariat', memberState: 'FR', label: 'TSB' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: '   ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'SM', expiresInDays: 0 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses a focal point token for an unknown State with UNKNOWN_MEMBER_STATE', async () => {
    const { ctx } = world();
    const before = await tableCounts(ctx.db);
    await expect(
      createApiToken(ctx, { actor: SECRETARIAT, role: 'focal_point', memberState: 'ZZ', label: 'ZZ' }),
    ).rejects.toMatchObject({
      code: 'UNKNOWN_MEMBER_STATE',
    });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('lets only the secretariat manage tokens', async () => {
    const { ctx } = world();
    await expect(
      createApiToken(ctx, { actor: focalPoint('FR'), role: 'focal_point', memberState: 'FR', label: 'x' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createApiToken(ctx, { actor: PUBLIC, role: 'observer', label: 'x' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(listApiTokens(ctx, { actor: OBSERVER })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revokeApiToken(ctx, { actor: focalPoint('FR'), tokenId: 'any' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});

describeEachDialect('attachments', (dialect) => {
  const world = useWorld(dialect);

  it('accepts a PDF recognised by its content and stores it under its SHA-256', async () => {
    const { ctx } = world();
    const bytes = pdfBytes('comments');
    const meta = await uploadAttachment(ctx, { actor: focalPoint('FR'), filename: 'comments.pdf', content: bytes });
    expect(meta).toMatchObject({
      sha256: sha256Of(bytes),
      mediaType: 'application/pdf',
      filename: 'comments.pdf',
      size: bytes.length,
      createdBy: 'test:fp:FR',
    });
    expect(await auditActions(ctx.db)).toEqual(['attachment.uploaded']);
  });

  it('judges by content, not by name: an ELF executable named x.pdf is UNSUPPORTED_MEDIA_TYPE and nothing is stored', async () => {
    const { ctx } = world();
    const before = await tableCounts(ctx.db);
    await expect(
      uploadAttachment(ctx, { actor: focalPoint('FR'), filename: 'x.pdf', content: ELF }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('accepts a file of exactly ctx.attachmentMaxBytes and refuses one byte more with PAYLOAD_TOO_LARGE', async () => {
    const { ctx } = world();
    const small = { ...ctx, attachmentMaxBytes: 64 };
    const fits = new Uint8Array(Buffer.from('%PDF-'.padEnd(64, 'x'), 'latin1'));
    const tooBig = new Uint8Array(Buffer.from('%PDF-'.padEnd(65, 'x'), 'latin1'));
    await expect(
      uploadAttachment(small, { actor: SECRETARIAT, filename: 'fits.pdf', content: fits }),
    ).resolves.toMatchObject({ size: 64 });
    const before = await tableCounts(ctx.db);
    await expect(
      uploadAttachment(small, { actor: SECRETARIAT, filename: 'big.pdf', content: tooBig }),
    ).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('refuses an empty file with VALIDATION_FAILED', async () => {
    const { ctx } = world();
    await expect(
      uploadAttachment(ctx, { actor: SECRETARIAT, filename: 'empty.pdf', content: new Uint8Array() }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('gives the same bytes uploaded twice the same SHA-256 and stores them once', async () => {
    const { ctx } = world();
    const bytes = pdfBytes('same');
    const first = await uploadAttachment(ctx, { actor: SECRETARIAT, filename: 'a.pdf', content: bytes });
    const second = await uploadAttachment(ctx, { actor: SECRETARIAT, filename: 'b.pdf', content: bytes });
    expect(second.sha256).toBe(first.sha256);
    expect(await countRows(ctx.db, 'attachment')).toBe(1);
    expect(await auditActions(ctx.db)).toEqual(['attachment.uploaded']);
  });

  it('keeps only the base name of an uploaded file', async () => {
    const { ctx } = world();
    const meta = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: '../../etc/"form".pdf',
      content: pdfBytes(),
    });
    expect(meta.filename).toBe('form.pdf');
  });

  it('lets focal points and the secretariat upload, not observers or the public', async () => {
    const { ctx } = world();
    await expect(
      uploadAttachment(ctx, { actor: OBSERVER, filename: 'a.pdf', content: pdfBytes() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      uploadAttachment(ctx, { actor: PUBLIC, filename: 'a.pdf', content: pdfBytes() }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await countRows(ctx.db, 'attachment')).toBe(0);
  });

  it("lets the uploader and the secretariat read an attachment; another State's focal point, an observer and the public get NOT_FOUND", async () => {
    const { ctx } = world();
    const bytes = pdfBytes('French comments');
    const { sha256 } = await uploadAttachment(ctx, { actor: focalPoint('FR'), filename: 'fr.pdf', content: bytes });
    for (const actor of [focalPoint('FR'), SECRETARIAT]) {
      const found = await readAttachment(ctx, { actor, sha256 });
      expect(Buffer.from(found.content).equals(Buffer.from(bytes))).toBe(true);
    }
    for (const actor of [focalPoint('DE'), OBSERVER, PUBLIC]) {
      await expect(readAttachment(ctx, { actor, sha256 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(readAttachment(ctx, { actor: SECRETARIAT, sha256: 'e'.repeat(64) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it("lets a focal point read the original form the secretariat recorded for its State, and no other State's", async () => {
    const { ctx, clock } = world();
    await world().openConsultation();
    const { sha256 } = await uploadAttachment(ctx, {
      actor: SECRETARIAT,
      filename: 'fr-form.pdf',
      content: pdfBytes('form of France'),
    });
    clock.set('2023-08-12T10:00:00Z');
    await recordReply(ctx, {
      actor: SECRETARIAT,
      consultationId: 'tsb-79-2023',
      memberState: 'FR',
      input: { channel: 'fax', receivedAt: '2023-08-10T09:00:00.000Z', originalFile: sha256, ...replyInput() },
    });
    await expect(readAttachment(ctx, { actor: focalPoint('FR'), sha256 })).resolves.toMatchObject({ sha256 });
    await expect(readAttachment(ctx, { actor: focalPoint('DE'), sha256 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a focal point read back a file it uploaded even when another State uploaded the same bytes first', async () => {
    const { ctx } = world();
    const bytes = pdfBytes('a common template');
    await uploadAttachment(ctx, { actor: focalPoint('FR'), filename: 'template.pdf', content: bytes });
    const mine = await uploadAttachment(ctx, { actor: focalPoint('DE'), filename: 'template.pdf', content: bytes });
    await expect(readAttachment(ctx, { actor: focalPoint('DE'), sha256: mine.sha256 })).resolves.toMatchObject({
      sha256: mine.sha256,
    });
  });
});

describeEachDialect('audit trail', (dialect) => {
  const world = useWorld(dialect);

  it('is readable by the secretariat only: FORBIDDEN for focal points and observers, UNAUTHENTICATED for the public', async () => {
    const { ctx } = world();
    await world().openConsultation();
    for (const actor of [focalPoint('FR'), OBSERVER]) {
      await expect(listAuditEvents(ctx, { actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(listAuditEvents(ctx, { actor: PUBLIC })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lists events oldest first, for one consultation, paged by sequence number', async () => {
    const { ctx } = world();
    await world().openConsultation();
    await createApiToken(ctx, { actor: SECRETARIAT, role: 'observer', label: 'SM' });
    const all = await listAuditEvents(ctx, { actor: SECRETARIAT });
    expect(all.map((e) => e.action)).toEqual(['consultation.created', 'consultation.issued', 'token.created']);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((a, b) => a - b));
    const ofConsultation = await listAuditEvents(ctx, { actor: SECRETARIAT, consultationId: 'tsb-79-2023' });
    expect(ofConsultation.map((e) => e.action)).toEqual(['consultation.created', 'consultation.issued']);
    const page = await listAuditEvents(ctx, { actor: SECRETARIAT, afterSeq: all[0]!.seq, limit: 1 });
    expect(page.map((e) => e.action)).toEqual(['consultation.issued']);
    expect(page[0]!.data).toMatchObject({ texts: ['x1333-cor1', 'x1353', 'x1471'] });
  });

  it('refuses a page size outside 1–1000 with VALIDATION_FAILED', async () => {
    const { ctx } = world();
    for (const limit of [0, 1001, 1.5]) {
      await expect(listAuditEvents(ctx, { actor: SECRETARIAT, limit })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    }
  });
});
