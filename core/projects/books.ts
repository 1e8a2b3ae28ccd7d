/**
 * A community project's books (sổ thu, chi): what it received by source — the state budget, sponsors,
 * other sources, and the residents' money, land and labour days — what it paid, and the balance; the
 * contributors as the public reads them (a household's name only when it agreed to be named); the
 * progress in words; and the final accounts (quyết toán) checked against the books. Money is whole
 * đồng (integers), never a float; land is counted in m² and labour in days, each apart from money
 * (TT 344/2016/TT-BTC Điều 12 kept cash, labour days and in-kind contributions apart), with the value
 * in đồng the residents agreed on where one was set.
 */
import type { Msg } from '../errors.ts';

export const CONTRIBUTION_KINDS = {
  money: { vi: 'Tiền', en: 'Money', unit: { vi: 'đồng', en: 'VND' } },
  land: { vi: 'Đất', en: 'Land', unit: { vi: 'm²', en: 'm²' } },
  labour: { vi: 'Ngày công', en: 'Labour', unit: { vi: 'ngày công', en: 'labour days' } },
} as const;
export type ContributionKind = keyof typeof CONTRIBUTION_KINDS;
export const CONTRIBUTION_KIND_CODES = Object.keys(CONTRIBUTION_KINDS) as [
  ContributionKind,
  ...ContributionKind[],
];

/** Sources of a project's money beside the households' contributions. */
export const RECEIPT_SOURCES = {
  state_budget: { vi: 'Ngân sách nhà nước', en: 'State budget' },
  sponsors: { vi: 'Tổ chức, cá nhân tài trợ', en: 'Sponsors' },
  other: { vi: 'Nguồn khác', en: 'Other sources' },
} as const satisfies Record<string, Msg>;
export type ReceiptSource = keyof typeof RECEIPT_SOURCES;
export const RECEIPT_SOURCE_CODES = Object.keys(RECEIPT_SOURCES) as [ReceiptSource, ...ReceiptSource[]];

/** The budget's sources as the adopting decision sets them (money, đồng). */
export const BUDGET_SOURCES = {
  state_budget: RECEIPT_SOURCES.state_budget,
  residents: { vi: 'Nhân dân đóng góp', en: 'Residents’ contributions' },
  sponsors: RECEIPT_SOURCES.sponsors,
  other: RECEIPT_SOURCES.other,
} as const satisfies Record<string, Msg>;
export type BudgetSource = keyof typeof BUDGET_SOURCES;

export const PROJECT_STATUSES = {
  preparing: { vi: 'Chuẩn bị đầu tư', en: 'Preparing' },
  building: { vi: 'Đang thi công', en: 'Under construction' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  settled: { vi: 'Đã quyết toán', en: 'Accounts settled' },
} as const satisfies Record<string, Msg>;
export type ProjectStatus = keyof typeof PROJECT_STATUSES;
export const PROJECT_STATUS_CODES = Object.keys(PROJECT_STATUSES) as [ProjectStatus, ...ProjectStatus[]];

export interface ContributionLine {
  kind: ContributionKind;
  /** đồng for money, m² for land, days for labour. */
  quantity: number;
  /** The agreed value in đồng of land or labour (null: not valued); money's value is its quantity. */
  value: number | null;
}

export interface Books {
  receipts: Record<ReceiptSource, number> & { residents: number };
  /** Cash received from every source. */
  cashIn: number;
  cashOut: number;
  balance: number;
  land: { area: number; value: number; households: number };
  labour: { days: number; value: number; households: number };
  households: number;
}

/** Sums in whole đồng: a non-integer or unsafe amount is a programming error, not rounding. */
function add(total: number, amount: number): number {
  if (!Number.isSafeInteger(amount)) throw new Error(`amount must be a whole number of đồng: ${amount}`);
  return total + amount;
}

/**
 * The books from the households' contributions (each household counted once per kind), the other
 * receipts and the payments. Only money enters the cash balance; land and labour are counted apart
 * with their agreed value.
 */
export function projectBooks(input: {
  contributions: readonly (ContributionLine & { household: string })[];
  receipts: readonly { source: ReceiptSource; amount: number }[];
  payments: readonly { amount: number }[];
}): Books {
  const receipts = { state_budget: 0, sponsors: 0, other: 0, residents: 0 };
  const land = { area: 0, value: 0, households: new Set<string>() };
  const labour = { days: 0, value: 0, households: new Set<string>() };
  const everyone = new Set<string>();
  for (const line of input.contributions) {
    const key = line.household.normalize('NFC').trim().toLocaleLowerCase('vi');
    everyone.add(key);
    if (line.kind === 'money') receipts.residents = add(receipts.residents, line.quantity);
    else {
      const bucket = line.kind === 'land' ? land : labour;
      if (line.kind === 'land') land.area = add(land.area, line.quantity);
      else labour.days = add(labour.days, line.quantity);
      bucket.value = add(bucket.value, line.value ?? 0);
      bucket.households.add(key);
    }
  }
  for (const receipt of input.receipts)
    receipts[receipt.source] = add(receipts[receipt.source], receipt.amount);
  const cashIn = receipts.state_budget + receipts.sponsors + receipts.other + receipts.residents;
  const cashOut = input.payments.reduce((total, payment) => add(total, payment.amount), 0);
  return {
    receipts,
    cashIn,
    cashOut,
    balance: cashIn - cashOut,
    land: { area: land.area, value: land.value, households: land.households.size },
    labour: { days: labour.days, value: labour.value, households: labour.households.size },
    households: everyone.size,
  };
}

/** What the public reads of a contributor: the household's name only when it agreed to be named. */
export interface PublicContributor extends ContributionLine {
  name: string | null;
}

export function publicContributor(line: ContributionLine & { household: string; consent: boolean }) {
  return {
    name: line.consent ? line.household : null,
    kind: line.kind,
    quantity: line.quantity,
    value: line.value,
  } satisfies PublicContributor;
}

/**
 * The public list of contributors: the named ones line by line, and the others as one count of
 * households with their totals by kind ("Hộ gia đình (12 hộ)"), so no figure points at one of them.
 */
export function publicContributors(
  lines: readonly (ContributionLine & { household: string; consent: boolean })[],
) {
  const named = lines.filter((line) => line.consent).map(publicContributor);
  const unnamed = lines.filter((line) => !line.consent);
  const households = new Set(
    unnamed.map((line) => line.household.normalize('NFC').trim().toLocaleLowerCase('vi')),
  );
  const totals = { money: 0, land: 0, labour: 0 };
  for (const line of unnamed) totals[line.kind] = add(totals[line.kind], line.quantity);
  return { named, unnamed: { households: households.size, ...totals } };
}

export const UNNAMED_HOUSEHOLDS = (count: number): Msg => ({
  vi: `Hộ gia đình (${count} hộ không công khai tên)`,
  en: `Households (${count} not named at their request)`,
});

/** Whole đồng with a dot between thousands: 1250000 → "1.250.000 đồng" ("1.250.000 VND" in English). */
export function formatDong(amount: number, locale: 'vi' | 'en' = 'vi'): string {
  return `${formatWhole(amount)} ${locale === 'en' ? 'VND' : 'đồng'}`;
}

/** A whole number with a dot between thousands (Vietnamese): -1250000 → "-1.250.000". */
export function formatWhole(value: number): string {
  const digits = String(Math.abs(Math.trunc(value)));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return value < 0 ? `-${grouped}` : grouped;
}

// ---- Final accounts --------------------------------------------------------------------------------

export interface FinalAccounts {
  /** The approved totals of the settlement (quyết toán), đồng. */
  receipts: number;
  payments: number;
}

export interface AccountsCheck {
  isConsistent: boolean;
  /** The settlement's balance: its receipts − its payments. */
  balance: number;
  issues: Msg[];
}

/**
 * The settlement against the books: its receipts and payments must be those recorded, and its
 * balance is receipts − payments (what is left is handled as the residents agreed).
 */
export function checkAccounts(
  accounts: FinalAccounts,
  books: Pick<Books, 'cashIn' | 'cashOut'>,
): AccountsCheck {
  const issues: Msg[] = [];
  if (accounts.receipts !== books.cashIn)
    issues.push({
      vi: `Tổng thu quyết toán ${formatDong(accounts.receipts)} khác sổ thu ${formatDong(books.cashIn)} (chênh ${formatDong(accounts.receipts - books.cashIn)}).`,
      en: `Settled receipts ${formatDong(accounts.receipts)} differ from the books' ${formatDong(books.cashIn)} (by ${formatDong(accounts.receipts - books.cashIn)}).`,
    });
  if (accounts.payments !== books.cashOut)
    issues.push({
      vi: `Tổng chi quyết toán ${formatDong(accounts.payments)} khác sổ chi ${formatDong(books.cashOut)} (chênh ${formatDong(accounts.payments - books.cashOut)}).`,
      en: `Settled payments ${formatDong(accounts.payments)} differ from the books' ${formatDong(books.cashOut)} (by ${formatDong(accounts.payments - books.cashOut)}).`,
    });
  return { isConsistent: issues.length === 0, balance: accounts.receipts - accounts.payments, issues };
}

/** The project's progress as a whole percent, checked against its status: a completed work is at 100%. */
export function progressIssue(status: ProjectStatus, progress: number): Msg | null {
  if ((status === 'completed' || status === 'settled') && progress !== 100)
    return {
      vi: 'Công trình đã hoàn thành thì tiến độ phải là 100%.',
      en: 'A completed work is at 100% progress.',
    };
  if (status === 'preparing' && progress > 0)
    return {
      vi: 'Công trình đang chuẩn bị đầu tư thì tiến độ thi công là 0%.',
      en: 'A work still being prepared is at 0% progress.',
    };
  return null;
}
