import fs from 'node:fs';
import fc from 'fast-check';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/domain/errors.js';
import { describeEachDialect } from '../helpers/databases.js';
import { useApi } from '../http/api-harness.js';
import { type Browser, decode, useWeb } from '../web/web-harness.js';
import { anyString, arbitraryFor, newInvalidValues, type Schema, storedStrings } from './fuzz-kit.js';

/**
 * Bounded fuzzing of every interface that takes input (issue 15): the JSON API, operation by
 * operation from the committed OpenAPI document, and every form of the pages as the secretariat
 * and a focal point see them. Each request must be answered without a 5xx, every refusal of the
 * API must be an RFC 9457 problem with a catalogued code, and nothing stored may be a value no
 * interface should accept (ill-formed Unicode, decomposed text, NUL, bidi controls, impossible
 * days). Runs per API operation: ASSENT_FUZZ_RUNS (default 10), half as many per form; the seed is printed on failure.
 */
const RUNS = Number(process.env.ASSENT_FUZZ_RUNS ?? 10);
/** Page forms cost a page load per run: fewer runs each, over more forms. */
const FORM_RUNS = Math.max(1, Math.round(RUNS / 2));
const ID = 'tsb-79-2023';

interface Operation {
  readonly method: HTTPMethods;
  readonly path: string;
  readonly body?: Schema;
  readonly query: readonly { name: string; schema: Schema }[];
}

/** Every operation of the committed OpenAPI document that takes a body or a query. */
function operations(): Operation[] {
  const doc = JSON.parse(fs.readFileSync('docs/openapi.json', 'utf8')) as {
    paths: Record<
      string,
      Record<
        string,
        {
          requestBody?: { content?: Record<string, { schema: Schema }> };
          parameters?: { in: string; name: string; schema: Schema }[];
        }
      >
    >;
  };
  const list: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      const query = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: p.schema }));
      if (body === undefined && query.length === 0 && method === 'get') continue;
      list.push({ method: method.toUpperCase() as HTTPMethods, path, ...(body !== undefined && { body }), query });
    }
  return list;
}

/** Path parameters: mostly the demo's real records (to reach the services), sometimes anything. */
const PATH_VALUES: Record<string, readonly string[]> = {
  id: [ID],
  textId: ['x1353', 'x1471'],
  state: ['KR', 'FR'],
  code: ['KR'],
  version: ['1'],
};
const pathValue = (name: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(PATH_VALUES[name] ?? ['1'])) },
    { weight: 1, arbitrary: anyString },
  );

/** A path segment percent-encoded; a lone surrogate goes as the ill-formed UTF-8 bytes a careless client sends. */
function encodeSegment(value: string): string {
  return [...value]
    .map((c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return `%ED%${(0xa0 + ((c.charCodeAt(0) >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 + (c.charCodeAt(0) & 0x3f)).toString(16).toUpperCase()}`;
      }
    })
    .join('');
}

/** A 5xx, or a refusal that is not a catalogued problem document, as a readable line; null when fine. */
function apiDefect(response: LightMyRequestResponse): string | null {
  if (response.statusCode >= 500) return `answered ${response.statusCode}: ${response.body.slice(0, 200)}`;
  if (response.statusCode < 400) return null;
  if (!String(response.headers['content-type']).startsWith('application/problem+json'))
    return `refused ${response.statusCode} without a problem document (${response.headers['content-type']})`;
  const problem = response.json<{ code?: string; status?: number }>();
  if (problem.code === undefined || !(problem.code in ERROR_CATALOGUE)) return `uncatalogued code ${problem.code}`;
  if (problem.status !== response.statusCode) return `problem status ${problem.status} ≠ ${response.statusCode}`;
  return null;
}

describeEachDialect('fuzzing', (dialect) => {
  describe('the JSON API', () => {
    const api = useApi(dialect);

    beforeEach(async () => {
      await api().world.openConsultation();
      api().world.clock.set('2023-05-02T10:00:00Z');
    });

    it('answers every generated request without a 5xx, refuses with catalogued problems, and stores no invalid value', async () => {
      const before = await storedStrings(api().world.ctx.db);
      const tokens = [api().tokens.secretariat, api().tokens.kr, api().tokens.observer];
      for (const op of operations()) {
        const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        const request = fc.record({
          params: fc.tuple(...names.map(pathValue)),
          query: fc.array(
            fc.tuple(fc.constantFrom(...(op.query.length > 0 ? op.query : [{ name: 'x', schema: {} }])), anyString),
            { maxLength: 3 },
          ),
          body: op.body ? arbitraryFor(op.body) : fc.constant(undefined),
          token: fc.constantFrom(...tokens),
        });
        await fc.assert(
          fc.asyncProperty(request, async ({ params, query, body, token }) => {
            let url = op.path;
            names.forEach((name, i) => {
              url = url.replace(`{${name}}`, encodeSegment(params[i]!));
            });
            if (query.length > 0)
              url += `?${query.map(([p, v]) => `${encodeSegment(p.name)}=${encodeSegment(v)}`).join('&')}`;
            const response = await api().send(op.method, url, {
              token,
              ...(body !== undefined && {
                body: JSON.stringify(body),
                headers: { 'content-type': 'application/json' },
              }),
            });
            const defect = apiDefect(response);
            if (defect !== null)
              throw new Error(`${op.method} ${url} ${JSON.stringify(body)?.slice(0, 300)}: ${defect}`);
          }),
          { numRuns: RUNS },
        );
      }
      expect(newInvalidValues(before, await storedStrings(api().world.ctx.db))).toEqual([]);
    });
  });

  describe('the page forms', () => {
    const web = useWeb(dialect);

    async function signedIn(role: 'secretariat_admin' | 'focal_point'): Promise<Browser> {
      const { invitationPath } = await web().invite({ role, ...(role === 'focal_point' && { memberState: 'KR' }) });
      const browser = web().browser();
      await web().enrol(browser, invitationPath);
      return browser;
    }

    /** The fields of a form with the values the page gives them (hidden ones, such as the CSRF token, included). */
    function defaultsOf(form: string): [string, string][] {
      const fields: [string, string][] = [];
      for (const m of form.matchAll(/<input([^>]*)>/g)) {
        const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
        if (name === undefined) continue;
        if (/type="(checkbox|radio)"/.test(m[1]!) && !/\bchecked\b/.test(m[1]!)) continue;
        if (/type="file"/.test(m[1]!)) continue;
        fields.push([decode(name), decode(/value="([^"]*)"/.exec(m[1]!)?.[1] ?? '')]);
      }
      for (const m of form.matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/g)) {
        const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
        if (name !== undefined) fields.push([decode(name), decode(m[2]!)]);
      }
      for (const m of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
        const name = /name="([^"]+)"/.exec(m[1]!)?.[1];
        const options = [...m[2]!.matchAll(/<option([^>]*)>/g)].map((o) => o[1]!);
        const chosen = options.find((o) => /\bselected\b/.test(o)) ?? options[0];
        if (name !== undefined && chosen !== undefined)
          fields.push([decode(name), decode(/value="([^"]*)"/.exec(chosen)?.[1] ?? '')]);
      }
      return fields;
    }

    /** The forms reachable from `start` within a few links: the page that shows each, and its action. */
    async function formsFrom(browser: Browser, start: readonly string[]) {
      const seen = new Set<string>();
      const queue = [...start];
      const forms = new Map<string, { action: string; page: string }>();
      while (queue.length > 0 && seen.size < 40) {
        const url = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        const page = await browser.get(url);
        if (page.statusCode !== 200 || !String(page.headers['content-type']).startsWith('text/html')) continue;
        for (const m of page.body.matchAll(/href="(\/en\/[^"#?]*)"/g))
          if (!/logout|documents|assets/.test(m[1]!)) queue.push(decode(m[1]!));
        for (const m of page.body.matchAll(/<form([^>]*)>/g)) {
          const action = /action="([^"]+)"/.exec(m[1]!)?.[1];
          if (action === undefined || /logout|sessions|revoke|disable|tokens|language/.test(action)) continue;
          if (!forms.has(decode(action))) forms.set(decode(action), { action: decode(action), page: url });
        }
      }
      return [...forms.values()];
    }

    /** The markup of the form of `html` that posts to `action`, or null when the page no longer has it. */
    function formIn(html: string, action: string): string | null {
      for (const m of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g))
        if (decode(/action="([^"]+)"/.exec(m[1]!)?.[1] ?? '') === action) return m[0];
      return null;
    }

    it('answers every generated form post with a page or a redirect, never a 5xx, and stores no invalid value', async () => {
      await web().world.openConsultation();
      web().world.clock.set('2023-05-02T10:00:00Z');
      const before = await storedStrings(web().world.ctx.db);
      const browsers = [
        { browser: await signedIn('focal_point'), start: ['/en/my'] },
        {
          browser: await signedIn('secretariat_admin'),
          start: ['/en/secretariat', `/en/secretariat/consultations/${ID}`],
        },
      ];
      // The focal point goes first: the secretariat's posts may close the consultation.
      // Each run starts from the form as the page fills it and replaces or drops a few fields.
      const change = fc.array(fc.tuple(fc.nat(), fc.option(anyString, { nil: undefined })), {
        minLength: 1,
        maxLength: 3,
      });
      for (const { browser, start } of browsers) {
        const forms = await formsFrom(browser, start);
        expect(forms.length).toBeGreaterThan(0);
        for (const form of forms) {
          await fc.assert(
            fc.asyncProperty(change, async (changes) => {
              const page = await browser.get(form.page);
              const markup = formIn(page.body, form.action);
              if (markup === null) return;
              const fields = defaultsOf(markup);
              for (const [at, value] of changes) {
                const i = at % Math.max(fields.length, 1);
                if (fields[i] === undefined || fields[i]![0] === '_csrf') continue;
                if (value === undefined) fields.splice(i, 1);
                else fields[i] = [fields[i]![0], value];
              }
              const posted: Record<string, string[]> = {};
              for (const [name, value] of fields) posted[name] = [...(posted[name] ?? []), value];
              const response = await browser.post(form.action, posted);
              if (response.statusCode >= 500)
                throw new Error(`POST ${form.action} ${JSON.stringify(posted).slice(0, 300)}: ${response.statusCode}`);
              if (response.statusCode !== 303 && !String(response.headers['content-type']).startsWith('text/html'))
                throw new Error(`POST ${form.action}: ${response.statusCode} ${response.headers['content-type']}`);
            }),
            { numRuns: FORM_RUNS },
          );
        }
      }
      expect(newInvalidValues(before, await storedStrings(web().world.ctx.db))).toEqual([]);
    });
  });
});
