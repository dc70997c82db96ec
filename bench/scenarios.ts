import type autocannon from 'autocannon';
import type { ScenarioName } from './bench-result.js';
import { CLOSED_CONSULTATION_ID, REPLY_VARIANTS, serialisedReplyBodies, type ScenarioData } from './scenario-data.js';

/** One HTTP scenario: what the server child runs and what autocannon sends. */
export interface ScenarioDefinition {
  readonly name: ScenarioName;
  readonly serverMode: 'ceiling' | 'app';
  /** Whether the scenario touches the database (landing and ceiling do not: measured once). */
  readonly usesDatabase: boolean;
  readonly method: 'GET' | 'PUT';
  readonly path: string;
  readonly description: string;
  /** The requests of one run (a fresh rotation per run). */
  requests(data: ScenarioData | null): autocannon.Request[];
}

/** A GET of one path, built per request like the reply scenario is, so the load generator does the same work. */
function get(path: string): autocannon.Request[] {
  return [{ method: 'GET', path, setupRequest: (request) => request }];
}

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioDefinition>> = {
  ceiling: {
    name: 'ceiling',
    serverMode: 'ceiling',
    usesDatabase: false,
    method: 'GET',
    path: '/ceiling',
    description:
      'A bare Fastify 5 route returning a 50-byte JSON body: the most this machine, Node and the load generator allow.',
    requests: () => get('/ceiling'),
  },
  'home-page': {
    name: 'home-page',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: '/en/',
    description:
      'The home page in English (HTML) for a reader who is not signed in: the open and closed circulars with their state.',
    requests: () => get('/en/'),
  },
  'circular-page': {
    name: 'circular-page',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: `/fr/consultations/${CLOSED_CONSULTATION_ID}`,
    description:
      'The public page of Circular 79 in French (HTML): the circular, its six texts, its state and steps, as delegates open it.',
    requests: () => get(`/fr/consultations/${CLOSED_CONSULTATION_ID}`),
  },
  'results-page': {
    name: 'results-page',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: `/en/consultations/${CLOSED_CONSULTATION_ID}/results`,
    description:
      'The results page of Circular 79 (HTML): the tally per text with the rule and its clause, the meeting decisions.',
    requests: () => get(`/en/consultations/${CLOSED_CONSULTATION_ID}/results`),
  },
  'approved-page': {
    name: 'approved-page',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: '/en/approved',
    description: 'The texts approved by the meetings (HTML): the results of every closed circular read together.',
    requests: () => get('/en/approved'),
  },
  consultation: {
    name: 'consultation',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: `/api/v1/consultations/${CLOSED_CONSULTATION_ID}`,
    description: 'The public consultation (Circular 79, closed, six texts) as JSON, without a token.',
    requests: () => get(`/api/v1/consultations/${CLOSED_CONSULTATION_ID}`),
  },
  results: {
    name: 'results',
    serverMode: 'app',
    usesDatabase: true,
    method: 'GET',
    path: `/api/v1/consultations/${CLOSED_CONSULTATION_ID}/results`,
    description:
      'The results of Circular 79 (public after the deadline) as JSON, without a token: the aggregate query and the tally per text.',
    requests: () => get(`/api/v1/consultations/${CLOSED_CONSULTATION_ID}/results`),
  },
  reply: {
    name: 'reply',
    serverMode: 'app',
    usesDatabase: true,
    method: 'PUT',
    path: '/api/v1/consultations/bench-open-tap/replies/{state}',
    description:
      'Reply submission through the API on a deadline eve: ~194 focal-point tokens in rotation, each request a six-text reply of one State ' +
      '(first version, then amendments); bearer authentication, schema validation, the Annex 2 rules, the transaction and its audit row.',
    requests: (data) => {
      if (!data) throw new Error('the reply scenario needs its scenario data');
      const bodies = serialisedReplyBodies(data);
      const paths = data.focalPoints.map(
        (fp) => `/api/v1/consultations/${data.openConsultationId}/replies/${fp.memberState}`,
      );
      const authorizations = data.focalPoints.map((fp) => `Bearer ${fp.token}`);
      let next = 0;
      return [
        {
          method: 'PUT',
          path: paths[0]!,
          setupRequest: (request) => {
            // One counter for every connection: consecutive requests go to consecutive States, and
            // each pass over the States sends the next variant (an amendment).
            const i = next++;
            const state = i % paths.length;
            const variant = Math.floor(i / paths.length) % REPLY_VARIANTS;
            request.path = paths[state]!;
            request.headers = {
              ...request.headers,
              authorization: authorizations[state]!,
              'content-type': 'application/json',
            };
            request.body = bodies[state]![variant]!;
            return request;
          },
        },
      ];
    },
  },
};
