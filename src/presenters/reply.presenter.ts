import type { ReplyVersion } from '../domain/reply/reply.js';
import type { ReplyOverview, StateReply } from '../services/read-replies.js';
import type { ReplyReceipt } from '../services/reply-writer.js';
import type { ReceiptView, ReplyOverviewView, ReplyVersionView, StateReplyView } from '../schemas/responses.schema.js';

export function presentVersion(v: ReplyVersion): ReplyVersionView {
  return {
    version: v.version,
    status: v.status,
    receivedAt: new Date(v.receivedAt).toISOString(),
    channel: v.channel,
    enteredBy: v.enteredBy,
    signatory: { name: v.signatoryName, title: v.signatoryTitle },
    place: v.place,
    signedOn: v.signedOn,
    originalFile: v.originalFile,
    flags: [...v.flags],
    simulated: v.simulated,
    contentHash: v.contentHash,
    positions: v.positions.map(({ commentTable, ...p }) => ({
      ...p,
      ...(commentTable && { commentTable: commentTable.map((row) => ({ ...row })) }),
    })),
  };
}

export function presentStateReply(reply: StateReply): StateReplyView {
  return {
    consultationId: reply.loaded.consultation.id,
    memberState: reply.memberState,
    currentVersion: reply.pointers?.currentVersion ?? null,
    countedVersion: reply.pointers?.countedVersion ?? null,
    versions: reply.versions.map(presentVersion),
  };
}

export function presentOverview(overview: ReplyOverview): ReplyOverviewView {
  const replied = overview.rows.filter((r) => r.latest !== null).length;
  const counted = overview.rows.filter((r) => r.countedVersion !== null).length;
  return {
    consultationId: overview.loaded.consultation.id,
    summary: { consulted: overview.rows.length, replied, counted, notReplied: overview.rows.length - replied },
    items: overview.rows.map((r) => ({
      memberState: r.state.code,
      name: r.state.names.en,
      replied: r.latest !== null,
      countedVersion: r.countedVersion,
      latest: r.latest === null ? null : presentVersion(r.latest),
    })),
  };
}

export function presentReceipt(receipt: ReplyReceipt, replayed: boolean): ReceiptView {
  return {
    consultationId: receipt.consultationId,
    memberState: receipt.memberState,
    version: receipt.version,
    status: receipt.status,
    receivedAt: new Date(receipt.receivedAt).toISOString(),
    channel: receipt.channel,
    counted: receipt.counted,
    contentHash: receipt.contentHash,
    flags: [...receipt.flags],
    replayed,
  };
}
