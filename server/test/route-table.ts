import { ASSESSMENT_ROUTE_TABLE } from './route-table-assessment.ts';
import { DIALOGUE_ROUTE_TABLE } from './route-table-dialogues.ts';
import { DISCLOSURE_ROUTE_TABLE } from './route-table-disclosures.ts';
import { DOCUMENT_ROUTE_TABLE } from './route-table-documents.ts';
import { FEEDBACK_ROUTE_TABLE } from './route-table-feedback.ts';
import { INDICATOR_ROUTE_TABLE } from './route-table-indicators.ts';
import type { TableRow } from './route-table-kit.ts';
import { NATIONAL_ROUTE_TABLE } from './route-table-national.ts';
import { OPEN311_ROUTE_TABLE } from './route-table-open311.ts';
import { PEOPLE_ROUTE_TABLE } from './route-table-people.ts';
import { PLAN_ROUTE_TABLE } from './route-table-plans.ts';
import { PROJECT_ROUTE_TABLE } from './route-table-projects.ts';
import { PUBLIC_SITE_ROUTE_TABLE } from './route-table-public.ts';
import { RECEPTION_ROUTE_TABLE } from './route-table-reception.ts';
import { REPORT_ROUTE_TABLE } from './route-table-reports.ts';
import { SIGNING_ROUTE_TABLE } from './route-table-signing.ts';
import { SURVEY_ROUTE_TABLE } from './route-table-surveys.ts';

export type { TableCall, TableRow } from './route-table-kit.ts';

/** Every route of the app, by area: `server/auth/route-table.test.ts` fails on a route missing here. */
export const ROUTE_TABLE: Record<string, TableRow> = {
  ...PEOPLE_ROUTE_TABLE,
  ...PLAN_ROUTE_TABLE,
  ...REPORT_ROUTE_TABLE,
  ...ASSESSMENT_ROUTE_TABLE,
  ...INDICATOR_ROUTE_TABLE,
  ...FEEDBACK_ROUTE_TABLE,
  ...OPEN311_ROUTE_TABLE,
  ...DIALOGUE_ROUTE_TABLE,
  ...RECEPTION_ROUTE_TABLE,
  ...SURVEY_ROUTE_TABLE,
  ...PUBLIC_SITE_ROUTE_TABLE,
  ...PROJECT_ROUTE_TABLE,
  ...DISCLOSURE_ROUTE_TABLE,
  ...SIGNING_ROUTE_TABLE,
  ...DOCUMENT_ROUTE_TABLE,
  ...NATIONAL_ROUTE_TABLE,
};
