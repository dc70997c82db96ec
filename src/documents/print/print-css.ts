/**
 * The print views' stylesheet: A4 pages, the embedded Noto fonts only (no generic family, so no
 * system font can slip into a PDF), logical properties throughout (margin-inline-start, text-align:
 * start…) so a right-to-left document lays itself out from the right with no other rule. Arabic
 * and Chinese text, the document's or a field marked so, in its own font first: Noto Naskh Arabic,
 * Noto Sans SC; Noto Sans for the Latin and Cyrillic scripts — also for everything left to right
 * in an Arabic document (its `<bdi dir="ltr">` snippets, its English lines), so designations and
 * names look as in the other languages and take no Arabic-styled hyphen (Noto Naskh Arabic's own
 * U+2011, which its unicode range claims), at the other languages' size (Arabic is set at 11 pt
 * because Naskh is small on its body; Latin at 10 pt, as everywhere: 10/11 of the size around).
 */
export const PRINT_CSS = `
@page { size: A4; margin: 18mm 20mm 18mm 20mm; }
@page :first { margin-block-start: 12mm; }
html { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans SC'; font-size: 10pt; line-height: 1.3; color: #000; background: #fff; }
html:lang(ar) { font-size: 11pt; }
:lang(ar) { font-family: 'Noto Naskh Arabic', 'Noto Sans', 'Noto Sans SC'; }
:lang(zh) { font-family: 'Noto Sans SC', 'Noto Sans', 'Noto Naskh Arabic'; }
html:lang(ar) [dir="ltr"] { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans SC'; }
html:lang(ar) :not([dir="ltr"]) > [dir="ltr"] { font-size: 0.91em; }
body { margin: 0; }
h1, h2, h3 { break-after: avoid; line-height: 1.25; }
h1 { font-size: 14pt; margin-block: 10pt 6pt; }
h2 { font-size: 11.5pt; margin-block: 10pt 4pt; }
h3 { font-size: 10.5pt; margin-block: 8pt 3pt; }
.centred { text-align: center; }
.new-page { break-before: page; }
p { margin-block: 0 6pt; }
ul { margin-block: 0 6pt; padding-inline-start: 1.4em; }
.letterhead { text-align: center; font-weight: 700; margin-block-end: 10pt; }
.letterhead p { margin: 0; }
.mark { border: 1.5pt solid #000; background: #fff2cc; padding-block: 3pt; padding-inline: 8pt; font-weight: 700; text-align: center; margin-block-end: 8pt; }
.end { text-align: end; }
.note { margin-inline-start: 2em; }
.small { font-size: 8pt; }
.strong { font-weight: 700; }
.numbered { display: flex; margin-block: 0 6pt; }
.numbered .num { flex: 0 0 2em; }
.numbered p { margin: 0; flex: 1 1 auto; }
table { border-collapse: collapse; inline-size: 100%; margin-block: 0 8pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { text-align: start; vertical-align: top; }
table.fields th { font-weight: 700; inline-size: 24%; padding-block: 1pt; padding-inline: 0 8pt; }
table.fields td { padding-block: 1pt; }
table.fields td p { margin: 0; }
table.fields ul { margin: 0; padding-inline-start: 1em; list-style-type: '– '; }
table.data th, table.data td { border: 0.5pt solid #000; padding-block: 2pt; padding-inline: 4pt; font-size: 9pt; }
table.data thead th { background: #e7e7e7; }
table.data td.num { text-align: end; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: start; font-style: italic; font-size: 9pt; padding-block-end: 2pt; }
table.form th, table.form td { border: 0.5pt solid #000; padding-block: 4pt; padding-inline: 5pt; }
table.form tbody th { inline-size: 30%; }
table.form tr.filled { break-inside: auto; }
table.form td p { margin-block: 0 3pt; }
table.form .option { margin-inline-start: 1.8em; }
table.form .detail { margin-block-start: 5pt; }
.box { font-family: 'Noto Sans SC'; margin-inline-end: 0.35em; }
.code { font-size: 8pt; word-break: break-all; }
.nowrap { white-space: nowrap; }
.signature { margin-block: 20pt 10pt; }
a { color: #1f4e9a; text-decoration: underline; }
a.fill { color: inherit; text-decoration: none; }
a.fill.field { display: inline-block; min-inline-size: 55mm; }
.closing-line { text-align: center; margin-block: 12pt 0; break-before: avoid; }
.signature p { margin: 0; }
`;
