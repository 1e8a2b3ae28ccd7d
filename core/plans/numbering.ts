/**
 * The document's own outline: paragraphs nest by their markers into a tree, and every node gets a ref
 * in the document's numbering ("II.1.a.1", bullets counted in order). Numbering slips keep refs unique:
 * a repeated "d)" followed by "e)" was meant as "đ)"; any other repeat gets a suffix ("II-2").
 */
import { arabicMarker, classifyMarker, type Marker, type MarkerKind, nextLetter } from './markers.ts';
import type { Paragraph } from './normalise.ts';

export interface PlanNode {
  kind: MarkerKind | 'root';
  /** The label as written ("II", "2.1", "d"); "" for bullets and the root. */
  label: string;
  rank: number;
  ref: string;
  /** The text after the marker, then any unnumbered paragraphs that follow it. */
  paragraphs: string[];
  line: number;
  children: PlanNode[];
  parent: PlanNode | null;
}

/** Nests paragraphs under their markers; unnumbered paragraphs continue the open node. */
export function buildOutline(paragraphs: Paragraph[], warnings: string[]): PlanNode {
  const root: PlanNode = {
    kind: 'root',
    label: '',
    rank: -1,
    ref: '',
    paragraphs: [],
    line: 0,
    children: [],
    parent: null,
  };
  const stack: PlanNode[] = [root];
  for (const paragraph of paragraphs) {
    const marker = slippedOne(classifyMarker(paragraph.text), stack);
    let top = stack[stack.length - 1] ?? root;
    if (!marker) {
      top.paragraphs.push(paragraph.text);
      continue;
    }
    while (stack.length > 1 && top.rank >= marker.rank) {
      stack.pop();
      top = stack[stack.length - 1] ?? root;
    }
    const node: PlanNode = {
      kind: marker.kind,
      label: marker.label,
      rank: marker.rank,
      ref: '',
      paragraphs: marker.text === '' ? [] : [marker.text],
      line: paragraph.line,
      children: [],
      parent: top,
    };
    top.children.push(node);
    stack.push(node);
  }
  assignRefs(root, warnings);
  return root;
}

/**
 * "I." inside section II or later is not the Roman one again (Roman numbering only goes up): it is the
 * "1." an OCR read as a capital I — the first item of the section.
 */
function slippedOne(marker: Marker | null, open: PlanNode[]): Marker | null {
  if (marker?.kind !== 'roman' || marker.label !== 'I') return marker;
  return open.some((node) => node.kind === 'roman' && node.label !== 'I')
    ? arabicMarker('1', marker.text)
    : marker;
}

const WRITTEN: Partial<Record<MarkerKind, (label: string) => string>> = {
  part: (label) => `Phần ${label}`,
  upper: (label) => `${label}.`,
  roman: (label) => `${label}.`,
  article: (label) => `Điều ${label}`,
  arabic: (label) => `${label}.`,
  decimal: (label) => `${label}.`,
  letter: (label) => `${label})`,
};

function segmentOf(node: PlanNode, label: string): string {
  if (node.kind === 'part') return `Phần ${label}`;
  if (node.kind === 'article') return `Điều ${label}`;
  const parent = node.parent;
  if (node.kind === 'decimal' && parent && label.startsWith(`${parent.label}.`)) {
    return label.slice(parent.label.length + 1);
  }
  return label;
}

function assignRefs(parent: PlanNode, warnings: string[]): void {
  const used = new Set<string>();
  const bullets: Record<string, number> = {};
  parent.children.forEach((child, index) => {
    let label = child.label;
    if (child.kind === 'dash' || child.kind === 'plus') {
      bullets[child.kind] = (bullets[child.kind] ?? 0) + 1;
      label = String(bullets[child.kind]);
    } else if (used.has(`${child.kind}:${label}`)) {
      label = repairRepeat(parent.children, index, used, warnings);
    }
    used.add(`${child.kind}:${label}`);
    const segment = segmentOf(child, label);
    child.ref = parent.ref === '' ? segment : `${parent.ref}.${segment}`;
    assignRefs(child, warnings);
  });
}

function repairRepeat(siblings: PlanNode[], index: number, used: Set<string>, warnings: string[]): string {
  const child = siblings[index] as PlanNode;
  const written = child.kind === 'root' ? child.label : (WRITTEN[child.kind]?.(child.label) ?? child.label);
  const later = new Set(siblings.slice(index + 1).map((sibling) => `${sibling.kind}:${sibling.label}`));
  const next = child.kind === 'letter' ? nextLetter(child.label) : null;
  if (next && !used.has(`letter:${next}`) && !later.has(`letter:${next}`)) {
    warnings.push(`Dòng ${child.line}: điểm "${written}" lặp lại, hiểu là "${next})".`);
    return next;
  }
  let copy = 2;
  while (used.has(`${child.kind}:${child.label}-${copy}`)) copy += 1;
  const label = `${child.label}-${copy}`;
  warnings.push(`Dòng ${child.line}: số thứ tự "${written}" lặp lại, ghi là "${label}".`);
  return label;
}

/** A node's marker as the document writes it ("II.", "2.1.", "a)", "-", "Điều 2."); "" for the root. */
export function writtenMarker(node: PlanNode): string {
  if (node.kind === 'root') return '';
  if (node.kind === 'dash') return '-';
  if (node.kind === 'plus') return '+';
  const written = WRITTEN[node.kind]?.(node.label) ?? node.label;
  return node.kind === 'article' || node.kind === 'part' ? `${written}.` : written;
}

/** The paragraphs below a node, each with its own marker as written ("1. Mục đích", "a) …", "- …"). */
export function writtenParagraphs(node: PlanNode): string[] {
  return [...walk(node)].flatMap((child) => {
    const [first, ...rest] = child.paragraphs;
    const marker = writtenMarker(child);
    return [first === undefined ? marker : `${marker} ${first}`, ...rest];
  });
}

/** Depth-first walk. */
export function* walk(node: PlanNode): Generator<PlanNode> {
  for (const child of node.children) {
    yield child;
    yield* walk(child);
  }
}

/** A heading's words and the paragraphs under it: "Sở Tư pháp: Chủ trì, phối hợp …". */
export function textOf(node: PlanNode): string {
  return node.paragraphs.reduce(
    (text, paragraph) =>
      text === '' ? paragraph : `${text}${/[.:;!?…)”"]$/.test(text) ? ' ' : ': '}${paragraph}`,
    '',
  );
}

/** The text of a node and all nodes below it. */
export function subtreeText(node: PlanNode): string {
  return [textOf(node), ...[...walk(node)].map(textOf)].join(' ');
}
