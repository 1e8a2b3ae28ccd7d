/**
 * The province's list of feedback categories as it edits it: the whole list saved in its order, each
 * line an existing category (by its code) or a new one. A new category's code is made once from its
 * Vietnamese name without diacritics ("Giao thông" → "giao_thong"), unique, and never changes: Open311
 * clients and stored items refer to it. A category an item or a routing line uses is retired, never
 * deleted; one nobody used may be deleted. At least one category stays active.
 */
import { fieldError, type Msg, msg } from '../errors.ts';
import { foldVietnamese, normalizeText } from '../text/vietnamese.ts';

export interface CategoryLine {
  /** Null: a category the province adds now. */
  code: string | null;
  /** The form's own name for a new line, answered with the code it was given. */
  key?: string | undefined;
  nameVi: string;
  /** Empty or absent: the Vietnamese name. */
  nameEn?: string | null | undefined;
  isActive: boolean;
}

export interface StoredCategory {
  code: string;
  nameVi: string;
  nameEn: string;
  isActive: boolean;
  /** An item or a routing line refers to it. */
  used: boolean;
}

export interface CategoryRow {
  code: string;
  nameVi: string;
  nameEn: string;
  position: number;
  isActive: boolean;
}

export interface CategoryPlan {
  /** Every category of the list, in its order (position from 1). */
  rows: CategoryRow[];
  inserted: string[];
  deleted: string[];
  /** The form's keys of new lines → the codes they were given. */
  created: { key: string; code: string }[];
}

const MAX_CODE = 50;

/** The code of a new category: its Vietnamese name folded to a-z, 0-9 and "_", made unique with "_2", "_3"… */
export function categoryCodeFor(nameVi: string, taken: ReadonlySet<string>): string {
  const base =
    foldVietnamese(nameVi)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, MAX_CODE)
      .replace(/_+$/, '') || 'linh_vuc';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const code = `${base}_${n}`;
    if (!taken.has(code)) return code;
  }
}

const line = (index: number, text: Msg): Msg => ({
  vi: `Dòng ${index + 1}: ${text.vi}`,
  en: `Line ${index + 1}: ${text.en}`,
});

/**
 * Checks the list the province saves against the stored one and says what to write. Refusals name the
 * line (or, for a deletion, the category by its name) in Vietnamese and English.
 */
export function planCategories(
  lines: readonly CategoryLine[],
  stored: readonly StoredCategory[],
): CategoryPlan {
  const byCode = new Map(stored.map((category) => [category.code, category]));
  // Codes once given are never given again in the same save, even those deleted by it.
  const taken = new Set(byCode.keys());
  const seenCodes = new Set<string>();
  const seenNames = new Map<string, number>();
  const rows: CategoryRow[] = [];
  const inserted: string[] = [];
  const created: { key: string; code: string }[] = [];
  lines.forEach((entry, index) => {
    const nameVi = normalizeText(entry.nameVi);
    if (nameVi === '')
      throw fieldError(
        `categories.${index}.nameVi`,
        line(index, msg('hãy nhập tên lĩnh vực bằng tiếng Việt.', "enter the category's Vietnamese name.")),
      );
    const folded = foldVietnamese(nameVi);
    const earlier = seenNames.get(folded);
    if (earlier !== undefined)
      throw fieldError(
        `categories.${index}.nameVi`,
        line(
          index,
          msg(
            `tên "${nameVi}" trùng với dòng ${earlier + 1}.`,
            `the name "${nameVi}" repeats line ${earlier + 1}.`,
          ),
        ),
      );
    seenNames.set(folded, index);
    let code = entry.code;
    if (code === null) {
      code = categoryCodeFor(nameVi, taken);
      taken.add(code);
      inserted.push(code);
      if (entry.key) created.push({ key: entry.key, code });
    } else if (!byCode.has(code) || seenCodes.has(code)) {
      throw fieldError(
        `categories.${index}`,
        line(
          index,
          msg(
            'lĩnh vực này không còn trong danh sách (có thể người khác vừa xóa): hãy tải lại trang.',
            'this category is no longer on the list (someone may have just deleted it): reload the page.',
          ),
        ),
      );
    }
    seenCodes.add(code);
    const nameEn = normalizeText(entry.nameEn ?? '') || nameVi;
    rows.push({ code, nameVi, nameEn, position: index + 1, isActive: entry.isActive });
  });
  const deleted = stored.filter((category) => !seenCodes.has(category.code));
  const used = deleted.find((category) => category.used);
  if (used)
    throw fieldError(
      'categories',
      msg(
        `Lĩnh vực "${used.nameVi}" đã có phản ánh hoặc dòng phân công dùng đến nên không xóa được: hãy cho thôi dùng.`,
        `The category "${used.nameEn}" is used by feedback or a routing line, so it cannot be deleted: retire it instead.`,
      ),
    );
  if (!rows.some((row) => row.isActive))
    throw fieldError(
      'categories',
      msg(
        'Phải còn ít nhất một lĩnh vực đang dùng để người dân chọn.',
        'At least one category must stay in use for citizens to choose.',
      ),
    );
  return { rows, inserted, deleted: deleted.map((category) => category.code), created };
}
