import type { z } from 'zod';
import {
  CONTRIBUTION_KINDS,
  formatWhole,
  PROJECT_STATUSES,
  RECEIPT_SOURCES,
} from '../../../../core/projects/books.ts';
import {
  contributionSchema,
  memberSchema,
  NOTICE_KINDS,
  noticeSchema,
  paymentSchema,
  receiptSchema,
} from '../../../../core/projects/project-schemas.ts';
import { ANSWER_STATES, BOARD_ROLES, BOARD_SIDES } from '../../../../core/projects/rules.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import type { MessageKey } from '../../i18n/messages.ts';
import type { LineKind } from './api.ts';
import type { FieldDef, FieldValue } from './FieldInput.tsx';

/** The project's own fields by tab, and each line kind's form and columns, as data. */
const KINDS_ONLY = Object.fromEntries(
  Object.entries(CONTRIBUTION_KINDS).map(([code, kind]) => [code, { vi: kind.vi, en: kind.en }]),
);

export const PROJECT_SECTIONS: Record<'adoption' | 'board' | 'accounts', FieldDef[]> = {
  adoption: [
    { key: 'name', label: 'projectName', type: 'text', required: true, span: 12 },
    { key: 'location', label: 'projectLocation', type: 'text', span: 6 },
    { key: 'investor', label: 'projectInvestor', type: 'text', span: 6 },
    { key: 'purpose', label: 'projectPurpose', type: 'textarea', span: 12 },
    { key: 'decisionNumber', label: 'projectDecisionNumber', type: 'text', span: 6 },
    { key: 'decidedOn', label: 'projectDecidedOn', type: 'date', span: 6 },
    { key: 'households', label: 'projectHouseholds', type: 'number', span: 6 },
    { key: 'agreed', label: 'projectAgreed', type: 'number', span: 6 },
    { key: 'budgetStateBudget', label: 'projectBudgetState', type: 'number', span: 6 },
    { key: 'budgetResidents', label: 'projectBudgetResidents', type: 'number', span: 6 },
    { key: 'budgetSponsors', label: 'projectBudgetSponsors', type: 'number', span: 6 },
    { key: 'budgetOther', label: 'projectBudgetOther', type: 'number', span: 6 },
    { key: 'status', label: 'projectStatus', type: 'select', options: PROJECT_STATUSES, span: 6 },
    { key: 'progress', label: 'projectProgress', type: 'number', max: 100, span: 6 },
    { key: 'startedOn', label: 'projectStartedOn', type: 'date', span: 6 },
    { key: 'finishedOn', label: 'projectFinishedOn', type: 'date', span: 6 },
  ],
  board: [
    { key: 'boardDecisionNumber', label: 'projectBoardDecisionNumber', type: 'text', span: 6 },
    { key: 'boardDecidedOn', label: 'projectBoardDecidedOn', type: 'date', span: 6 },
  ],
  accounts: [
    { key: 'accountsNumber', label: 'projectAccountsNumber', type: 'text', span: 6 },
    { key: 'accountsOn', label: 'projectAccountsOn', type: 'date', span: 6 },
    { key: 'accountsReceipts', label: 'projectAccountsReceipts', type: 'number', span: 6 },
    { key: 'accountsPayments', label: 'projectAccountsPayments', type: 'number', span: 6 },
    { key: 'accountsNote', label: 'projectAccountsNote', type: 'textarea', span: 12 },
  ],
};

export const DATE_KEYS = new Set(['decidedOn', 'startedOn', 'finishedOn', 'boardDecidedOn', 'accountsOn']);

type Cell = (
  line: Record<string, FieldValue | object>,
  label: (pair: { vi: string; en: string }) => string,
) => string;

export interface LineConfig {
  title: MessageKey;
  schema: z.ZodType;
  fields: FieldDef[];
  columns: { label: MessageKey; cell: Cell; isNumber?: boolean }[];
  /** A new line's values. */
  blank: Record<string, FieldValue>;
}

const text =
  (key: string): Cell =>
  (line) =>
    String(line[key] ?? '');
const date =
  (key: string): Cell =>
  (line) =>
    formatDateVi(line[key] as string | null);
const whole =
  (key: string): Cell =>
  (line) =>
    typeof line[key] === 'number' ? formatWhole(line[key]) : '';
const word =
  (key: string, words: Record<string, { vi: string; en: string }>): Cell =>
  (line, label) => {
    const found = words[String(line[key])];
    return found ? label(found) : '';
  };

export const LINES: Record<LineKind, LineConfig> = {
  contributions: {
    title: 'projectContributions',
    schema: contributionSchema,
    fields: [
      { key: 'household', label: 'projectHousehold', type: 'text', required: true, span: 6 },
      { key: 'village', label: 'projectVillage', type: 'text', span: 6 },
      { key: 'kind', label: 'projectKind', type: 'select', options: KINDS_ONLY, required: true, span: 6 },
      { key: 'quantity', label: 'projectQuantity', type: 'number', required: true, span: 6 },
      { key: 'value', label: 'projectValue', type: 'number', span: 6 },
      { key: 'contributedOn', label: 'projectContributedOn', type: 'date', required: true, span: 6 },
      { key: 'consent', label: 'projectConsent', type: 'check', span: 12 },
      { key: 'note', label: 'projectNote', type: 'text', span: 12 },
    ],
    columns: [
      { label: 'projectHousehold', cell: text('household') },
      { label: 'projectKind', cell: word('kind', KINDS_ONLY) },
      { label: 'projectQuantity', cell: whole('quantity'), isNumber: true },
      { label: 'projectValue', cell: whole('value'), isNumber: true },
      { label: 'projectContributedOn', cell: date('contributedOn') },
      {
        label: 'projectConsentShort',
        cell: (line, label) => label(line.consent ? { vi: 'Có', en: 'Yes' } : { vi: 'Không', en: 'No' }),
      },
    ],
    blank: {
      household: '',
      village: '',
      kind: 'money',
      quantity: null,
      value: null,
      contributedOn: '',
      consent: false,
      note: '',
    },
  },
  receipts: {
    title: 'projectReceipts',
    schema: receiptSchema,
    fields: [
      {
        key: 'source',
        label: 'projectSource',
        type: 'select',
        options: RECEIPT_SOURCES,
        required: true,
        span: 6,
      },
      { key: 'amount', label: 'projectAmount', type: 'number', required: true, span: 6 },
      { key: 'receivedOn', label: 'projectReceivedOn', type: 'date', required: true, span: 6 },
      { key: 'note', label: 'projectNote', type: 'text', span: 6 },
    ],
    columns: [
      { label: 'projectReceivedOn', cell: date('receivedOn') },
      { label: 'projectSource', cell: word('source', RECEIPT_SOURCES) },
      { label: 'projectAmount', cell: whole('amount'), isNumber: true },
      { label: 'projectNote', cell: text('note') },
    ],
    blank: { source: 'state_budget', amount: null, receivedOn: '', note: '' },
  },
  payments: {
    title: 'projectPayments',
    schema: paymentSchema,
    fields: [
      { key: 'paidOn', label: 'projectPaidOn', type: 'date', required: true, span: 6 },
      { key: 'amount', label: 'projectAmount', type: 'number', required: true, span: 6 },
      { key: 'payee', label: 'projectPayee', type: 'text', required: true, span: 6 },
      { key: 'voucher', label: 'projectVoucher', type: 'text', span: 6 },
      { key: 'purpose', label: 'projectPaidFor', type: 'text', required: true, span: 12 },
    ],
    columns: [
      { label: 'projectPaidOn', cell: date('paidOn') },
      { label: 'projectPayee', cell: text('payee') },
      { label: 'projectPaidFor', cell: text('purpose') },
      { label: 'projectVoucher', cell: text('voucher') },
      { label: 'projectAmount', cell: whole('amount'), isNumber: true },
    ],
    blank: { paidOn: '', amount: null, payee: '', voucher: '', purpose: '' },
  },
  members: {
    title: 'projectMembers',
    schema: memberSchema,
    fields: [
      { key: 'name', label: 'projectMemberName', type: 'text', required: true, span: 12 },
      {
        key: 'role',
        label: 'projectMemberRole',
        type: 'select',
        options: BOARD_ROLES,
        required: true,
        span: 6,
      },
      {
        key: 'side',
        label: 'projectMemberSide',
        type: 'select',
        options: BOARD_SIDES,
        required: true,
        span: 6,
      },
      { key: 'note', label: 'projectNote', type: 'text', span: 12 },
    ],
    columns: [
      { label: 'projectMemberName', cell: text('name') },
      { label: 'projectMemberRole', cell: word('role', BOARD_ROLES) },
      { label: 'projectMemberSide', cell: word('side', BOARD_SIDES) },
    ],
    blank: { name: '', role: 'member', side: 'residents', note: '' },
  },
  notices: {
    title: 'projectNotices',
    schema: noticeSchema,
    fields: [
      {
        key: 'kind',
        label: 'projectNoticeKind',
        type: 'select',
        options: NOTICE_KINDS,
        required: true,
        span: 6,
      },
      { key: 'receivedOn', label: 'projectNoticeReceivedOn', type: 'date', required: true, span: 6 },
      { key: 'finding', label: 'projectFinding', type: 'textarea', required: true, span: 12 },
      { key: 'recommendation', label: 'projectRecommendation', type: 'textarea', span: 12 },
      { key: 'answeredOn', label: 'projectAnsweredOn', type: 'date', span: 6 },
      { key: 'answer', label: 'projectAnswer', type: 'textarea', span: 12 },
    ],
    columns: [
      { label: 'projectNoticeReceivedOn', cell: date('receivedOn') },
      { label: 'projectFinding', cell: text('finding') },
      { label: 'projectRecommendation', cell: text('recommendation') },
      {
        label: 'projectAnswer',
        cell: (line) =>
          [formatDateVi(line.answeredOn as string | null), line.answer].filter(Boolean).join(': '),
      },
      {
        label: 'projectAnswerState',
        cell: (line, label) => {
          const timing = line.timing as { state: keyof typeof ANSWER_STATES; dueOn: string | null };
          return `${label(ANSWER_STATES[timing.state])}${timing.dueOn ? ` (${formatDateVi(timing.dueOn)})` : ''}`;
        },
      },
    ],
    blank: { kind: 'notice', receivedOn: '', finding: '', recommendation: '', answeredOn: '', answer: '' },
  },
};

/** A line as its form edits it: dates typed dd/mm/yyyy. */
export function lineForm(kind: LineKind, line: Record<string, unknown>): Record<string, FieldValue> {
  const form: Record<string, FieldValue> = {};
  for (const field of LINES[kind].fields) {
    const value = line[field.key] as FieldValue;
    form[field.key] =
      field.type === 'date'
        ? formatDateVi(value as string | null)
        : (value ?? (field.type === 'number' ? null : ''));
  }
  return form;
}
