/**
 * An Atom feed (RFC 4287), written by hand: a handful of elements, and a library would bring more
 * than it saves. Text is escaped for XML and stripped of the characters XML 1.0 cannot hold.
 */

export interface AtomEntry {
  /** A permanent, unique IRI (§4.2.6): never changes for the entry. */
  readonly id: string;
  readonly title: string;
  /** When the entry last changed in a way its readers should know (§4.2.15), epoch ms. */
  readonly updated: number;
  readonly published?: number | undefined;
  readonly summary?: string | undefined;
  /** The page of the entry (rel="alternate"). */
  readonly link: string;
  /** The language of the entry's text where it differs from the feed's (xml:lang). */
  readonly lang?: string | undefined;
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  readonly lang: string;
  /** The feed's own address (rel="self"). */
  readonly self: string;
  /** The page the feed follows (rel="alternate"). */
  readonly link: string;
  readonly author: string;
  readonly entries: readonly AtomEntry[];
}

export const ATOM_MEDIA_TYPE = 'application/atom+xml; charset=utf-8';

/** Text as XML character data or an attribute value: escaped, with what XML 1.0 forbids left out. */
export function xmlEscape(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
  );
}

/** An instant as Atom's date construct (RFC 3339, UTC, to the second). */
function date(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The feed as XML; `updated` is its newest entry's (or the epoch for an empty feed). */
export function renderAtom(feed: AtomFeed): string {
  const updated = Math.max(0, ...feed.entries.map((e) => e.updated));
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlEscape(feed.lang)}">`,
    `  <id>${xmlEscape(feed.id)}</id>`,
    `  <title>${xmlEscape(feed.title)}</title>`,
    `  <updated>${date(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(feed.link)}"/>`,
    `  <author><name>${xmlEscape(feed.author)}</name></author>`,
  ];
  for (const entry of feed.entries) {
    lines.push(
      entry.lang === undefined ? '  <entry>' : `  <entry xml:lang="${xmlEscape(entry.lang)}">`,
      `    <id>${xmlEscape(entry.id)}</id>`,
      `    <title>${xmlEscape(entry.title)}</title>`,
      `    <updated>${date(entry.updated)}</updated>`,
      ...(entry.published === undefined ? [] : [`    <published>${date(entry.published)}</published>`]),
      `    <link rel="alternate" type="text/html" href="${xmlEscape(entry.link)}"/>`,
      ...(entry.summary === undefined ? [] : [`    <summary>${xmlEscape(entry.summary)}</summary>`]),
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
