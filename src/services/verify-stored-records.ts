import type { Executor } from '../db/dialect.js';
import { sha256Hex } from '../domain/canonical.js';
import {
  countedVersionOf,
  decisionContentHash,
  documentSubject,
  positionRowHash,
} from '../domain/audit/record-hashes.js';
import { replyContentHash } from '../domain/reply/reply-hash.js';
import {
  allDecisions,
  auditRowsBySeq,
  documentsPage,
  recordAuditPage,
  replyPointersPage,
  versionExists,
  versionRecords,
  type RecordAuditRow,
  type StoredVersionRecord,
} from '../repositories/record-integrity.repository.js';
import type { Actor } from '../domain/policy/actor.js';
import { authorize } from '../domain/policy/policy.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { sealAudit } from './audit-seal.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** The tables whose rows decide an outcome. */
export type RecordTable = 'reply' | 'reply_version' | 'reply_position' | 'meeting_decision' | 'document';

/** One stored row that does not match what the audit trail recorded of it. */
export interface RecordProblem {
  readonly table: RecordTable;
  /** The row's key: `consultation/State[/version[/text]]`, `consultation/text`, or the document's. */
  readonly row: string;
  readonly detail: string;
  /** The audit row it was compared with, when there is one. */
  readonly auditSeq: number | null;
}

export interface RecordVerification {
  readonly ok: boolean;
  readonly checked: {
    readonly replies: number;
    readonly replyVersions: number;
    readonly decisions: number;
    readonly documents: number;
  };
  /** Rows recorded before content hashes, checked only on what their audit rows carry. */
  readonly partiallyChecked: number;
  readonly problems: RecordProblem[];
}

/** The latest audit row about each decision and document, and the row of each reply version. */
interface Claims {
  readonly versions: Map<string, number>;
  readonly decisions: Map<string, RecordAuditRow>;
  readonly documents: Map<string, RecordAuditRow>;
}

async function collectClaims(db: Executor, pageSize: number): Promise<Claims> {
  const claims: Claims = { versions: new Map(), decisions: new Map(), documents: new Map() };
  let after = 0;
  for (;;) {
    const rows = await recordAuditPage(db, after, pageSize);
    if (rows.length === 0) return claims;
    for (const row of rows) {
      if (row.subject.startsWith('reply:')) claims.versions.set(row.subject.slice('reply:'.length), row.seq);
      else if (row.subject.startsWith('decision:')) claims.decisions.set(row.subject.slice('decision:'.length), row);
      else claims.documents.set(row.subject, row);
    }
    after = rows[rows.length - 1]!.seq;
  }
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String).sort() : []);

/**
 * Checks every record that decides an outcome against the audit trail (finding 4 of the attack
 * test: the chain alone did not see a reply position, a meeting decision or a counted mark edited
 * in the database). Each reply version's stored fields and positions must hash to what its audit
 * row recorded (each position is named when the row carries its hash); each reply's counted
 * pointer, and the `counted` mark of every position, must be what the trail says; each meeting
 * decision must hash to what its latest audit row recorded; each stored document's bytes must
 * hash to the SHA-256 its audit row recorded. Every record of the trail must still be stored, and
 * every stored record must be in the trail. Read-only; reads every record: an operator command.
 * Trust what it compares with only once the chain itself verifies (verifyAuditChain).
 */
export async function verifyStoredRecords(
  ctx: ServiceContext,
  options: { pageSize?: number } = {},
): Promise<RecordVerification> {
  const pageSize = options.pageSize ?? 200;
  // Records committed before this call have their audit events in the chain once it is sealed.
  await sealAudit(ctx.db);
  const claims = await collectClaims(ctx.db, pageSize * 10);
  const problems: RecordProblem[] = [];
  const checked = { replies: 0, replyVersions: 0, decisions: 0, documents: 0 };
  let partiallyChecked = 0;

  // Replies, a page of States at a time.
  let afterReply: { consultationId: string; memberState: string } | null = null;
  for (;;) {
    const replies = await replyPointersPage(ctx.db, afterReply, pageSize);
    if (replies.length === 0) break;
    afterReply = replies[replies.length - 1]!;
    const byConsultation = new Map<string, string[]>();
    for (const r of replies)
      byConsultation.set(r.consultationId, [...(byConsultation.get(r.consultationId) ?? []), r.memberState]);
    const records: StoredVersionRecord[] = [];
    for (const [consultationId, states] of byConsultation)
      records.push(...(await versionRecords(ctx.db, consultationId, states)));
    const audit = await auditRowsBySeq(
      ctx.db,
      records.map((r) => claims.versions.get(versionKey(r))).filter((seq): seq is number => seq !== undefined),
    );
    for (const reply of replies) {
      checked.replies += 1;
      const versions = records.filter(
        (r) => r.version.consultationId === reply.consultationId && r.version.memberState === reply.memberState,
      );
      let lastRow: RecordAuditRow | undefined;
      for (const record of versions) {
        checked.replyVersions += 1;
        const key = versionKey(record);
        const seq = claims.versions.get(key);
        claims.versions.delete(key);
        const row = seq === undefined ? undefined : audit.get(seq);
        if (!row) {
          problems.push({
            table: 'reply_version',
            row: key,
            detail: 'no audit row records this version',
            auditSeq: null,
          });
          continue;
        }
        lastRow = row;
        problems.push(...versionProblems(record, row));
      }
      // The counted pointer: as the audit row of the latest version left it (rows written before
      // it was recorded there: by the rule, from the versions, whose content is checked above).
      const recorded = lastRow?.data.countedVersion;
      const expected =
        recorded === null || typeof recorded === 'number' ? recorded : countedVersionOf(versions.map((r) => r.version));
      const where = recorded === null || typeof recorded === 'number' ? `audit row #${lastRow!.seq}` : 'the versions';
      const replyKey = `${reply.consultationId}/${reply.memberState}`;
      if (reply.countedVersion !== expected)
        problems.push({
          table: 'reply',
          row: replyKey,
          detail: `counted_version is ${reply.countedVersion ?? 'null'}; ${where} says ${expected ?? 'null'}`,
          auditSeq: lastRow?.seq ?? null,
        });
      const latest = versions.reduce((max, r) => Math.max(max, r.version.version), 0);
      if (reply.currentVersion !== latest)
        problems.push({
          table: 'reply',
          row: replyKey,
          detail: `current_version is ${reply.currentVersion}; the latest stored version is ${latest}`,
          auditSeq: lastRow?.seq ?? null,
        });
      for (const record of versions)
        for (const [text, counted] of record.counted)
          if (counted !== (record.version.version === expected))
            problems.push({
              table: 'reply_position',
              row: `${versionKey(record)}/${text}`,
              detail: `counted is ${counted ? 1 : 0}; ${where} says ${counted ? 0 : 1} (the counted version is ${expected ?? 'none'})`,
              auditSeq: lastRow?.seq ?? null,
            });
    }
  }
  // Versions the trail records that are no longer stored (or whose reply row is gone).
  for (const [key, seq] of claims.versions) {
    const [consultationId = '', memberState = '', version = '0'] = key.split('/');
    const exists = await versionExists(ctx.db, consultationId, memberState, Number(version));
    problems.push(
      exists
        ? {
            table: 'reply',
            row: `${consultationId}/${memberState}`,
            detail: `missing; audit row #${seq} records version ${version}`,
            auditSeq: seq,
          }
        : { table: 'reply_version', row: key, detail: `missing; audit row #${seq} recorded it`, auditSeq: seq },
    );
  }

  // Meeting decisions.
  for (const decision of await allDecisions(ctx.db)) {
    checked.decisions += 1;
    const key = `${decision.consultationId}/${decision.textId}`;
    const row = claims.decisions.get(key);
    claims.decisions.delete(key);
    if (!row) {
      problems.push({
        table: 'meeting_decision',
        row: key,
        detail: 'no audit row records this decision',
        auditSeq: null,
      });
      continue;
    }
    if (typeof row.data.contentSha256 === 'string') {
      if (row.data.contentSha256 !== decisionContentHash(decision))
        problems.push({
          table: 'meeting_decision',
          row: key,
          detail: `changed after audit row #${row.seq} recorded it`,
          auditSeq: row.seq,
        });
      continue;
    }
    // Recorded before content hashes: the fields that row carries.
    partiallyChecked += 1;
    const same =
      stringList(row.data.opposing).join() === [...decision.input.opposing].sort().join() &&
      stringList(row.data.moreTime).join() === [...decision.input.moreTime].sort().join() &&
      stringList(row.data.reservations).join() ===
        decision.input.reservations
          .map((r) => r.state)
          .sort()
          .join();
    if (!same)
      problems.push({
        table: 'meeting_decision',
        row: key,
        detail: `opposing, more time or reservations differ from audit row #${row.seq}`,
        auditSeq: row.seq,
      });
  }
  for (const [key, row] of claims.decisions)
    problems.push({
      table: 'meeting_decision',
      row: key,
      detail: `missing; audit row #${row.seq} recorded it`,
      auditSeq: row.seq,
    });

  // Stored documents, a few at a time (they carry their bytes).
  let afterDocument: Parameters<typeof documentsPage>[1] = null;
  for (;;) {
    const documents = await documentsPage(ctx.db, afterDocument, 20);
    if (documents.length === 0) break;
    afterDocument = documents[documents.length - 1]!;
    for (const document of documents) {
      checked.documents += 1;
      const subject = documentSubject(document);
      const key = subject.slice('document:'.length);
      const row = claims.documents.get(subject);
      claims.documents.delete(subject);
      const actual = sha256Hex(document.content);
      if (!row)
        problems.push({
          table: 'document',
          row: key,
          detail:
            'no audit row records this document (stored before this release? `assent audit baseline` records the documents and decisions stored before it, once)',
          auditSeq: null,
        });
      else if (row.data.sha256 !== actual || document.sha256 !== actual)
        problems.push({
          table: 'document',
          row: key,
          detail: `its bytes${document.sha256 === actual ? '' : ' and its sha256 column'} differ from what audit row #${row.seq} recorded`,
          auditSeq: row.seq,
        });
    }
  }
  for (const [subject, row] of claims.documents)
    problems.push({
      table: 'document',
      row: subject.slice('document:'.length),
      detail: `missing; audit row #${row.seq} recorded it`,
      auditSeq: row.seq,
    });

  return { ok: problems.length === 0, checked, partiallyChecked, problems };
}

function versionKey(record: StoredVersionRecord): string {
  return `${record.version.consultationId}/${record.version.memberState}/${record.version.version}`;
}

/** What differs between a stored version and the audit row that recorded it, row by row. */
function versionProblems(record: StoredVersionRecord, row: RecordAuditRow): RecordProblem[] {
  const key = versionKey(record);
  const problems: RecordProblem[] = [];
  const recorded = row.data.contentHash;
  if (record.version.contentHash !== recorded)
    problems.push({
      table: 'reply_version',
      row: key,
      detail: `content_hash differs from audit row #${row.seq}`,
      auditSeq: row.seq,
    });
  if (record.auditSeq !== row.seq || record.auditHash !== row.hash)
    problems.push({
      table: 'reply_version',
      row: key,
      detail: `its audit position (audit_seq, audit_hash) is not audit row #${row.seq}, which recorded it`,
      auditSeq: row.seq,
    });
  if (replyContentHash(record.version) === recorded) return problems;
  const claimed = row.data.positionHashes;
  if (claimed === null || typeof claimed !== 'object') {
    problems.push({
      table: 'reply_version',
      row: key,
      detail: `the version or its positions changed after audit row #${row.seq} recorded it (recorded before position hashes: the position cannot be named)`,
      auditSeq: row.seq,
    });
    return problems;
  }
  const stored = new Map(record.version.positions.map((p) => [p.text, positionRowHash(p)]));
  const claimedHashes = claimed as Record<string, unknown>;
  const texts = [...new Set([...stored.keys(), ...Object.keys(claimedHashes)])].sort();
  let named = false;
  for (const text of texts) {
    const now = stored.get(text);
    const then = claimedHashes[text];
    if (now === then) continue;
    named = true;
    problems.push({
      table: 'reply_position',
      row: `${key}/${text}`,
      detail:
        now === undefined
          ? `removed after audit row #${row.seq} recorded it`
          : then === undefined
            ? `added after audit row #${row.seq} recorded the version`
            : `changed after audit row #${row.seq} recorded it`,
      auditSeq: row.seq,
    });
  }
  if (!named)
    problems.push({
      table: 'reply_version',
      row: key,
      detail: `its fields (instant, status, channel, signatory, flags…) changed after audit row #${row.seq} recorded it`,
      auditSeq: row.seq,
    });
  return problems;
}

/**
 * Records in the audit trail, once, the content of the decisions and documents stored before
 * their audit rows carried it (an installation upgraded from a release without content hashes):
 * one `integrity.baseline` row each, with the SHA-256 of what is stored now. From then on
 * `assent audit verify` checks them in full. The operator vouches for the records as they stand,
 * so run it right after the upgrade. Idempotent: a record already covered gets no row.
 * @throws FORBIDDEN (administrators only)
 */
export async function recordIntegrityBaseline(
  ctx: ServiceContext,
  options: { actor: Actor },
): Promise<{ decisions: number; documents: number }> {
  authorize(options.actor, { action: 'key:manage' });
  return inTransaction(ctx, async (trx) => {
    const claims = await collectClaims(trx, 2000);
    const now = ctx.clock();
    const baseline = (subject: string, consultationId: string, data: Record<string, unknown>) =>
      appendAudit(trx, {
        at: now,
        actor: options.actor.id,
        action: 'integrity.baseline',
        consultationId,
        subject,
        data,
      });
    let decisions = 0;
    for (const decision of await allDecisions(trx)) {
      const row = claims.decisions.get(`${decision.consultationId}/${decision.textId}`);
      if (row && typeof row.data.contentSha256 === 'string') continue;
      await baseline(`decision:${decision.consultationId}/${decision.textId}`, decision.consultationId, {
        contentSha256: decisionContentHash(decision),
      });
      decisions += 1;
    }
    let documents = 0;
    let after: Parameters<typeof documentsPage>[1] = null;
    for (;;) {
      const page = await documentsPage(trx, after, 20);
      if (page.length === 0) break;
      after = page[page.length - 1]!;
      for (const document of page) {
        const subject = documentSubject(document);
        if (claims.documents.has(subject)) continue;
        await baseline(subject, document.consultationId, { sha256: sha256Hex(document.content) });
        documents += 1;
      }
    }
    return { decisions, documents };
  });
}
