import type { FastifyReply, FastifyRequest } from 'fastify';
import { Html, type HtmlValue, html } from './html.ts';
import { NO_SITE, type SiteIdentity } from './site-identity.ts';
import { type Lang, pageLang, SECTIONS, type SectionKey, SW, say } from './site-words.ts';

/**
 * The frame of every citizen's page, the public site's and the citizens' forms alike: the province's
 * name (and emblem), the site's sections, one column (wider for tables and maps), system fonts, 16 px
 * text and 48 px touch targets, no script and no request beyond the page itself (the style is inline:
 * the CSP allows inline styles). A form's page is sent `no-store` (it carries a one-use token, the
 * private page a private link); the site's published pages are cached (`./public-cache.ts`).
 */
export interface PageContext {
  lang: Lang;
  /** The language was asked for in the address (`?lang=`): links and forms carry it on. */
  chosen: boolean;
  /** The request's path and query, for the language switch. */
  url: string;
  site: SiteIdentity;
}

export function pageContext(request: FastifyRequest): PageContext {
  return { ...pageLang(request), url: request.url, site: request.site ?? NO_SITE };
}

/** A link within the pages: `path` with `params` (empty ones left out) and the chosen language. */
export function link(
  ctx: PageContext,
  path: string,
  params: Record<string, string | number | null | undefined> = {},
): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') query.set(key, String(value));
  if (ctx.chosen) query.set('lang', ctx.lang);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The same address in the other language (a private link keeps its token). */
function otherLanguage(ctx: PageContext): string {
  const url = new URL(ctx.url, 'http://page');
  url.searchParams.set('lang', ctx.lang === 'en' ? 'vi' : 'en');
  url.searchParams.delete('done');
  return `${url.pathname}${url.search}`;
}

const DATA_SECTION = SECTIONS.find((section) => section.key === 'data') as (typeof SECTIONS)[number];

/** The pages' one style sheet: fixed text, written as it is (escaping would break its quotes and `>`). */
const STYLE = new Html(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1b1e;background:#f4f5f7}
a{color:#1c5fb8}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
header{background:#1c5fb8;color:#fff}
header .bar{max-width:72rem;margin:0 auto;padding:.25rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none;display:inline-block;padding:.6rem 0;min-height:44px}
header .site{font-weight:700;margin-right:auto;display:flex;gap:.5rem;align-items:center}
header .site img{width:36px;height:36px;object-fit:contain}
nav.sections{background:#174f99}
nav.sections ul{max-width:72rem;margin:0 auto;padding:0 .5rem;list-style:none;display:flex;flex-wrap:wrap;white-space:nowrap}
nav.sections a{color:#fff;display:block;padding:.65rem .6rem;min-height:44px;text-decoration:none}
nav.sections a:focus-visible{outline-offset:-3px}
nav.sections a[aria-current=page]{text-decoration:underline;text-underline-offset:.3rem;font-weight:700}
.demo{background:#fff3c4;color:#1a1b1e;margin:0;padding:.4rem 1rem;text-align:center;font-size:.9rem}
.skip{position:absolute;left:-10000px}
.skip:focus{left:.5rem;top:.5rem;background:#fff;color:#1c5fb8;padding:.5rem 1rem;z-index:9}
main{max-width:46rem;margin:0 auto;padding:1rem}
main.wide{max-width:72rem}
.crumbs{font-size:.9rem;margin:.25rem 0 0}
.crumbs ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.crumbs li+li::before{content:"›";margin-right:.25rem;color:#545b66}
.table{overflow-x:auto;margin:0 0 1rem;background:#fff;border:1px solid #d9dce1;border-radius:8px}
.table:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.6rem .75rem}
th,td{padding:.45rem .75rem;border-top:1px solid #e3e5e8;text-align:left;vertical-align:top}
thead th{background:#f0f2f5;border-top:0;white-space:nowrap}
td,th{overflow-wrap:normal}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.own{background:#fff6d6}
.bar-out{background:#e3e5e8;border-radius:4px;height:.6rem;min-width:5rem}
.bar-in{background:#2e7d32;border-radius:4px;height:.6rem}
.up{color:#1b5e20}.down{color:#b3261e}
.grid{display:grid;gap:1rem}
@media (min-width:60rem){.grid.two{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}.grid.two>figure{position:sticky;top:0;align-self:start}}
figure{margin:0 0 1rem}
figure svg{width:100%;height:auto;display:block}
figcaption{font-size:.85rem;color:#545b66}
.legend{display:flex;flex-wrap:wrap;gap:.25rem .75rem;list-style:none;padding:0;margin:.5rem 0;font-size:.9rem}
.legend span{display:inline-block;width:1rem;height:1rem;border:1px solid #545b66;vertical-align:-.15rem;margin-right:.3rem}
.cards{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));list-style:none;padding:0;margin:0 0 1rem}
.cards li{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:1rem}
.cards h2{margin-top:0}
.cards.stats{grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.75rem}
.cards.stats li{padding:.75rem}
.cards.stats p{margin:.15rem 0}
.cards .big{font-size:1.6rem;font-weight:700;margin:.25rem 0}
h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:1rem;margin:0 0 1rem}
.card>h2:first-child{margin-top:0}
label,legend{display:block;font-weight:600;margin:0 0 .25rem}
fieldset{border:1px solid #d9dce1;border-radius:8px;margin:0 0 1rem;padding:.75rem 1rem}
.field{margin:0 0 1rem}
.label{font-weight:600;margin:0 0 .25rem}
[hidden]{display:none!important}
.hint{color:#545b66;font-size:.9rem;margin:.1rem 0 .4rem}
input[type=text],input[type=tel],input[type=email],input[type=search],select,textarea{width:100%;font:inherit;padding:.6rem .7rem;min-height:48px;border:1px solid #8a919c;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:9rem;resize:vertical}
input[type=file]{font:inherit;width:100%;padding:.5rem 0;min-height:48px}
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:400;margin:.25rem 0;padding:.35rem 0;min-height:44px}
.check input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
.check .hint{display:block}
button{font:inherit;font-weight:600;min-height:48px;padding:.6rem 1.4rem;border:0;border-radius:6px;background:#1c5fb8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1c5fb8;border:2px solid #1c5fb8}
.buttons{display:flex;flex-wrap:wrap;gap:.75rem}
.error{color:#b3261e;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#b3261e;border-width:2px}
.alert{border-radius:8px;padding:.5rem 1rem;margin:0 0 1rem;border:1px solid}
.alert p{margin:.35rem 0}
.alert.bad{background:#fdecea;border-color:#b3261e}
.alert.good{background:#e8f5e9;border-color:#2e7d32}
.alert.info{background:#e8f0fb;border-color:#1c5fb8}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.35rem 1rem;margin:0}
dt{color:#545b66}
dd{margin:0;overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
.badge{display:inline-block;border-radius:999px;padding:.15rem .7rem;background:#e8f0fb;color:#123f7a;font-weight:600;font-size:.95rem}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.nowrap{white-space:nowrap;overflow-wrap:normal}
ol.steps{margin:0;padding-left:1.25rem}
ol.steps li{margin:0 0 .6rem}
ul.items{list-style:none;margin:0;padding:0}
ul.items li{background:#fff;border:1px solid #d9dce1;border-radius:8px;padding:.75rem 1rem;margin:0 0 .75rem}
ul.items a{font-weight:600}
.meta{color:#545b66;font-size:.9rem}
.pages{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap;align-items:center}
.pages a{display:inline-block;padding:.6rem 0;min-height:44px}
.pager{margin:-.5rem 0 1.5rem}
.pager p{margin:.25rem 0}
.pager ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem;align-items:center}
.pager li>a,.pager li>span{display:inline-block;min-width:44px;min-height:44px;padding:.6rem .5rem;text-align:center;border-radius:6px}
.pager li>a{background:#fff;border:1px solid #d9dce1}
.pager [aria-current]{font-weight:700;background:#1c5fb8;color:#fff;border:1px solid #1c5fb8}
.pager li[aria-hidden]{padding:0 .25rem}
footer{max-width:72rem;margin:0 auto;padding:1rem;color:#545b66;font-size:.9rem}
footer p{margin:.25rem 0}
@media (max-width:22rem){h1{font-size:1.3rem}dl{grid-template-columns:1fr;gap:0}dd{margin:0 0 .5rem}}
@media (min-width:48rem){.filters{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}}
`);

export interface PageOptions {
  title: string;
  body: HtmlValue;
  isPrivate?: boolean;
  /** Tables and maps: the wider column. */
  wide?: boolean;
  /** The section the page belongs to, marked in the menu. */
  section?: SectionKey;
  /** The way down to this page (the page itself last, without a link). */
  crumbs?: { label: string; href?: string }[];
  description?: string;
}

export function siteName(ctx: PageContext): string {
  return ctx.site.code ? say(ctx.lang, SW.siteOf(ctx.site.fullName, ctx.site.name)) : ctx.site.fullName;
}

export function layout(ctx: PageContext, options: PageOptions): Html {
  const { lang } = ctx;
  const name = siteName(ctx);
  const crumbs = options.crumbs?.length
    ? html`<nav class="crumbs" aria-label="${say(lang, SW.crumbs)}"><ol>${options.crumbs.map((crumb) =>
        crumb.href
          ? html`<li><a href="${link(ctx, crumb.href)}">${crumb.label}</a></li>`
          : html`<li aria-current="page">${crumb.label}</li>`,
      )}</ol></nav>`
    : null;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.isPrivate ? html`<meta name="robots" content="noindex, nofollow">` : null}
${options.description ? html`<meta name="description" content="${options.description}">` : null}
<title>${options.title} · ${name}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${say(lang, SW.skip)}</a>
<header><div class="bar">
<a class="site" href="${link(ctx, '/cong-khai')}">${ctx.site.emblem ? html`<img src="/cong-khai/bieu-trung" alt="${say(lang, SW.emblem)}" width="36" height="36">` : null}<span>${name}</span></a>
<a href="${otherLanguage(ctx)}" lang="${lang === 'en' ? 'vi' : 'en'}">${say(lang, SW.otherLanguage)}</a>
</div>
<nav class="sections" aria-label="${say(lang, SW.menu)}"><ul>${SECTIONS.map(
    (section) =>
      html`<li><a href="${link(ctx, section.path)}"${options.section === section.key ? html` aria-current="page"` : null}>${say(lang, section.label)}</a></li>`,
  )}</ul></nav></header>
${ctx.site.demo ? html`<p class="demo" role="note">${say(lang, SW.demo)}</p>` : null}
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : null}>
${crumbs}
${options.body}
</main>
<footer><p><a href="/login">${say(lang, SW.staff)}</a> · <a href="${link(ctx, '/du-lieu-mo')}">${say(lang, DATA_SECTION.label)}</a></p><p>${say(lang, SW.licence)}</p></footer>
</body>
</html>
`;
}

/** The 404 page of the public site, with the way home. */
export function notFoundPage(ctx: PageContext) {
  const title = say(ctx.lang, SW.notFoundTitle);
  return layout(ctx, {
    title,
    body: html`<h1>${title}</h1><p><a href="${link(ctx, '/cong-khai')}">${say(ctx.lang, SW.toHome)}</a></p>`,
  });
}

export function sendPage(reply: FastifyReply, status: number, page: Html) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page.markup);
}

/**
 * A table's box, scrolling sideways inside itself when the screen is narrower than the table (a phone):
 * reachable by the keyboard (Tab, then the arrow keys) and named for a screen reader's list of regions.
 */
export function tableBox(label: string, table: HtmlValue): Html {
  return html`<div class="table" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/** A field's error below its label, tied to the field by `aria-describedby`. */
export function fieldError(id: string, error: string | undefined): Html | null {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : null;
}
