/**
 * What each part of a plan is for, read from its heading: the purpose and requirements (Mục đích, yêu
 * cầu) and results so far are not tasks; objectives (Mục tiêu, chỉ tiêu) hold the targets; tasks and
 * the organisation section (Tổ chức thực hiện, Phân công) hold the work. A "Phân công" section that
 * names units per dimension is where leads come from when a task's sentence names none.
 */
import { keyOf, type MatchText, ocrSkeleton, toMatchText } from './match-key.ts';
import type { PlanNode } from './numbering.ts';

export type SectionRole = 'purpose' | 'context' | 'objectives' | 'tasks' | 'organisation' | 'funding';

const ROLE_WORDS: Array<[string, SectionRole]> = [
  ['nhiem vu', 'tasks'],
  ['giai phap', 'tasks'],
  ['noi dung thuc hien', 'tasks'],
  ['to chuc thuc hien', 'organisation'],
  ['phan cong', 'organisation'],
  ['trach nhiem thuc hien', 'organisation'],
  ['trach nhiem cua', 'organisation'],
  ['muc tieu', 'objectives'],
  ['chi tieu', 'objectives'],
  ['muc dich', 'purpose'],
  ['yeu cau', 'purpose'],
  ['quan diem', 'purpose'],
  ['can cu', 'purpose'],
  ['ket qua', 'context'],
  ['danh gia', 'context'],
  ['thuc trang', 'context'],
  ['tinh hinh', 'context'],
  ['han che', 'context'],
  ['ton tai', 'context'],
  ['nguyen nhan', 'context'],
  ['boi canh', 'context'],
  ['kinh phi', 'funding'],
];

// The same words as an OCR may have written them ("MỤC T1ÊU", "NHIỆM VỤ, GIẢI PLIÁP").
const skeletonOf = (key: string) => key.split(' ').map(ocrSkeleton).join(' ');
const ROLE_SKELETONS = ROLE_WORDS.map(([words, role]): [string, SectionRole] => [skeletonOf(words), role]);

const TOP_KINDS = new Set(['part', 'upper', 'roman', 'article']);

/** The role whose words open the heading earliest, within its first three words. */
function openingRole(
  opening: string,
  firstThree: string,
  table: Array<[string, SectionRole]>,
): SectionRole | null {
  let best: { at: number; role: SectionRole } | null = null;
  for (const [words, role] of table) {
    const at = opening.indexOf(` ${words} `);
    if (at !== -1 && at <= firstThree.length && (best === null || at < best.at)) best = { at, role };
  }
  return best?.role ?? null;
}

export function titleOf(node: PlanNode): string {
  return node.paragraphs[0] ?? '';
}

/** The role a heading announces, when its first words say it ("II. NHIỆM VỤ, GIẢI PHÁP"). */
function headingRole(node: PlanNode): SectionRole | null {
  // A leaf deep in the outline is an item, not a section ("d) Kiểm tra, đánh giá định kỳ …").
  if (node.children.length === 0 && !TOP_KINDS.has(node.kind) && node.parent?.kind !== 'root') return null;
  const title: MatchText = toMatchText(titleOf(node));
  if (title.words.length === 0 || title.words.length > 16) return null;
  const opening = ` ${keyOf(title, 0, Math.min(title.words.length, 6))} `;
  const firstThree = ` ${keyOf(title, 0, 3)} `;
  return (
    openingRole(opening, firstThree, ROLE_WORDS) ??
    openingRole(skeletonOf(opening), skeletonOf(firstThree), ROLE_SKELETONS)
  );
}

// Inside a section, a sub-heading may narrow the role ("I. MỤC ĐÍCH, YÊU CẦU, MỤC TIÊU" → "3. Mục tiêu"),
// but a task heading that starts with "Đánh giá …" or "Kinh phí …" is still a task.
const NESTED_ROLES = new Set<SectionRole>(['purpose', 'objectives', 'tasks', 'organisation']);

/** The role each heading gives its section. */
export function sectionRoles(root: PlanNode): Map<PlanNode, SectionRole> {
  const roles = new Map<PlanNode, SectionRole>();
  const visit = (node: PlanNode, inSection: boolean) => {
    const role = headingRole(node);
    if (role && (!inSection || NESTED_ROLES.has(role))) roles.set(node, role);
    for (const child of node.children) visit(child, inSection || roles.has(node));
  };
  for (const child of root.children) visit(child, false);
  return roles;
}

/** The nearest role above (or at) a node; "tasks" when no heading says otherwise. */
export function roleOf(node: PlanNode, roles: Map<PlanNode, SectionRole>): SectionRole {
  for (let at: PlanNode | null = node; at; at = at.parent) {
    const role = roles.get(at);
    if (role) return role;
  }
  return 'tasks';
}

export function isAssignmentHeading(node: PlanNode): boolean {
  return ` ${keyOf(toMatchText(titleOf(node)), 0, 4)} `.includes(' phan cong ');
}
