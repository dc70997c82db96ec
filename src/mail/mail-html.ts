/**
 * The HTML alternative of an e-mail, made from its plain text so that the two never say different
 * things: paragraphs where the text has blank lines, line breaks where it has line breaks, links
 * where it has web addresses, and the footer (after the "--" line) set apart and smaller. The
 * language and direction of the recipient's language (`dir="rtl"` for Arabic), a readable measure,
 * no images, no remote resources and no script: it reads the same in every mail client, on a slow
 * link too.
 */

const RTL = new Set(['ar']);

/** `&`, `<`, `>`, `"` and `'` as character references. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * One line with its web addresses as links. An address ends before whitespace and before a
 * closing punctuation mark that ends the sentence rather than the address.
 */
function linked(line: string): string {
  const parts: string[] = [];
  let rest = line;
  for (;;) {
    const match = /https?:\/\/[^\s<>"]+/.exec(rest);
    if (!match) break;
    let url = match[0];
    while (/[.,;:!?)\]»”’]$/.test(url)) url = url.slice(0, -1);
    parts.push(escapeHtml(rest.slice(0, match.index)));
    parts.push(`<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`);
    rest = rest.slice(match.index + url.length);
  }
  parts.push(escapeHtml(rest));
  return parts.join('');
}

/** Paragraphs of a block of text: blank lines apart, line breaks kept. */
function paragraphs(text: string, style: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/^\n+|\n+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '')
    .map((paragraph) => `<p style="${style}">${paragraph.split('\n').map(linked).join('<br>\n')}</p>`)
    .join('\n');
}

/** The whole HTML document of a mail whose plain text is `text`, in `language` (a BCP 47 tag). */
export function mailHtml(subject: string, text: string, language: string): string {
  const primary = (language.split('-')[0] ?? 'en').toLowerCase();
  const lang = /^[a-z]{2,3}$/.test(primary) ? primary : 'en';
  const dir = RTL.has(lang) ? 'rtl' : 'ltr';
  const separator = text.lastIndexOf('\n--\n');
  const body = separator === -1 ? text : text.slice(0, separator);
  const footer = separator === -1 ? '' : text.slice(separator + 4);
  const paragraph = 'margin:0 0 1em;';
  return [
    '<!doctype html>',
    `<html lang="${lang}" dir="${dir}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24;background:#ffffff;">`,
    `<div style="max-width:40em;">`,
    paragraphs(body, paragraph),
    footer.trim() === ''
      ? ''
      : `<hr style="border:0;border-top:1px solid #6b7280;margin:1.5em 0 1em;">\n${paragraphs(footer, `${paragraph}font-size:14px;color:#374151;`)}`,
    '</div>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}
