import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { bidiSegments, placement } from '../bidi.js';
import {
  BOX,
  CLOSING_RULE,
  textOf,
  type Block,
  type DocumentContent,
  type FieldRow,
  type FormChoice,
  type FormText,
  type Link,
  linkPieces,
  type Marks,
  type PagePart,
  pagePartsText,
  type Text,
} from '../content.js';
import { fontFaceCss } from './fonts.js';
import { PRINT_CSS } from './print-css.js';
import { fieldHref, pdfFormOf } from '../pdf-form.js';
import { boxTag, fieldTag } from '../form-identity.js';

/**
 * The print view of a document: a complete HTML page, a pure function of its content model,
 * that Chromium prints to PDF (pdf.ts) and that scripts/document-images.ts screenshots. Real
 * headings, lists and tables (with captions and header cells) become the tags of the tagged PDF;
 * `lang` and `dir` come from the content, so Arabic prints right-to-left; in right-to-left text
 * every left-to-right snippet (designation, reference, code, hash, figure) is a `<bdi dir="ltr">`
 * (bidi.ts), and a field in another language carries its own `lang` and `dir`. preact escapes
 * every text, so the data (subjects, comments typed by a State) stays text. Bold words are spans
 * with a class, not `<strong>`: Chromium tags `<strong>` as the PDF 2.0 structure type Strong,
 * which a PDF 1.4 file (what Chromium writes) cannot hold, and readers such as Poppler report it.
 */

/** The document's language and direction, which every element inherits unless marked otherwise. */
interface Doc {
  readonly lang: string;
  readonly dir: 'ltr' | 'rtl';
  /** The document is a blank form whose PDF is made fillable: its boxes and fields link to their names (pdf-form.ts). */
  readonly fillable: boolean;
}

/**
 * A text with its non-breaking hyphens (U+2011, as ITU writes "ITU‑T") drawn as hyphens: none of
 * the embedded fonts has a glyph for U+2011, so Chromium would take Noto Sans SC's, a low dash
 * ("ITU_T"). The word holding one is kept on one line instead, with an ordinary hyphen.
 */
function Hyphens({ text }: { text: string }): VNode {
  if (!text.includes('\u2011')) return <>{text}</>;
  return (
    <>
      {text
        .split(/(\S*\u2011\S*)/u)
        .map((part, index) => (index % 2 === 1 ? <span class="nowrap">{part.replace(/\u2011/gu, '-')}</span> : part))}
    </>
  );
}

/**
 * A text's words in a paragraph of direction `dir`: left-to-right snippets of right-to-left text
 * isolated; web and e-mail addresses, and the stretches `links` names, as links (Chromium makes
 * them link annotations of the PDF).
 */
function Words({ text, dir, links }: { text: string; dir: 'ltr' | 'rtl'; links?: readonly Link[] | undefined }): VNode {
  return <Linked text={text} links={links} render={(words) => <Plain text={words} dir={dir} />} />;
}

/** A text as its pieces (linkPieces), each drawn by `render`, the linked ones inside an `<a>`. */
function Linked({
  text,
  links,
  render,
}: {
  text: string;
  links: readonly Link[] | undefined;
  render: (words: string) => VNode;
}): VNode {
  return (
    <>
      {linkPieces(text, links).map((piece) =>
        piece.href === null ? render(piece.text) : <a href={piece.href}>{render(piece.text)}</a>,
      )}
    </>
  );
}

/** Words without links: left-to-right snippets of right-to-left text isolated. */
function Plain({ text, dir }: { text: string; dir: 'ltr' | 'rtl' }): VNode {
  return (
    <>
      {bidiSegments(text, dir).map((segment) =>
        segment.ltr ? (
          <bdi dir="ltr">
            <Hyphens text={segment.text} />
          </bdi>
        ) : (
          <Hyphens text={segment.text} />
        ),
      )}
    </>
  );
}

/** Characters the Arabic face draws (letters, Arabic punctuation, spaces, joiners: fonts.ts gives it the spaces). */
const ARABIC_FACE =
  '\\u0600-\\u06FF\\u0750-\\u077F\\u0870-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF\\u200C-\\u200E\\u0020\\u00A0';
/** A text as stretches drawn from the Arabic face and stretches drawn from others. */
const FACE_PIECES = new RegExp(`[${ARABIC_FACE}]+|[^${ARABIC_FACE}]+`, 'gu');
const OF_ARABIC_FACE = new RegExp(`^[${ARABIC_FACE}]`, 'u');

/**
 * A heading's words in a paragraph of direction `dir`. Chromium names the PDF's bookmarks after
 * the headings, joining each text node's pieces (one per font face) in visual order: in Arabic, a
 * bracket or colon drawn from the Latin face would change places with the words around it. Each
 * stretch of right-to-left text drawn from another face than the Arabic one is therefore a span
 * of its own, so every text node is one piece and the bookmark reads in logical order.
 */
function HeadingWords({
  text,
  dir,
  links,
}: {
  text: string;
  dir: 'ltr' | 'rtl';
  links?: readonly Link[] | undefined;
}): VNode {
  if (dir === 'ltr') return <Words text={text} dir={dir} links={links} />;
  return <Linked text={text} links={links} render={(words) => <HeadingPiece text={words} dir={dir} />} />;
}

/** A right-to-left heading's stretch of words, each text node drawn from one face. */
function HeadingPiece({ text, dir }: { text: string; dir: 'ltr' | 'rtl' }): VNode {
  return (
    <>
      {bidiSegments(text, dir).map((segment) => {
        if (segment.ltr) {
          return (
            <bdi dir="ltr">
              <Hyphens text={segment.text} />
            </bdi>
          );
        }
        return (segment.text.match(FACE_PIECES) ?? []).map((piece) =>
          OF_ARABIC_FACE.test(piece) ? piece : <span>{piece}</span>,
        );
      })}
    </>
  );
}

/** The `lang` and `dir` attributes of an element holding `text` with `marks`: only where they differ from the document's. */
function marked(
  doc: Doc,
  text: string,
  marks: Marks = {},
): { attributes: { lang?: string; dir?: 'ltr' | 'rtl' }; dir: 'ltr' | 'rtl' } {
  const where = placement(doc, text, marks);
  return {
    attributes: {
      ...(where.lang !== null && where.lang !== doc.lang && { lang: where.lang }),
      ...(where.dir !== doc.dir && { dir: where.dir }),
    },
    dir: where.dir,
  };
}

/** Words with marks inside a paragraph of the document's direction: another direction's words isolated as a whole. */
function Inline({ doc, text }: { doc: Doc; text: Text }): VNode {
  const words = textOf(text);
  const field = typeof text === 'string' ? undefined : text.field;
  const at = field === undefined ? -1 : words.indexOf(field.placeholder);
  if (doc.fillable && field !== undefined && at >= 0) {
    // A field to fill in: its placeholder links to the field's name, which the PDF makes a text field of.
    const before = words.slice(0, at);
    const after = words.slice(at + field.placeholder.length);
    return (
      <>
        {before !== '' && <Words text={before} dir={doc.dir} />}
        <a class="fill field" href={fieldHref(fieldTag(field.key))}>
          <Words text={field.placeholder} dir={doc.dir} />
        </a>
        {after !== '' && <Words text={after} dir={doc.dir} />}
      </>
    );
  }
  const { attributes, dir } = marked(doc, words, typeof text === 'string' ? {} : text);
  if (Object.keys(attributes).length === 0) return <Words text={words} dir={dir} />;
  if (attributes.dir === undefined) {
    return (
      <span lang={attributes.lang}>
        <Words text={words} dir={dir} />
      </span>
    );
  }
  return (
    <bdi {...attributes}>
      <Words text={words} dir={dir} />
    </bdi>
  );
}

/**
 * A line of a table or a signature as a paragraph (or a list item) of the document's direction,
 * so the lines of a block stay aligned; a line in another language or typed by a person is
 * isolated inside it with its own `lang` and `dir`.
 */
function Line({
  doc,
  text,
  as: Tag = 'p',
  class: className,
}: {
  doc: Doc;
  text: Text;
  as?: 'p' | 'li';
  class?: string | undefined;
}): VNode {
  return <Tag class={className}>{textOf(text) === '' ? '\u00A0' : <Inline doc={doc} text={text} />}</Tag>;
}

function Lines({ doc, row }: { doc: Doc; row: FieldRow }): VNode {
  if (row.bulleted)
    return (
      <ul>
        {row.lines.map((line) => (
          <Line doc={doc} text={line} as="li" />
        ))}
      </ul>
    );
  return (
    <>
      {row.lines.map((line) => (
        <Line doc={doc} text={line} class={row.code ? 'code' : undefined} />
      ))}
    </>
  );
}

function Fields({ doc, rows }: { doc: Doc; rows: readonly FieldRow[] }): VNode {
  return (
    <table class="fields">
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">
              <Words text={row.label} dir={doc.dir} />
            </th>
            <td>
              <Lines doc={doc} row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Box({ doc, checked, option, name }: { doc: Doc; checked: boolean; option: boolean; name: string }): VNode {
  const symbol = option ? (checked ? BOX.optionChecked : BOX.optionUnchecked) : checked ? BOX.checked : BOX.unchecked;
  const box = <span class="box">{symbol}</span>;
  return doc.fillable ? (
    <a class="fill" href={fieldHref(name)}>
      {box}
    </a>
  ) : (
    box
  );
}

function Choice({ doc, textId, choice }: { doc: Doc; textId: string; choice: FormChoice }): VNode {
  return (
    <>
      <p class="choice">
        <Box doc={doc} checked={choice.checked} option={false} name={boxTag(textId, choice.id)} />
        <Words text={choice.text} dir={doc.dir} />
      </p>
      {(choice.options ?? []).map((option) => (
        <p class="option">
          <Box doc={doc} checked={option.checked} option={true} name={boxTag(textId, choice.id, option.id)} />
          <Words text={option.text} dir={doc.dir} />
        </p>
      ))}
    </>
  );
}

function Detail({ doc, label, text }: { doc: Doc; label: string; text: Text }): VNode {
  return (
    <p class="detail">
      <span class="strong">
        <Words text={label} dir={doc.dir} />
      </span>{' '}
      <Inline doc={doc} text={text} />
    </p>
  );
}

function FormRow({ doc, text }: { doc: Doc; text: FormText }): VNode {
  // A filled row (comments, reasons) may be long: it may break across pages rather than leave a page half blank.
  return (
    <tr class={text.details.length > 0 ? 'filled' : undefined}>
      <th scope="row">
        <Words text={text.label} dir={doc.dir} />
      </th>
      <td>
        {text.choices.map((choice) => (
          <Choice doc={doc} textId={text.id} choice={choice} />
        ))}
        {text.details.map((detail) => (
          <Detail doc={doc} label={detail.label} text={detail.text} />
        ))}
      </td>
    </tr>
  );
}

function BlockView({ doc, block }: { doc: Doc; block: Block }): VNode {
  const words = (text: string) => <Words text={text} dir={doc.dir} />;
  switch (block.type) {
    case 'letterhead':
      return (
        <header class="letterhead">
          {block.lines.map((line) => (
            <p>{words(line)}</p>
          ))}
        </header>
      );
    case 'mark':
      return <p class="mark">{words(block.text)}</p>;
    case 'heading': {
      const className =
        [block.newPage ? 'new-page' : '', block.centred ? 'centred' : ''].filter(Boolean).join(' ') || undefined;
      const heading = <HeadingWords text={block.text} dir={doc.dir} links={block.links} />;
      if (block.level === 1) return <h1 class={className}>{heading}</h1>;
      if (block.level === 2) return <h2 class={className}>{heading}</h2>;
      return <h3 class={className}>{heading}</h3>;
    }
    case 'paragraph': {
      const { attributes, dir } = marked(doc, block.text, block);
      if (block.number !== undefined) {
        return (
          <div class="numbered">
            <span class="num">{block.number}</span>
            <p {...attributes}>
              <Words text={block.text} dir={dir} />
            </p>
          </div>
        );
      }
      return (
        <p class={block.variant} {...attributes}>
          <Words text={block.text} dir={dir} />
        </p>
      );
    }
    case 'bullets': {
      const { attributes, dir } = marked(doc, block.items.join(' '), block);
      return (
        <ul {...attributes}>
          {block.items.map((item) => (
            <li>
              <Words text={item} dir={dir} />
            </li>
          ))}
        </ul>
      );
    }
    case 'fields':
      return <Fields doc={doc} rows={block.rows} />;
    case 'table':
      return (
        <table class="data">
          <caption>{words(block.caption)}</caption>
          <thead>
            <tr>
              {block.headers.map((header) => (
                <th scope="col">{words(header)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row) => (
              <tr>
                {row.map((cell, index) => (
                  <td class={block.numeric?.[index] ? 'num' : undefined}>{words(cell)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'form':
      return (
        <table class="form">
          <thead>
            <tr>
              <td>{words(block.corner)}</td>
              <th scope="col">{words(block.header)}</th>
            </tr>
          </thead>
          <tbody>
            {block.texts.map((text) => (
              <FormRow doc={doc} text={text} />
            ))}
          </tbody>
        </table>
      );
    case 'closing-line':
      return <p class="closing-line">{CLOSING_RULE}</p>;
    case 'signature':
      return (
        <div class="signature">
          {block.lines.map((line, index) => (
            <p>
              {index === 0 ? (
                <span class="strong">
                  <Inline doc={doc} text={line} />
                </span>
              ) : (
                <Inline doc={doc} text={line} />
              )}
            </p>
          ))}
        </div>
      );
  }
}

/**
 * A CSS string of `text`: quotes and backslashes escaped, and every character that could end the
 * style element or a declaration (`<`, `>`, `&`, line breaks and other controls) as a hexadecimal
 * escape, so words from the data stay words.
 */
export function cssString(text: string): string {
  const escaped = [...text].map((char) => {
    const code = char.codePointAt(0)!;
    return code < 0x20 || code === 0x7f || '"\\<>&'.includes(char) ? `\\${code.toString(16)} ` : char;
  });
  return `"${escaped.join('')}"`;
}

/** The `content` of a page's place: its words as strings, its numbers as Chromium's page counters. */
function pageOfCss(parts: readonly PagePart[]): string {
  return parts.map((part) => ('text' in part ? cssString(part.text) : `counter(${part.count})`)).join(' ');
}

/**
 * The page furniture as page margin boxes: the running header (reference at the start of the
 * line, the page's place at its end: left and right swap in a right-to-left document) on every
 * page after the first, the footer on the first page only. Chromium marks margin boxes as
 * artifacts of the tagged PDF, so a screen reader reads the text once.
 */
function pageCss(content: DocumentContent): string {
  const { runningHeader, firstPageFooter } = content.pages;
  const [start, end] = content.dir === 'rtl' ? ['right', 'left'] : ['left', 'right'];
  const box = `direction: ${content.dir}; font-size: 8pt; vertical-align: bottom; padding-block-end: 4mm;`;
  return [
    '@page {',
    `  @top-${start} { content: ${cssString(runningHeader.reference)}; ${box} text-align: ${start}; }`,
    `  @top-${end} { content: ${pageOfCss(runningHeader.pageOf)}; ${box} text-align: ${end}; white-space: nowrap; }`,
    '}',
    `@page :first { @top-${start} { content: none; } @top-${end} { content: none; }${
      firstPageFooter === null
        ? ''
        : ` @bottom-center { content: ${cssString(firstPageFooter)}; direction: ${content.dir}; font-size: 8pt; vertical-align: top; padding-block-start: 4mm; }`
    } }`,
  ].join('\n');
}

/** Every character the print view draws: the content's words, the page furniture's, and the box symbols and closing line it adds. */
function printedText(content: DocumentContent): string {
  const { runningHeader, firstPageFooter } = content.pages;
  const furniture = `${runningHeader.reference} ${pagePartsText(runningHeader.pageOf, 0, 0)}0123456789 ${firstPageFooter ?? ''}`;
  return `${content.title} ${furniture} ${JSON.stringify(content.blocks)} ${Object.values(BOX).join('')}${CLOSING_RULE}`;
}

/** The print view of a document, as a preact tree. */
export function DocumentPrintView({ content }: { content: DocumentContent }): VNode {
  const doc: Doc = { lang: content.lang, dir: content.dir, fillable: pdfFormOf(content) !== null };
  const children: ComponentChildren = content.blocks.map((block) => <BlockView doc={doc} block={block} />);
  return (
    <html lang={content.lang} dir={content.dir}>
      <head>
        <meta charset="utf-8" />
        <title>{content.title}</title>
        <style
          dangerouslySetInnerHTML={{
            __html: `${fontFaceCss(printedText(content))}\n${PRINT_CSS}\n${pageCss(content)}`,
          }}
        />
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}

/** The print view of a document as an HTML string, ready for Chromium. */
export function renderPrintHtml(content: DocumentContent): string {
  return `<!doctype html>${renderToString(<DocumentPrintView content={content} />)}`;
}
