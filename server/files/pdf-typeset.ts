import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  endText,
  PDFDict,
  type PDFDocument,
  type PDFFont,
  type PDFHexString,
  PDFName,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  setTextMatrix,
  showText,
} from 'pdf-lib';

/**
 * Text set in a PDF the way Word sets it: Liberation Serif (metric-compatible with Times New Roman, full
 * Vietnamese; SIL OFL 1.1, `reference/fonts/`) embedded as subsets, runs of mixed styles broken into
 * lines, justified by placing the words (the Tw operator does not apply to Identity-H fonts).
 */
const FONT_DIR = fileURLToPath(new URL('../../reference/fonts/', import.meta.url));
const FACES = ['Regular', 'Bold', 'Italic', 'BoldItalic'] as const;
let files: Promise<Uint8Array[]> | null = null;

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  boldItalic: PDFFont;
}

export async function embedSerif(pdf: PDFDocument): Promise<Fonts> {
  files ??= Promise.all(FACES.map((face) => readFile(`${FONT_DIR}LiberationSerif-${face}.ttf`)));
  pdf.registerFontkit(fontkit);
  const [regular, bold, italic, boldItalic] = await Promise.all(
    (await files).map((bytes) => pdf.embedFont(bytes, { subset: true })),
  );
  return { regular, bold, italic, boldItalic } as Fonts;
}

/**
 * Names the embedded subsets as PDF names a subset: six capitals and "+" before the font's name
 * ("KQWZTA+LiberationSerif"); pdf-lib writes "LiberationSerif-1234". Call after `pdf.flush()`.
 */
export function tagSubsets(pdf: PDFDocument) {
  const renamed = new Map<string, string>();
  const rename = (dict: PDFDict, key: 'BaseFont' | 'FontName') => {
    const name = dict.get(PDFName.of(key));
    if (!(name instanceof PDFName)) return;
    const old = name.decodeText();
    const base = /^(.+)-\d+$/.exec(old)?.[1];
    if (!base) return;
    const tag =
      renamed.get(old) ??
      [...createHash('sha256').update(old).digest()]
        .slice(0, 6)
        .map((byte) => String.fromCharCode(65 + (byte % 26)))
        .join('');
    renamed.set(old, tag);
    dict.set(PDFName.of(key), PDFName.of(`${tag}+${base}`));
  };
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const type = object.get(PDFName.of('Type'));
    if (type === PDFName.of('Font')) rename(object, 'BaseFont');
    if (type === PDFName.of('FontDescriptor')) rename(object, 'FontName');
  }
}

export interface Style {
  size: number;
  bold?: boolean | undefined;
  italics?: boolean | undefined;
}

export const fontOf = (fonts: Fonts, style: Style) =>
  style.bold ? (style.italics ? fonts.boldItalic : fonts.bold) : style.italics ? fonts.italic : fonts.regular;

/** Liberation Serif's single line (ascender + descender + line gap) and ascender, in font sizes. */
export const LINE = 1.15;
export const ASCENT = 0.891;
/** U+2500 "─" is 0.7085 em wide: the rule the .docx draws with it is as long in the PDF. */
export const RULE_CHARACTER = 0.7085;

interface Box {
  text: string;
  font: PDFFont;
  size: number;
  width: number;
}

/** What no line is broken inside: boxes glued together, and the width of the space before it. */
interface Word {
  boxes: Box[];
  width: number;
  space: number;
}

export interface Line {
  words: Word[];
}

/** Widths at 1 pt by font and text: laying out a word with fontkit is most of the typesetting's time. */
const widths = new WeakMap<PDFFont, Map<string, number>>();
export function widthOf(text: string, font: PDFFont, size: number): number {
  let known = widths.get(font);
  if (!known) {
    known = new Map();
    widths.set(font, known);
  }
  let width = known.get(text);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, 1);
    known.set(text, width);
  }
  return width * size;
}

const boxOf = (text: string, font: PDFFont, size: number): Box => ({
  text,
  font,
  size,
  width: widthOf(text, font, size),
});

/** Runs of text as words: a space in the text parts them, a change of style inside a word does not. */
export function wordsOf(runs: (Style & { text: string })[], fonts: Fonts): Word[] {
  const words: Word[] = [];
  let spaced = false;
  for (const run of runs) {
    const font = fontOf(fonts, run);
    for (const token of run.text.normalize('NFC').split(/(\s+)/)) {
      if (token === '') continue;
      if (/^\s+$/.test(token)) {
        spaced = true;
        continue;
      }
      const box = boxOf(token, font, run.size);
      const last = words.at(-1);
      if (last && !spaced) {
        last.boxes.push(box);
        last.width += box.width;
      } else words.push({ boxes: [box], width: box.width, space: widthOf(' ', font, run.size) });
      spaced = false;
    }
  }
  return words;
}

/** A word wider than a line, cut into pieces that fit (a long address, a row of dots). */
function cutWord(word: Word, width: number): Word[] {
  const pieces: Word[] = [];
  let current: Word = { boxes: [], width: 0, space: word.space };
  for (const box of word.boxes)
    for (const character of box.text) {
      const glyph = boxOf(character, box.font, box.size);
      if (current.boxes.length > 0 && current.width + glyph.width > width) {
        pieces.push(current);
        current = { boxes: [], width: 0, space: 0 };
      }
      current.boxes.push(glyph);
      current.width += glyph.width;
    }
  if (current.boxes.length > 0) pieces.push(current);
  return pieces;
}

const ENDS_SENTENCE = /[.;:!?…]["”)]?$/;
const endsSentence = (word: Word) => ENDS_SENTENCE.test(word.boxes.at(-1)?.text ?? '');
/** "XII.", "3.", "a)", "-": what numbers an item when it starts a line. */
const MARKER = /^(?:[IVXLC]+[.\-–]|\d+(?:\.\d+)*[.)/-]|[a-zđ][).]|[-+•*–])$/i;
const looksLikeMarker = (word: Word) => MARKER.test(word.boxes.map((box) => box.text).join(''));

/**
 * Words in lines no wider than `widthOf(line index)`, filled greedily as Word does. With `keepClauses`,
 * a line inside a paragraph neither ends on a full stop, colon or semicolon nor starts with what looks
 * like an item's number ("XII.") when the word before can go on too: a reader of the text layer (the
 * plan importer among them) takes such lines for a paragraph's end or a new item, and would part
 * "thời hạn:" from its date.
 */
export function breakLines(
  words: Word[],
  widthOf: (index: number) => number,
  options: { keepClauses?: boolean } = {},
): Line[] {
  const lines: Line[] = [];
  let line: Word[] = [];
  let used = 0;
  const queue = [...words];
  while (queue.length > 0) {
    const word = queue.shift() as Word;
    const width = widthOf(lines.length);
    const needed = line.length === 0 ? word.width : used + word.space + word.width;
    if (needed <= width + 0.01) {
      line.push(word);
      used = needed;
    } else if (line.length > 0) {
      queue.unshift(word);
      while (
        options.keepClauses &&
        line.length > 2 &&
        (endsSentence(line.at(-1) as Word) || looksLikeMarker(queue[0] as Word))
      )
        queue.unshift(line.pop() as Word);
      lines.push({ words: line });
      line = [];
      used = 0;
    } else queue.unshift(...cutWord(word, width));
  }
  if (line.length > 0) lines.push({ words: line });
  return lines;
}

export const naturalWidth = (line: Line) =>
  line.words.reduce((sum, word, at) => sum + word.width + (at > 0 ? word.space : 0), 0);

export type Align = 'left' | 'center' | 'right' | 'justify';

/**
 * One line at `x` with its baseline at `baseline` (PDF space, from the bottom). A justified line but the
 * paragraph's last spreads its words over `width`; other lines are drawn as runs with their spaces, so
 * the text layer reads as written.
 */
export function drawLine(
  page: PDFPage,
  line: Line,
  options: { x: number; baseline: number; width: number; align: Align; last: boolean },
) {
  const natural = naturalWidth(line);
  const gaps = line.words.length - 1;
  const spread = options.align === 'justify' && !options.last && gaps > 0;
  const extra = spread ? (options.width - natural) / gaps : 0;
  let x = options.x;
  if (options.align === 'center') x += (options.width - natural) / 2;
  if (options.align === 'right') x += options.width - natural;
  const runs: { x: number; box: Box }[] = [];
  line.words.forEach((word, at) => {
    const space = at > 0 ? word.space + extra : 0;
    word.boxes.forEach((box, index) => {
      const current = runs.at(-1)?.box;
      // Unspread text of one font continues the run before, its space written as a space.
      if (!spread && current && current.font === box.font && current.size === box.size) {
        current.text += (index === 0 && at > 0 ? ' ' : '') + box.text;
        x += (index === 0 ? space : 0) + box.width;
        return;
      }
      if (index === 0) x += space;
      runs.push({ x, box: { ...box } });
      x += box.width;
    });
  });
  showRuns(page, runs, options.baseline);
}

const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();
const encodings = new WeakMap<PDFFont, Map<string, PDFHexString>>();

/** A line's runs in one text object, each placed with Tm: fewer operators than a drawText per word. */
function showRuns(page: PDFPage, runs: { x: number; box: Box }[], baseline: number) {
  let keys = fontKeys.get(page);
  if (!keys) {
    keys = new Map();
    fontKeys.set(page, keys);
  }
  const operators = [pushGraphicsState(), beginText(), setFillingRgbColor(0, 0, 0)];
  let font: PDFFont | null = null;
  let size = 0;
  for (const { x, box } of runs) {
    if (box.font !== font || box.size !== size) {
      let key = keys.get(box.font);
      if (!key) {
        key = page.node.newFontDictionary(box.font.name, box.font.ref);
        keys.set(box.font, key);
      }
      operators.push(setFontAndSize(key, box.size));
      font = box.font;
      size = box.size;
    }
    let known = encodings.get(box.font);
    if (!known) {
      known = new Map();
      encodings.set(box.font, known);
    }
    let encoded = known.get(box.text);
    if (!encoded) {
      encoded = box.font.encodeText(box.text);
      known.set(box.text, encoded);
    }
    operators.push(setTextMatrix(1, 0, 0, 1, x, baseline), showText(encoded));
  }
  operators.push(endText(), popGraphicsState());
  page.pushOperators(...operators);
}
