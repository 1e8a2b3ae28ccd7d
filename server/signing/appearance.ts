import fontkit from '@pdf-lib/fontkit';
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  endText,
  moveText,
  type PDFDocument,
  type PDFOperator,
  type PDFRef,
  popGraphicsState,
  pushGraphicsState,
  setFillingRgbColor,
  setFontAndSize,
  showText,
} from 'pdf-lib';
import { fontFiles, wrap } from '../surveys/pdf-text.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A visible signature as Nghị định 30/2020 Phụ lục I shows it. A person: the handwritten signature image
 * (blue, transparent PNG) and the text lines. An organisation: the seal image (red) over the left third,
 * its name and the signing time; without a seal image the text is red.
 */
export interface AppearanceOptions {
  /** 1-based; the last page when absent. */
  page?: number;
  /** 'default': the bottom right of the page. */
  rect: Rect | 'default';
  kind: 'person' | 'organisation';
  image?: Buffer;
  lines: string[];
}

export const DEFAULT_SIZE = { width: 220, height: 72, margin: 36 };

export function defaultRect(page: { width: number; height: number; x: number; y: number }): Rect {
  return {
    x: page.x + page.width - DEFAULT_SIZE.margin - DEFAULT_SIZE.width,
    y: page.y + DEFAULT_SIZE.margin,
    width: DEFAULT_SIZE.width,
    height: DEFAULT_SIZE.height,
  };
}

const PADDING = 3;
const RED = [0.85, 0, 0] as const;
const BLACK = [0, 0, 0] as const;

/** The appearance as a form XObject (its own coordinates: 0,0 to width,height), registered in `doc`. */
export async function buildAppearance(
  doc: PDFDocument,
  options: Pick<AppearanceOptions, 'kind' | 'image' | 'lines'>,
  size: { width: number; height: number },
): Promise<PDFRef> {
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont((await fontFiles()).regular, { subset: true });
  const operators: PDFOperator[] = [];
  const resources: { Font: { F1: PDFRef }; XObject?: { Im1: PDFRef } } = { Font: { F1: font.ref } };
  // The left third is the seal's (Phụ lục I: the organisation's seal over the left third of the
  // person's signature): both signatures write their words on the right two thirds, the organisation's
  // at the top, the person's at the bottom, so the two never overlap in the one space.
  const third = size.width / 3;
  if (options.image) {
    const image = await doc.embedPng(options.image);
    resources.XObject = { Im1: image.ref };
    // The seal on the left third; the person's signature centred on the whole space.
    const box = options.kind === 'organisation' ? { x: 0, width: third } : { x: 0, width: size.width };
    const scale = Math.min(box.width / image.width, size.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    operators.push(
      pushGraphicsState(),
      concatTransformationMatrix(
        width,
        0,
        0,
        height,
        box.x + (box.width - width) / 2,
        (size.height - height) / 2,
      ),
      drawObject('Im1'),
      popGraphicsState(),
    );
  }
  const textLeft = third + PADDING;
  const textWidth = size.width - textLeft - PADDING;
  const lines = options.lines.map((line) => line.normalize('NFC'));
  let fontSize = 8;
  let wrapped = lines.flatMap((line) => wrap(line, font, fontSize, textWidth));
  // Each kind keeps to its own half of the height.
  const room = (size.height - 2 * PADDING) / 2;
  const fits = () => wrapped.length * fontSize * 1.2 <= room;
  while (!fits() && fontSize > 4) {
    fontSize -= 0.5;
    wrapped = lines.flatMap((line) => wrap(line, font, fontSize, textWidth));
  }
  const color = options.kind === 'organisation' && !options.image ? RED : BLACK;
  const leading = fontSize * 1.2;
  const top = options.kind === 'organisation' ? size.height - PADDING : PADDING + wrapped.length * leading;
  operators.push(
    pushGraphicsState(),
    beginText(),
    setFillingRgbColor(color[0], color[1], color[2]),
    setFontAndSize('F1', fontSize),
  );
  wrapped.forEach((line, index) => {
    const baseline = top - leading * (index + 1) + (leading - fontSize) / 2 + fontSize * 0.2;
    operators.push(
      moveText(index === 0 ? textLeft : 0, index === 0 ? baseline : -leading),
      showText(font.encodeText(line)),
    );
  });
  operators.push(endText(), popGraphicsState());
  const stream = doc.context.formXObject(operators, {
    BBox: [0, 0, size.width, size.height],
    Resources: resources,
  });
  return doc.context.register(stream);
}

/** An empty appearance: an invisible signature or a field still to be signed. */
export function emptyAppearance(doc: PDFDocument, size: { width: number; height: number }): PDFRef {
  return doc.context.register(doc.context.formXObject([], { BBox: [0, 0, size.width, size.height] }));
}
