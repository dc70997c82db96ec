import fs from 'node:fs';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fill, tick } from '../documents/form-filling.js';
import { cli, tempFolders } from './cli-harness.js';

/**
 * `assent inbox`: replies received by e-mail, from the command line — a message kept from a file
 * or from standard input (as a mail server's pipe gives it), listed, shown, shown as received,
 * set aside with its reason; the IMAP poll refused where no mailbox is configured. In-process,
 * SQLite, on the demo's open consultation.
 */
describe('assent inbox', () => {
  const folders = tempFolders();
  let dir: string;
  let message: Buffer;

  beforeAll(async () => {
    dir = folders.create();
    expect((await cli(dir, ['seed', '--demo'])).code).toBe(0);
    const blank = await cli(dir, ['document', 'circular', 'demo-tap', '--format', 'docx', '-o', 'blank.docx']);
    expect(blank.code, blank.stderr).toBe(0);
    const form = tick(fill(fs.readFileSync(path.join(dir, 'blank.docx')), { state: 'Korea (Republic of)' }), [
      'assent:x9991:assigns_authority',
      'assent:x9991:assigns_authority:no_comments',
    ]);
    message = await new MailComposer({
      from: 'Demo focal point <focal-point.kr@demo.example>',
      to: 'replies@tsb.example',
      subject: 'Our reply',
      text: 'Attached.',
      attachments: [{ filename: 'reply.docx', content: Buffer.from(form) }],
    })
      .compile()
      .build();
    fs.writeFileSync(path.join(dir, 'reply.eml'), message);
  }, 120_000);
  afterAll(() => folders.removeAll());

  it('keeps a message from a file or standard input once, then lists and shows it as received', async () => {
    const kept = await cli(dir, ['inbox', 'receive', 'reply.eml']);
    expect(kept.code, kept.stderr).toBe(0);
    const id = /Kept: message (\S+)/.exec(kept.stdout)![1]!;
    const again = await cli(dir, ['inbox', 'receive'], {}, message);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`Received already: message ${id}\n`);

    const list = await cli(dir, ['inbox', 'list']);
    expect(list.stdout).toContain('1 message(s) waiting.');
    expect(list.stdout).toMatch(/focal-point\.kr@demo\.example\s+Our reply\s+unknown\s+KR · demo-tap\s+pending/);
    const json = JSON.parse((await cli(dir, ['inbox', 'list', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ pending: 1, messages: [{ id, memberState: 'KR', consultationId: 'demo-tap' }] });

    const shown = await cli(dir, ['inbox', 'show', id]);
    expect(shown.stdout).toMatch(/Received:\s+\S+ \S+ UTC by pipe/);
    expect(shown.stdout).toMatch(/State:\s+KR/);
    const raw = await cli(dir, ['inbox', 'show', id, '--raw']);
    expect(Buffer.from(raw.stdout, 'latin1').equals(message)).toBe(true);
    // An 8-bit message (Latin-1 words, no encoding declared) is given back byte for byte.
    const eightBit = Buffer.from(
      'From: someone@else.example\r\nSubject: R\xe9ponse\r\n\r\nR\xe9ponse jointe.\r\n',
      'latin1',
    );
    const other = /Kept: message (\S+)/.exec((await cli(dir, ['inbox', 'receive', '-'], {}, eightBit)).stdout)![1]!;
    const back = await cli(dir, ['inbox', 'show', other, '--raw']);
    expect(Buffer.from(back.stdout, 'latin1').equals(eightBit)).toBe(true);
  });

  it('sets a message aside only with a reason, once; and polls no mailbox where none is configured', async () => {
    const other = await cli(
      dir,
      ['inbox', 'receive', '-'],
      {},
      Buffer.from('From: someone@else.example\r\nSubject: Hello\r\n\r\nHi\r\n'),
    );
    const id = /Kept: message (\S+)/.exec(other.stdout)![1]!;
    const blank = await cli(dir, ['inbox', 'dismiss', id, '--note', ' ']);
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain('error [VALIDATION_FAILED]');
    expect((await cli(dir, ['inbox', 'dismiss', id, '--note', 'Not a reply'])).code).toBe(0);
    const twice = await cli(dir, ['inbox', 'dismiss', id, '--note', 'Not a reply']);
    expect(twice.stderr).toContain('error [MESSAGE_HANDLED]');
    const handled = await cli(dir, ['inbox', 'list', '--handled']);
    expect(handled.stdout).toMatch(
      /someone@else\.example\s+Hello\s+unknown\s+SENDER_UNKNOWN · NO_FORM_ATTACHED\s+dismissed/,
    );
    const poll = await cli(dir, ['inbox', 'poll']);
    expect(poll.code).toBe(2);
    expect(poll.stderr).toContain('MAIL_IN_IMAP_URL is not set');
    const huge = await cli(dir, ['inbox', 'receive', '-'], { MAIL_IN_MAX_BYTES: '65536' }, Buffer.alloc(70_000, 65));
    expect(huge.code).toBe(1);
    expect(huge.stderr).toContain('error [MESSAGE_TOO_LARGE]');
  });
});
