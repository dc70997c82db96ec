import { referenceCircular79 } from './document-harness.js';

/**
 * The reference copy of TSB Circular 79 cut into the sections a reader goes through — header,
 * subject, letter, signature, Annex 1, Annex 2's header, its form, its closing — each a list of
 * the phrases it contains, so a generated circular can be checked section by section.
 *
 * The copy is a text export of the Word original: tab-separated table cells, "|_|" and "⃝" for
 * the boxes and circles, bookmarks and an image placeholder. Those are layout, not content, and
 * are dropped. A few phrases differ in the generated circular on purpose; each is listed in
 * DELIBERATE_DIFFERENCES with the reason.
 */

/** Labels of the header blocks and the form: layout, checked for presence, not position. */
export const LABELS = ['Ref:', 'To:', 'Copy to:', 'Tel:', 'Fax:', 'E-mail:', 'Subject:', 'From:', 'Date:'];

/** [reference phrase, generated phrase, why]. */
export const DELIBERATE_DIFFERENCES: readonly (readonly [string, string, string])[] = [
  [
    'at its next meeting in Korea,',
    'at its next meeting in Goyang, Korea,',
    'the meeting place is printed as the data names it (city and country)',
  ],
  [
    'Draft new Recommendation X.',
    'Draft new Recommendation ITU-T X.',
    'Annex 1 names every text as Annex 2 does, with "ITU-T"',
  ],
  ['), [R35]', ') [R35]', 'the stray comma of one Annex 1 heading of the original is not reproduced'],
  ['⃝', '○', 'the option circle is U+25CB (the original uses a combining enclosing circle over nothing)'],
];

/** Phrases of the original's page footer, printed once after the letter in the generated circular. */
export const FOOTER = ['International Telecommunication Union • Place des Nations • CH-1211 Geneva 20 • Switzerland'];

export interface ReferenceSection {
  readonly name: string;
  /** The phrase that opens the section (its first phrase). */
  readonly anchor: string;
  readonly phrases: readonly string[];
}

const ANCHORS: readonly [name: string, anchor: string][] = [
  ['header', 'INTERNATIONAL TELECOMMUNICATION UNION'],
  ['subject', 'Subject:'],
  ['letter', 'Dear Sir/Madam,'],
  ['signature', 'Yours faithfully,'],
  ['annex 1', 'Annex 1'],
  ['annex 2 header', 'Annex 2'],
  ['annex 2 form', 'Dear Sir/Madam,'],
  ['annex 2 closing', 'Yours faithfully,'],
];

/** The reference's phrases, in reading order, with layout dropped and the deliberate differences applied. */
export function referencePhrases(): string[] {
  const phrases: string[] = [];
  for (const raw of referenceCircular79().split(/\r?\n/)) {
    const line = raw.replace(/\[bookmark: [^\]]*\]/g, '').replace(/\[image: [^\]]*\]/g, '');
    for (let cell of line.split('\t')) {
      cell = cell.trim().replace(/^·\s*/, '').replace(/;$/, '');
      if (cell === '' || cell === '-' || cell === '|_|' || cell === '⃝' || /^_+$/.test(cell)) continue;
      for (const [from, to] of DELIBERATE_DIFFERENCES) cell = cell.split(from).join(to);
      phrases.push(cell);
    }
  }
  return phrases;
}

/** The reference cut into its sections (labels and the page footer left out: they are checked apart). */
export function referenceSections(): ReferenceSection[] {
  const phrases = referencePhrases();
  const sections: ReferenceSection[] = [];
  let from = 0;
  ANCHORS.forEach(([name, anchor], index) => {
    const start = phrases.indexOf(anchor, from);
    if (start < 0) throw new Error(`the reference has no "${anchor}" after phrase ${from}`);
    const next = ANCHORS[index + 1];
    const end = next ? phrases.indexOf(next[1], start + 1) : phrases.length;
    sections.push({
      name,
      anchor,
      phrases: phrases.slice(start, end).filter((p) => !LABELS.includes(p) && !p.includes('•')),
    });
    from = end;
  });
  return sections;
}
