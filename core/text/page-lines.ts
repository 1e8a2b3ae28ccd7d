/**
 * Text laid out on pages (a PDF's text layer, or the words an OCR found on a scan) as the lines the plan
 * importer reads: pieces on one baseline make a line, a two-column header (issuer left, national motto
 * right) is written column by column, a paragraph's wrapped lines are joined where the layout shows
 * it, a table is written as pipe rows (`page-tables.ts`), and page numbers and running heads are dropped.
 */

import { findTables, type PageTable, pipeRow, type Row, type Segment, segmentsOf } from './page-tables.ts';

/** One run of text: x from the page's left, y the baseline from the page's top, in any one unit. */
export interface PagePiece {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size, or the line's height for OCR words. */
  size: number;
}

export interface LaidOutPage {
  width: number;
  height: number;
  pieces: PagePiece[];
}

/** A page with fewer letters than this carries no text layer worth reading (a scan, a stamp, a page number). */
export const MIN_LETTERS_PER_PAGE = 40;

const LETTER = /\p{L}/gu;
const letterCount = (page: LaidOutPage) =>
  page.pieces.reduce((sum, piece) => sum + (piece.text.match(LETTER)?.length ?? 0), 0);

/** Whether most pages carry text: otherwise the document is a scan to recognise. */
export function hasTextLayer(pages: LaidOutPage[]): boolean {
  if (pages.length === 0) return false;
  const texted = pages.filter((page) => letterCount(page) >= MIN_LETTERS_PER_PAGE).length;
  return texted * 2 > pages.length;
}

/** A gap wider than this many font sizes separates columns. */
const COLUMN_GAP = 2.5;

function rowsOf(page: LaidOutPage): Row[] {
  const pieces = page.pieces
    .filter((piece) => piece.text.trim() !== '' && piece.size > 0)
    .sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: { y: number; size: number; pieces: PagePiece[] }[] = [];
  for (const piece of pieces) {
    const row = rows.find(
      (candidate) => Math.abs(candidate.y - piece.y) <= 0.4 * Math.max(candidate.size, piece.size),
    );
    if (row) {
      row.pieces.push(piece);
      row.size = Math.max(row.size, piece.size);
    } else rows.push({ y: piece.y, size: piece.size, pieces: [piece] });
  }
  return rows
    .sort((a, b) => a.y - b.y)
    .map((row) => {
      const sorted = row.pieces.sort((a, b) => a.x - b.x);
      return { ...row, pieces: sorted, segments: segmentsOf(sorted, row.size, COLUMN_GAP) };
    });
}

const PAGE_NUMBER = /^[-–—\s]*(?:trang|page)?\s*\d{1,4}(?:\s*(?:\/|of|trên)\s*\d{1,4})?[-–—\s]*$/i;
const furnitureKey = (row: Row) =>
  row.segments
    .map((segment) => segment.text)
    .join(' ')
    .replace(/\d+/g, '#')
    .toLowerCase();

/**
 * Page furniture: a page number at the top or bottom of a page, or a short line standing first or last on
 * at least three pages (running head or foot, the page number inside it counted as the same).
 */
function dropFurniture(pages: Row[][], tableRows: Set<Row>): Row[][] {
  const edges = new Map<string, number>();
  for (const rows of pages)
    for (const row of new Set([rows[0], rows.at(-1)]))
      if (row) edges.set(furnitureKey(row), (edges.get(furnitureKey(row)) ?? 0) + 1);
  const repeated = (row: Row) => {
    const key = furnitureKey(row);
    return key.length < 100 && (edges.get(key) ?? 0) >= Math.min(3, Math.max(2, pages.length));
  };
  return pages.map((rows) =>
    rows.filter((row, index) => {
      const atEdge = index === 0 || index === rows.length - 1;
      // A table's header repeated atop each page is not a running head.
      if (!atEdge || tableRows.has(row)) return true;
      const text = row.segments.map((segment) => segment.text).join(' ');
      return !PAGE_NUMBER.test(text) && !(pages.length > 1 && repeated(row));
    }),
  );
}

const MARKER = /^(?:[IVXLC]+[.\-–]|\d+(?:\.\d+)*[.)/-]|[a-zđ][).]|[-+•*–])\s/i;
const ENDS_SENTENCE = /[.;:!?…]["”)]?$/;

/**
 * The lines of one page's rows. Rows where a column starts right of the page's middle (the header's motto
 * and place-date, the signature's title beside "Nơi nhận") are a two-column block, written left column
 * first then the right one; a row that runs to the text's right edge followed by one starting at the
 * left edge, unmarked, is a wrapped paragraph and is joined; a wider gap than usual between rows is a
 * paragraph break, written as a blank line.
 */
function pageLines(rows: Row[], page: LaidOutPage, tables: PageTable[]): string[] {
  const tableAt = new Map(tables.map((table) => [table.rows[0] as Row, table]));
  const inTable = new Set(tables.flatMap((table) => table.rows));
  // The right column starts right of the middle and is not centred on the page (a centred title is not a column).
  const isRight = (segment: Segment) =>
    segment.left >= page.width * 0.45 && segment.left + segment.right >= page.width * 1.1;
  const rowKind = (row: Row) => {
    if (row.segments.some(isRight)) return 'columns';
    const last = row.segments.at(-1);
    return last && last.right < page.width * 0.5 ? 'narrow' : 'full';
  };
  // The body's left edge: where full-width rows start (a first-line indent or a centred title starts further in).
  const fullRows = rows.filter((row) => rowKind(row) === 'full');
  const textLeft = Math.min(...fullRows.map((row) => row.segments[0]?.left ?? Number.POSITIVE_INFINITY));
  const textRight = Math.max(...rows.map((row) => row.segments.at(-1)?.right ?? 0));
  // The spacing of the text outside tables.
  const spacings = rows.flatMap((row, index) => {
    const above = rows[index - 1];
    return above && !inTable.has(row) && !inTable.has(above) ? [row.y - above.y] : [];
  });
  // The paragraph's own line spacing: the low fifth of the distances between rows (where most paragraphs
  // are one line, the median is the spacing between paragraphs).
  const usual = [...spacings].sort((a, b) => a - b)[Math.floor((spacings.length - 1) / 5)] ?? 0;
  /** The row's first word would have fitted at the end of the row above: so the row above ended a paragraph. */
  const firstWordFits = (above: Row, row: Row) => {
    const first = row.segments[0];
    const end = above.segments.at(-1);
    if (!first || !end) return true;
    const word = first.text.split(' ')[0] ?? '';
    const wordWidth = ((first.right - first.left) * (word.length + 1)) / Math.max(1, first.text.length);
    return end.right + wordWidth < textRight - 0.5 * row.size;
  };

  const lines: string[] = [];
  let index = 0;
  while (index < rows.length) {
    const row = rows[index] as Row;
    const before = index > 0 ? row.y - (rows[index - 1] as Row).y : 0;
    if (index > 0 && usual && before > usual * 1.25 && lines.at(-1) !== '') lines.push('');
    const table = tableAt.get(row);
    if (table) {
      lines.push(...table.lines);
      index += table.rows.length;
      continue;
    }
    if (rowKind(row) === 'columns') {
      // The block runs to the last row with a right column before a full-width row.
      let end = index + 1;
      for (
        let next = index + 1;
        next < rows.length && rowKind(rows[next] as Row) !== 'full' && !inTable.has(rows[next] as Row);
        next++
      )
        if (rowKind(rows[next] as Row) === 'columns') end = next + 1;
      const block = rows.slice(index, end);
      const left = block.flatMap((entry) => entry.segments.filter((segment) => !isRight(segment)));
      const right = block.flatMap((entry) => entry.segments.filter(isRight));
      lines.push(...left.map((segment) => segment.text), '', ...right.map((segment) => segment.text), '');
      index = end;
      continue;
    }
    const text = row.segments.map((segment) => segment.text).join(' ');
    const previous = rows[index - 1];
    const joins =
      previous !== undefined &&
      !inTable.has(previous) &&
      lines.length > 0 &&
      lines.at(-1) !== '' &&
      before <= usual * 1.15 &&
      rowKind(previous) === 'full' &&
      !firstWordFits(previous, row) &&
      Math.abs((row.segments[0]?.left ?? 0) - textLeft) <= 0.5 * row.size &&
      !MARKER.test(text) &&
      !ENDS_SENTENCE.test(lines.at(-1) ?? '');
    if (joins) lines[lines.length - 1] += ` ${text}`;
    else lines.push(text);
    index += 1;
  }
  return lines;
}

const rowText = (row: Row) => row.segments.map((segment) => segment.text).join(' ');
const cellsOf = (line: string) => (line.startsWith('| ') ? line.slice(2, -2).split(' | ') : null);

/**
 * A table running on from the page before: its header repeated atop the page is dropped, and a row
 * broken by the page (the rest of its cells, the number column empty) is joined to its first part.
 */
function continueTable(lines: string[], next: string[]): string[] {
  const last = cellsOf(lines.at(-1) ?? '');
  if (!last || cellsOf(next[0] ?? '')?.length !== last.length) return next;
  let first = lines.length - 1;
  while (first > 0 && cellsOf(lines[first - 1] ?? '')) first -= 1;
  const rest = next[0] === lines[first] ? next.slice(1) : next;
  const broken = cellsOf(rest[0] ?? '');
  if (broken?.length !== last.length || broken[0] !== '') return rest;
  lines[lines.length - 1] = pipeRow(last.map((cell, at) => `${cell} ${broken[at] ?? ''}`.trim()));
  return rest.slice(1);
}

/** The document's text, page after page (a page break is a line break: the importer joins a sentence split by it). */
export function pagesToText(pages: LaidOutPage[]): string {
  const pageRows = pages.map(rowsOf);
  // Tables are found before page numbers go, on the rows less the page number at either edge.
  const tables = pageRows.map((rows) =>
    findTables(
      rows.filter(
        (row, index) => !((index === 0 || index === rows.length - 1) && PAGE_NUMBER.test(rowText(row))),
      ),
    ),
  );
  const rows = dropFurniture(pageRows, new Set(tables.flat().flatMap((table) => table.rows)));
  const lines: string[] = [];
  rows.forEach((pageRows, index) => {
    const own = pageLines(pageRows, pages[index] as LaidOutPage, tables[index] ?? []);
    lines.push(...continueTable(lines, own));
  });
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
