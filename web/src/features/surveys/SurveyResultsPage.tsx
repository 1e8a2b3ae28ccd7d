import { Alert, Anchor, Button, Group, Loader, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { periodName } from '../../../../core/periods/period-names.ts';
import {
  previousPeriod,
  samePeriodYearBefore,
  surveyPeriod,
} from '../../../../core/surveys/survey-periods.ts';
import { UnitBreadcrumbs } from '../../components/UnitBreadcrumbs.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { XlsxButton } from '../indicators/XlsxButton.tsx';
import { HeldOutResponses } from './HeldOutResponses.tsx';
import { exportHref, type SurveyArea, useSurveyResults } from './results-api.ts';
import { SurveyComments } from './SurveyComments.tsx';
import {
  ElementsTable,
  IndexCards,
  MethodNote,
  QuestionsTable,
  UnitsTable,
  WeakestQuestions,
} from './SurveyFigures.tsx';

/** The periods to pick: this year's and the two before, quarters, halves and years, latest first. */
function periodChoices(year: number, locale: 'vi' | 'en') {
  const years = [year, year - 1, year - 2];
  const item = (code: string) => ({ value: code, label: periodName(code, locale) });
  return [
    {
      group: locale === 'vi' ? 'Quý' : 'Quarters',
      items: years.flatMap((y) => [4, 3, 2, 1].map((q) => item(`${y}Q${q}`))),
    },
    {
      group: locale === 'vi' ? '6 tháng' : 'Halves',
      items: years.flatMap((y) => [2, 1].map((h) => item(`${y}S${h}`))),
    },
    { group: locale === 'vi' ? 'Năm' : 'Years', items: years.map((y) => item(String(y))) },
  ];
}

/**
 * A survey's results for a unit and period: the index weighted and not with its interval, the elements,
 * the weakest questions, the units below (drill down), each question, the comments with the units'
 * answers, the responses held out, the method in words, and the downloads. Unit and period live in the
 * URL, so Back climbs out of a drill-down and a link shows the same view.
 */
export function SurveyResultsPage() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { surveyId } = useParams({ strict: false }) as { surveyId: string };
  const id = Number(surveyId);
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const navigate = useNavigate();
  const query: SurveyArea = {
    unitId: Number(search.unitId) > 0 ? Number(search.unitId) : undefined,
    period: typeof search.period === 'string' ? search.period : undefined,
    compare: typeof search.compare === 'string' ? search.compare : undefined,
  };
  const { data, error, isFetching } = useSurveyResults(id, query);
  const tab = typeof search.tab === 'string' ? search.tab : 'figures';
  const setTab = (next: string) =>
    void navigate({
      to: '/surveys/$surveyId',
      params: { surveyId: String(id) },
      search: { ...area, tab: next } as never,
      replace: true,
    });
  const area: SurveyArea = data
    ? { unitId: data.unit.id, period: data.period, compare: query.compare }
    : query;
  const shown = data ? surveyPeriod(data.period) : null;
  const comparisons = shown
    ? [previousPeriod(shown), samePeriodYearBefore(shown)]
        .map((period) => period.code)
        .filter((code, index, all) => all.indexOf(code) === index)
    : [];
  const go = (next: SurveyArea) =>
    void navigate({
      to: '/surveys/$surveyId',
      params: { surveyId: String(id) },
      search: { ...next, tab } as never,
    });
  const year = Number((data?.period ?? query.period ?? String(new Date().getFullYear())).slice(0, 4));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Anchor component={Link} to="/surveys" size="sm">
            ← {t('surveyAllSurveys')}
          </Anchor>
          <Title order={2}>{t('surveyResults')}</Title>
          {data && (
            <Text size="sm" c="dimmed">
              {locale === 'en' && data.survey.nameEn ? data.survey.nameEn : data.survey.nameVi}
            </Text>
          )}
          {data && (
            <UnitBreadcrumbs
              crumbs={data.breadcrumbs}
              current={data.unit.id}
              onClimb={(unitId) => go({ ...area, unitId })}
            />
          )}
        </Stack>
        <Group gap="sm" align="flex-end">
          {isFetching && <Loader size="xs" aria-label={t('loading')} />}
          <Select
            label={t('period')}
            w={200}
            allowDeselect={false}
            data={periodChoices(
              year >= 2000 ? Math.max(year, new Date().getFullYear()) : new Date().getFullYear(),
              locale,
            )}
            value={data?.period ?? query.period ?? null}
            onChange={(value) => value && go({ unitId: area.unitId, period: value })}
          />
          <Select
            label={t('surveyCompareWith')}
            w={200}
            allowDeselect={false}
            data={comparisons.map((code) => ({ value: code, label: periodName(code, locale) }))}
            value={data?.previousPeriod ?? null}
            onChange={(value) => value && go({ ...area, compare: value })}
          />
          {hasPermission(me, 'surveys.enter') && (
            <Button
              renderRoot={(props) => (
                <Link {...props} to="/surveys/$surveyId/paper" params={{ surveyId: String(id) }} />
              )}
              variant="light"
            >
              {t('surveyPaperEntry')}
            </Button>
          )}
          <Button
            renderRoot={(props) => (
              <Link {...props} to="/surveys/$surveyId/links" params={{ surveyId: String(id) }} />
            )}
            variant="default"
          >
            {t('surveyLinks')}
          </Button>
        </Group>
      </Group>

      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {!data && !error && <Loader aria-label={t('loading')} />}

      {data && (
        <>
          <Group justify="space-between">
            <Title order={3} size="h4">
              {data.unit.name} · {periodName(data.period, locale)}
            </Title>
            <Group gap="xs">
              <XlsxButton href={exportHref(id, area, 'results.xlsx')} label={t('surveyResults')} />
              <Button
                component="a"
                href={exportHref(id, area, 'responses.csv')}
                download
                size="xs"
                variant="light"
                leftSection={<IconDownload size={14} aria-hidden />}
              >
                {t('surveyDownloadResponses')}
              </Button>
            </Group>
          </Group>
          <Text size="sm" c="dimmed" data-testid="survey-counts">
            {fill(t('surveyResponsesCounted'), {
              counted: data.responses.counted,
              web: data.responses.bySource.web + data.responses.bySource.kiosk,
              paper: data.responses.bySource.paper + data.responses.bySource.import,
              excluded: data.responses.excluded,
            })}
          </Text>
          {data.responses.counted === 0 ? (
            <Alert color="blue">{t('surveyNoResponses')}</Alert>
          ) : (
            <IndexCards view={data} />
          )}
          <Tabs value={tab} onChange={(value) => setTab(value ?? 'figures')} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="figures">{t('surveyTabFigures')}</Tabs.Tab>
              <Tabs.Tab value="comments">
                {t('surveyComments')} ({data.comments.reduce((sum, row) => sum + row.count, 0)})
              </Tabs.Tab>
              <Tabs.Tab value="held-out">
                {t('surveyHeldOut')} ({data.responses.excluded})
              </Tabs.Tab>
              <Tabs.Tab value="method">{t('surveyMethod')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="figures" pt="md">
              <Stack>
                <ElementsTable view={data} />
                <WeakestQuestions view={data} />
                <UnitsTable view={data} onDrill={(unitId) => go({ ...area, unitId })} />
                <QuestionsTable view={data} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="comments" pt="md">
              <SurveyComments view={data} area={area} />
            </Tabs.Panel>
            <Tabs.Panel value="held-out" pt="md">
              <HeldOutResponses surveyId={id} area={area} />
            </Tabs.Panel>
            <Tabs.Panel value="method" pt="md">
              <MethodNote view={data} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}
