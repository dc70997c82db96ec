/** queued → running → done, or back to queued for a retry, or dead once its attempts are spent. */
export type JobState = 'queued' | 'running' | 'done' | 'dead';

/** A background job (an e-mail, a reminder) as stored in the `job` table. */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly payload: Record<string, unknown>;
  readonly state: JobState;
  readonly runAt: number;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lockedBy: string | null;
  readonly lastError: string | null;
  readonly result: Record<string, unknown> | null;
  readonly consultationId: string | null;
  readonly createdAt: number;
  readonly finishedAt: number | null;
}
