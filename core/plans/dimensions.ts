/**
 * Which dimension a heading names, which dimensions a sentence cites, and — when one heading names two
 * ("tiêu chí “Xây dựng và tổ chức thực hiện văn bản QPPL”; tiêu chí “Cải cách TTHC”") — which one
 * a task under it is about.
 */
import { DIMENSION_TABLE, type DimensionEntry } from './dimension-table.ts';
import { findAll, type MatchText, type PhraseTable, phraseTable, skeletonTable } from './match-key.ts';
import type { DimensionCode, IndexCode } from './types.ts';

const table = (pick: (entry: DimensionEntry) => string[]) =>
  phraseTable(
    DIMENSION_TABLE.flatMap((entry) =>
      pick(entry).map((phrase): [string, DimensionCode] => [phrase, entry.code]),
    ),
  );
const NAMES = table((entry) => entry.names);
const NAME_SKELETONS = skeletonTable(NAMES);
const CITATIONS = table((entry) => entry.citations);
const CITATION_SKELETONS = skeletonTable(CITATIONS);
const KEYWORDS = table((entry) => entry.keywords);

const INDEX_OF = new Map(DIMENSION_TABLE.map((entry) => [entry.code, entry.index]));

export function indexOfDimension(code: DimensionCode): IndexCode {
  return INDEX_OF.get(code) ?? 'PAPI';
}

interface Hit {
  code: DimensionCode;
  from: number;
  to: number;
}

/** Longest matches first; a shorter name inside a longer one ("thủ tục hành chính" in "… công") is dropped. */
function matchNames(text: MatchText, phrases: PhraseTable<DimensionCode>): Hit[] {
  const hits: Hit[] = findAll(text, phrases).map(({ from, to, value }) => ({ code: value, from, to }));
  hits.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const kept: Hit[] = [];
  for (const hit of hits) {
    if (!kept.some((other) => hit.from < other.to && other.from < hit.to)) kept.push(hit);
  }
  return kept.sort((a, b) => a.from - b.from);
}

function distinct(hits: Hit[]): DimensionCode[] {
  return [...new Set(hits.map((hit) => hit.code))];
}

/** Narrows to the index in force (a "Đối với Chỉ số PAPI" heading, else the document's indices). */
function preferIndex(
  codes: DimensionCode[],
  context: IndexCode | null,
  indices: IndexCode[],
): DimensionCode[] {
  const wanted = context ? [context] : indices;
  const narrowed = codes.filter((code) => wanted.includes(indexOfDimension(code)));
  return narrowed.length > 0 ? narrowed : codes;
}

/** Dimensions a heading names, in the order written. */
export function headingDimensions(
  text: MatchText,
  context: IndexCode | null,
  indices: IndexCode[],
): DimensionCode[] {
  const exact = matchNames(text, NAMES);
  // A heading an OCR damaged ("Kiểrn soát tliam nhũng") is read a second time by its letters' skeletons.
  const hits = exact.length > 0 ? exact : matchNames(text, NAME_SKELETONS);
  return preferIndex(distinct(hits), context, indices);
}

export interface Citation {
  code: DimensionCode;
  /** Word range of the cited name. */
  from: number;
  to: number;
}

/** Dimensions a sentence cites by full name ("nội dung “Quản trị môi trường”"). */
export function citedDimensions(text: MatchText, indices: IndexCode[]): Citation[] {
  const exact = matchNames(text, CITATIONS);
  const hits = exact.length > 0 ? exact : matchNames(text, CITATION_SKELETONS);
  const codes = preferIndex(distinct(hits), null, indices);
  return hits.filter((hit) => codes.includes(hit.code));
}

/** Of several candidate dimensions, the one whose names and topic words the text uses most. */
export function pickDimension(candidates: DimensionCode[], text: MatchText): DimensionCode | null {
  const scores = new Map<DimensionCode, number>();
  for (const hit of findAll(text, NAMES)) scores.set(hit.value, (scores.get(hit.value) ?? 0) + 3);
  for (const hit of findAll(text, KEYWORDS)) scores.set(hit.value, (scores.get(hit.value) ?? 0) + 1);
  let best: DimensionCode | null = candidates[0] ?? null;
  let bestScore = 0;
  for (const code of candidates) {
    const score = scores.get(code) ?? 0;
    if (score > bestScore) {
      best = code;
      bestScore = score;
    }
  }
  return best;
}
