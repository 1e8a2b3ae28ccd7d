/**
 * The plan importer: document text in (typed, pasted from Word or OCR), structured plan out — the
 * document's particulars, the indices it aims at, one task per actionable item with its dimension,
 * units, deadline and recurrence, and the numeric targets. Pure: the caller reads the file.
 */
import { type Responsibility, responsibilityOf } from './agencies.ts';
import { type Assignment, assignedUnits, readAssignments } from './assignments.ts';
import { citedDimensions, headingDimensions, indexOfDimension, pickDimension } from './dimensions.ts';
import { readDocumentMeta } from './document-meta.ts';
import { findIndices, headingIndex } from './indices.ts';
import { classifyMarker } from './markers.ts';
import { foldSameLength, toMatchText, withSharedKeys } from './match-key.ts';
import { cleanLines, isSignatureLine, type Paragraph, toParagraphs } from './normalise.ts';
import { buildOutline, type PlanNode, subtreeText, textOf, walk } from './numbering.ts';
import { readPlanParts } from './plan-parts.ts';
import { isResultsParagraph } from './results.ts';
import { findDeadline, findRecurrence, withYearEndDue, yearOfPlan } from './schedule.ts';
import { isAssignmentHeading, roleOf, type SectionRole, sectionRoles, titleOf } from './sections.ts';
import { tasksFromTable } from './table-tasks.ts';
import { extractTables, type TaskTable } from './tables.ts';
import { findTargets } from './targets.ts';
import type {
  DimensionCode,
  IndexCode,
  ParsedPlan,
  PlanSection,
  PlanTarget,
  PlanTask,
  Recurrence,
} from './types.ts';

export type * from './types.ts';

// "(Ban hành kèm theo …)", also as an OCR damaged it ("(Ban hànb kèm theo", "kèrn tlieo").
// Not "(bản sao kèm theo)": the word after "ban" is "hành" with an h misread ("hành", "lianh", "bành", "hànb").
const ATTACHED_PLAN = /\(\s*(?:ban\s+(?:h|li|b)[a-z]{2,4}\s+)?ke(?:m|rn)\s+t(?:h|li|b)eo\b/;
const RECIPIENTS = /^(noi nhan|kinh gui)\b/;
const END_MARK = /\.\/\.\s*\p{L}{0,3}$/u;
const CLOSING = /^(tren day la|tren day)\b/;
// Articles every decision carries, not work: "Quyết định này có hiệu lực…", "… chịu trách nhiệm thi hành".
const FORMALITY =
  /\b(co hieu luc (thi hanh )?(ke )?tu ngay|chiu trach nhiem thi hanh (quyet dinh|ke hoach) nay)\b/;

interface Parts {
  preamble: string[];
  body: Paragraph[];
  hasAttachedPlan: boolean;
  /** Line where the plan stops (recipients, signature); tables below it are appendices. */
  endLine: number;
}

/**
 * The paragraphs that hold the plan: after "(Ban hành kèm theo Quyết định …)" when a decision carries
 * the plan as an attachment, up to the recipients, the signature or the closing "./.".
 */
function splitParts(paragraphs: Paragraph[]): Parts {
  const attached = paragraphs.findIndex((paragraph) => ATTACHED_PLAN.test(foldSameLength(paragraph.text)));
  const start = attached === -1 ? 0 : attached + 1;
  const preamble = paragraphs.slice(0, start).map((paragraph) => paragraph.text);
  const body: Paragraph[] = [];
  let seenMarker = false;
  let previousIsHeading = false;
  for (const paragraph of paragraphs.slice(start)) {
    const folded = foldSameLength(paragraph.text);
    const marker = classifyMarker(paragraph.text);
    if (seenMarker && !marker) {
      const ends = RECIPIENTS.test(folded) || isSignatureLine(paragraph.text) || CLOSING.test(folded);
      const endMark = END_MARK.test(paragraph.text.trim());
      // "./." under a bare heading ends that heading's content ("4. Đề nghị Ủy ban MTTQ …" then
      // "Chủ trì … ./."); anywhere else it is the closing formula ("UBND tỉnh yêu cầu … ./.").
      if (endMark && previousIsHeading) body.push(paragraph);
      if (ends || endMark) {
        return { preamble, body, hasAttachedPlan: attached !== -1, endLine: paragraph.line };
      }
    }
    if (marker && marker.kind !== 'dash' && marker.kind !== 'plus') seenMarker = true;
    previousIsHeading = marker !== null && !/[.;:!?…]$/.test(marker.text);
    body.push(paragraph);
  }
  return { preamble, body, hasAttachedPlan: attached !== -1, endLine: Number.POSITIVE_INFINITY };
}

interface Context {
  index: IndexCode | null;
  dimensions: DimensionCode[];
  responsibility: Responsibility | null;
  due: string | null;
  recurrence: Recurrence | null;
}

interface PlanScope {
  indices: IndexCode[];
  roles: Map<PlanNode, SectionRole>;
  assignments: Assignment[];
  planYear: number | null;
  tasks: Array<{ line: number; task: PlanTask }>;
  /** The context in force inside each node, for the tables placed there. */
  contexts: Map<PlanNode, Context>;
  /** The outline node each task table sits in (null: an appendix after the plan). */
  tables: Map<TaskTable, PlanNode | null>;
  /** Nodes whose tasks are the rows of a table under them: headings, not tasks. */
  tableHosts: Set<PlanNode>;
}

const HEADING_OPENING = /^(doi voi|ve|tieu chi|noi dung|linh vuc|chi so)\b/;
const TASK_ROLES = new Set<SectionRole>(['tasks', 'organisation', 'funding']);

function isHeadingLike(node: PlanNode): boolean {
  const title = toMatchText(titleOf(node));
  return node.children.length > 0 && (title.words.length <= 40 || HEADING_OPENING.test(title.key.trim()));
}

/** Lead and coordinating units a node names itself: in its first sentence, else in a later paragraph. */
function ownResponsibility(node: PlanNode): Responsibility {
  let lead: string[] = [];
  const support: string[] = [];
  for (const paragraph of node.paragraphs) {
    const found = responsibilityOf(toMatchText(paragraph));
    if (lead.length === 0) lead = found.lead;
    support.push(...found.support);
  }
  return { lead, support: [...new Set(support)].filter((unit) => !lead.includes(unit)) };
}

/** "1. Cải cách thể chế: Sở Tư pháp chủ trì …": an item may open with the name of its dimension. */
function labelDimensions(node: PlanNode, context: Context, scope: PlanScope): DimensionCode[] {
  const label = /^([^:.;]{3,120}):/.exec(titleOf(node))?.[1];
  return label ? headingDimensions(toMatchText(label), context.index, scope.indices) : [];
}

function dimensionOf(node: PlanNode, context: Context, scope: PlanScope): DimensionCode | null {
  const text = toMatchText(textOf(node));
  // The label decides within the index of the heading above ("Thủ tục hành chính:" under a PAPI area stays PAPI).
  const headingIndexes = context.dimensions.map(indexOfDimension);
  const labelled = labelDimensions(node, context, scope).filter(
    (code) => headingIndexes.length === 0 || headingIndexes.includes(indexOfDimension(code)),
  );
  if (labelled.length === 1) return labelled[0] ?? null;
  if (context.dimensions.length === 1) return context.dimensions[0] ?? null;
  if (context.dimensions.length > 1) return pickDimension(context.dimensions, text);
  // A unit's entry in the organisation section may name the one area it answers for.
  if (roleOf(node, scope.roles) !== 'organisation') return null;
  const cited = [...new Set(citedDimensions(text, scope.indices).map((citation) => citation.code))];
  return cited.length === 1 ? (cited[0] ?? null) : null;
}

function visit(node: PlanNode, inherited: Context, scope: PlanScope): void {
  const context = { ...inherited };
  const own = ownResponsibility(node);
  const text = textOf(node);
  if (isHeadingLike(node)) {
    const title = toMatchText(titleOf(node));
    const dimensions = headingDimensions(title, context.index, scope.indices);
    const index = headingIndex(title);
    if (dimensions.length > 0) context.dimensions = dimensions;
    else if (index) context.index = index;
  }
  scope.contexts.set(node, context);
  const due = findDeadline(text, scope.planYear) ?? context.due;
  const recurrence = findRecurrence(text) ?? context.recurrence;
  if (node.children.length > 0 || scope.tableHosts.has(node)) {
    const next = { ...context, due, recurrence };
    if (own.lead.length > 0) next.responsibility = own;
    for (const child of node.children) visit(child, next, scope);
    return;
  }
  if (
    !TASK_ROLES.has(roleOf(node, scope.roles)) ||
    text === '' ||
    FORMALITY.test(foldSameLength(text)) ||
    isResultsParagraph(text, scope.planYear)
  )
    return;
  const dimension = dimensionOf(node, context, scope);
  let { lead, support } = own;
  if (lead.length === 0 && context.responsibility) {
    lead = context.responsibility.lead;
    support = [...new Set([...support, ...context.responsibility.support])];
  }
  if (lead.length === 0 && dimension) lead = assignedUnits(scope.assignments, dimension, toMatchText(text));
  const task: PlanTask = {
    ref: node.ref,
    text: text.replace(END_MARK, '.'),
    index: dimension
      ? indexOfDimension(dimension)
      : (context.index ?? (scope.indices.length === 1 ? (scope.indices[0] ?? null) : null)),
    dimension,
    lead,
    support: support.filter((unit) => !lead.includes(unit)),
    due,
    recurrence,
  };
  scope.tasks.push({ line: node.line, task });
}

/** The outline node each table sits in; null for a table after the plan's end (an appendix). */
function placeTables(tables: TaskTable[], root: PlanNode, endLine: number): Map<TaskTable, PlanNode | null> {
  const nodes = [...walk(root)];
  return new Map(
    tables.map((table) => [
      table,
      table.line < endLine ? (nodes.filter((node) => node.line < table.line).at(-1) ?? null) : null,
    ]),
  );
}

function tableTasks(scope: PlanScope): void {
  for (const [table, node] of scope.tables) {
    const context = node ? scope.contexts.get(node) : undefined;
    const rows = tasksFromTable(table, {
      prefix: node?.ref || table.appendix || 'PL',
      index: context?.index ?? null,
      dimensions: context?.dimensions ?? [],
      indices: scope.indices,
      planYear: scope.planYear,
    });
    rows.forEach((task, at) => {
      scope.tasks.push({ line: table.line + at / (rows.length + 1), task });
    });
  }
}

function findPlanTargets(
  root: PlanNode,
  roles: Map<PlanNode, SectionRole>,
  planYear: number | null,
): PlanTarget[] {
  const targets: PlanTarget[] = [];
  for (const node of walk(root)) {
    const role = roleOf(node, roles);
    if (role === 'context') continue;
    for (const paragraph of node.paragraphs) {
      targets.push(
        ...findTargets(paragraph, { ref: node.ref, isObjective: role === 'objectives', planYear }),
      );
    }
  }
  return targets;
}

export function parsePlan(source: string): ParsedPlan {
  return withSharedKeys(() => parse(source));
}

function parse(source: string): ParsedPlan {
  const warnings: string[] = [];
  const { lines: untabled, tables } = extractTables(source.normalize('NFC').split(/\r\n|\r|\n/));
  const lines = cleanLines(untabled.join('\n'));
  const { preamble, body, hasAttachedPlan, endLine } = splitParts(toParagraphs(lines));
  const root = buildOutline(body, warnings);
  const meta = readDocumentMeta(lines, [...preamble, ...root.paragraphs], warnings);
  if (meta.document.type === 'QĐ' && !hasAttachedPlan) {
    warnings.push('Quyết định không có kế hoạch kèm theo: các điều của quyết định được đọc như nhiệm vụ.');
  }

  const roles = sectionRoles(root);
  const aims = [
    ...root.paragraphs,
    ...root.children
      .filter((node) => ['purpose', 'objectives'].includes(roleOf(node, roles)))
      .map(subtreeText),
  ];
  // An unsure title (OCR slips) still tells which indices the plan aims at.
  const titleText = meta.document.title ?? meta.confidence.title.candidate ?? null;
  const title = titleText ? toMatchText(titleText) : null;
  const indices = findIndices(title, aims.map(toMatchText));

  const organisation = [...walk(root)].filter((node) => roles.get(node) === 'organisation');
  const assignmentSections = organisation.filter(isAssignmentHeading);
  const assignments = readAssignments(
    assignmentSections.length > 0 ? assignmentSections : organisation,
    indices,
  );

  const scope: PlanScope = {
    indices,
    roles,
    assignments,
    planYear: meta.planYear,
    tasks: [],
    contexts: new Map(),
    tables: placeTables(tables, root, endLine),
    tableHosts: new Set(),
  };
  for (const host of scope.tables.values()) if (host) scope.tableHosts.add(host);
  const start: Context = { index: null, dimensions: [], responsibility: null, due: null, recurrence: null };
  for (const node of root.children) visit(node, start, scope);
  tableTasks(scope);

  // An unsure title (OCR slips) still tells the year the plan is for.
  const yearEnd = yearOfPlan(titleText);
  const tasks = scope.tasks
    .sort((a, b) => a.line - b.line)
    .map((entry) => withYearEndDue(entry.task, yearEnd));
  const unassigned = tasks.filter((task) => task.lead.length === 0).length;
  if (tasks.length === 0) warnings.push('Không tìm thấy nhiệm vụ nào trong văn bản.');
  else if (unassigned > 0)
    warnings.push(`${unassigned}/${tasks.length} nhiệm vụ chưa xác định được đơn vị chủ trì.`);
  return {
    document: meta.document,
    documentConfidence: meta.confidence,
    indices,
    sections: sectionsAbove(root, tasks),
    tasks,
    targets: findPlanTargets(root, roles, meta.planYear),
    warnings,
    parts: readPlanParts({ preamble, root, roles, lines, title: titleText }),
  };
}

/** The outline's headings that hold at least one task, with their first paragraph as title. */
function sectionsAbove(root: PlanNode, tasks: PlanTask[]): PlanSection[] {
  const above = new Set<string>();
  for (const task of tasks) {
    const parts = task.ref.split('.');
    for (let end = 1; end < parts.length; end++) above.add(parts.slice(0, end).join('.'));
  }
  const sections: PlanSection[] = [];
  for (const node of walk(root)) {
    if (node.kind === 'root' || !above.has(node.ref) || sections.some((s) => s.ref === node.ref)) continue;
    sections.push({ ref: node.ref, title: titleOf(node).replace(/\s+/g, ' ').trim().slice(0, 500) });
  }
  return sections;
}
