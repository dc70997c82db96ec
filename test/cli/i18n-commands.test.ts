import fs from 'node:fs';
import path from 'node:path';
import { createIntl } from '@formatjs/intl';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { operatorActor } from '../../src/domain/policy/actor.js';
import type { PageContext } from '../../src/http/web/components/layout.js';
import { LanguagesPage } from '../../src/http/web/pages/secretariat/languages.page.js';
import { LANGUAGE_PAGE_SIZE, languagesView } from '../../src/http/web/secretariat/languages.routes.js';
import { textHash } from '../../src/i18n/reviews.js';
import { catalogueMessages } from '../../src/services/translations/catalogue-review.js';
import { consultationInput } from '../helpers/world.js';
import { cli, tempFolders, writeJson } from './cli-harness.js';

/**
 * `assent i18n status|export|import`: the XLIFF round trip of a language service's review, on a
 * COPY of the catalogues (`--source-root`): the real ones are never written by a test.
 */

const REAL_SRC = path.resolve('src');
const folders = tempFolders();
afterAll(() => folders.removeAll());

/** A working folder with a copy of every catalogue under `src/`, as the commands find them. */
function copyOfCatalogues(): { dir: string; src: string } {
  const dir = folders.create();
  const src = path.join(dir, 'src');
  fs.cpSync(path.join(REAL_SRC, 'i18n', 'messages'), path.join(src, 'i18n', 'messages'), { recursive: true });
  for (const id of fs.readdirSync(path.join(REAL_SRC, 'procedures'))) {
    const messages = path.join(REAL_SRC, 'procedures', id, 'messages');
    if (fs.existsSync(messages)) fs.cpSync(messages, path.join(src, 'procedures', id, 'messages'), { recursive: true });
  }
  return { dir, src };
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;

/** The unit `id` of an exported file, as written. */
function unitOf(xliff: string, id: string): string {
  const match = new RegExp(`<unit id="${id.replace(/\./g, '\\.')}">[\\s\\S]*?</unit>`).exec(xliff);
  if (!match) throw new Error(`no unit ${id}`);
  return match[0];
}

/** The file with unit `id` given `target` and `state`. */
function withTarget(xliff: string, id: string, target: string, state = 'reviewed'): string {
  const unit = unitOf(xliff, id);
  const changed = unit
    .replace(/<segment state="[a-z]+">/, `<segment state="${state}">`)
    .replace(/<target xml:space="preserve">[\s\S]*?<\/target>/, `<target xml:space="preserve">${target}</target>`);
  return xliff.replace(unit, changed);
}

/** The secretariat's languages page over the catalogues under `src`, in English, French chosen. */
function renderLanguages(src: string, language = 'fr', pageNumber = 1): string {
  const page: PageContext = {
    locale: 'en',
    cssHref: '/app.css',
    jsHref: '/app.js',
    signedIn: null,
    actor: operatorActor('test'),
    path: '/en/secretariat/languages',
    href: (p) => `/en${p}`,
    localPath: (p) => `/en${p}`,
  };
  return renderToString(h(LanguagesPage, { page, view: languagesView('en', language, pageNumber, src) }));
}

describe('assent i18n', () => {
  let dir: string;
  let src: string;
  let root: string[];
  beforeEach(() => {
    ({ dir, src } = copyOfCatalogues());
    root = ['--source-root', src];
  });
  const frCore = () => path.join(src, 'i18n', 'messages', 'fr', 'core.json');
  const frSecretariat = () => path.join(src, 'i18n', 'messages', 'fr', 'secretariat.json');
  const frReviews = () => path.join(src, 'i18n', 'reviews', 'fr.json');

  async function exported(locale = 'fr', extra: string[] = []): Promise<string> {
    const run = await cli(dir, ['i18n', 'export', '--locale', locale, '--out', `${locale}.xlf`, ...extra, ...root]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return fs.readFileSync(path.join(dir, `${locale}.xlf`), 'utf8');
  }

  it('exports every catalogue of a language, the core’s and the procedures’, nothing reviewed yet', async () => {
    const xliff = await exported();
    expect(xliff).toContain(
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">',
    );
    expect(xliff).toContain('<file id="core.secretariat" original="src/i18n/messages/fr/secretariat.json"');
    expect(xliff).toContain(
      '<file id="itu-t-tap.results" original="src/procedures/itu-t-tap/messages/fr/results.json"',
    );
    const unit = unitOf(xliff, 'sec.audit.pager.position');
    expect(unit).toContain('<note category="placeholders">{page} {pages}</note>');
    expect(unit).toContain('<segment state="translated">');
    expect(unit).toContain('<source xml:space="preserve">Page {page} of {pages}</source>');
    expect(unit).toContain('<target xml:space="preserve">Page {page} sur {pages}</target>');
    const english = Object.keys(readJson(path.join(src, 'i18n', 'messages', 'en', 'core.json'))).length;
    expect((xliff.match(/<unit /g) ?? []).length).toBeGreaterThan(english);
    const status = await cli(dir, ['i18n', 'status', '--json', ...root]);
    const fr = (
      JSON.parse(status.stdout) as { items: { locale: string; reviewed: number; unreviewed: number }[] }
    ).items.find((s) => s.locale === 'fr');
    expect(fr).toMatchObject({ reviewed: 0 });
    expect(fr!.unreviewed).toBe((xliff.match(/<unit /g) ?? []).length);
  });

  it('round-trips: export, change a target, import, the catalogue written and the review recorded, the new text rendered', async () => {
    const before = fs.readFileSync(frSecretariat(), 'utf8');
    let xliff = await exported();
    xliff = withTarget(xliff, 'sec.audit.pager.position', 'Page {page} / {pages} &amp; suite');
    xliff = withTarget(xliff, 'layout.nav.audit', 'Journal d’audit'); // approved as it is
    fs.writeFileSync(path.join(dir, 'fr.xlf'), xliff);

    const run = await cli(
      dir,
      ['i18n', 'import', 'fr.xlf', '--reviewer', 'Section française de traduction', ...root],
      {},
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('core.secretariat/sec.audit.pager.position: text changed, review recorded');
    expect(run.stdout).toContain('core.core/layout.nav.audit: review recorded');
    expect(run.stdout).toContain('2 messages changed');

    // The catalogue: that one line changed, key order and formatting kept.
    const after = fs.readFileSync(frSecretariat(), 'utf8');
    expect(after.split('\n').filter((l, i) => l !== before.split('\n')[i])).toEqual([
      '  "sec.audit.pager.position": "Page {page} / {pages} & suite",',
    ]);
    expect(after.endsWith('}\n')).toBe(true);

    // The review: who, when, and the hashes of the English and of the approved text.
    const reviews = JSON.parse(fs.readFileSync(frReviews(), 'utf8')) as Record<string, Record<string, string>>;
    expect(Object.keys(reviews)).toEqual(['core:layout.nav.audit', 'core:sec.audit.pager.position']);
    expect(reviews['core:sec.audit.pager.position']).toEqual({
      reviewer: 'Section française de traduction',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      source: textHash('Page {page} of {pages}'),
      target: textHash('Page {page} / {pages} & suite'),
    });

    // Rendered: the message of the written catalogue, formatted as the pages format it.
    const intl = createIntl({ locale: 'fr', messages: readJson(frSecretariat()) });
    expect(intl.formatMessage({ id: 'sec.audit.pager.position' }, { page: 2, pages: 7 })).toBe('Page 2 / 7 & suite');

    // Exported again, the two are reviewed, the rest still to review.
    const again = await exported();
    expect(unitOf(again, 'sec.audit.pager.position')).toContain('<segment state="reviewed">');
    expect(unitOf(again, 'sec.audit.pager.position')).toContain('<note category="review">Section française');
    expect(unitOf(again, 'sec.audit.pager.label')).toContain('<segment state="translated">');
    const toReview = await exported('fr', ['--to-review']);
    expect(toReview).not.toContain('<unit id="sec.audit.pager.position">');
    expect(toReview).toContain('<unit id="sec.audit.pager.label">');
  });

  it('makes a review stale when the English changes, and a new unreviewed text drops the review', async () => {
    let xliff = await exported();
    xliff = withTarget(xliff, 'layout.nav.audit', 'Journal d’audit');
    xliff = withTarget(xliff, 'sec.audit.pager.label', 'Pages du journal');
    fs.writeFileSync(path.join(dir, 'fr.xlf'), xliff);
    expect((await cli(dir, ['i18n', 'import', 'fr.xlf', '--reviewer', 'A. Réviseur', ...root])).code).toBe(0);

    const englishFile = path.join(src, 'i18n', 'messages', 'en', 'core.json');
    const english = readJson(englishFile);
    english['layout.nav.audit'] = 'Audit log';
    fs.writeFileSync(englishFile, `${JSON.stringify(english, null, 2)}\n`);
    const status = await cli(dir, ['i18n', 'status', '--json', ...root]);
    expect(
      (JSON.parse(status.stdout) as { items: { locale: string }[] }).items.find((s) => s.locale === 'fr'),
    ).toMatchObject({
      reviewed: 1,
      stale: 1,
    });
    const stale = unitOf(await exported(), 'layout.nav.audit');
    expect(stale).toContain('<segment state="translated">');
    expect(stale).toContain('<note category="stale-review">A. Réviseur');

    // The secretariat's page lists it again, stale, with the reviewer and the day.
    expect(renderLanguages(src)).toContain('Stale: reviewed by <bdi>A. Réviseur</bdi> on');
    const next = withTarget(await exported(), 'sec.audit.pager.label', 'Pages des événements', 'translated');
    fs.writeFileSync(path.join(dir, 'fr.xlf'), next);
    const run = await cli(dir, ['i18n', 'import', 'fr.xlf', '--reviewer', 'B. Traductrice', ...root]);
    expect(run.stdout).toContain('core.secretariat/sec.audit.pager.label: text changed, review removed');
    expect(readJson(frReviews())['core:sec.audit.pager.label']).toBeUndefined();
    expect(readJson(frSecretariat())['sec.audit.pager.label']).toBe('Pages des événements');

    // Rendered: the secretariat's page shows the new text among the messages to review.
    const messages = catalogueMessages('fr', src);
    const toReview = [
      ...messages.filter((m) => m.status === 'stale'),
      ...messages.filter((m) => m.status === 'unreviewed'),
    ];
    const index = toReview.findIndex((m) => m.id === 'sec.audit.pager.label');
    const page = renderLanguages(src, 'fr', Math.floor(index / LANGUAGE_PAGE_SIZE) + 1);
    expect(page).toContain('<td class="sec-wrap" lang="fr" dir="auto">Pages des événements</td>');
  });

  it('refuses the whole file on any problem, listing every one with its unit and code, and writes nothing', async () => {
    const files = () => [frCore(), frSecretariat()].map((f) => fs.readFileSync(f, 'utf8'));
    const before = files();
    let xliff = await exported();
    xliff = withTarget(xliff, 'layout.nav.audit', 'Journal d’audit'); // fine, but the file is refused
    xliff = withTarget(xliff, 'sec.audit.pager.position', 'Page {page sur {pages}');
    xliff = withTarget(xliff, 'sec.audit.caption', 'Événements : {nombre}');
    xliff = withTarget(xliff, 'sec.audit.pager.label', '  ');
    xliff = xliff.replace('<unit id="sec.audit.title">', '<unit id="sec.audit.titre">');
    xliff = xliff.replace(
      '<source xml:space="preserve">Pages of events</source>',
      '<source xml:space="preserve">Pages of the events</source>',
    );
    fs.writeFileSync(path.join(dir, 'fr.xlf'), xliff);
    const run = await cli(dir, ['i18n', 'import', 'fr.xlf', '--reviewer', 'X', ...root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error [VALIDATION_FAILED]: The file is refused: nothing was written');
    for (const line of [
      'core.secretariat/sec.audit.titre [XLIFF_UNKNOWN_UNIT]',
      'core.secretariat/sec.audit.pager.label [XLIFF_SOURCE_CHANGED]',
      'core.secretariat/sec.audit.pager.position [MESSAGE_SYNTAX]',
      'core.secretariat/sec.audit.caption [MESSAGE_PLACEHOLDERS]: The placeholders must be those of the source: page, pages, total; found: nombre.',
    ])
      expect(run.stderr).toContain(line);
    expect(files()).toEqual(before);
    expect(fs.existsSync(frReviews())).toBe(false);
  });

  it('refuses to record a review of a message that breaks the checks, even unchanged', async () => {
    // A French message already broken in the catalogue (edited by hand): marking it reviewed as it is is refused.
    const catalogue = JSON.parse(fs.readFileSync(frSecretariat(), 'utf8')) as Record<string, string>;
    catalogue['sec.audit.caption'] = 'Événements : {nombre}';
    fs.writeFileSync(frSecretariat(), `${JSON.stringify(catalogue, null, 2)}\n`);
    const xliff = withTarget(await exported(), 'sec.audit.caption', 'Événements : {nombre}');
    fs.writeFileSync(path.join(dir, 'fr.xlf'), xliff);
    const run = await cli(dir, ['i18n', 'import', 'fr.xlf', '--reviewer', 'X', ...root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('core.secretariat/sec.audit.caption [MESSAGE_PLACEHOLDERS]');
    expect(fs.existsSync(frReviews())).toBe(false);
  });

  it('refuses a plural without the categories of the language, a file for another language, and broken XML', async () => {
    const ru = withTarget(
      await exported('ru'),
      'results.needed',
      '{neededMore, plural, one {Ещё # ответ} other {Ещё # ответа}}.',
    );
    fs.writeFileSync(path.join(dir, 'ru.xlf'), ru);
    const plural = await cli(dir, ['i18n', 'import', 'ru.xlf', '--reviewer', 'X', ...root]);
    expect(plural.code).toBe(1);
    expect(plural.stderr).toContain('itu-t-tap.results/results.needed [MESSAGE_PLURAL_CATEGORIES]');
    expect(plural.stderr).toContain('few, many');

    fs.writeFileSync(path.join(dir, 'en.xlf'), ru.replace('trgLang="ru"', 'trgLang="en"'));
    const english = await cli(dir, ['i18n', 'import', 'en.xlf', '--reviewer', 'X', ...root]);
    expect(english.stderr).toContain('xliff/@trgLang [XLIFF_WRONG_LANGUAGE]');
    fs.writeFileSync(path.join(dir, 'src.xlf'), ru.replace('srcLang="en"', 'srcLang="fr"'));
    expect((await cli(dir, ['i18n', 'import', 'src.xlf', '--reviewer', 'X', ...root])).stderr).toContain(
      'xliff/@srcLang [XLIFF_WRONG_LANGUAGE]',
    );

    fs.writeFileSync(path.join(dir, 'broken.xlf'), ru.replace('</xliff>', ''));
    const broken = await cli(dir, ['i18n', 'import', 'broken.xlf', '--reviewer', 'X', ...root]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/\d+:\d+ \[XLIFF_MALFORMED\]: Not well-formed XLIFF 2\.0: <xliff> is not closed/);

    expect((await cli(dir, ['i18n', 'export', '--locale', 'en', ...root])).stderr).toContain('XLIFF_WRONG_LANGUAGE');
    expect((await cli(dir, ['i18n', 'import', 'ru.xlf', '--reviewer', ' ', ...root])).code).toBe(2);
  });

  it('on --dry-run tells what would change and writes nothing', async () => {
    const before = fs.readFileSync(frSecretariat(), 'utf8');
    fs.writeFileSync(path.join(dir, 'fr.xlf'), withTarget(await exported(), 'sec.audit.pager.label', 'Pages'));
    const run = await cli(dir, ['i18n', 'import', 'fr.xlf', '--reviewer', 'X', '--dry-run', ...root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 message would change (dry run: nothing written)');
    expect(fs.readFileSync(frSecretariat(), 'utf8')).toBe(before);
    expect(fs.existsSync(frReviews())).toBe(false);
  });
});

describe('assent i18n export-circular | import-circular', () => {
  it('translates a draft circular’s fields through XLIFF, shown in the language after import', async () => {
    const dir = folders.create();
    const file = writeJson(dir, 'circular.json', {
      ...consultationInput(),
      texts: consultationInput().texts!.slice(0, 1),
    });
    expect((await cli(dir, ['consultation', 'create', '--file', file])).code).toBe(0);
    const id = 'tsb-79-2023';
    const exported = await cli(dir, ['i18n', 'export-circular', id, '--locale', 'fr', '--out', 'c.xlf']);
    expect(exported.stderr).toBe('');
    const xliff = fs.readFileSync(path.join(dir, 'c.xlf'), 'utf8');
    expect(xliff).toContain('<unit id="subject">');
    fs.writeFileSync(
      path.join(dir, 'c.xlf'),
      xliff.replace(
        /(<unit id="subject">[\s\S]*?)<segment state="initial">([\s\S]*?<\/source>)/,
        '$1<segment state="reviewed">$2\n        <target xml:space="preserve">Consultation des États Membres</target>',
      ),
    );
    const imported = await cli(dir, ['i18n', 'import-circular', 'c.xlf', '--reviewer', 'Section française']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(`${id} (fr): 1 field changed.`);
    const shown = await cli(dir, ['consultation', 'show', id, '--lang', 'fr']);
    expect(shown.stdout).toContain('Consultation des États Membres');

    const wrong = await cli(dir, ['i18n', 'import-circular', 'c.xlf', '--reviewer', 'X'], {});
    expect(wrong.code).toBe(0); // the same file again: nothing changes
    fs.writeFileSync(path.join(dir, 'd.xlf'), xliff.replace('trgLang="fr"', 'trgLang="en"'));
    const refused = await cli(dir, ['i18n', 'import-circular', 'd.xlf', '--reviewer', 'X']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('xliff/@trgLang [XLIFF_WRONG_LANGUAGE]');
  });
});
