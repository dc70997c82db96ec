/**
 * Checks a locale's catalogue against the English one, area by area, without the app:
 * `npx tsx scripts/check-catalogue.ts fr [area…]`. For each message: present, parses as ICU
 * MessageFormat, the same placeholders as English, every plural category of the language
 * (Intl.PluralRules), no message left in English by mistake (identical to English and longer than
 * a word is reported as a warning). Exits 1 on any problem. Translators run it; the test suite
 * checks the same rules for every locale the app serves (test/web/i18n.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';

const [locale, ...onlyAreas] = process.argv.slice(2);
if (!locale) {
  console.error('usage: tsx scripts/check-catalogue.ts <locale> [area…]');
  process.exit(2);
}
const root = path.resolve('src/i18n/messages');
const areas =
  onlyAreas.length > 0 ? onlyAreas : fs.readdirSync(path.join(root, 'en')).map((f) => f.replace(/\.json$/, ''));
const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;

function argumentsOf(elements: readonly MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (
      e.type === TYPE.argument ||
      e.type === TYPE.number ||
      e.type === TYPE.date ||
      e.type === TYPE.time ||
      e.type === TYPE.plural ||
      e.type === TYPE.select
    )
      into.add(e.value);
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const o of Object.values(e.options)) argumentsOf(o.value, into);
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

function pluralProblems(elements: readonly MessageFormatElement[], problems: string[] = []): string[] {
  for (const e of elements) {
    if (e.type === TYPE.plural && e.pluralType !== 'ordinal') {
      const missing = categories.filter((c) => !(c in e.options));
      if (missing.length > 0) problems.push(`plural {${e.value}} lacks ${missing.join(', ')}`);
    }
    if (e.type === TYPE.plural || e.type === TYPE.select)
      for (const o of Object.values(e.options)) pluralProblems(o.value, problems);
    if (e.type === TYPE.tag) pluralProblems(e.children, problems);
  }
  return problems;
}

let errors = 0;
let warnings = 0;
for (const area of areas) {
  const english = JSON.parse(fs.readFileSync(path.join(root, 'en', `${area}.json`), 'utf8')) as Record<string, string>;
  const file = path.join(root, locale, `${area}.json`);
  if (!fs.existsSync(file)) {
    console.log(`${area}: MISSING ${path.relative(process.cwd(), file)}`);
    errors += 1;
    continue;
  }
  let translated: Record<string, string>;
  try {
    translated = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    console.log(`${area}: not valid JSON: ${(error as Error).message}`);
    errors += 1;
    continue;
  }
  const problems: string[] = [];
  for (const id of Object.keys(english)) if (!(id in translated)) problems.push(`${id}: missing`);
  for (const id of Object.keys(translated)) if (!(id in english)) problems.push(`${id}: not in English (remove it)`);
  for (const [id, source] of Object.entries(translated)) {
    if (!(id in english)) continue;
    let elements: MessageFormatElement[];
    try {
      elements = parse(source);
    } catch (error) {
      problems.push(`${id}: does not parse: ${(error as Error).message}`);
      continue;
    }
    const mine = [...argumentsOf(elements)].sort().join(',');
    const theirs = [...argumentsOf(parse(english[id]!))].sort().join(',');
    if (mine !== theirs) problems.push(`${id}: placeholders {${mine}} but English has {${theirs}}`);
    for (const p of pluralProblems(elements)) problems.push(`${id}: ${p}`);
    if (locale !== 'en' && source === english[id] && /\s/.test(source) && /[a-z]{4}/.test(source)) {
      console.log(`${area}: warning ${id}: identical to English`);
      warnings += 1;
    }
  }
  errors += problems.length;
  console.log(`${area}: ${Object.keys(english).length} messages, ${problems.length} problems`);
  for (const p of problems) console.log(`  ${p}`);
}
console.log(`${locale}: ${errors} problems, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
