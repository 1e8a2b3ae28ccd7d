import { inLocale, type Msg } from '../../core/errors.ts';
import { pageOfLines } from '../../core/list.ts';
import {
  BUDGET_SOURCES,
  type BudgetSource,
  CONTRIBUTION_KINDS,
  formatDong,
  formatWhole,
  PROJECT_STATUSES,
  RECEIPT_SOURCES,
  UNNAMED_HOUSEHOLDS,
} from '../../core/projects/books.ts';
import { NOTICE_KINDS } from '../../core/projects/project-schemas.ts';
import {
  ADOPTION_VERDICTS,
  ANSWER_STATES,
  BOARD_ROLES,
  BOARD_SIDES,
  formatShare,
} from '../../core/projects/rules.ts';
import { formatDateVi } from '../../core/text/dates.ts';
import { type Html, html } from '../public/html.ts';
import { type PageContext, tableBox } from '../public/layout.ts';
import { tablePager } from '../public/pager.ts';
import { say } from '../public/site-words.ts';
import {
  BOOK_PAGE_LINES,
  BOOK_PARAMS,
  type BookPages,
  type BookTable,
  bookParams,
} from './project-book-pages.ts';
import type { PublicProject } from './project-public.ts';

/**
 * One community project as the public reads it: the same markup on /cong-khai/cong-trinh/<id>-<slug>
 * and in the staff's preview, so the preview shows exactly what publishing makes public. Tables have
 * captions and column headers with `scope`; headings go h1 → h2 → h3. The long tables (the households,
 * the receipts, the payments) show 50 lines a page, each paged by its own parameter (`?ho=2`, `?thu=2`,
 * `?chi=2`): 800 households stay a light page on a cheap phone. Their totals are over every line.
 */
export const PW = {
  section: { vi: 'Công trình dân góp', en: 'Community projects' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  location: { vi: 'Địa điểm', en: 'Location' },
  investor: { vi: 'Chủ đầu tư', en: 'Investor' },
  purpose: { vi: 'Mục đích', en: 'Purpose' },
  status: { vi: 'Tình trạng', en: 'State' },
  progress: { vi: 'Tiến độ', en: 'Progress' },
  startedOn: { vi: 'Khởi công', en: 'Started' },
  finishedOn: { vi: 'Hoàn thành', en: 'Finished' },
  adoption: { vi: 'Quyết định của cộng đồng dân cư', en: 'The residents’ decision' },
  decision: { vi: 'Biên bản, quyết định', en: 'Record of the decision' },
  households: { vi: 'Số hộ gia đình', en: 'Households' },
  agreed: { vi: 'Số hộ tán thành', en: 'Households agreeing' },
  verdict: { vi: 'Kết quả', en: 'Result' },
  basis: { vi: 'Căn cứ', en: 'Legal basis' },
  budget: { vi: 'Nguồn vốn: dự toán và đã thu', en: 'Budget by source and money received' },
  source: { vi: 'Nguồn', en: 'Source' },
  planned: { vi: 'Dự toán', en: 'Budgeted' },
  received: { vi: 'Đã thu', en: 'Received' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  inKind: {
    vi: 'Đóng góp bằng đất và ngày công (tính riêng, không vào quỹ tiền mặt)',
    en: 'Land and labour (counted apart from the cash)',
  },
  receipts: { vi: 'Sổ thu (ngoài tiền của các hộ)', en: 'Receipts (besides the households’ money)' },
  payments: { vi: 'Sổ chi', en: 'Payments' },
  date: { vi: 'Ngày', en: 'Date' },
  amount: { vi: 'Số tiền', en: 'Amount' },
  note: { vi: 'Ghi chú', en: 'Note' },
  payee: { vi: 'Người nhận', en: 'Paid to' },
  paidFor: { vi: 'Nội dung chi', en: 'Paid for' },
  voucher: { vi: 'Chứng từ', en: 'Voucher' },
  balance: { vi: 'Tồn quỹ (thu − chi)', en: 'Balance (in − out)' },
  allCsv: { vi: 'Tải tất cả (CSV)', en: 'Download them all (CSV)' },
  none: { vi: 'Chưa có.', en: 'None yet.' },
  contributors: { vi: 'Các hộ đóng góp', en: 'Contributing households' },
  household: { vi: 'Hộ gia đình', en: 'Household' },
  kind: { vi: 'Hình thức', en: 'Kind' },
  quantity: { vi: 'Số lượng', en: 'Quantity' },
  value: { vi: 'Quy ra tiền', en: 'Value' },
  consentHint: {
    vi: 'Tên hộ chỉ được công khai khi hộ đồng ý; các hộ khác được tính gộp.',
    en: 'A household is named only with its consent; the others are counted together.',
  },
  board: { vi: 'Ban giám sát đầu tư của cộng đồng', en: 'Community investment supervision board' },
  boardDecision: { vi: 'Quyết định thành lập (Ủy ban MTTQ xã)', en: 'Set up by (Fatherland Front decision)' },
  member: { vi: 'Họ và tên', en: 'Name' },
  role: { vi: 'Chức danh', en: 'Role' },
  side: { vi: 'Đại diện', en: 'Represents' },
  notices: {
    vi: 'Thông báo, kiến nghị của Ban và trả lời của UBND xã',
    en: 'The board’s notices and the commune’s answers',
  },
  receivedOn: { vi: 'Ngày UBND xã nhận', en: 'Received by the commune' },
  finding: { vi: 'Nội dung giám sát', en: 'Finding' },
  recommendation: { vi: 'Kiến nghị', en: 'Recommendation' },
  answer: { vi: 'Trả lời của UBND xã', en: 'The commune’s answer' },
  dueOn: { vi: 'hạn trả lời', en: 'due' },
  accounts: { vi: 'Quyết toán công trình', en: 'Final accounts' },
  accountsNone: { vi: 'Chưa quyết toán.', en: 'Not settled yet.' },
  accountsOk: { vi: 'Khớp với sổ thu, chi.', en: 'Matches the books.' },
  data: { vi: 'Tải dữ liệu', en: 'Download the data' },
  contributorsCsv: { vi: 'Hộ đóng góp (CSV)', en: 'Contributors (CSV)' },
  projectJson: { vi: 'Toàn bộ trang (JSON)', en: 'The whole page (JSON)' },
  preview: {
    vi: 'Bản xem trước: đây đúng là trang người dân sẽ thấy khi công trình được công khai.',
    en: 'Preview: this is exactly the page the public will see once the project is published.',
  },
} as const satisfies Record<string, Msg>;

/** The total line of the contributors: every household, every line, whatever page is shown. */
const householdsTotal = (count: number): Msg => ({
  vi: `Tổng cộng (${formatWhole(count)} hộ)`,
  en: `Total (${formatWhole(count)} ${count === 1 ? 'household' : 'households'})`,
});

const num = (value: number) => html`<td class="num">${formatWhole(value)}</td>`;

function table(
  caption: string,
  heads: readonly (string | [string, 'num'])[],
  rows: Html[],
  foot?: Html,
): Html {
  return tableBox(
    caption,
    html`<table><caption>${caption}</caption>
<thead><tr>${heads.map((head) =>
      Array.isArray(head)
        ? html`<th scope="col" class="num">${head[0]}</th>`
        : html`<th scope="col">${head}</th>`,
    )}</tr></thead>
<tbody>${rows}</tbody>${foot ? html`<tfoot>${foot}</tfoot>` : null}</table>`,
  );
}

/** "Tiền: 1.500.000 đồng · Ngày công: 3 ngày công": what was given, by kind, leaving out the kinds not given. */
function inKindText(ctx: PageContext, totals: { money: number; land: number; labour: number }): string {
  const s = (message: Msg) => say(ctx.lang, message);
  return [
    totals.money > 0 ? `${s(CONTRIBUTION_KINDS.money)}: ${formatDong(totals.money, ctx.lang)}` : '',
    totals.land > 0 ? `${s(CONTRIBUTION_KINDS.land)}: ${formatWhole(totals.land)} m²` : '',
    totals.labour > 0
      ? `${s(CONTRIBUTION_KINDS.labour)}: ${formatWhole(totals.labour)} ${s(CONTRIBUTION_KINDS.labour.unit)}`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

export interface ProjectPageOptions {
  preview?: boolean;
  /** The published page's address, for its data files (none in the preview). */
  path?: string;
  /** The address this page is served at (the published one or the preview's), for the tables' pages. */
  here: string;
  /** The page of each long table asked for. */
  pages: BookPages;
}

export function projectBody(ctx: PageContext, project: PublicProject, options: ProjectPageOptions): Html {
  const s = (message: Msg) => say(ctx.lang, message);
  const row = (label: Msg, value: string | Html | null) =>
    value === null || value === '' ? null : html`<dt>${s(label)}</dt><dd>${value}</dd>`;
  const dong = (label: Msg) => `${s(label)} (đồng)`;
  const { books } = project;
  const sources = Object.keys(BUDGET_SOURCES) as BudgetSource[];
  const budgetTotal = sources.reduce((sum, key) => sum + project.budget[key], 0);
  const shown = project.contributors;
  const unnamed = shown.unnamed;
  // Totals come from the books, over every line; only the lines listed are cut into pages.
  const at = {
    contributors: pageOfLines(shown.named, options.pages.contributors, BOOK_PAGE_LINES),
    receipts: pageOfLines(project.receipts, options.pages.receipts, BOOK_PAGE_LINES),
    payments: pageOfLines(project.payments, options.pages.payments, BOOK_PAGE_LINES),
  };
  const kept = bookParams({
    contributors: at.contributors.page,
    receipts: at.receipts.page,
    payments: at.payments.page,
  });
  const pager = (table: BookTable, name: Msg, fragment: string, download?: { href: string; label: Msg }) =>
    tablePager(
      ctx,
      { name: s(name), path: options.here, param: BOOK_PARAMS[table], params: kept, fragment, download },
      at[table],
    );
  const receiptsTotal = books.receipts.state_budget + books.receipts.sponsors + books.receipts.other;
  const contributedValue = books.receipts.residents + books.land.value + books.labour.value;
  return html`${options.preview ? html`<div class="alert info" role="note"><p>${s(PW.preview)}</p></div>` : null}
<h1>${project.name}</h1>
<div class="card"><dl>
${row(PW.commune, project.unitName)}
${row(PW.location, project.location)}
${row(PW.investor, project.investor)}
${row(PW.status, html`<span class="badge">${s(PROJECT_STATUSES[project.status])}</span>`)}
${row(PW.progress, html`${project.progress}%<div class="bar-out" role="img" aria-label="${s(PW.progress)} ${project.progress}%"><div class="bar-in" style="width:${project.progress}%"></div></div>`)}
${row(PW.startedOn, formatDateVi(project.startedOn))}
${row(PW.finishedOn, formatDateVi(project.finishedOn))}
</dl>
${project.purpose ? html`<h2>${s(PW.purpose)}</h2><p class="text">${project.purpose}</p>` : null}
</div>
<h2>${s(PW.adoption)}</h2>
<div class="card"><dl>
${row(PW.decision, [project.decisionNumber, formatDateVi(project.decidedOn)].filter(Boolean).join(' · '))}
${row(PW.households, project.households === null ? null : formatWhole(project.households))}
${row(
  PW.agreed,
  project.agreed === null || project.households === null
    ? null
    : `${formatWhole(project.agreed)}/${formatWhole(project.households)} (${formatShare(project.agreed, project.households)})`,
)}
${row(PW.verdict, html`<span class="badge">${s(ADOPTION_VERDICTS[project.adoption.verdict])}</span>`)}
${row(
  PW.basis,
  project.adoption.rule
    ? `${project.adoption.rule.basis}: ${ctx.lang === 'en' ? 'at least' : 'ít nhất'} ${project.adoption.rule.numerator}/${project.adoption.rule.denominator}. ${s(project.adoption.rule.note)}`
    : null,
)}
</dl></div>
<h2>${s(PW.budget)}</h2>
${table(
  s(PW.budget),
  [s(PW.source), [dong(PW.planned), 'num'], [dong(PW.received), 'num']],
  sources.map(
    (key) =>
      html`<tr><th scope="row">${s(BUDGET_SOURCES[key])}</th>${num(project.budget[key])}${num(books.receipts[key])}</tr>`,
  ),
  html`<tr><th scope="row">${s(PW.total)}</th>${num(budgetTotal)}${num(books.cashIn)}</tr>`,
)}
<div class="card"><h3>${s(PW.inKind)}</h3><dl>
<dt>${s(CONTRIBUTION_KINDS.land)}</dt><dd>${formatWhole(books.land.area)} m² · ${books.land.households} ${ctx.lang === 'en' ? 'households' : 'hộ'} · ${formatDong(books.land.value)}</dd>
<dt>${s(CONTRIBUTION_KINDS.labour)}</dt><dd>${formatWhole(books.labour.days)} ${s(CONTRIBUTION_KINDS.labour.unit)} · ${books.labour.households} ${ctx.lang === 'en' ? 'households' : 'hộ'} · ${formatDong(books.labour.value)}</dd>
</dl></div>
<h2 id="so-thu">${s(PW.receipts)}</h2>
${
  project.receipts.length === 0
    ? html`<p>${s(PW.none)}</p>`
    : html`${table(
        s(PW.receipts),
        [s(PW.date), s(PW.source), [dong(PW.amount), 'num'], s(PW.note)],
        at.receipts.items.map(
          (line) =>
            html`<tr data-receipt><td class="nowrap">${formatDateVi(line.receivedOn)}</td><td>${s(RECEIPT_SOURCES[line.source])}</td>${num(line.amount)}<td>${line.note ?? ''}</td></tr>`,
        ),
        html`<tr><th scope="row" colspan="2">${s(PW.total)}</th>${num(receiptsTotal)}<td></td></tr>`,
      )}${pager('receipts', PW.receipts, 'so-thu')}`
}
<h2 id="so-chi">${s(PW.payments)}</h2>
${
  project.payments.length === 0
    ? html`<p>${s(PW.none)}</p>`
    : html`${table(
        s(PW.payments),
        [s(PW.date), s(PW.payee), s(PW.paidFor), s(PW.voucher), [dong(PW.amount), 'num']],
        at.payments.items.map(
          (line) =>
            html`<tr data-payment><td class="nowrap">${formatDateVi(line.paidOn)}</td><td>${line.payee}</td><td>${line.purpose}</td><td>${line.voucher ?? ''}</td>${num(line.amount)}</tr>`,
        ),
        html`<tr><th scope="row" colspan="4">${s(PW.total)}</th>${num(books.cashOut)}</tr>`,
      )}${pager('payments', PW.payments, 'so-chi')}`
}
<p><strong>${s(PW.balance)}:</strong> <span data-balance>${formatDong(books.balance)}</span></p>
<h2 id="ho-dong-gop">${s(PW.contributors)}</h2>
<p class="meta">${s(PW.consentHint)}</p>
${
  shown.named.length === 0 && unnamed.households === 0
    ? html`<p>${s(PW.none)}</p>`
    : html`${table(
        s(PW.contributors),
        [s(PW.household), s(PW.kind), [s(PW.quantity), 'num'], [dong(PW.value), 'num']],
        at.contributors.items.map(
          (line) =>
            html`<tr data-contributor><td>${line.name ?? ''}</td><td>${s(CONTRIBUTION_KINDS[line.kind])}</td><td class="num">${formatWhole(line.quantity)} ${s(CONTRIBUTION_KINDS[line.kind].unit)}</td><td class="num">${line.kind === 'money' ? formatWhole(line.quantity) : line.value === null ? '—' : formatWhole(line.value)}</td></tr>`,
        ),
        // The households counted together and the totals close the table on every page.
        html`${
          unnamed.households > 0
            ? html`<tr data-unnamed><td>${s(UNNAMED_HOUSEHOLDS(unnamed.households))}</td><td colspan="3">${inKindText(
                ctx,
                unnamed,
              )}</td></tr>`
            : null
        }<tr data-total><th scope="row">${s(householdsTotal(books.households))}</th><td colspan="2">${inKindText(
          ctx,
          {
            money: books.receipts.residents,
            land: books.land.area,
            labour: books.labour.days,
          },
        )}</td>${num(contributedValue)}</tr>`,
      )}${pager(
        'contributors',
        PW.contributors,
        'ho-dong-gop',
        options.path ? { href: `${options.path}/dong-gop.csv`, label: PW.allCsv } : undefined,
      )}`
}
<h2>${s(PW.board)}</h2>
${project.boardDecisionNumber || project.boardDecidedOn ? html`<p>${s(PW.boardDecision)}: ${[project.boardDecisionNumber, formatDateVi(project.boardDecidedOn)].filter(Boolean).join(' · ')}</p>` : null}
${
  project.members.length === 0
    ? html`<p>${s(PW.none)}</p>`
    : table(
        s(PW.board),
        [s(PW.member), s(PW.role), s(PW.side)],
        project.members.map(
          (member) =>
            html`<tr><td>${member.name}</td><td>${s(BOARD_ROLES[member.role])}</td><td>${s(BOARD_SIDES[member.side])}</td></tr>`,
        ),
      )
}
<h2>${s(PW.notices)}</h2>
${
  project.notices.length === 0
    ? html`<p>${s(PW.none)}</p>`
    : html`<ul class="items">${project.notices.map(
        (
          notice,
        ) => html`<li data-notice><h3>${s(NOTICE_KINDS[notice.kind])} · ${formatDateVi(notice.receivedOn)}</h3>
<dl>
${row(PW.finding, notice.finding)}
${row(PW.recommendation, notice.recommendation)}
${row(PW.answer, notice.answer ? `${formatDateVi(notice.answeredOn)}: ${notice.answer}` : null)}
<dt>${s(PW.status)}</dt><dd><span class="badge">${inLocale(ANSWER_STATES[notice.timing.state], ctx.lang)}</span>${notice.timing.dueOn ? ` (${s(PW.dueOn)} ${formatDateVi(notice.timing.dueOn)})` : ''}</dd>
</dl></li>`,
      )}</ul>`
}
<h2>${s(PW.accounts)}</h2>
${
  project.accounts === null
    ? html`<p>${s(PW.accountsNone)}</p>`
    : html`<div class="card"><dl>
${row(PW.decision, [project.accounts.number, formatDateVi(project.accounts.on)].filter(Boolean).join(' · '))}
${row(PW.received, formatDong(project.accounts.receipts))}
${row(PW.payments, formatDong(project.accounts.payments))}
${row(PW.balance, formatDong(project.accounts.receipts - project.accounts.payments))}
${row(PW.note, project.accounts.note)}
</dl>
${
  project.accounts.check?.isConsistent
    ? html`<p class="alert good">${s(PW.accountsOk)}</p>`
    : html`<div class="alert bad">${project.accounts.check?.issues.map((issue) => html`<p>${s(issue)}</p>`)}</div>`
}</div>`
}
${
  options.path
    ? html`<p class="meta">${s(PW.data)}: <a href="${options.path}/dong-gop.csv">${s(PW.contributorsCsv)}</a> · <a href="${options.path}/du-lieu.json">${s(PW.projectJson)}</a></p>`
    : null
}`;
}
