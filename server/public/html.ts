/**
 * The one way the citizen's pages write HTML: a tagged template that escapes every value put into it
 * (text and attribute values alike: `&`, `<`, `>`, `"`, `'`), so a citizen's text, a unit's name or a
 * query string can never become markup. Only what `html` itself made passes through unescaped; lists
 * are joined; `null`, `undefined` and `false` write nothing (for optional parts and boolean attributes).
 */
export class Html {
  readonly markup: string;
  constructor(markup: string) {
    this.markup = markup;
  }
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

function write(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (Array.isArray(value)) return value.map(write).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    markup += write(value) + (strings[index + 1] ?? '');
  });
  return new Html(markup);
}
