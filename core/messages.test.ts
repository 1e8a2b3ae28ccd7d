import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, fieldError, fromZod, inLocale, msg, zodMsg } from './errors.ts';

/**
 * Every message a user reads is written in both languages where it is made. The types hold AppError,
 * fieldError and row issues to a `Msg`; zod carries plain strings, so this scan finds a Vietnamese
 * string literal given bare where a message goes: a zod check's message, `error:`, `message:`,
 * `reason:`, `text(max, …)`, or an AppError/fieldError argument. Wrap it in `msg(vi, en)` (our
 * errors) or `zodMsg(vi, en)` (a zod schema).
 */

const ROOT = join(import.meta.dirname, '..');
// Fixtures and demo data hold what people typed (a reason, a name), not messages of the product.
const SKIPPED = ['server/test/', 'server/setup/demo-'];

const TICK = '`';
const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|${TICK}(?:[^${TICK}\\]|\\.)*${TICK}|"(?:[^"\\\n]|\\.)*")`;
const PLACES = [
  String.raw`\.(?:min|max|length|regex|gte|lte|gt|lt|refine|superRefine|startsWith|endsWith|multipleOf)\((?:[^()]|\([^()]*\))*?,\s*`,
  String.raw`\.(?:int|email|url|positive|nonnegative|negative|nonempty|uuid)\(\s*`,
  String.raw`\b(?:error|message|reason):\s*`,
  String.raw`\b(?:text|requiredText)\(\s*[\w.]+\s*,\s*`,
  String.raw`new AppError\(\s*'[A-Z_]+'\s*,\s*`,
  String.raw`fieldError\(\s*[^,()]+,\s*`,
].map((place) => new RegExp(place + LITERAL, 'g'));
const VIETNAMESE = /[^\p{ASCII}]/u;

/** The Vietnamese-only messages in one source text, as "line: literal". */
function bareMessages(source: string): string[] {
  // Comments may quote a message; blank them out, keeping line numbers.
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, (comment) => ' '.repeat(comment.length));
  const found = new Map<number, string>();
  for (const place of PLACES) {
    for (const match of code.matchAll(place)) {
      const literal = match[1] ?? '';
      if (!VIETNAMESE.test(literal)) continue;
      const at = (match.index ?? 0) + match[0].length - literal.length;
      found.set(at, `${code.slice(0, at).split('\n').length}: ${literal}`);
    }
  }
  return [...found.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((path) => !SKIPPED.some((skipped) => path.startsWith(skipped)));
}

describe('messages are bilingual at their source', () => {
  it('finds a bare Vietnamese message in each place one goes, and passes the wrapped ones', () => {
    const source = [
      "throw new AppError('CONFLICT', 'Chỉ xóa được nhiệm vụ.');",
      "throw fieldError('name', `Tên đã có.`);",
      "const name = z.string().min(1, 'Vui lòng nhập tên.');",
      "const year = z.number().int('Năm không hợp lệ.');",
      "z.string({ error: 'Thiếu tên.' });",
      "issues.push({ row, column, reason: 'Thiếu cột.' });",
      'const title = text(200, "Vui lòng nhập tiêu đề.");',
      '/** "Còn 103 đơn vị chưa nộp" is quoted in a comment. */',
      "// reason: 'Chỉ là chú thích.'",
      "throw new AppError('CONFLICT', msg('Chỉ xóa được nhiệm vụ.', 'Only tasks can be deleted.'));",
      "const ok = z.string().min(1, zodMsg('Vui lòng nhập tên.', 'Enter the name.'));",
      "throw new AppError('NOT_FOUND', 'Not found.');",
    ].join('\n');
    expect(bareMessages(source)).toEqual([
      "1: 'Chỉ xóa được nhiệm vụ.'",
      '2: `Tên đã có.`',
      "3: 'Vui lòng nhập tên.'",
      "4: 'Năm không hợp lệ.'",
      "5: 'Thiếu tên.'",
      "6: 'Thiếu cột.'",
      '7: "Vui lòng nhập tiêu đề."',
    ]);
  });

  it('no source file in core/ or server/ makes a Vietnamese-only message', () => {
    const bare = [...sourceFiles('core'), ...sourceFiles('server')].flatMap((path) =>
      bareMessages(readFileSync(join(ROOT, path), 'utf8')).map((found) => `${path}:${found}`),
    );
    expect(bare).toEqual([]);
  });
});

describe('a message in the reader’s language', () => {
  it('AppError keeps both languages and logs the Vietnamese', () => {
    const error = new AppError('CONFLICT', msg('Đơn vị đang hoạt động.', 'The unit is active.'));
    expect(error.message).toBe('Đơn vị đang hoạt động.');
    expect(inLocale(error.text, 'en')).toBe('The unit is active.');
    expect(inLocale(error.text, null)).toBe('Đơn vị đang hoạt động.');
    expect(inLocale(new AppError('NOT_FOUND').text, 'en')).toBe('Not found.');
    expect(fieldError('name', msg('Thiếu tên.', 'The name is missing.')).details.fields).toEqual([
      { path: 'name', message: { vi: 'Thiếu tên.', en: 'The name is missing.' } },
    ]);
  });

  it('a zod message is found again in English by its Vietnamese text; zod’s own stay as they are', () => {
    const text = zodMsg('Vui lòng nhập tên nhóm (thử).', 'Enter the group name (test).');
    expect(text).toBe('Vui lòng nhập tên nhóm (thử).');
    expect(fromZod(text)).toEqual({
      vi: 'Vui lòng nhập tên nhóm (thử).',
      en: 'Enter the group name (test).',
    });
    expect(fromZod('Invalid input')).toEqual({ vi: 'Invalid input', en: 'Invalid input' });
  });
});
