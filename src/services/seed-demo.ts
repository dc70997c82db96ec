import { CIRCULAR_79 } from '../db/seed/circular-79.data.js';
import { operatorActor, type Actor } from '../domain/policy/actor.js';
import { mutableClock } from '../domain/time/clock.js';
import { addDays, DAY_MS, toIsoDay } from '../domain/time/instants.js';
import { listConsultations } from '../repositories/consultation.repository.js';
import type { ConsultationInput } from '../schemas/consultation.schema.js';
import type { RecordedReplyInput } from '../schemas/reply.schema.js';
import { randomUUID } from 'node:crypto';
import type { Procedure } from '../domain/procedure/procedure.js';
import { DEFAULT_PROCEDURE_ID, procedureFor } from '../procedures/registry.js';
import { insertAccount } from '../repositories/account.repository.js';
import { appendAudit } from '../repositories/audit.repository.js';
import { createApiToken } from './api-tokens.js';
import { hashPassword } from './identity/passwords.js';
import { randomSecret, sealSecret } from './identity/secrets.js';
import { newTotpSeed } from './identity/totp.js';
import { addContact } from './contacts.js';
import { uploadAttachment } from './attachments.js';
import { createConsultation } from './create-consultation.js';
import { issueConsultation } from './issue-consultation.js';
import { seedMemberStates } from './member-states.js';
import { recordReply } from './record-reply.js';
import { inTransaction, type ServiceContext } from './service-context.js';

/** A demo account for the web pages: signs in with its password and the TOTP key's codes. */
export interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
  /** The authenticator key (base32): add it to an authenticator app, or run `assent demo-code <email>`. */
  readonly totpKey: string;
}

/** The demo tokens and accounts printed at start (secrets: shown to the person running the demo only). */
export interface DemoTokens {
  readonly secretariat: string;
  readonly focalPoints: { readonly memberState: string; readonly token: string }[];
  readonly observer: string;
  /** Absent in demo data seeded before demo accounts existed. */
  readonly accounts?: readonly DemoAccount[];
}

/** The demo accounts: who may try which pages. */
const DEMO_ACCOUNTS = [
  {
    label: 'secretariat (administrator)',
    email: 'tsb@demo.example',
    name: 'Demo TSB officer',
    role: 'secretariat_admin',
    memberState: null,
  },
  {
    label: 'focal point KR',
    email: 'focal-point.kr@demo.example',
    name: 'Demo focal point, Korea (Republic of)',
    role: 'focal_point',
    memberState: 'KR',
  },
  {
    label: 'focal point FR',
    email: 'point-focal.fr@demo.example',
    name: 'Demo focal point, France',
    role: 'focal_point',
    memberState: 'FR',
  },
  {
    label: 'observer',
    email: 'observer@demo.example',
    name: 'Demo observer (Sector Member)',
    role: 'observer',
    memberState: null,
  },
] as const;

/**
 * Creates the demo accounts ready to sign in: a random password each and an enrolled
 * authenticator key, both returned once (the database keeps only the password's hash and the
 * sealed key). Demo only: real accounts start from an invitation.
 */
async function createDemoAccounts(ctx: ServiceContext): Promise<DemoAccount[]> {
  const now = ctx.clock();
  const accounts: DemoAccount[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const password = `demo-${randomSecret().slice(0, 16)}`;
    const totpKey = newTotpSeed();
    const passwordHash = await hashPassword(password);
    await inTransaction(ctx, async (trx) => {
      const id = randomUUID();
      await insertAccount(
        trx,
        {
          id,
          email: demo.email,
          name: demo.name,
          role: demo.role,
          memberState: demo.memberState,
          focalPointRank: demo.role === 'focal_point' ? 'primary' : null,
          passwordHash,
          totpSecret: sealSecret(ctx.secretKey, totpKey),
          totpEnabledAt: now,
          totpLastStep: null,
          language: 'en',
          disabledAt: null,
          authenticatorResetAt: null,
          createdAt: now,
        },
        now,
      );
      await appendAudit(trx, {
        at: now,
        actor: 'operator:seed',
        action: 'account.demo-created',
        consultationId: null,
        subject: `account:${id}`,
        data: { email: demo.email, role: demo.role },
      });
    });
    accounts.push({ label: demo.label, email: demo.email, password, totpKey });
  }
  return accounts;
}

export const DEMO_CONSULTATION_ID = 'demo-tap';

/**
 * A simulated reply's position on a text, as an index the procedure turns into one of its own
 * choices (`Procedure.demoPosition`): 0 supports the text, 1 does not, 2 another choice of the
 * procedure's (for TAP, support with comments).
 */
const SUPPORTS = 0;
const DOES_NOT_SUPPORT = 1;
const OTHER_CHOICE = 2;

/** One simulated reply: State, when, channel, and a demo position index per text. */
interface SimulatedReply {
  readonly state: string;
  readonly at: string;
  readonly channel: 'email' | 'fax' | 'paper';
  readonly positions: Readonly<Record<string, number>>;
}

const ALL_SUPPORT = {
  'x1333-cor1': SUPPORTS,
  x1353: SUPPORTS,
  x1471: SUPPORTS,
  x1645: SUPPORTS,
  x1771: SUPPORTS,
  x1817: SUPPORTS,
} as const;

/**
 * Simulated replies to Circular 79. They never happened: the real replies are not public.
 * They are marked `simulated` everywhere they are shown.
 */
const CIRCULAR_79_REPLIES: SimulatedReply[] = [
  { state: 'KR', at: '2023-04-12T07:30:00Z', channel: 'email', positions: ALL_SUPPORT },
  { state: 'CN', at: '2023-05-03T02:10:00Z', channel: 'email', positions: { ...ALL_SUPPORT, x1645: OTHER_CHOICE } },
  { state: 'FR', at: '2023-06-20T14:05:00Z', channel: 'email', positions: ALL_SUPPORT },
  { state: 'DE', at: '2023-07-04T09:45:00Z', channel: 'fax', positions: { ...ALL_SUPPORT, x1771: OTHER_CHOICE } },
  { state: 'US', at: '2023-07-18T16:20:00Z', channel: 'email', positions: { ...ALL_SUPPORT, x1353: DOES_NOT_SUPPORT } },
  { state: 'GB', at: '2023-07-25T11:00:00Z', channel: 'email', positions: ALL_SUPPORT },
  { state: 'JP', at: '2023-08-01T01:15:00Z', channel: 'email', positions: ALL_SUPPORT },
  { state: 'IN', at: '2023-08-07T10:40:00Z', channel: 'paper', positions: ALL_SUPPORT },
  { state: 'BR', at: '2023-08-10T18:00:00Z', channel: 'email', positions: ALL_SUPPORT },
  { state: 'KE', at: '2023-08-14T08:25:00Z', channel: 'fax', positions: ALL_SUPPORT },
  { state: 'SA', at: '2023-08-16T21:30:00Z', channel: 'email', positions: ALL_SUPPORT },
  // Received after 2359 UTC on 16 August: kept on record, flagged, and not counted (a reply after
  // the deadline does not count).
  { state: 'ZA', at: '2023-08-17T06:00:00Z', channel: 'fax', positions: ALL_SUPPORT },
];

/** A simulated reply's positions, in the terms of the consultation's procedure. */
function positionsOf(procedure: Procedure, reply: SimulatedReply): RecordedReplyInput['positions'] {
  return Object.entries(reply.positions).map(([text, index]) => procedure.demoPosition(text, index));
}

/** The demo consultation: fictitious texts, dates placed around today so it is open. */
function demoConsultation(today: string, ctx: ServiceContext): ConsultationInput {
  const circularDate = addDays(today, -30);
  const meetingFirstDay = addDays(today, 75);
  const deadline =
    procedureFor(CIRCULAR_79.procedure ?? DEFAULT_PROCEDURE_ID).latestDeadline(
      meetingFirstDay,
      ctx.calendar,
      ctx.timingPolicy,
    ) -
    2 * DAY_MS;
  return {
    id: DEMO_CONSULTATION_ID,
    bureau: 'DEMO',
    studyPeriod: '2025-2028',
    number: 1,
    date: circularDate,
    reference: 'DEMO Circular 1 (not an ITU document)',
    studyGroup: 'SG99',
    meeting: {
      place: 'Geneva (demonstration)',
      firstDay: meetingFirstDay,
      lastDay: addDays(meetingFirstDay, 9),
      collectiveLetter: 'Demo collective letter 1/99',
    },
    subject:
      '[DEMO] Member State consultation on determined draft new Recommendations X.9991 (X.demo-ztna) and X.9992 (X.demo-pqc) and draft Corrigendum 1 to X.9990 — fictitious texts for trying Assent',
    // Content in several languages: the whole circular in French; in Spanish its subject,
    // reference and meeting place only, and X.9991 only, so the other fields and texts show the
    // "not yet available" notice and fall back to English.
    languageOfRecord: 'en',
    translations: {
      fr: {
        subject:
          '[DÉMO] Consultation des États Membres sur les projets de nouvelles Recommandations déterminés X.9991 (X.demo-ztna) et X.9992 (X.demo-pqc) et sur le projet de Corrigendum 1 à X.9990 — textes fictifs pour essayer Assent',
        reference: 'Circulaire DEMO 1 (pas un document de l’UIT)',
        meetingPlace: 'Genève (démonstration)',
        collectiveLetter: 'Lettre collective de démonstration 1/99',
        addressees: ['Administrations des Etats Membres de l’Union'],
        copies: ['Membres de Secteur', 'Associés de la Commission d’études 99'],
        notes: [
          'NOTE DE DÉMONSTRATION – Cette consultation et ses textes sont fictifs ; y répondre ne change rien en dehors de cette installation.',
          'NOTE DE DÉMONSTRATION – Aucune déclaration de droits de propriété intellectuelle n’a été reçue pour ces textes.',
        ],
      },
      es: {
        subject:
          '[DEMO] Consulta a los Estados Miembros sobre los proyectos de nuevas Recomendaciones determinados X.9991 (X.demo-ztna) y X.9992 (X.demo-pqc) y el proyecto de Corrigéndum 1 a X.9990 — textos ficticios para probar Assent',
        reference: 'Circular DEMO 1 (no es un documento de la UIT)',
        meetingPlace: 'Ginebra (demostración)',
      },
    },
    deadline: new Date(deadline).toISOString(),
    addressees: ['Administrations of Member States of the Union'],
    copies: ['Sector Members', 'Associates of Study Group 99'],
    notes: [
      'DEMO NOTE – This consultation and its texts are fictitious; replies to it change nothing outside this installation.',
      'DEMO NOTE – No IPR statement has been received for these texts.',
    ],
    signatory: { name: 'Demo Director', title: 'Director of the Demonstration Bureau' },
    individualRepliesPublic: true,
    isDemo: true,
    texts: [
      {
        id: 'x9990-cor1',
        kind: 'corrigendum',
        designation: 'X.9990 Cor.1',
        title: 'Demonstration guidelines for consultation software',
        location: 'R1',
      },
      {
        id: 'x9991',
        kind: 'new',
        designation: 'X.9991',
        workItem: 'X.demo-ztna',
        title: 'Zero-trust network access for demonstration networks',
        summary: 'This fictitious Recommendation describes zero-trust network access for demonstration purposes only.',
        location: 'R2',
        translations: {
          fr: {
            title: 'Accès réseau à confiance zéro pour les réseaux de démonstration',
            summary:
              "Cette Recommandation fictive décrit l'accès réseau à confiance zéro, à des fins de démonstration uniquement.",
          },
          es: {
            title: 'Acceso a la red de confianza cero para redes de demostración',
            summary:
              'Esta Recomendación ficticia describe el acceso a la red de confianza cero, únicamente con fines de demostración.',
          },
        },
      },
      {
        id: 'x9992',
        kind: 'new',
        designation: 'X.9992',
        workItem: 'X.demo-pqc',
        title: 'Migration to post-quantum cryptography in demonstration systems',
        summary:
          'This fictitious Recommendation gives a migration plan towards post-quantum cryptography, for demonstration only.',
        location: 'R3',
        a5Justification: true,
      },
    ],
  };
}

/** Simulated replies to the open demo consultation: every State supports two texts; X.9992 is split. */
const DEMO_REPLIES: { state: string; daysAgo: number; x9992: number }[] = [
  { state: 'AR', daysAgo: 20, x9992: SUPPORTS },
  { state: 'AU', daysAgo: 18, x9992: DOES_NOT_SUPPORT },
  { state: 'CA', daysAgo: 15, x9992: SUPPORTS },
  { state: 'CH', daysAgo: 12, x9992: DOES_NOT_SUPPORT },
  { state: 'EG', daysAgo: 10, x9992: SUPPORTS },
  { state: 'ES', daysAgo: 8, x9992: DOES_NOT_SUPPORT },
  { state: 'MX', daysAgo: 6, x9992: SUPPORTS },
  { state: 'NG', daysAgo: 5, x9992: OTHER_CHOICE },
  { state: 'SE', daysAgo: 3, x9992: DOES_NOT_SUPPORT },
  { state: 'TH', daysAgo: 1, x9992: SUPPORTS },
];

/**
 * Seeds the Member States and, on a database without consultations, the demo data: TSB
 * Circular 79 replayed through the real services on a historical clock (created, issued on
 * 28 March 2023, simulated replies), an open demo consultation, and demo API tokens.
 * Returns the tokens when it created them, null when the database already had consultations.
 */
export async function seedDemo(ctx: ServiceContext): Promise<DemoTokens | null> {
  await seedMemberStates(ctx);
  if ((await listConsultations(ctx.db, { includeDrafts: true })).length > 0) return null;
  const operator: Actor = operatorActor('seed');

  // Circular 79, replayed at its own dates.
  const history = mutableClock('2023-03-27T15:00:00Z');
  const past: ServiceContext = { ...ctx, clock: history.now };
  await createConsultation(past, { actor: operator, input: CIRCULAR_79 });
  history.set('2023-03-28T08:00:00Z');
  await issueConsultation(past, { actor: operator, consultationId: CIRCULAR_79.id! });
  const circularProcedure = procedureFor(CIRCULAR_79.procedure ?? DEFAULT_PROCEDURE_ID);
  for (const reply of CIRCULAR_79_REPLIES) {
    history.set(new Date(Date.parse(reply.at) + 3_600_000));
    const original = await uploadAttachment(past, {
      actor: operator,
      filename: `simulated-reply-${reply.state}-circular-79.txt`,
      content: Buffer.from(
        `SIMULATED reply of ${reply.state} to TSB Circular 79 — demo data, never sent by any administration.\n`,
        'utf8',
      ),
    });
    await recordReply(past, {
      actor: operator,
      consultationId: CIRCULAR_79.id!,
      memberState: reply.state,
      simulated: true,
      input: {
        channel: reply.channel,
        receivedAt: reply.at,
        originalFile: original.sha256,
        positions: positionsOf(circularProcedure, reply),
        signatory: { name: `Simulated signatory (${reply.state})`, title: 'Head of Administration (simulated)' },
        place: null,
        signedOn: reply.at.slice(0, 10),
      },
    });
  }

  // E-mail recipients of the demo (the .example domain never delivers): the open consultation's
  // issue notice, receipts and reminders go to them, as .eml files unless SMTP_URL is set.
  for (const contact of [
    {
      role: 'focal_point' as const,
      memberState: 'KR',
      email: 'focal-point.kr@demo.example',
      name: 'Demo focal point, Korea (Republic of)',
    },
    {
      role: 'focal_point' as const,
      memberState: 'FR',
      email: 'point-focal.fr@demo.example',
      name: 'Demo focal point, France',
    },
    { role: 'observer' as const, email: 'observer@demo.example', name: 'Demo observer (Sector Member)' },
  ]) {
    await addContact(ctx, { actor: operator, ...contact });
  }

  // The open demo consultation, relative to today.
  const now = ctx.clock();
  const today = toIsoDay(now);
  const demo = demoConsultation(today, ctx);
  const demoClock = mutableClock(Date.parse(`${demo.date}T08:00:00Z`));
  const demoCtx: ServiceContext = { ...ctx, clock: demoClock.now };
  await createConsultation(demoCtx, { actor: operator, input: demo });
  await issueConsultation(demoCtx, { actor: operator, consultationId: DEMO_CONSULTATION_ID });
  const demoProcedure = procedureFor(demo.procedure ?? DEFAULT_PROCEDURE_ID);
  for (const reply of DEMO_REPLIES) {
    const at = now - reply.daysAgo * DAY_MS;
    demoClock.set(at + 60_000);
    const original = await uploadAttachment(demoCtx, {
      actor: operator,
      filename: `simulated-reply-${reply.state}-demo.txt`,
      content: Buffer.from(`SIMULATED reply of ${reply.state} to the demo consultation.\n`, 'utf8'),
    });
    await recordReply(demoCtx, {
      actor: operator,
      consultationId: DEMO_CONSULTATION_ID,
      memberState: reply.state,
      simulated: true,
      input: {
        channel: 'email',
        receivedAt: new Date(at).toISOString(),
        originalFile: original.sha256,
        positions: positionsOf(demoProcedure, {
          state: reply.state,
          at: '',
          channel: 'email',
          positions: { 'x9990-cor1': SUPPORTS, x9991: SUPPORTS, x9992: reply.x9992 },
        }),
        signatory: { name: `Simulated signatory (${reply.state})`, title: 'Head of Administration (simulated)' },
      },
    });
  }

  const secretariat = await createApiToken(ctx, {
    actor: operator,
    role: 'secretariat',
    label: 'Demo secretariat (TSB)',
  });
  const kr = await createApiToken(ctx, {
    actor: operator,
    role: 'focal_point',
    memberState: 'KR',
    label: 'Demo focal point, Korea (Republic of)',
  });
  const fr = await createApiToken(ctx, {
    actor: operator,
    role: 'focal_point',
    memberState: 'FR',
    label: 'Demo focal point, France',
  });
  const observer = await createApiToken(ctx, {
    actor: operator,
    role: 'observer',
    label: 'Demo observer (Sector Member)',
  });
  const accounts = await createDemoAccounts(ctx);
  return {
    accounts,
    secretariat: secretariat.secret,
    focalPoints: [
      { memberState: 'KR', token: kr.secret },
      { memberState: 'FR', token: fr.secret },
    ],
    observer: observer.secret,
  };
}
