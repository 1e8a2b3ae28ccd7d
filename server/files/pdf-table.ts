import { rgb } from 'pdf-lib';
import type { TableSpec } from './document-spec.ts';
import type { Flow } from './pdf-document.ts';
import { type Align, breakLines, drawLine, LINE, type Line, wordsOf } from './pdf-typeset.ts';

/**
 * A bordered table as docx-table.ts makes it: 12 pt, the header row bold and centred and repeated atop
 * each page the table runs onto, figures right-aligned, a total row in bold, cells wrapped. Cells start
 * at the row's top (the .docx centres them): a row's cells then share their first baseline, which is how
 * readers of the text layer, the importer's among them, tell a table's rows apart. A row taller than a
 * page goes on over the page break.
 */
const SIZE = 12;
const LEADING = SIZE * LINE;
/** The .docx's cell margins: 40 twips above and below, 80 left and right. */
const PAD = { x: 4, y: 2 };
const BORDER = 0.5;

interface Cell {
  lines: Line[];
  align: Align;
  bold: boolean;
}

function cellsOf(flow: Flow, texts: string[], widths: number[], style: (at: number) => Omit<Cell, 'lines'>) {
  return texts.map((text, at) => {
    const { align, bold } = style(at);
    const width = (widths[at] ?? 0) - 2 * PAD.x;
    // A cell's typed lines stay lines.
    const lines = text
      .split('\n')
      .flatMap((part) => breakLines(wordsOf([{ text: part, size: SIZE, bold }], flow.fonts), () => width));
    return { lines, align, bold };
  });
}

function borders(flow: Flow, x: number, widths: number[], top: number, height: number) {
  const black = rgb(0, 0, 0);
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    flow.page.drawLine({
      start: { x: x1, y: flow.height - y1 },
      end: { x: x2, y: flow.height - y2 },
      thickness: BORDER,
      color: black,
    });
  const right = x + widths.reduce((sum, width) => sum + width, 0);
  line(x, top, right, top);
  line(x, top + height, right, top + height);
  let edge = x;
  line(edge, top, edge, top + height);
  for (const width of widths) {
    edge += width;
    line(edge, top, edge, top + height);
  }
}

/** Draws a row from `flow.y`, going on to new pages (with `header` first) while its lines do not fit. */
function drawRow(flow: Flow, cells: Cell[], widths: number[], header: Cell[] | null) {
  const linesOf = (cell: Cell) => Math.max(1, cell.lines.length);
  const full = Math.max(...cells.map(linesOf));
  let from = 0;
  // A row that does not fit goes to a new page; one that does not fit there either is split.
  let moved = false;
  let fresh = false;
  while (from < full) {
    const room = Math.floor((flow.bottom - flow.y - 2 * PAD.y) / LEADING);
    const fits = room >= full - from || (room >= 1 && (from > 0 || moved));
    if (!fits && !fresh) {
      flow.newPage();
      if (header) drawRow(flow, header, widths, null);
      moved = true;
      fresh = true;
      continue;
    }
    fresh = false;
    const count = Math.max(1, Math.min(room, full - from));
    const height = count * LEADING + 2 * PAD.y;
    let x = flow.left;
    cells.forEach((cell, at) => {
      const width = widths[at] ?? 0;
      const part = cell.lines.slice(from, from + count);
      part.forEach((line, index) => {
        drawLine(flow.page, line, {
          x: x + PAD.x,
          baseline: flow.baseline(flow.y + PAD.y + index * LEADING, SIZE),
          width: width - 2 * PAD.x,
          align: cell.align,
          last: true,
        });
      });
      x += width;
    });
    borders(flow, flow.left, widths, flow.y, height);
    flow.y += height;
    from += count;
  }
}

export function pdfTable(flow: Flow, spec: TableSpec) {
  const columns = spec.headers.length;
  const shares = spec.widths ?? Array.from({ length: columns }, () => 1);
  const total = shares.reduce((sum, share) => sum + share, 0);
  const widths = shares.map((share) => (flow.width * share) / total);
  const header = cellsOf(flow, spec.headers, widths, () => ({ align: 'center', bold: true }));
  const headerHeight = Math.max(...header.map((cell) => cell.lines.length)) * LEADING + 2 * PAD.y;
  // The header never stands alone at a page's foot.
  flow.ensure(headerHeight + LEADING + 2 * PAD.y);
  drawRow(flow, header, widths, null);
  spec.rows.forEach((row, index) => {
    const bold = spec.totalRow === true && index === spec.rows.length - 1;
    const cells = cellsOf(flow, row, widths, (at) => ({
      align: spec.numeric?.[at] ? 'right' : 'left',
      bold,
    }));
    drawRow(flow, cells, widths, header);
  });
}
