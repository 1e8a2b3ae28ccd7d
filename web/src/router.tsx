import { Center, Loader } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, Navigate, Outlet } from '@tanstack/react-router';
import { PageError } from './components/PageError.tsx';
import { AccountPage } from './features/account/AccountPage.tsx';
import { AssessmentPage } from './features/assessment/AssessmentPage.tsx';
import { ResultsPage } from './features/assessment/ResultsPage.tsx';
import { RoundPage } from './features/assessment/RoundPage.tsx';
import { SheetPage } from './features/assessment/SheetPage.tsx';
import { AuditPage } from './features/audit/AuditPage.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { useMe } from './features/auth/session.ts';
import { DialoguePage } from './features/dialogues/DialoguePage.tsx';
import { DialoguesPage } from './features/dialogues/DialoguesPage.tsx';
import { DisclosuresPage } from './features/disclosures/DisclosuresPage.tsx';
import { ObligationPage } from './features/disclosures/ObligationPage.tsx';
import { DocumentPage } from './features/documents/DocumentPage.tsx';
import { RegisterPage } from './features/documents/RegisterPage.tsx';
import { FeedbackInboxPage } from './features/feedback/FeedbackInboxPage.tsx';
import { FeedbackItemPage } from './features/feedback/FeedbackItemPage.tsx';
import { FeedbackSettingsPage } from './features/feedback/FeedbackSettingsPage.tsx';
import { Open311ClientsPage } from './features/feedback/Open311ClientsPage.tsx';
import { ImportDossiersPage } from './features/indicators/ImportDossiersPage.tsx';
import { IndicatorsPage } from './features/indicators/IndicatorsPage.tsx';
import { TargetsPage } from './features/indicators/TargetsPage.tsx';
import { PapiPage } from './features/indices/PapiPage.tsx';
import { NationalPage } from './features/national/NationalPage.tsx';
import { ProvincePage } from './features/national/ProvincePage.tsx';
import { OverviewPage } from './features/overview/OverviewPage.tsx';
import { ImportPlanPage } from './features/plans/ImportPlanPage.tsx';
import { PlanPage } from './features/plans/PlanPage.tsx';
import { PlansPage } from './features/plans/PlansPage.tsx';
import { RemediationPlanPage } from './features/plans/RemediationPlanPage.tsx';
import { TasksPage } from './features/plans/TasksPage.tsx';
import { ProjectPage } from './features/projects/ProjectPage.tsx';
import { ProjectsPage } from './features/projects/ProjectsPage.tsx';
import { ReceptionPage } from './features/reception/ReceptionPage.tsx';
import { SessionPage } from './features/reception/SessionPage.tsx';
import { ReportPage } from './features/reports/ReportPage.tsx';
import { ReportsPage } from './features/reports/ReportsPage.tsx';
import { SigningPage } from './features/signing/SigningPage.tsx';
import { PaperEntryPage } from './features/surveys/PaperEntryPage.tsx';
import { SurveyEditorPage } from './features/surveys/SurveyEditorPage.tsx';
import { SurveyLinksPage } from './features/surveys/SurveyLinksPage.tsx';
import { SurveyResultsPage } from './features/surveys/SurveyResultsPage.tsx';
import { SurveysPage } from './features/surveys/SurveysPage.tsx';
import { UnitContactsPage } from './features/units/UnitContactsPage.tsx';
import { UnitsPage } from './features/units/UnitsPage.tsx';
import { UsersPage } from './features/users/UsersPage.tsx';
import { AppLayout } from './shell/AppLayout.tsx';

/** Pages behind sign-in: anyone not signed in is sent to /login and brought back afterwards. */
function SignedIn() {
  const { data: me, isPending } = useMe();
  if (isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Đang tải" />
      </Center>
    );
  }
  if (!me) return <Navigate to="/login" search={{ next: window.location.pathname }} />;
  // A temporary password opens only the account page (the API refuses the rest); then on to where they were going.
  if (me.mustChangePassword && window.location.pathname !== '/account')
    return <Navigate to="/account" search={{ next: window.location.pathname }} />;
  return <AppLayout />;
}

const rootRoute = createRootRoute({ component: Outlet });
const loginRoute = createRoute({ getParentRoute: () => rootRoute, path: '/login', component: LoginPage });
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: 'app', component: SignedIn });
const page = <const Path extends string>(path: Path, component: () => React.ReactNode) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    page('/', OverviewPage),
    page('/units', UnitsPage),
    page('/users', UsersPage),
    page('/audit', AuditPage),
    page('/indices/papi', PapiPage),
    page('/indicators', IndicatorsPage),
    page('/indicators/import', ImportDossiersPage),
    page('/indicators/targets', TargetsPage),
    page('/national', NationalPage),
    page('/national/$provinceCode', ProvincePage),
    page('/plans', PlansPage),
    page('/plans/import', ImportPlanPage),
    page('/plans/remediation', RemediationPlanPage),
    page('/documents/register', RegisterPage),
    page('/documents/$documentId', DocumentPage),
    page('/plans/$planId', PlanPage),
    page('/tasks', TasksPage),
    page('/reports', ReportsPage),
    page('/reports/$reportId', ReportPage),
    page('/assessment', AssessmentPage),
    page('/assessment/rounds/$roundId', RoundPage),
    page('/assessment/rounds/$roundId/results', ResultsPage),
    page('/assessment/rounds/$roundId/units/$unitId', SheetPage),
    page('/feedback', FeedbackInboxPage),
    page('/feedback/settings', FeedbackSettingsPage),
    page('/unit-contacts', UnitContactsPage),
    page('/feedback/apps', Open311ClientsPage),
    page('/feedback/$feedbackId', FeedbackItemPage),
    page('/dialogues', DialoguesPage),
    page('/dialogues/$dialogueId', DialoguePage),
    page('/projects', ProjectsPage),
    page('/projects/$projectId', ProjectPage),
    page('/disclosures', DisclosuresPage),
    page('/disclosures/$obligationId', ObligationPage),
    page('/surveys/$surveyId/links', SurveyLinksPage),
    page('/reception', ReceptionPage),
    page('/reception/sessions/$sessionId', SessionPage),
    page('/surveys/$surveyId', SurveyResultsPage),
    page('/surveys/$surveyId/paper', PaperEntryPage),
    page('/surveys', SurveysPage),
    page('/surveys/$surveyId/edit', SurveyEditorPage),
    page('/account', AccountPage),
    page('/signing', SigningPage),
  ]),
]);

export const router = createRouter({ routeTree, defaultErrorComponent: PageError });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
