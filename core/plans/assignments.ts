/**
 * Assignment sections ("III. PHÂN CÔNG CÁC ĐƠN VỊ ĐẦU MỐI…", or "Tổ chức thực hiện" where each unit
 * answers for areas) give units per dimension. A unit answers for a whole dimension ("nội dung “Quản
 * trị môi trường”", "các mục tiêu, nhiệm vụ cải cách thể chế") or for one topic inside it ("công khai
 * quy hoạch, kế hoạch sử dụng đất (trong nội dung “Công khai, minh bạch…”)"). A task whose sentence
 * names no unit goes to the unit whose topic it repeats, else to the units answering for its dimension.
 */
import { findMentions, responsibilityOf } from './agencies.ts';
import { citedDimensions } from './dimensions.ts';
import { type MatchText, phraseKey, toMatchText } from './match-key.ts';
import { type PlanNode, subtreeText } from './numbering.ts';
import { titleOf } from './sections.ts';
import type { DimensionCode, IndexCode } from './types.ts';

export interface Assignment {
  units: string[];
  /** Dimensions the units answer for as a whole. */
  whole: DimensionCode[];
  /** Dimensions in which the units answer for a topic only. */
  topical: DimensionCode[];
  /** Word pairs of the topic, without the boilerplate every assignment repeats. */
  topic: Set<string>;
}

const TOPICAL_CUES = ['trong nội dung', 'thuộc nội dung', 'trong lĩnh vực', 'thuộc lĩnh vực'].map((cue) =>
  phraseKey(cue).trim(),
);
// Phrases of every assignment ("chủ trì, phối hợp với các cơ quan có liên quan tham mưu, … báo cáo").
const BOILERPLATE = new Set([
  'chu tri',
  'phoi hop',
  'hop voi',
  'co quan',
  'lien quan',
  'tham muu',
  'to chuc',
  'thuc hien',
  'huong dan',
  'don doc',
  'kiem tra',
  'tong hop',
  'bao cao',
  'ket qua',
  'dia ban',
  'tren dia',
  'ban tinh',
  'noi dung',
  'trong noi',
  'chiu trach',
  'trach nhiem',
  'nhiem vu',
  'muc tieu',
]);
// Function words carry no topic: a pair with one of them is not compared.
const FUNCTION_WORDS = new Set(
  'cac cua va trong tren ve theo cho voi la o tai nhung duoc de den tu hoac nhu nay khi thi ma cung da se dang viec nham hien'.split(
    ' ',
  ),
);
const MIN_SHARED = 3;
const MIN_COVERAGE = 0.3;
/** Other topical matches count when nearly as close as the best one. */
const NEAR_BEST = 0.6;

function pairsOf(text: MatchText, skip: Set<number>): Set<string> {
  const pairs = new Set<string>();
  for (let index = 0; index + 1 < text.words.length; index += 1) {
    const [first, second] = [text.words[index] ?? '', text.words[index + 1] ?? ''];
    if (skip.has(index) || skip.has(index + 1) || FUNCTION_WORDS.has(first) || FUNCTION_WORDS.has(second))
      continue;
    pairs.add(`${first} ${second}`);
  }
  return pairs;
}

function readAssignment(node: PlanNode, indices: IndexCode[]): Assignment | null {
  const units = responsibilityOf(toMatchText(titleOf(node))).lead;
  if (units.length === 0) return null;
  const text = toMatchText(subtreeText(node));
  const whole: DimensionCode[] = [];
  const topical: DimensionCode[] = [];
  const skip = new Set<number>();
  for (const citation of citedDimensions(text, indices)) {
    const before = ` ${text.words.slice(Math.max(0, citation.from - 3), citation.from).join(' ')}`;
    const isTopical = TOPICAL_CUES.some((cue) => before.endsWith(` ${cue}`));
    (isTopical ? topical : whole).push(citation.code);
    for (let index = citation.from - (isTopical ? 3 : 0); index < citation.to; index += 1) skip.add(index);
  }
  for (const mention of findMentions(text)) {
    for (let index = mention.from; index < mention.to; index += 1) skip.add(index);
  }
  return {
    units,
    whole: [...new Set(whole)],
    topical: [...new Set(topical)].filter((code) => !whole.includes(code)),
    topic: pairsOf(text, skip),
  };
}

/** Assignments read from the units listed under the given section headings. */
export function readAssignments(sections: PlanNode[], indices: IndexCode[]): Assignment[] {
  const assignments = sections.flatMap((section) =>
    section.children.map((child) => readAssignment(child, indices)).filter((entry) => entry !== null),
  );
  // A pair most assignments share is phrasing, not topic.
  if (assignments.length >= 4) {
    const counts = new Map<string, number>();
    for (const assignment of assignments) {
      for (const pair of assignment.topic) counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    for (const assignment of assignments) {
      for (const pair of [...assignment.topic]) {
        if (BOILERPLATE.has(pair) || (counts.get(pair) ?? 0) >= assignments.length * 0.4) {
          assignment.topic.delete(pair);
        }
      }
    }
  } else {
    for (const assignment of assignments) for (const pair of BOILERPLATE) assignment.topic.delete(pair);
  }
  return assignments;
}

/** Units an assignment section gives for a task of this dimension whose own text names none. */
export function assignedUnits(
  assignments: Assignment[],
  dimension: DimensionCode,
  task: MatchText,
): string[] {
  const taskPairs = pairsOf(task, new Set());
  const topical = assignments
    .filter((assignment) => assignment.topical.includes(dimension) && assignment.topic.size > 0)
    .map((assignment) => {
      const shared = [...assignment.topic].filter((pair) => taskPairs.has(pair)).length;
      return { assignment, shared, coverage: shared / assignment.topic.size };
    })
    .filter((match) => match.shared >= MIN_SHARED && match.coverage >= MIN_COVERAGE)
    .sort((a, b) => b.coverage - a.coverage);
  const best = topical[0]?.coverage ?? 0;
  const close = topical.filter((match) => match.coverage >= best * NEAR_BEST);
  if (close.length > 0) return [...new Set(close.flatMap((match) => match.assignment.units))];
  return [
    ...new Set(
      assignments
        .filter((assignment) => assignment.whole.includes(dimension))
        .flatMap((entry) => entry.units),
    ),
  ];
}
