import type { Executor } from '../db/dialect.js';
import type { StoredDecision } from '../domain/consultation/meeting-decision.js';
import type { ReplyFlag, ReplyPosition, ReplyVersion } from '../domain/reply/reply.js';
import { fromFlag, fromJson } from './json-column.js';
import { decisionOfColumn, positionOfRow } from './procedure-records.js';

/**
 * Reads for `assent audit verify`'s check of the records that decide an outcome against the audit
 * trail: page by page, everything as stored (the `counted` marks and audit positions included),
 * across consultations. Read-only.
 */

/** An audit row that records a change to a reply, a decision or a document (or a baseline of one). */
export interface RecordAuditRow {
  readonly seq: number;
  readonly action: string;
  readonly subject: string;
  readonly hash: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Audit rows about replies, decisions and documents after `afterSeq`, in order. */
export async function recordAuditPage(db: Executor, afterSeq: number, limit: number): Promise<RecordAuditRow[]> {
  const rows = await db
    .selectFrom('audit_event')
    .select(['seq', 'action', 'subject', 'hash', 'data'])
    .where('seq', '>', afterSeq)
    .where((eb) =>
      eb.or([
        eb('subject', 'like', 'reply:%'),
        eb('subject', 'like', 'decision:%'),
        eb('subject', 'like', 'document:%'),
      ]),
    )
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    action: r.action,
    subject: r.subject,
    hash: r.hash,
    data: fromJson(r.data),
  }));
}

/** Audit rows by sequence number. */
export async function auditRowsBySeq(db: Executor, seqs: readonly number[]): Promise<Map<number, RecordAuditRow>> {
  if (seqs.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_event')
    .select(['seq', 'action', 'subject', 'hash', 'data'])
    .where('seq', 'in', [...seqs])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.seq),
      { seq: Number(r.seq), action: r.action, subject: r.subject, hash: r.hash, data: fromJson(r.data) },
    ]),
  );
}

/** A reply row: the State's pointers. */
export interface StoredReplyPointers {
  readonly consultationId: string;
  readonly memberState: string;
  readonly currentVersion: number;
  readonly countedVersion: number | null;
}

/** Reply rows after `after` (consultation, then State), in that order. */
export async function replyPointersPage(
  db: Executor,
  after: { consultationId: string; memberState: string } | null,
  limit: number,
): Promise<StoredReplyPointers[]> {
  const rows = await db
    .selectFrom('reply')
    .selectAll()
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb('consultation_id', '>', after!.consultationId),
          eb.and([eb('consultation_id', '=', after!.consultationId), eb('member_state', '>', after!.memberState)]),
        ]),
      ),
    )
    .orderBy('consultation_id')
    .orderBy('member_state')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    consultationId: r.consultation_id,
    memberState: r.member_state,
    currentVersion: r.current_version,
    countedVersion: r.counted_version,
  }));
}

/** A version as stored, with its positions' `counted` marks and its audit position. */
export interface StoredVersionRecord {
  readonly version: ReplyVersion;
  readonly counted: ReadonlyMap<string, boolean>;
  readonly auditSeq: number | null;
  readonly auditHash: string | null;
}

/** Every version, with positions, of the given States' replies to one consultation. */
export async function versionRecords(
  db: Executor,
  consultationId: string,
  memberStates: readonly string[],
): Promise<StoredVersionRecord[]> {
  if (memberStates.length === 0) return [];
  const [versions, positions] = await Promise.all([
    db
      .selectFrom('reply_version')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('member_state', 'in', [...memberStates])
      .orderBy('member_state')
      .orderBy('version')
      .execute(),
    db
      .selectFrom('reply_position')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .where('member_state', 'in', [...memberStates])
      .orderBy('text_id')
      .execute(),
  ]);
  const byVersion = new Map<string, { positions: ReplyPosition[]; counted: Map<string, boolean> }>();
  for (const p of positions) {
    const key = `${p.member_state}/${p.version}`;
    const entry = byVersion.get(key) ?? { positions: [] as ReplyPosition[], counted: new Map<string, boolean>() };
    entry.positions.push(positionOfRow(p));
    entry.counted.set(p.text_id, fromFlag(p.counted));
    byVersion.set(key, entry);
  }
  return versions.map((v) => {
    const entry = byVersion.get(`${v.member_state}/${v.version}`) ?? { positions: [], counted: new Map() };
    return {
      version: {
        consultationId: v.consultation_id,
        memberState: v.member_state,
        version: v.version,
        status: v.status,
        receivedAt: Number(v.received_at),
        channel: v.channel,
        enteredBy: v.entered_by,
        signatoryName: v.signatory_name,
        signatoryTitle: v.signatory_title,
        place: v.place,
        signedOn: v.signed_on,
        originalFile: v.original_file,
        flags: fromJson<ReplyFlag[]>(v.flags),
        simulated: fromFlag(v.simulated),
        contentHash: v.content_hash,
        positions: entry.positions,
      },
      counted: entry.counted,
      auditSeq: v.audit_seq === null ? null : Number(v.audit_seq),
      auditHash: v.audit_hash,
    };
  });
}

/** Whether a version row exists. */
export async function versionExists(
  db: Executor,
  consultationId: string,
  memberState: string,
  version: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('reply_version')
    .select('version')
    .where('consultation_id', '=', consultationId)
    .where('member_state', '=', memberState)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every meeting decision of every consultation, as stored. */
export async function allDecisions(db: Executor): Promise<(StoredDecision & { readonly consultationId: string })[]> {
  const rows = await db
    .selectFrom('meeting_decision')
    .selectAll()
    .orderBy('consultation_id')
    .orderBy('text_id')
    .execute();
  return rows.map((row) => ({
    consultationId: row.consultation_id,
    textId: row.text_id,
    input: decisionOfColumn(row.decision),
    notes: row.notes,
    recordedAt: Number(row.recorded_at),
    recordedBy: row.recorded_by,
  }));
}

/** A stored document's key, its recorded SHA-256 and its bytes. */
export interface StoredDocumentBytes {
  readonly consultationId: string;
  readonly kind: string;
  readonly subject: string;
  readonly format: string;
  readonly locale: string;
  readonly sha256: string;
  readonly content: Uint8Array;
}

/** Stored documents after `after` (by key), with their bytes, a few at a time. */
export async function documentsPage(
  db: Executor,
  after: Omit<StoredDocumentBytes, 'sha256' | 'content'> | null,
  limit: number,
): Promise<StoredDocumentBytes[]> {
  const rows = await db
    .selectFrom('document')
    .select(['consultation_id', 'kind', 'subject', 'format', 'locale', 'sha256', 'content'])
    .$if(after !== null, (qb) =>
      qb.where((eb) =>
        eb(
          eb.refTuple('consultation_id', 'kind', 'subject', 'format', 'locale'),
          '>',
          eb.tuple(after!.consultationId, after!.kind as never, after!.subject, after!.format as never, after!.locale),
        ),
      ),
    )
    .orderBy('consultation_id')
    .orderBy('kind')
    .orderBy('subject')
    .orderBy('format')
    .orderBy('locale')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    consultationId: r.consultation_id,
    kind: r.kind,
    subject: r.subject,
    format: r.format,
    locale: r.locale,
    sha256: r.sha256,
    content: r.content,
  }));
}
