import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { describeEachDialect } from '../helpers/databases.js';
import { type Browser, csrfOf, useWeb } from './web-harness.js';

/**
 * Multipart forms (the reply form, the secretariat's recording of a paper reply) are the only
 * requests that carry files. A request is refused before its body is read unless a signed-in
 * person sends it with the form's token as its first field; a form that is read is streamed to a
 * temporary folder under per-file and per-request limits, and the folder is removed after the
 * answer. What is measured is what the server pulled from the request body, never time.
 */

const BOUNDARY = '----assent-multipart-test';
const KiB = 1024;
const MiB = 1024 * KiB;
/** Slack for what the parser and the stream buffers may take before they stop pulling. */
const SLACK = 256 * KiB;

type Part =
  | { readonly field: string; readonly value: string }
  | { readonly field: string; readonly filename: string; readonly size: number; readonly fill?: number };

/** A PDF header, so that a file is not refused for its content where that matters. */
const PDF_HEAD = Buffer.from('%PDF-1.4\n% multipart test\n');

/**
 * A multipart body generated as it is pulled, 64 KiB at a time, that counts the bytes the server
 * took. `beforeClosing` runs once every part was pulled, before the closing boundary.
 */
function countingForm(parts: readonly Part[], beforeClosing?: () => Promise<void>) {
  let pulled = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    const emit = (chunk: Buffer) => {
      pulled += chunk.length;
      return chunk;
    };
    for (const part of parts) {
      if ('value' in part) {
        yield emit(
          Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`),
        );
        continue;
      }
      yield emit(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${part.filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
      );
      let left = part.size;
      let first = true;
      while (left > 0) {
        const size = Math.min(64 * KiB, left);
        const chunk = Buffer.alloc(size, part.fill ?? 0x20);
        if (first) PDF_HEAD.copy(chunk, 0, 0, Math.min(PDF_HEAD.length, size));
        first = false;
        left -= size;
        yield emit(chunk);
      }
      yield emit(Buffer.from('\r\n'));
    }
    if (beforeClosing) await beforeClosing();
    yield emit(Buffer.from(`--${BOUNDARY}--\r\n`));
  }
  return { stream: Readable.from(generate(), { objectMode: false, highWaterMark: 16 * KiB }), pulled: () => pulled };
}

/** Forty files of 1 MiB each: what the attack test posted, scaled down. */
const FORTY_FILES: Part[] = Array.from({ length: 40 }, (_, i) => ({
  field: `file-${i}`,
  filename: `f${i}.pdf`,
  size: MiB,
}));

/** Posts a counting form with the browser's cookies; answers the response and the bytes pulled when it came. */
async function post(
  app: FastifyInstance,
  browser: Browser | null,
  url: string,
  form: ReturnType<typeof countingForm>,
): Promise<{ response: LightMyRequestResponse; pulled: number }> {
  const cookie = browser ? [...browser.jar].map(([name, value]) => `${name}=${value}`).join('; ') : '';
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: '198.51.100.1',
    payload: form.stream,
    headers: {
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      'user-agent': 'TestBrowser/1.0',
      ...(cookie && { cookie }),
    },
  });
  return { response, pulled: form.pulled() };
}

/**
 * Polls `check` until it holds or fifteen seconds pass (five were once too few for a temporary
 * folder's removal on a loaded 2-core CI machine running the PostgreSQL suites beside it).
 */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every file under `dir`, with its size. */
function filesUnder(dir: string): { file: string; size: number }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, size: fs.statSync(file).size };
    });
}

describeEachDialect('multipart forms: nothing read before the session and the token', (dialect) => {
  const web = useWeb(dialect);
  let id: string;
  let form: string;
  let kim: Browser;
  let tempRoot: string;

  beforeEach(async () => {
    id = await web().world.openConsultation();
    form = `/en/my/consultations/${id}/reply`;
    const { invitationPath } = await web().invite({ name: 'Kim Min-jun', memberState: 'KR' });
    kim = web().browser();
    await web().enrol(kim, invitationPath);
    tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'assent-multipart-test-'));
  });

  afterEach(() => {
    fs.rmSync(tempRoot, { recursive: true, force: true });
  });

  /** The reply form's token, as the page gives it. */
  async function token(): Promise<string> {
    return csrfOf((await kim.get(form)).body, form);
  }

  it('refuses forty 1 MiB files posted to the sign-in form without a session, having read almost none of the 40 MiB', async () => {
    const { response, pulled } = await post(web().app, null, '/login', countingForm(FORTY_FILES));
    expect(response.statusCode).toBe(403);
    expect(pulled).toBeLessThan(SLACK);
  });

  it('sends a multipart post without a session to sign-in without reading its body', async () => {
    const { response, pulled } = await post(
      web().app,
      null,
      form,
      countingForm([{ field: '_csrf', value: 'x' }, ...FORTY_FILES]),
    );
    expect({ status: response.statusCode, location: response.headers.location }).toEqual({
      status: 303,
      location: '/en/login',
    });
    expect(pulled).toBeLessThan(SLACK);
  });

  it("refuses a signed-in person's multipart post whose first field is a forged token, reading no further", async () => {
    const { response, pulled } = await post(
      web().app,
      kim,
      form,
      countingForm([{ field: '_csrf', value: 'forged' }, ...FORTY_FILES]),
    );
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('The form could not be verified');
    expect(pulled).toBeLessThan(SLACK);
  });

  it("refuses a signed-in person's multipart post that starts with a file instead of the token, reading no further", async () => {
    const valid = await token();
    const { response, pulled } = await post(
      web().app,
      kim,
      form,
      countingForm([...FORTY_FILES, { field: '_csrf', value: valid }]),
    );
    expect(response.statusCode).toBe(403);
    expect(pulled).toBeLessThan(SLACK);
  });

  it('stops reading a form with its token at the per-request limit (413), far short of what was sent', async () => {
    // Files of 64 KiB at most: a form may carry four times that in files, and 1 MiB of text.
    const small = await buildApp({
      ctx: { ...web().world.ctx, attachmentMaxBytes: 64 * KiB },
      logger: false,
      rateLimitPerMinute: 0,
      uploadTempDir: tempRoot,
    });
    try {
      const files: Part[] = Array.from({ length: 40 }, (_, i) => ({
        field: `file-${i}`,
        filename: `f${i}.pdf`,
        size: 60 * KiB,
      }));
      const { response, pulled } = await post(
        small,
        kim,
        form,
        countingForm([{ field: '_csrf', value: await token() }, ...files]),
      );
      expect(response.statusCode).toBe(413);
      expect(pulled).toBeLessThan(4 * 64 * KiB + MiB + SLACK);
      await eventually('the temporary folder is removed', () => filesUnder(tempRoot).length === 0);
    } finally {
      await small.close();
    }
  });

  it('streams a file to a temporary folder while it arrives, and removes the folder after the answer', async () => {
    const app = await buildApp({ ctx: web().world.ctx, logger: false, rateLimitPerMinute: 0, uploadTempDir: tempRoot });
    try {
      let seenOnDisk = 0;
      const body = countingForm(
        [
          { field: '_csrf', value: await token() },
          { field: 'action', value: 'save' },
          { field: 'file-x1353', filename: 'comments.pdf', size: 2 * MiB },
        ],
        // Before the closing boundary, the file is already on disk (not held in memory).
        async () => {
          await eventually('the file is being written to the temporary folder', () =>
            filesUnder(tempRoot).some((f) => f.size >= MiB),
          );
          seenOnDisk = Math.max(...filesUnder(tempRoot).map((f) => f.size));
        },
      );
      const { response } = await post(app, kim, form, body);
      expect(response.statusCode).toBeLessThan(500);
      expect(seenOnDisk).toBeGreaterThanOrEqual(MiB);
      await eventually('the temporary folder is removed', () => filesUnder(tempRoot).length === 0);
    } finally {
      await app.close();
    }
  });
});
