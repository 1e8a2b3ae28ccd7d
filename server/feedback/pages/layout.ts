import type { FastifyReply, FastifyRequest } from 'fastify';
import { Html, type HtmlValue, html } from './html.ts';
import { type Lang, pageLang, say, W } from './words.ts';

/**
 * The frame of every citizen's page: one column, system fonts, 16 px text and 48 px touch targets, no
 * script and no request beyond the page itself (the style is inline: the CSP allows inline styles).
 * Each page is sent `no-store`: the form carries a one-use token, the private page a private link.
 */
export interface PageContext {
  lang: Lang;
  /** The language was asked for in the address (`?lang=`): links and forms carry it on. */
  chosen: boolean;
  /** The request's path and query, for the language switch. */
  url: string;
}

export function pageContext(request: FastifyRequest): PageContext {
  return { ...pageLang(request), url: request.url };
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

/** The pages' one style sheet: fixed text, written as it is (escaping would break its quotes and `>`). */
const STYLE = new Html(`
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1a1b1e;background:#f4f5f7}
a{color:#1c5fb8}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
header{background:#1c5fb8;color:#fff}
header .bar{max-width:46rem;margin:0 auto;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none;display:inline-block;padding:.6rem 0;min-height:44px}
header .site{font-weight:700;margin-right:auto}
main{max-width:46rem;margin:0 auto;padding:1rem}
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
footer{max-width:46rem;margin:0 auto;padding:1rem;color:#545b66;font-size:.9rem}
@media (max-width:22rem){h1{font-size:1.3rem}dl{grid-template-columns:1fr;gap:0}dd{margin:0 0 .5rem}}
@media (min-width:48rem){.filters{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}}
`);

export function layout(
  ctx: PageContext,
  options: { title: string; body: HtmlValue; isPrivate?: boolean },
): Html {
  const { lang } = ctx;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.isPrivate ? html`<meta name="robots" content="noindex, nofollow">` : null}
<title>${options.title} · ${say(lang, W.site)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="bar">
<a class="site" href="${link(ctx, '/phan-anh')}">${say(lang, W.site)}</a>
<a href="${link(ctx, '/phan-anh')}">${say(lang, W.navForm)}</a>
<a href="${link(ctx, '/phan-anh/danh-sach')}">${say(lang, W.navList)}</a>
<a href="${link(ctx, '/doi-thoai')}">${say(lang, W.navDialogues)}</a>
<a href="${link(ctx, '/tiep-cong-dan')}">${say(lang, W.navReception)}</a>
<a href="${otherLanguage(ctx)}" lang="${lang === 'en' ? 'vi' : 'en'}">${say(lang, W.otherLanguage)}</a>
</div></header>
<main>
${options.body}
</main>
<footer><a href="/login">${say(lang, W.navStaff)}</a></footer>
</body>
</html>
`;
}

export function sendPage(reply: FastifyReply, status: number, page: Html) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page.markup);
}

/** A field's error below its label, tied to the field by `aria-describedby`. */
export function fieldError(id: string, error: string | undefined): Html | null {
  return error ? html`<p class="error" id="${id}-error">${error}</p>` : null;
}
