import { createHash } from 'node:crypto';
import { PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import {
  type BlockSpec,
  type DocumentSpec,
  documentFrame,
  type FrameItem,
  type FrameLine,
  isRule,
  type RunSpec,
} from './document-spec.ts';
import { makePdfA } from './pdf-a.ts';
import { pdfTable } from './pdf-table.ts';
import {
  type Align,
  ASCENT,
  breakLines,
  drawLine,
  embedSerif,
  type Fonts,
  LINE,
  RULE_CHARACTER,
  type Style,
  tagSubsets,
  wordsOf,
} from './pdf-typeset.ts';

/**
 * A document spec as a PDF/A-2b in the layout of its .docx (docx-document.ts), Nghị định 30/2020/NĐ-CP:
 * A4, margins top 20, bottom 20, left 30, right 15 mm; the header's two borderless columns; type name
 * and title centred bold over a rule; the body 14 pt justified with a 1.27 cm first-line indent; tables
 * bordered, their header row repeated on each page; page numbers top-centre from page 2; the footer's
 * two columns ("Nơi nhận" | the signature block); annexes on landscape pages. Lengths in points.
 */

const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
/** Word's default left and right cell margin (0.08 in), kept in the borderless header and footer. */
const CELL_MARGIN = 5.76;
/** The body: 14 pt, lines at 1.25 times single (the .docx's line="300"), 6 pt after, 1.27 cm indent. */
const BODY = { size: 14, leading: 14 * LINE * 1.25, after: 6, indent: 36 };
/** The header sits 0.5 in from the page's top (Word's default) and carries the page number. */
const PAGE_NUMBER = { top: 36, size: 13 };

/** Where the signatures go, in PDF points (origin at the page's bottom left), on page `page` (from 0). */
export interface SignatureBox {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

type Orientation = 'portrait' | 'landscape';

/** The page being filled and the distance from its top where the next line starts. */
export class Flow {
  readonly pdf: PDFDocument;
  readonly fonts: Fonts;
  page!: PDFPage;
  y = 0;
  orientation: Orientation = 'portrait';

  constructor(pdf: PDFDocument, fonts: Fonts) {
    this.pdf = pdf;
    this.fonts = fonts;
  }

  get pageIndex() {
    return this.pdf.getPageCount() - 1;
  }

  get height() {
    return this.orientation === 'portrait' ? A4.height : A4.width;
  }

  get left() {
    return MARGIN.left;
  }

  get width() {
    return (this.orientation === 'portrait' ? A4.width : A4.height) - MARGIN.left - MARGIN.right;
  }

  get bottom() {
    return this.height - MARGIN.bottom;
  }

  newPage(orientation: Orientation = this.orientation) {
    this.orientation = orientation;
    this.page = this.pdf.addPage(orientation === 'portrait' ? [A4.width, A4.height] : [A4.height, A4.width]);
    this.y = MARGIN.top;
  }

  /** A new page unless `height` more fits on this one (or nothing is on it yet). */
  ensure(height: number) {
    if (this.y + height > this.bottom + 0.01 && this.y > MARGIN.top + 0.01) this.newPage();
  }

  /** The PDF baseline of a line of `size` whose top is `top` from the page's top. */
  baseline(top: number, size: number) {
    return this.height - top - size * ASCENT;
  }

  /** Runs in lines of `width` at `x`; each line on the page it fits (or at `top` without page breaks). */
  paragraph(
    runs: (Style & { text: string })[],
    options: { x: number; width: number; align: Align; leading: number; indent?: number; top?: number },
  ): number {
    const indent = options.indent ?? 0;
    const lines = breakLines(wordsOf(runs, this.fonts), (at) => options.width - (at === 0 ? indent : 0), {
      keepClauses: options.align === 'justify',
    });
    const size = Math.max(...runs.map((run) => run.size));
    let top = options.top;
    lines.forEach((line, at) => {
      if (top === undefined) this.ensure(options.leading);
      const lineTop = top ?? this.y;
      drawLine(this.page, line, {
        x: options.x + (at === 0 ? indent : 0),
        baseline: this.baseline(lineTop, size),
        width: options.width - (at === 0 ? indent : 0),
        align: options.align,
        last: at === lines.length - 1,
      });
      if (top === undefined) this.y += options.leading;
      else top += options.leading;
    });
    // An empty paragraph still takes its line, as Word's does.
    if (lines.length === 0) {
      if (top === undefined) this.y += options.leading;
      else top += options.leading;
    }
    return top ?? this.y;
  }

  rule(characters: number, x: number, width: number, top: number) {
    const length = Math.min(width, characters * RULE_CHARACTER * 10);
    const y = this.height - top - 10 * LINE * 0.55;
    this.page.drawLine({
      start: { x: x + (width - length) / 2, y },
      end: { x: x + (width + length) / 2, y },
      thickness: 0.6,
      color: rgb(0, 0, 0),
    });
    // The rule's paragraph: 10 pt and 3 pt after, as the .docx's.
    return top + 10 * LINE + 3;
  }
}

/** Frame lines (centred or left) in a column from `top`, on the current page; where they end. */
function frameColumn(flow: Flow, items: FrameItem[], x: number, width: number, top: number, align: Align) {
  let y = top;
  for (const item of items) {
    if (isRule(item)) y = flow.rule(item.rule, x, width, y);
    else
      y = flow.paragraph([item], { x, width, align, leading: item.size * LINE, top: y + (item.before ?? 0) });
  }
  return y;
}

const lineHeight = (flow: Flow, item: FrameLine, width: number) =>
  breakLines(wordsOf([item], flow.fonts), () => width).length * item.size * LINE;

/** A block of the body: a justified paragraph with its indent, a centred bold heading, or a table. */
function block(flow: Flow, spec: BlockSpec) {
  if (Array.isArray(spec)) {
    const runs = spec.map((run: RunSpec) => ({ ...run, size: BODY.size }));
    flow.paragraph(runs, {
      x: flow.left,
      width: flow.width,
      align: 'justify',
      leading: BODY.leading,
      indent: BODY.indent,
    });
    flow.y += BODY.after;
  } else if ('heading' in spec)
    flow.paragraph([{ text: spec.heading, size: 14, bold: true }], {
      x: flow.left,
      width: flow.width,
      align: 'center',
      leading: 14 * LINE,
    });
  else pdfTable(flow, spec.table);
}

/** The footer's columns: recipients left, the authority, the signature's space and the signer right. */
function footer(flow: Flow, frame: ReturnType<typeof documentFrame>): SignatureBox {
  const half = flow.width / 2;
  const inner = half - 2 * CELL_MARGIN;
  const blank = frame.signatureLines * 14 * LINE;
  const rightHeight =
    frame.authority.reduce((sum, line) => sum + lineHeight(flow, line, inner), 0) +
    blank +
    lineHeight(flow, frame.signer, inner);
  const leftHeight = frame.recipients.reduce((sum, line) => sum + lineHeight(flow, line, inner), 0);
  // The block stays on one page when it fits one; else at least the signature column does.
  const whole = Math.max(rightHeight, leftHeight);
  flow.ensure(whole <= flow.bottom - MARGIN.top ? whole : rightHeight);
  const top = flow.y;
  const rightX = flow.left + half + CELL_MARGIN;
  const titleEnd = frameColumn(flow, frame.authority, rightX, inner, top, 'center');
  const page = flow.pageIndex;
  const end = frameColumn(flow, [frame.signer], rightX, inner, titleEnd + blank, 'center');
  for (const line of frame.recipients)
    flow.paragraph([line], {
      x: flow.left + CELL_MARGIN,
      width: inner,
      align: 'left',
      leading: line.size * LINE,
    });
  if (flow.pageIndex === page) flow.y = Math.max(flow.y, end);
  return { page, x: flow.left + half, y: flow.height - titleEnd - blank, width: half, height: blank };
}

/** Page numbers top-centre from page 2, on landscape pages too (the .docx's header carries on). */
function numberPages(flow: Flow) {
  flow.pdf.getPages().forEach((page, index) => {
    if (index === 0) return;
    const { width, height } = page.getSize();
    const text = String(index + 1);
    const textWidth = flow.fonts.regular.widthOfTextAtSize(text, PAGE_NUMBER.size);
    page.drawText(text, {
      x: MARGIN.left + (width - MARGIN.left - MARGIN.right - textWidth) / 2,
      y: height - PAGE_NUMBER.top - PAGE_NUMBER.size * ASCENT,
      size: PAGE_NUMBER.size,
      font: flow.fonts.regular,
      color: rgb(0, 0, 0),
    });
  });
}

export async function specToPdf(
  spec: DocumentSpec,
  options: { created?: Date } = {},
): Promise<{ data: Buffer; signatureBox: SignatureBox }> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const flow = new Flow(pdf, await embedSerif(pdf));
  const frame = documentFrame(spec.head, spec.recipients);
  flow.newPage('portrait');

  const leftWidth = (flow.width * frame.header.leftShare) / 100;
  const rightWidth = flow.width - leftWidth;
  const leftEnd = frameColumn(
    flow,
    frame.header.left,
    flow.left + CELL_MARGIN,
    leftWidth - 2 * CELL_MARGIN,
    flow.y,
    'center',
  );
  const rightEnd = frameColumn(
    flow,
    frame.header.right,
    flow.left + leftWidth + CELL_MARGIN,
    rightWidth - 2 * CELL_MARGIN,
    flow.y,
    'center',
  );
  // An empty 14 pt paragraph 12 pt below the header, as in the .docx.
  flow.y = Math.max(leftEnd, rightEnd) + 12 + 14 * LINE;
  flow.y = frameColumn(flow, frame.titles, flow.left, flow.width, flow.y, 'center');
  for (const paragraph of spec.paragraphs) block(flow, paragraph);
  flow.y += 12 + 14 * LINE;
  const signatureBox = footer(flow, frame);
  if ((spec.annexes ?? []).length > 0) {
    flow.newPage('landscape');
    for (const annex of spec.annexes ?? []) block(flow, annex);
  }
  numberPages(flow);

  const created = options.created ?? new Date();
  makePdfA(pdf, {
    title: spec.head.title,
    created,
    lang: 'vi',
    fingerprint: createHash('sha256').update(JSON.stringify(spec)).digest('hex'),
  });
  await pdf.flush();
  tagSubsets(pdf);
  const bytes = await pdf.save({ useObjectStreams: false });
  return { data: Buffer.from(bytes), signatureBox };
}
