import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateToLatest, openDatabase } from '../src/db/connect.js';
import { CIRCULAR_79 } from '../src/db/seed/circular-79.data.js';
import { MEMBER_STATES } from '../src/domain/member-states/member-states.data.js';
import { operatorActor } from '../src/domain/policy/actor.js';
import { systemClock } from '../src/domain/time/clock.js';
import { addDays, DAY_MS, toIsoDay } from '../src/domain/time/instants.js';
import type { ReplyInput } from '../src/schemas/reply.schema.js';
import { createApiToken } from '../src/services/api-tokens.js';
import { createConsultation } from '../src/services/create-consultation.js';
import { issueConsultation } from '../src/services/issue-consultation.js';
import { seedDemo } from '../src/services/seed-demo.js';
import { serviceContext } from '../src/services/service-context.js';
import { createJobHandlers } from '../src/services/jobs/handlers.js';
import { createWorker } from '../src/services/jobs/worker.js';
import { emlTransport } from '../src/mail/mail-transport.js';
import type { BenchDatabaseHandle } from './bench-databases.js';

/** The open consultation the reply scenario writes to: Circular 79's six texts, deadline a month ahead. */
export const OPEN_CONSULTATION_ID = 'bench-open-tap';
/** The closed consultation whose public JSON and results are read. */
export const CLOSED_CONSULTATION_ID = CIRCULAR_79.id!;

export interface FocalPoint {
  readonly memberState: string;
  readonly token: string;
}

export interface ScenarioData {
  readonly openConsultationId: string;
  readonly textIds: readonly string[];
  /** One focal-point token per State that may reply. */
  readonly focalPoints: readonly FocalPoint[];
}

/**
 * Prepares a scenario database through the real services, as an installation would be on a
 * deadline eve: the demo seed (Circular 79 closed with its simulated replies, the demo
 * consultation), an open six-text consultation issued now, and a focal-point token for every
 * State that may reply. The database is closed again before a server child opens it.
 */
export async function prepareScenarioDatabase(handle: BenchDatabaseHandle): Promise<ScenarioData> {
  const db = openDatabase(handle.target);
  try {
    await migrateToLatest(db);
    const ctx = serviceContext(db, systemClock);
    await seedDemo(ctx);
    const operator = operatorActor('bench');
    const now = systemClock();
    const today = toIsoDay(now);
    await createConsultation(ctx, {
      actor: operator,
      input: {
        ...CIRCULAR_79,
        id: OPEN_CONSULTATION_ID,
        bureau: 'BENCH',
        studyPeriod: '2025-2028',
        number: 1,
        date: addDays(today, -20),
        reference: 'Benchmark circular (a copy of TSB Circular 79, not an ITU document)',
        meeting: {
          place: 'Geneva (benchmark)',
          firstDay: addDays(today, 45),
          lastDay: addDays(today, 54),
          collectiveLetter: null,
        },
        // A circular states its deadline to the minute: the end of the day a month ahead.
        deadline: `${toIsoDay(now + 30 * DAY_MS)}T23:59:59.999Z`,
        isDemo: true,
      },
    });
    await issueConsultation(ctx, { actor: operator, consultationId: OPEN_CONSULTATION_ID });
    const focalPoints: FocalPoint[] = [];
    for (const state of MEMBER_STATES.filter((s) => s.mayReply)) {
      const { secret } = await createApiToken(ctx, {
        actor: operator,
        role: 'focal_point',
        memberState: state.code,
        label: `Bench focal point ${state.code}`,
      });
      focalPoints.push({ memberState: state.code, token: secret });
    }
    // The jobs due now (the issued circular's e-mail to every focal point, the demo's receipts) are
    // run here, as a running installation would have run them: the scenarios then measure a server
    // in its steady state, not its worker catching up. Each job is a commit, and a commit renews
    // every public page the cache keeps (src/http/public-cache.ts).
    const mailDir = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-bench-mail-'));
    try {
      const transport = emlTransport(mailDir);
      const handlers = createJobHandlers(ctx, { transport, from: 'bench@assent.invalid', baseUrl: 'http://127.0.0.1' });
      await createWorker(ctx, { handlers }).drain();
    } finally {
      fs.rmSync(mailDir, { recursive: true, force: true });
    }
    return {
      openConsultationId: OPEN_CONSULTATION_ID,
      textIds: CIRCULAR_79.texts!.map((t, i) => t.id ?? `text-${i + 1}`),
      focalPoints,
    };
  } finally {
    await db.destroy();
  }
}

/** How many different bodies each State alternates between (each submission amends the last). */
export const REPLY_VARIANTS = 4;

const COMMENTS =
  'Editorial comments: in clause 6.2 the term "credential provisioning" should be aligned with the definition in clause 3.2.4; ' +
  'in Figure 2 the arrows between the device and the registration authority are reversed; the bibliography should cite the ' +
  'current edition of ITU-T X.1252. These comments do not affect the substance of the text.';
const REASONS =
  'The administration considers that the security procedures of clause 8 overlap with Recommendations under study in ' +
  'Question 10/17 and that approving this text now would fragment the identity-management framework. Consultation with ' +
  'national industry showed that the mandatory attestation step cannot be met by constrained devices deployed today.';
const CHANGES =
  'Make the attestation step of clause 8.3 optional for constrained devices, move the blockchain-specific material to an ' +
  'informative appendix, and align the terminology with ITU-T X.1250-series Recommendations.';

/** A small deterministic hash, so that every run sends the same bodies. */
function pick(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return (h >>> 0) % 100;
}

/**
 * A State's reply to the six texts, as a focal point would send it: mostly "assigns authority"
 * without comments, some with comments, some "does not assign" with reasons and changes.
 */
export function replyBody(
  memberState: string,
  textIds: readonly string[],
  variant: number,
  signedOn: string,
): ReplyInput {
  return {
    positions: textIds.map((text) => {
      const roll = pick(`${memberState}/${text}/${variant}`);
      if (roll < 75) return { text, position: 'assigns_authority' as const, option: 'no_comments' as const };
      if (roll < 88)
        return {
          text,
          position: 'assigns_authority' as const,
          option: 'comments_attached' as const,
          comments: COMMENTS,
        };
      return { text, position: 'does_not_assign_authority' as const, reasons: REASONS, possibleChanges: CHANGES };
    }),
    signatory: {
      name: `Head of the ${memberState} administration`,
      title: 'Director-General, Ministry of Information and Communication Technologies',
    },
    place: 'Capital city',
    signedOn,
  };
}

/** Every State's bodies, serialised once (the load generator shares the CPU with the server). */
export function serialisedReplyBodies(data: ScenarioData): string[][] {
  const signedOn = toIsoDay(systemClock());
  return data.focalPoints.map((fp) =>
    Array.from({ length: REPLY_VARIANTS }, (_, variant) =>
      JSON.stringify(replyBody(fp.memberState, data.textIds, variant, signedOn)),
    ),
  );
}
