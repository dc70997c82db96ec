import type { BenchResult } from './bench-result.js';
import { RESULTS_MAX_MS_AT_1E6 } from './targets.js';

/**
 * The growth chart: results computation time against counted positions, log-log, one line per
 * database, with the 1 s target and a slope-1 (linear) guide. Plain SVG with a <title> and
 * <desc> for screen readers and text labels in the chart itself, no script.
 */

const WIDTH = 860;
const HEIGHT = 440;
const PAD = { left: 80, right: 250, top: 50, bottom: 60 };
const COLOURS: Record<string, string> = { sqlite: '#1f5fa8', postgres: '#b3541e' };
const DASH: Record<string, string> = { sqlite: '', postgres: '6 4' };

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) out.push(10 ** e);
  return out;
}

function formatMs(ms: number): string {
  if (ms >= 1000) return `${ms / 1000} s`;
  return `${ms} ms`;
}

function formatSize(n: number): string {
  const e = Math.round(Math.log10(n));
  return 10 ** e === n ? `10^${e}` : String(n);
}

/** The SVG document for docs/benchmarks-growth.svg. */
export function renderGrowthSvg(result: Pick<BenchResult, 'growth' | 'startedAt'>): string {
  const series = result.growth.filter((g) => g.points.length > 0);
  const xs = series.flatMap((g) => g.points.map((p) => p.positions));
  const ys = series.flatMap((g) => g.points.map((p) => p.medianMs));
  const title = 'Results computation time against consultation size';
  if (xs.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="80" role="img" aria-labelledby="t"><title id="t">${title}: no data in this run</title><text x="10" y="40" font-family="sans-serif">No growth figures in this run.</text></svg>\n`;
  }
  const xTicks = decades(Math.min(...xs), Math.max(...xs));
  const yTicks = decades(Math.min(...ys, 1), Math.max(...ys, RESULTS_MAX_MS_AT_1E6));
  const [x0, x1] = [Math.log10(xTicks[0]!), Math.log10(xTicks.at(-1)!)];
  const [y0, y1] = [Math.log10(yTicks[0]!), Math.log10(yTicks.at(-1)!)];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (v: number) => PAD.left + ((Math.log10(v) - x0) / (x1 - x0 || 1)) * plotW;
  const py = (v: number) => PAD.top + plotH - ((Math.log10(v) - y0) / (y1 - y0 || 1)) * plotH;

  const parts: string[] = [];
  const desc = series
    .map(
      (g) =>
        `${g.database}: ${g.points.map((p) => `${formatSize(p.positions)} positions ${p.medianMs} ms`).join(', ')}; log-log slope ${g.slope}`,
    )
    .join('. ');
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="title desc" font-family="system-ui, sans-serif" font-size="12">`,
    `<title id="title">${escapeXml(title)}</title>`,
    `<desc id="desc">${escapeXml(`Log-log chart, median of warm runs, measured ${result.startedAt.slice(0, 10)}. ${desc}.`)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${PAD.left}" y="24" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
  );
  for (const t of xTicks) {
    parts.push(
      `<line x1="${px(t)}" y1="${PAD.top}" x2="${px(t)}" y2="${PAD.top + plotH}" stroke="#e3e3e3"/>`,
      `<text x="${px(t)}" y="${PAD.top + plotH + 18}" text-anchor="middle">${formatSize(t)}</text>`,
    );
  }
  for (const t of yTicks) {
    parts.push(
      `<line x1="${PAD.left}" y1="${py(t)}" x2="${PAD.left + plotW}" y2="${py(t)}" stroke="#e3e3e3"/>`,
      `<text x="${PAD.left - 8}" y="${py(t) + 4}" text-anchor="end">${formatMs(t)}</text>`,
    );
  }
  parts.push(
    `<rect x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    `<text x="${PAD.left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">counted per-text positions in the consultation (log scale)</text>`,
    `<text transform="translate(18 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">computeResults, median ms (log scale)</text>`,
  );
  // Labels in the right margin, each wanting to sit at the height of what it names; laid out
  // afterwards so that none overlaps another.
  const labels: { y: number; text: string; colour: string; bold: boolean }[] = [];
  // The 1 s target at 10^6 positions.
  const target = py(RESULTS_MAX_MS_AT_1E6);
  parts.push(
    `<line x1="${PAD.left}" y1="${target}" x2="${PAD.left + plotW}" y2="${target}" stroke="#2e7d32" stroke-dasharray="2 3"/>`,
  );
  labels.push({ y: target, text: 'target: 1 s', colour: '#2e7d32', bold: false });
  // A linear (slope 1) guide through the smallest point of the first series.
  const first = series[0]!.points[0]!;
  const maxX = xTicks.at(-1)!;
  const guideEnd = first.medianMs * (maxX / first.positions);
  parts.push(
    `<line x1="${px(first.positions)}" y1="${py(first.medianMs)}" x2="${px(maxX)}" y2="${py(Math.min(guideEnd, yTicks.at(-1)!))}" stroke="#999" stroke-dasharray="1 4"/>`,
  );
  labels.push({
    y: guideEnd <= yTicks.at(-1)! ? py(guideEnd) : PAD.top,
    text: `linear, from ${series[0]!.database}'s first point`,
    colour: '#777',
    bold: false,
  });

  series.forEach((g) => {
    const colour = COLOURS[g.database] ?? '#333';
    const points = g.points.map((p) => `${px(p.positions).toFixed(1)},${py(p.medianMs).toFixed(1)}`).join(' ');
    parts.push(
      `<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2" stroke-dasharray="${DASH[g.database] ?? ''}"/>`,
    );
    for (const p of g.points) {
      parts.push(
        `<circle cx="${px(p.positions).toFixed(1)}" cy="${py(p.medianMs).toFixed(1)}" r="4" fill="${colour}"><title>${g.database}: ${p.positions} positions, ${p.medianMs} ms</title></circle>`,
      );
    }
    const last = g.points.at(-1)!;
    labels.push({ y: py(last.medianMs), text: `${g.database} (slope ${g.slope})`, colour, bold: true });
  });
  labels.sort((a, b) => a.y - b.y);
  let floor = -Infinity;
  for (const label of labels) {
    const y = Math.max(label.y, floor + 15);
    floor = y;
    parts.push(
      `<text x="${PAD.left + plotW + 6}" y="${(y + 4).toFixed(1)}" fill="${label.colour}"${label.bold ? ' font-weight="600"' : ''}>${escapeXml(label.text)}</text>`,
    );
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}
