/**
 * Tables on a page's text layer (a PDF's, or the words an OCR found): ruled lines are not in the text,
 * so a table is told by its gutters — vertical strips that no text crosses on consecutive rows, at least
 * two of them (three columns or more). A cell's wrapped lines are rows of their own on the page; they are
 * gathered back into the table's rows by the space between rows (a cell's padding) or, in a table
 * without padding, by the first column (a task's number starts a row).
 */
import type { PagePiece } from './page-lines.ts';

export interface Segment {
  text: string;
  left: number;
  right: number;
}

/** Pieces on one baseline; `segments` are its runs split at gaps wider than COLUMN_GAP font sizes. */
export interface Row {
  y: number;
  size: number;
  pieces: PagePiece[];
  segments: Segment[];
}

/** A gap wider than a fifth of a font size is a space between words. */
const SPACE_GAP = 0.2;

/** The runs of `pieces` (sorted by x) parted where the gap is wider than `gap` font sizes. */
export function segmentsOf(pieces: PagePiece[], size: number, gap: number): Segment[] {
  const segments: Segment[] = [];
  for (const piece of pieces) {
    const last = segments.at(-1);
    const space = last ? piece.x - last.right : 0;
    if (!last || space > gap * size) {
      segments.push({ text: piece.text, left: piece.x, right: piece.x + piece.width });
      continue;
    }
    const spaced = space > SPACE_GAP * piece.size && !/\s$/.test(last.text) && !/^\s/.test(piece.text);
    last.text += (spaced ? ' ' : '') + piece.text;
    last.right = Math.max(last.right, piece.x + piece.width);
  }
  for (const segment of segments) segment.text = segment.text.replace(/\s+/g, ' ').trim();
  return segments;
}

/** A table found on a page: its rows on the page, and its rows as pipe rows ("| STT | Nội dung | … |"). */
export interface PageTable {
  rows: Row[];
  lines: string[];
}

/**
 * Cells are parted by a gap of half a font size (Word's and LibreOffice's cell padding, both sides, is
 * near one font size; a justified line's widest spaces that line up with nothing on the next row end
 * nothing). A row further than ROW_REACH font sizes below the one above is past the table.
 */
const CELL_GAP = 0.5;
const ROW_REACH = 2.5;
/** A header's lines above its first full line are closer than a line and a half to each other. */
const HEADER_REACH = 1.4;
/** A gap between two rows this much wider than a cell's line spacing is the padding between table rows. */
const ROW_PADDING = 0.25;

interface Span {
  left: number;
  right: number;
}

/** The gutters still free beside `cells` (one may split in two where a column was empty); null when a cell crosses one. */
function narrow(gutters: Span[], cells: Segment[], size: number): Span[] | null {
  const free: Span[] = [];
  for (const gutter of gutters) {
    let parts = [gutter];
    for (const cell of cells)
      parts = parts.flatMap((part) =>
        cell.right <= part.left || cell.left >= part.right
          ? [part]
          : [
              { left: part.left, right: cell.left },
              { left: cell.right, right: part.right },
            ],
      );
    const wide = parts.filter((part) => part.right - part.left >= CELL_GAP * size);
    if (wide.length === 0) return null;
    free.push(...wide);
  }
  return free;
}

/** The rows around `seed` (not above `floor`) that leave its gutters free, with those gutters. */
function blockAt(rows: Row[], cells: Segment[][], seed: number, floor: number) {
  const seedCells = cells[seed] ?? [];
  const size = (rows[seed] as Row).size;
  // The space either side of the row is free too: columns the seed row leaves empty are found in it.
  const rights = [Number.NEGATIVE_INFINITY, ...seedCells.map((cell) => cell.right)];
  let gutters: Span[] = [...seedCells.map((cell) => cell.left), Number.POSITIVE_INFINITY].map((left, at) => ({
    left: rights[at] as number,
    right: left,
  }));
  let end = seed + 1;
  for (; end < rows.length; end++) {
    if ((rows[end] as Row).y - (rows[end - 1] as Row).y > ROW_REACH * size) break;
    const next = narrow(gutters, cells[end] ?? [], size);
    if (!next) break;
    gutters = next;
  }
  // Rows above that fill fewer columns: a header's lines (a one-line cell sits between the lines of a
  // two-line one), or atop a page the wrapped lines of a row the page broke.
  let start = seed;
  for (let row = seed - 1; row >= floor; row--) {
    const gap = (rows[row + 1] as Row).y - (rows[row] as Row).y;
    const next: Span[] | null = gap > HEADER_REACH * size ? null : narrow(gutters, cells[row] ?? [], size);
    if (!next) break;
    gutters = next;
    start = row;
  }
  // The gutters between columns: the free space outside the table is not one.
  const between = gutters.filter((gutter) => Number.isFinite(gutter.left) && Number.isFinite(gutter.right));
  return { start, end, gutters: between, size };
}

/** The table's rows as cells: a page row's cells go to the columns between the gutters, a cell's wrapped lines are joined. */
function tableRows(
  rows: Row[],
  cells: Segment[][],
  gutters: Span[],
  size: number,
): { lines: number; cells: string[] }[] {
  const columnOf = (segment: Segment) =>
    gutters.filter((gutter) => (gutter.left + gutter.right) / 2 < segment.left).length;
  const lines = rows.map((row, at) => {
    const columns: string[][] = gutters.map(() => []).concat([[]]);
    for (const segment of cells[at] ?? []) columns[columnOf(segment)]?.push(segment.text);
    return { y: row.y, columns };
  });
  // A cell's line spacing: the nearest two lines of one column (a row's padding keeps the next row's lines further).
  const spacings: number[] = [];
  for (let column = 0; column <= gutters.length; column++) {
    const ys = lines.filter((line) => (line.columns[column]?.length ?? 0) > 0).map((line) => line.y);
    spacings.push(...ys.slice(1).map((y, at) => y - (ys[at] as number)));
  }
  // The low quartile, not the least: an OCR's line boxes move with the letters' accents and tails.
  const lineSpacings = spacings.filter((spacing) => spacing >= 0.8 * size).sort((a, b) => a - b);
  const leading = lineSpacings[Math.floor((lineSpacings.length - 1) / 4)] ?? Number.POSITIVE_INFINITY;
  const breaks = lines.map(
    (line, at) => at > 0 && line.y - (lines[at - 1]?.y ?? 0) > leading + ROW_PADDING * size,
  );
  const padded = breaks.some(Boolean);
  // The first column holds numbers ("STT", "1", "IV"), when it does: an OCR may have missed them or read them into the next cell.
  const isNumbered = lines.every((line) => (line.columns[0] ?? []).every((text) => text.length <= 4));
  const table: { lines: number; cells: string[][] }[] = [];
  for (const [at, line] of lines.entries()) {
    const current = table.at(-1);
    const hasNumber = isNumbered && (line.columns[0]?.length ?? 0) > 0;
    // Padded rows part at the padding (a vertically centred number sits mid-row); unpadded rows at a number.
    const starts =
      !current ||
      (padded ? breaks[at] === true || (hasNumber && (current.cells[0]?.length ?? 0) > 0) : hasNumber);
    if (starts) table.push({ lines: 1, cells: line.columns.map((texts) => [...texts]) });
    else {
      current.lines += 1;
      for (const [column, texts] of line.columns.entries()) current.cells[column]?.push(...texts);
    }
  }
  return mergeLoneColumns(
    table.map((row) => ({
      lines: row.lines,
      cells: row.cells.map((texts) => texts.join(' ').replace(/\|/g, '/').trim()),
    })),
  );
}

/**
 * A centred header over a left-aligned column ("STT" over "1", "2") leaves a gutter between them: two
 * neighbouring columns that never hold text in one row, one of them in a single row, are one column.
 */
function mergeLoneColumns<T extends { cells: string[] }>(rows: T[]): T[] {
  const filled = (column: number) => rows.filter((row) => row.cells[column] !== '').length;
  for (let column = 0; column + 1 < (rows[0]?.cells.length ?? 0); column++) {
    const apart = rows.every((row) => row.cells[column] === '' || row.cells[column + 1] === '');
    if (!apart || Math.min(filled(column), filled(column + 1)) > 1) continue;
    for (const row of rows) row.cells.splice(column, 2, `${row.cells[column]}${row.cells[column + 1]}`);
    column -= 1;
  }
  return rows;
}

export const pipeRow = (cells: string[]) => `| ${cells.join(' | ')} |`;

/**
 * A row of three cells or more, unless its gaps are all equal: a justified line ending in a line break
 * is stretched to the margin, its words evenly apart (Word and LibreOffice both do it).
 */
function isTableRow(cells: Segment[], size: number): boolean {
  if (cells.length < 3) return false;
  const gaps = cells.slice(1).map((cell, at) => cell.left - (cells[at] as Segment).right);
  return Math.max(...gaps) - Math.min(...gaps) > 0.1 * size;
}

/** The tables among a page's rows (in order): three columns or more, two rows or more filling three cells. */
export function findTables(rows: Row[]): PageTable[] {
  const cells = rows.map((row) => segmentsOf(row.pieces, row.size, CELL_GAP));
  const tables: PageTable[] = [];
  let index = 0;
  let floor = 0;
  while (index < rows.length) {
    if (!isTableRow(cells[index] ?? [], (rows[index] as Row).size)) {
      index += 1;
      continue;
    }
    const { start, end, gutters, size } = blockAt(rows, cells, index, floor);
    const filled = cells
      .slice(start, end)
      .filter((row, at) => isTableRow(row, (rows[start + at] as Row).size)).length;
    if (end - start < 2 || filled < 2 || gutters.length < 2) {
      index += 1;
      continue;
    }
    const table = tableRows(rows.slice(start, end), cells.slice(start, end), gutters, size);
    // A table followed by text on its page does not end with a row of one cell: that is the heading after it.
    let last = end;
    while (last < rows.length && table.length > 2 && (table.at(-1)?.cells.filter(Boolean).length ?? 0) <= 1)
      last -= table.pop()?.lines ?? 0;
    tables.push({ rows: rows.slice(start, last), lines: table.map((row) => pipeRow(row.cells)) });
    index = last;
    floor = last;
  }
  return tables;
}
