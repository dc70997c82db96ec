import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { sha256Hex } from '../domain/canonical.js';
import { verifyChainRun } from '../domain/audit/audit-chain.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { RECEIPT_FORMAT, receiptSigningPayload, type Receipt } from '../domain/receipt/receipt.js';
import { replyContentHash } from '../domain/reply/reply-hash.js';
import type { ReplyVersion } from '../domain/reply/reply.js';
import { findAttachmentContent } from '../repositories/attachment.repository.js';
import { findAuditRow } from '../repositories/audit.repository.js';
import { findReplyVersion, findVersionAuditPosition } from '../repositories/reply.repository.js';
import { findSigningKey, insertSigningKeyIfAbsent, type SigningKey } from '../repositories/signing-key.repository.js';
import { deadlinePassed, loadConsultation } from './load-consultation.js';
import { Compile } from 'typebox/compile';
import { ReceiptInputSchema } from '../schemas/receipt.schema.js';
import type { ServiceContext } from './service-context.js';
import { verifyAuditChain } from './verify-audit-chain.js';

const KEY_ID = 'receipts-1';

let compiledReceiptCheck: ((value: unknown) => boolean) | undefined;
/** Whether a value is a receipt by its schema (compiled once). */
function isReceiptShaped(value: unknown): boolean {
  if (!compiledReceiptCheck) {
    const validator = Compile(ReceiptInputSchema);
    compiledReceiptCheck = (v) => validator.Check(v);
  }
  return compiledReceiptCheck(value);
}

/**
 * The server's receipt-signing key, created on first use and shared by every instance through
 * the database (the first instance to store one wins; the others read it).
 */
export async function receiptKey(ctx: ServiceContext): Promise<SigningKey> {
  const existing = await findSigningKey(ctx.db, KEY_ID);
  if (existing) return existing;
  const pair = generateKeyPairSync('ed25519');
  await insertSigningKeyIfAbsent(ctx.db, {
    id: KEY_ID,
    algorithm: 'Ed25519',
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    createdAt: ctx.clock(),
  });
  return (await findSigningKey(ctx.db, KEY_ID))!;
}

/** The public half of the receipt key, for anyone who wants to check a signature. */
export async function receiptPublicKey(
  ctx: ServiceContext,
): Promise<{ keyId: string; algorithm: 'Ed25519'; publicKey: string }> {
  const key = await receiptKey(ctx);
  return { keyId: key.id, algorithm: key.algorithm, publicKey: key.publicKey };
}

function attachmentsOf(version: ReplyVersion): { sha256: string; role: string }[] {
  const files = version.positions.flatMap((p) =>
    p.attachment ? [{ sha256: p.attachment, role: `position:${p.text}` }] : [],
  );
  return version.originalFile ? [{ sha256: version.originalFile, role: 'original' }, ...files] : files;
}

/**
 * The signed receipt of one version of a State's reply, for those who may read that reply.
 * @throws NOT_FOUND, NOT_YOUR_MEMBER_STATE, FORBIDDEN, UNAUTHENTICATED
 */
export async function getReceipt(
  ctx: ServiceContext,
  options: { actor: Actor; consultationId: string; memberState: string; version: number },
): Promise<Receipt> {
  const loaded = await loadConsultation(ctx.db, options.consultationId, options.actor);
  authorize(options.actor, {
    action: 'reply:read',
    memberState: options.memberState,
    deadlinePassed: deadlinePassed(loaded.consultation, ctx.clock()),
    individualRepliesPublic: loaded.consultation.settings.individualRepliesPublic,
  });
  const [version, audit] = await Promise.all([
    findReplyVersion(ctx.db, options.consultationId, options.memberState, options.version),
    findVersionAuditPosition(ctx.db, options.consultationId, options.memberState, options.version),
  ]);
  if (!version || !audit)
    throw new AppError('NOT_FOUND', `No version ${options.version} of the reply of ${options.memberState}`);
  const key = await receiptKey(ctx);
  const unsigned = {
    format: RECEIPT_FORMAT,
    consultation: { id: loaded.consultation.id, reference: loaded.consultation.reference },
    memberState: version.memberState,
    version: version.version,
    status: version.status,
    receivedAt: new Date(version.receivedAt).toISOString(),
    channel: version.channel,
    receivedByDeadline: version.receivedAt <= loaded.consultation.deadlineAt,
    contentSha256: version.contentHash,
    attachments: attachmentsOf(version),
    audit,
  } as const;
  const value = sign(null, Buffer.from(receiptSigningPayload(unsigned)), createPrivateKey(key.privateKey)).toString(
    'base64',
  );
  return { ...unsigned, signature: { algorithm: 'Ed25519', keyId: key.id, value } };
}

export interface ReceiptCheck {
  readonly check: 'format' | 'signature' | 'reply' | 'content' | 'attachments' | 'audit_row' | 'audit_chain';
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReceiptVerification {
  readonly ok: boolean;
  readonly checks: ReceiptCheck[];
}

/**
 * Checks a receipt against the signature and the stored data: the signature is the server's;
 * the version exists with that content hash, and its stored fields still hash to it; every file
 * is there with those bytes; the audit row is there with that hash, recording that version; the
 * audit chain verifies. Read-only; anyone holding a receipt may ask.
 */
export async function verifyReceipt(ctx: ServiceContext, input: unknown): Promise<ReceiptVerification> {
  const checks: ReceiptCheck[] = [];
  const done = () => ({ ok: checks.every((c) => c.ok), checks });
  // Validated before anything canonicalises it: the schema is closed and bounded, so a hostile
  // document fails here instead of overflowing the stack.
  const wellFormed = isReceiptShaped(input);
  checks.push({
    check: 'format',
    ok: wellFormed,
    detail: wellFormed ? RECEIPT_FORMAT : `not an ${RECEIPT_FORMAT} document`,
  });
  if (!wellFormed) return done();
  const receipt = input as Receipt;

  const key = await findSigningKey(ctx.db, receipt.signature.keyId);
  const signatureOk =
    key !== undefined &&
    receipt.signature.algorithm === 'Ed25519' &&
    verify(
      null,
      Buffer.from(receiptSigningPayload(receipt)),
      createPublicKey(key.publicKey),
      Buffer.from(receipt.signature.value, 'base64'),
    );
  checks.push({
    check: 'signature',
    ok: signatureOk,
    detail: signatureOk
      ? `signed by key ${receipt.signature.keyId}`
      : 'the signature does not match the receipt: it was altered, or not issued by this server',
  });
  // Only a receipt this server issued is compared with the stored data: a forged one learns
  // nothing about other States' replies.
  if (!signatureOk) return done();

  const version = await findReplyVersion(ctx.db, receipt.consultation.id, receipt.memberState, receipt.version);
  checks.push({
    check: 'reply',
    ok: version?.contentHash === receipt.contentSha256,
    detail: version
      ? version.contentHash === receipt.contentSha256
        ? "the stored version has the receipt's hash"
        : `the stored version's hash is ${version.contentHash}`
      : 'no such version is stored',
  });
  if (version) {
    const recomputed = replyContentHash(version);
    checks.push({
      check: 'content',
      ok: recomputed === version.contentHash,
      detail:
        recomputed === version.contentHash
          ? 'the stored positions and fields still hash to it'
          : 'the stored reply was changed after it was received',
    });
    const expected = attachmentsOf(version);
    const problems: string[] = [];
    if (canonicalSet(expected) !== canonicalSet(receipt.attachments))
      problems.push('the list of files differs from the stored version');
    for (const file of receipt.attachments) {
      const stored = await findAttachmentContent(ctx.db, file.sha256);
      if (!stored) problems.push(`${file.sha256} is missing`);
      else if (sha256Hex(stored.content) !== file.sha256) problems.push(`${file.sha256} was changed`);
    }
    checks.push({
      check: 'attachments',
      ok: problems.length === 0,
      detail: problems.length === 0 ? `${receipt.attachments.length} file(s) present and intact` : problems.join('; '),
    });
  }

  const row = await findAuditRow(ctx.db, receipt.audit.seq);
  const subject = `reply:${receipt.consultation.id}/${receipt.memberState}/${receipt.version}`;
  const rowOk =
    row !== undefined &&
    row.hash === receipt.audit.hash &&
    row.subject === subject &&
    row.data.contentHash === receipt.contentSha256;
  const rowIntact =
    row !== undefined && verifyChainRun([row], { seq: row.seq - 1, hash: row.prevHash ?? '' }).break === null;
  checks.push({
    check: 'audit_row',
    ok: rowOk && rowIntact,
    detail: !row
      ? `audit row #${receipt.audit.seq} is missing`
      : !rowOk
        ? `audit row #${receipt.audit.seq} does not record this version with this hash`
        : !rowIntact
          ? `audit row #${receipt.audit.seq} was changed`
          : `audit row #${receipt.audit.seq} records it`,
  });
  const chain = await verifyAuditChain(ctx);
  checks.push({
    check: 'audit_chain',
    ok: chain.ok,
    detail: chain.ok
      ? `the audit chain verifies (${chain.verifiedRows} rows)`
      : `the audit chain is broken at row #${chain.break?.seq}`,
  });
  return done();
}

function canonicalSet(files: readonly { sha256: string; role: string }[]): string {
  return files
    .map((f) => `${f.role}=${f.sha256}`)
    .sort()
    .join('\n');
}
