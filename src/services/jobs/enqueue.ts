import type { Transaction } from 'kysely';
import type { DB } from '../../db/database.js';
import { DAY_MS } from '../../domain/time/instants.js';
import { insertJob } from '../../repositories/job.repository.js';
import type { Consultation } from '../../domain/consultation/consultation.js';

/**
 * The jobs a change causes, enqueued in the transaction of that change: if the change rolls
 * back, so do its e-mails; if it commits, the e-mails will be sent (at least once). Ids are
 * deterministic, so a retried change or a second instance never schedules them twice.
 */
export const JOB_KINDS = [
  'notify-issue',
  'notify-receipt',
  'reminder',
  'notify-results',
  'mail',
  'audit-checkpoint',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The circular's issue notice, and the reminder slots before its deadline. */
export async function enqueueIssueJobs(
  trx: Transaction<DB>,
  consultation: Consultation,
  reminderDays: readonly number[],
  now: number,
): Promise<void> {
  await insertJob(
    trx,
    {
      id: `notify-issue:${consultation.id}`,
      kind: 'notify-issue',
      payload: { consultationId: consultation.id },
      runAt: now,
      maxAttempts: 8,
      consultationId: consultation.id,
    },
    now,
  );
  for (const days of [...new Set(reminderDays)].sort((a, b) => b - a)) {
    const runAt = consultation.deadlineAt - days * DAY_MS;
    if (runAt <= now) continue;
    await insertJob(
      trx,
      {
        id: `reminder:${consultation.id}:${days}d`,
        kind: 'reminder',
        payload: { consultationId: consultation.id, daysBefore: days },
        runAt,
        maxAttempts: 8,
        consultationId: consultation.id,
      },
      now,
    );
  }
}

/** The receipt e-mail to the replying State's focal points. */
export async function enqueueReceiptJob(
  trx: Transaction<DB>,
  consultationId: string,
  memberState: string,
  version: number,
  now: number,
): Promise<void> {
  await insertJob(
    trx,
    {
      id: `notify-receipt:${consultationId}:${memberState}:${version}`,
      kind: 'notify-receipt',
      payload: { consultationId, memberState, version },
      runAt: now,
      maxAttempts: 8,
      consultationId,
    },
    now,
  );
}

/** The results notice to every focal point and observer. */
export async function enqueueResultsJob(trx: Transaction<DB>, consultationId: string, now: number): Promise<void> {
  await insertJob(
    trx,
    {
      id: `notify-results:${consultationId}`,
      kind: 'notify-results',
      payload: { consultationId },
      runAt: now,
      maxAttempts: 8,
      consultationId,
    },
    now,
  );
}
