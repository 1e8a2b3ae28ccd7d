import { type Html, html } from './html.ts';
import { layout, link, type PageContext } from './layout.ts';
import type { SectionKey } from './site-words.ts';
import { SW, say } from './site-words.ts';

export interface ListEntry {
  href: string;
  name: string;
  /** One line under the name: what it is, whose, since when. */
  meta: Html | string;
}

/**
 * A section's list of what is published (the results' rounds, the plans): its title and what it
 * holds, each entry a link with one line about it, or the sentence saying nothing is published yet.
 */
export function listPage(
  ctx: PageContext,
  page: { title: string; intro: string; nothing: string; section: SectionKey; entries: ListEntry[] },
): Html {
  const body = html`<h1>${page.title}</h1>
<p>${page.intro}</p>
${
  page.entries.length === 0
    ? html`<p>${page.nothing}</p>`
    : html`<ul class="items">${page.entries.map(
        (entry) => html`<li><a href="${link(ctx, entry.href)}">${entry.name}</a>
<p class="meta">${entry.meta}</p></li>`,
      )}</ul>`
}`;
  return layout(ctx, {
    title: page.title,
    body,
    section: page.section,
    crumbs: [{ label: say(ctx.lang, SW.home), href: '/cong-khai' }, { label: page.title }],
    description: page.intro,
  });
}
