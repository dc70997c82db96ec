import { afterEach, beforeEach } from 'vitest';
import type { Actor } from '../../src/domain/policy/actor.js';
import { mutableClock, type MutableClock } from '../../src/domain/time/clock.js';
import type { ConsultationInput } from '../../src/schemas/consultation.schema.js';
import type { ReplyInput } from '../../src/schemas/reply.schema.js';
import { createConsultation } from '../../src/services/create-consultation.js';
import { issueConsultation } from '../../src/services/issue-consultation.js';
import { seedMemberStates } from '../../src/services/member-states.js';
import { serviceContext, type ServiceContext } from '../../src/services/service-context.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.js';

export const SECRETARIAT: Actor = { kind: 'secretariat', id: 'test:secretariat', label: 'TSB officer' };
export const OBSERVER: Actor = { kind: 'observer', id: 'test:observer', label: 'Sector Member' };
export const PUBLIC: Actor = { kind: 'public', id: 'public', label: 'public' };

/** A focal point of `state`. */
export function focalPoint(state: string): Actor {
  return { kind: 'focal_point', id: `test:fp:${state}`, label: `Focal point ${state}`, memberState: state };
}

/** The deadline of the default consultation: 2359 hours UTC on 16 August 2023. */
export const DEADLINE = '2023-08-16T23:59:59.999Z';

/** A valid draft consultation modelled on Circular 79, with three texts; override what a test needs. */
export function consultationInput(overrides: Partial<ConsultationInput> = {}): ConsultationInput {
  return {
    bureau: 'TSB',
    studyPeriod: '2022-2024',
    number: 79,
    date: '2023-03-28',
    reference: 'TSB Circular 79',
    studyGroup: 'SG17',
    meeting: {
      place: 'Goyang, Korea',
      firstDay: '2023-08-29',
      lastDay: '2023-09-08',
      collectiveLetter: 'Collective letter 5/17',
    },
    subject: 'Member State consultation on determined draft Recommendations',
    deadline: DEADLINE,
    addressees: ['Administrations of Member States of the Union'],
    copies: ['ITU-T Sector Members'],
    notes: ['TSB NOTE 2 – No IPR statement received.'],
    signatory: { name: 'Seizo Onoe', title: 'Director of TSB' },
    texts: [
      { kind: 'corrigendum', designation: 'X.1333 Cor.1', title: 'Remote access tools', location: 'R34' },
      {
        kind: 'new',
        designation: 'X.1353',
        workItem: 'X.ztd-iot',
        title: 'Zero-touch deployment',
        summary: 'A summary.',
        location: 'R35',
      },
      {
        kind: 'new',
        designation: 'X.1471',
        workItem: 'X.websec-7',
        title: 'Reference monitor',
        summary: 'A summary.',
        location: 'R36',
      },
    ],
    ...overrides,
  };
}

/** A valid online reply assigning authority without comments to each text given. */
export function replyInput(
  texts: readonly string[] = ['x1333-cor1', 'x1353', 'x1471'],
  overrides: Partial<ReplyInput> = {},
): ReplyInput {
  return {
    positions: texts.map((text) => ({ text, position: 'assigns_authority' as const, option: 'no_comments' as const })),
    signatory: { name: 'A. Official', title: 'Director, Ministry of ICT' },
    place: 'Capital',
    signedOn: '2023-08-01',
    ...overrides,
  };
}

export interface World {
  readonly database: TestDatabase;
  readonly clock: MutableClock;
  readonly ctx: ServiceContext;
  /** Creates and issues a consultation (clock at 2023-03-28T08:00Z while issuing); returns its id. */
  openConsultation(overrides?: Partial<ConsultationInput>): Promise<string>;
}

/**
 * A world over `database`: the Member States loaded, a clock standing at 2023-03-28T08:00Z, a
 * service context, and `openConsultation` issuing `consultationInput()` (over `defaults`, then
 * the call's overrides). For suites that manage their database themselves.
 */
export async function createWorld(
  database: TestDatabase,
  options: { readonly attachmentMaxBytes?: number; readonly defaults?: Partial<ConsultationInput> } = {},
): Promise<World> {
  const clock = mutableClock('2023-03-28T08:00:00Z');
  const ctx = serviceContext(
    database.db,
    clock.now,
    options.attachmentMaxBytes === undefined ? {} : { attachmentMaxBytes: options.attachmentMaxBytes },
  );
  await seedMemberStates(ctx);
  return {
    database,
    clock,
    ctx,
    async openConsultation(overrides = {}) {
      const created = await createConsultation(ctx, {
        actor: SECRETARIAT,
        input: consultationInput({ ...options.defaults, ...overrides }),
      });
      await issueConsultation(ctx, { actor: SECRETARIAT, consultationId: created.id });
      return created.id;
    },
  };
}

/**
 * Per-test world: a fresh database of the dialect with the Member States loaded, a clock
 * standing at 2023-03-28T08:00Z, and a service context. Registers its own hooks.
 */
export function useWorld(dialect: TestDialect): () => World {
  let world: World | undefined;
  beforeEach(async () => {
    world = await createWorld(await createTestDatabase(dialect));
  });
  afterEach(async () => {
    await world?.database.destroy();
    world = undefined;
  });
  return () => {
    if (!world) throw new Error('world used outside a test');
    return world;
  };
}
