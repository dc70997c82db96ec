import { sign, verify } from 'node:crypto';
import { Compile } from 'typebox/compile';
import { sha256Hex } from '../domain/canonical.js';
import { verifyChainRun } from '../domain/audit/audit-chain.js';
import type { Consultation } from '../domain/consultation/consultation.js';
import { AppError } from '../domain/errors.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { canonicalJson } from '../domain/canonical.js';
import { RECEIPT_FORMAT, receiptSigningPayload, type Receipt } from '../domain/receipt/receipt.js';
import { replyContentHash } from '../domain/reply/reply-hash.js';
import type { ReplyVersion } from '../domain/reply/reply.js';
import { findAttachmentContent } from '../repositories/attachment.repository.js';
import { findAuditRow } from '../repositories/audit.repository.js';
import { findConsultation } from '../repositories/consultation.repository.js';
import { findReplyVersion, findVersionAuditPosition } from '../repositories/reply.repository.js';
import { ReceiptInputSchema } from '../schemas/receipt.schema.js';
import { deadlinePassed, loadConsultation } from './load-consultation.js';
import { currentSigningKey, trustedSigningKey } from './receipt-keys.js';
import { verifyChainAround } from './audit-checkpoints.js';
import { sealedVersionPosition } from './audit-seal.js';
import type { ServiceContext } from './service-context.js';

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
 * The public half of the key that signs receipts now, for anyone who wants to check a signature
 * (every key with its validity period: listPublishedKeys).
 * @throws SIGNING_KEY_UNAVAILABLE
 */
export async function receiptPublicKey(
  ctx: ServiceContext,
): Promise<{ keyId: string; algorithm: 'Ed25519'; publicKey: string }> {
  const key = await currentSigningKey(ctx);
  return { keyId: key.id, algorithm: key.algorithm, publicKey: key.publicKeyPem };
}

function attachmentsOf(version: ReplyVersion): { sha256: string; role: string }[] {
  const files = version.positions.flatMap((p) =>
    p.attachment ? [{ sha256: p.attachment, role: `position:${p.text}` }] : [],
  );
  return version.originalFile ? [{ sha256: version.originalFile, role: 'original' }, ...files] : files;
}

/**
 * Everything a receipt states, from the stored records: what getReceipt signs, and what
 * verifyReceipt compares a presented receipt with, field by field.
 */
function receiptBody(
  consultation: Pick<Consultation, 'id' | 'reference' | 'deadlineAt'>,
  version: ReplyVersion,
  audit: { seq: number; hash: string },
): Omit<Receipt, 'signature'> {
  return {
    format: RECEIPT_FORMAT,
    consultation: { id: consultation.id, reference: consultation.reference },
    memberState: version.memberState,
    version: version.version,
    status: version.status,
    receivedAt: new Date(version.receivedAt).toISOString(),
    channel: version.channel,
    receivedByDeadline: version.receivedAt <= consultation.deadlineAt,
    contentSha256: version.contentHash,
    attachments: attachmentsOf(version),
    audit,
  };
}

/**
 * The signed receipt of one version of a State's reply, for those who may read that reply.
 * @throws NOT_FOUND, NOT_YOUR_MEMBER_STATE, FORBIDDEN, UNAUTHENTICATED, SIGNING_KEY_UNAVAILABLE
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
    sealedVersionPosition(ctx.db, options.consultationId, options.memberState, options.version),
  ]);
  if (!version || !audit)
    throw new AppError('NOT_FOUND', `No version ${options.version} of the reply of ${options.memberState}`);
  const key = await currentSigningKey(ctx);
  const unsigned = receiptBody(loaded.consultation, version, audit);
  const value = sign(null, Buffer.from(receiptSigningPayload(unsigned)), key.privateKey).toString('base64');
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
 * every signed field matches the stored version, and its stored fields still hash to it; every
 * file is there with those bytes; the audit row is there with that hash, recording that version;
 * the chain links from that row to the nearest signed checkpoint. Reads a bounded number of rows
 * whatever the length of the trail. Read-only; anyone holding a receipt may ask.
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

  // Only a key that opens with the server secret is the server's: a key row written into the
  // database by someone else (in clear, or with another public key) verifies nothing.
  const key = await trustedSigningKey(ctx, receipt.signature.keyId);
  const signatureOk =
    key !== null &&
    receipt.signature.algorithm === 'Ed25519' &&
    verify(
      null,
      Buffer.from(receiptSigningPayload(receipt)),
      key.publicKey,
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

  const [consultation, version, position] = await Promise.all([
    findConsultation(ctx.db, receipt.consultation.id),
    findReplyVersion(ctx.db, receipt.consultation.id, receipt.memberState, receipt.version),
    findVersionAuditPosition(ctx.db, receipt.consultation.id, receipt.memberState, receipt.version),
  ]);
  // Every signed field against the stored record: a receipt signed with the server's key (a key
  // that leaked, say) but stating another instant, on-time flag, status or channel than the
  // stored version does not verify. The detail names the fields, not the stored values.
  const differing =
    consultation && version && position
      ? differingFields(receiptBody(consultation.consultation, version, position), receipt)
      : [];
  checks.push({
    check: 'reply',
    ok: version !== undefined && position !== undefined && consultation !== undefined && differing.length === 0,
    detail:
      !version || !position || !consultation
        ? 'no such version is stored'
        : differing.length === 0
          ? 'the stored version matches every signed field of the receipt'
          : `the stored version differs from the receipt in: ${differing.join(', ')}`,
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
  // The chain around the receipt's row, to the nearest signed checkpoint: a bounded read, never
  // the whole chain (which is the operator's `assent audit verify` and the background job's).
  const chain = await verifyChainAround(ctx, receipt.audit.seq);
  checks.push({ check: 'audit_chain', ok: chain.ok, detail: chain.detail });
  return done();
}

/** The top-level fields of a receipt whose values differ from the expected ones (the signature aside). */
function differingFields(expected: Omit<Receipt, 'signature'>, presented: Receipt): string[] {
  const { signature: _signature, ...body } = presented;
  const names = [...new Set([...Object.keys(expected), ...Object.keys(body)])].sort();
  return names.filter(
    (name) =>
      canonicalJson((expected as Record<string, unknown>)[name] ?? null) !==
      canonicalJson((body as Record<string, unknown>)[name] ?? null),
  );
}

function canonicalSet(files: readonly { sha256: string; role: string }[]): string {
  return files
    .map((f) => `${f.role}=${f.sha256}`)
    .sort()
    .join('\n');
}
