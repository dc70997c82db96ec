import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { BOX, type Block, type DocumentContent, type FieldRow, type FormChoice, type FormText } from '../content.js';
import { fontFaceCss } from './fonts.js';
import { PRINT_CSS } from './print-css.js';

/**
 * The print view of a document: a complete HTML page, a pure function of its content model,
 * that Chromium prints to PDF (pdf.ts) and that scripts/document-images.ts screenshots. Real
 * headings, lists and tables (with captions and header cells) become the tags of the tagged PDF;
 * `lang` and `dir` come from the content, so Arabic prints right-to-left. preact escapes every
 * text, so the data (subjects, comments typed by a State) stays text.
 */

function Lines({ row }: { row: FieldRow }): VNode {
  if (row.bulleted) return <ul>{row.lines.map((line) => <li>{line}</li>)}</ul>;
  return <>{row.lines.map((line) => <p class={row.code ? 'code' : undefined}>{line === '' ? '\u00A0' : line}</p>)}</>;
}

function Fields({ rows }: { rows: readonly FieldRow[] }): VNode {
  return (
    <table class="fields">
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">{row.label}</th>
            <td>
              <Lines row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Box({ checked, option }: { checked: boolean; option: boolean }): VNode {
  const symbol = option ? (checked ? BOX.optionChecked : BOX.optionUnchecked) : checked ? BOX.checked : BOX.unchecked;
  return <span class="box">{symbol}</span>;
}

function Choice({ choice }: { choice: FormChoice }): VNode {
  return (
    <>
      <p class="choice">
        <Box checked={choice.checked} option={false} />
        {choice.text}
      </p>
      {(choice.options ?? []).map((option) => (
        <p class="option">
          <Box checked={option.checked} option={true} />
          {option.text}
        </p>
      ))}
    </>
  );
}

function FormRow({ text }: { text: FormText }): VNode {
  return (
    <tr>
      <th scope="row">{text.label}</th>
      <td>
        {text.choices.map((choice) => (
          <Choice choice={choice} />
        ))}
        {text.details.map((detail) => (
          <p class="detail">
            <strong>{detail.label}</strong> {detail.text}
          </p>
        ))}
      </td>
    </tr>
  );
}

function BlockView({ block }: { block: Block }): VNode {
  switch (block.type) {
    case 'letterhead':
      return (
        <header class="letterhead">
          {block.lines.map((line) => (
            <p>{line}</p>
          ))}
        </header>
      );
    case 'mark':
      return <p class="mark">{block.text}</p>;
    case 'heading': {
      const className = [block.newPage ? 'new-page' : '', block.centred ? 'centred' : ''].filter(Boolean).join(' ') || undefined;
      if (block.level === 1) return <h1 class={className}>{block.text}</h1>;
      if (block.level === 2) return <h2 class={className}>{block.text}</h2>;
      return <h3 class={className}>{block.text}</h3>;
    }
    case 'paragraph':
      if (block.number !== undefined) {
        return (
          <div class="numbered">
            <span class="num">{block.number}</span>
            <p>{block.text}</p>
          </div>
        );
      }
      return <p class={block.variant}>{block.text}</p>;
    case 'bullets':
      return (
        <ul>
          {block.items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      );
    case 'fields':
      return <Fields rows={block.rows} />;
    case 'table':
      return (
        <table class="data">
          <caption>{block.caption}</caption>
          <thead>
            <tr>
              {block.headers.map((header) => (
                <th scope="col">{header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {block.rows.map((row) => (
              <tr>
                {row.map((cell, index) => (
                  <td class={block.numeric?.[index] ? 'num' : undefined}>{cell}</td>
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
              <td>{block.corner}</td>
              <th scope="col">{block.header}</th>
            </tr>
          </thead>
          <tbody>
            {block.texts.map((text) => (
              <FormRow text={text} />
            ))}
          </tbody>
        </table>
      );
    case 'signature':
      return (
        <div class="signature">
          {block.lines.map((line, index) => (
            <p>{index === 0 ? <strong>{line}</strong> : line}</p>
          ))}
        </div>
      );
  }
}

/** Every character the print view draws: the content's words, and the box symbols it adds. */
function printedText(content: DocumentContent): string {
  return `${content.title} ${JSON.stringify(content.blocks)} ${Object.values(BOX).join('')}`;
}

/** The print view of a document, as a preact tree. */
export function DocumentPrintView({ content }: { content: DocumentContent }): VNode {
  const children: ComponentChildren = content.blocks.map((block) => <BlockView block={block} />);
  return (
    <html lang={content.lang} dir={content.dir}>
      <head>
        <meta charset="utf-8" />
        <title>{content.title}</title>
        <style dangerouslySetInnerHTML={{ __html: `${fontFaceCss(printedText(content))}\n${PRINT_CSS}` }} />
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
