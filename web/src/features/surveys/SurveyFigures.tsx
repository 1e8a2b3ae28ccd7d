import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { periodName } from '../../../../core/periods/period-names.ts';
import type { ChangeBetween, Figure } from '../../../../core/surveys/results.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatNumber, useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import type { FigurePair, QuestionResult, SurveyResultsView } from './results-api.ts';

const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${formatNumber(value, { maximumFractionDigits: 1 })}%`;

/** +2,1 / −0,6 / 0: a change in points, never "-0". */
const signed = (points: number) =>
  formatNumber(points, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** "53,3–71,7%": the 95 % interval, or a dash without one. */
export function intervalText(figure: Figure | null | undefined): string {
  if (!figure || figure.low === null || figure.high === null) return '—';
  return `${formatNumber(figure.low, { maximumFractionDigits: 1 })}–${pct(figure.high)}`;
}

/**
 * The rate, its interval and sample, and "Chưa đủ mẫu" when the sample says nothing: the badge goes
 * below the rate where the column is too narrow for both (never cut to "Chưa đủ m…").
 */
export function FigureCell({ figure, minimum }: { figure: Figure | null | undefined; minimum: number }) {
  const { t } = useT();
  if (!figure || figure.rate === null) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={0}>
      <Group gap={6}>
        <Text fw={600}>{pct(figure.rate)}</Text>
        {!figure.enough && (
          <Tooltip label={fill(t('surveyTooSmallHelp'), { n: minimum })}>
            <Badge color="gray" variant="light" size="sm">
              {t('surveyTooSmall')}
            </Badge>
          </Tooltip>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {intervalText(figure)} · n = {figure.respondents}
        {!figure.enough && ` · ${fill(t('surveyNeedMore'), { n: minimum - figure.respondents })}`}
      </Text>
    </Stack>
  );
}

/** The change from the period before, in points, and whether the intervals say it is real. */
export function ChangeText({ change, previous }: { change: ChangeBetween | null; previous: string }) {
  const { t, locale } = useT();
  if (!change)
    return (
      <Text size="sm" c="dimmed">
        {t('surveyChangeNone')}
      </Text>
    );
  return (
    <Text size="sm" c={change.significant ? (change.difference > 0 ? 'teal.8' : 'red.8') : 'dimmed'}>
      {fill(t('surveyChange'), { period: periodName(previous, locale) })}: {signed(change.difference)}{' '}
      {t('surveyPoints')} —{' '}
      {change.significant ? t('surveyChangeSignificant') : t('surveyChangeNotSignificant')}
    </Text>
  );
}

/** The index and sub-indices as cards: unweighted and weighted side by side. */
export function IndexCards({ view }: { view: SurveyResultsView }) {
  const { t } = useT();
  const minimum = view.method.minRespondents;
  const cards: { key: string; title: string; pair: FigurePair }[] = [
    { key: 'index', title: t('surveyIndex'), pair: view.index },
    ...view.subIndices.map((sub) => ({
      key: sub.code,
      title:
        sub.code === 'service'
          ? t('surveySubIndexservice')
          : sub.code === 'policy'
            ? t('surveySubIndexpolicy')
            : sub.code,
      pair: sub,
    })),
  ];
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(3, cards.length) }} spacing="sm">
      {cards.map((card) => (
        <Card key={card.key} withBorder padding="md" data-testid={`survey-card-${card.key}`}>
          <Text size="sm" fw={600}>
            {card.title}
          </Text>
          <SimpleGrid cols={2} mt="xs">
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('surveyUnweighted')}
              </Text>
              <FigureCell figure={card.pair.unweighted} minimum={minimum} />
            </Stack>
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t('surveyWeighted')}
              </Text>
              <FigureCell figure={card.pair.weighted} minimum={minimum} />
            </Stack>
          </SimpleGrid>
          {card.key === 'index' && (
            <Stack gap={0} mt="xs">
              <ChangeText change={view.change.index} previous={view.previousPeriod} />
            </Stack>
          )}
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Each element's figures, with the change from the period before. */
export function ElementsTable({ view }: { view: SurveyResultsView }) {
  const { t, label } = useT();
  const minimum = view.method.minRespondents;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('surveyElements')}
      </Title>
      <ScrollTable minWidth={720} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveyElement')}</Table.Th>
            <Table.Th>{t('surveySatisfied')}</Table.Th>
            <Table.Th>{t('surveyUnweighted')}</Table.Th>
            <Table.Th>{t('surveyWeighted')}</Table.Th>
            <Table.Th>{t('surveyChangeShort')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.elements.map((element) => {
            const change = view.change.elements.find((row) => row.code === element.code)?.change ?? null;
            return (
              <Table.Tr key={element.code}>
                <Table.Td>{label({ vi: element.nameVi, en: element.nameEn })}</Table.Td>
                <Table.Td>
                  {formatNumber(element.unweighted.numerator)}/{formatNumber(element.unweighted.denominator)}
                </Table.Td>
                <Table.Td>
                  <FigureCell figure={element.unweighted} minimum={minimum} />
                </Table.Td>
                <Table.Td>
                  <FigureCell figure={element.weighted} minimum={minimum} />
                </Table.Td>
                <Table.Td>
                  {change ? (
                    <Text
                      size="sm"
                      c={change.significant ? (change.difference > 0 ? 'teal.8' : 'red.8') : 'dimmed'}
                    >
                      {signed(change.difference)} {t('surveyPoints')}
                      {change.significant ? ` (${t('surveyChangeSignificant')})` : ''}
                    </Text>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

const questionText = (question: QuestionResult, locale: string) =>
  (locale === 'en' ? question.textEn : question.textVi) ?? question.code;

/** The questions citizens were least satisfied with (those with a large enough sample). */
export function WeakestQuestions({ view }: { view: SurveyResultsView }) {
  const { t, locale } = useT();
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h4" mb="xs">
        {t('surveyWeakest')}
      </Title>
      {view.weakest.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('surveyWeakestNone')}
        </Text>
      ) : (
        <Stack gap="xs" component="ol" pl="md" m={0} data-testid="survey-weakest">
          {view.weakest.map((question) => (
            <li key={question.code}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm">
                  {questionText(question, locale)}
                  {question.unconfirmed && (
                    <Badge ml={6} size="xs" color="yellow" variant="light">
                      {t('surveyUnconfirmed')}
                    </Badge>
                  )}
                </Text>
                <FigureCell figure={question.unweighted} minimum={view.method.minRespondents} />
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** The units below with their figures; a unit's name opens its own results. */
export function UnitsTable({
  view,
  onDrill,
}: {
  view: SurveyResultsView;
  onDrill: (unitId: number) => void;
}) {
  const { t } = useT();
  if (view.units.length === 0) return null;
  const minimum = view.method.minRespondents;
  const ordered = [...view.units].sort(
    (a, b) =>
      (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
      a.name.localeCompare(b.name, 'vi'),
  );
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('surveyUnitsBelow')}
      </Title>
      <ScrollTable minWidth={640} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveyRank')}</Table.Th>
            <Table.Th>{t('unit')}</Table.Th>
            <Table.Th>{t('surveyUnweighted')}</Table.Th>
            <Table.Th>{t('surveyWeighted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.map((row) => (
            <Table.Tr key={row.unitId}>
              <Table.Td>{row.rank ?? '—'}</Table.Td>
              <Table.Td>
                {row.unitId === view.unit.id ? (
                  row.name
                ) : (
                  <Anchor component="button" type="button" onClick={() => onDrill(row.unitId)}>
                    {row.name}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <FigureCell figure={row.unweighted} minimum={minimum} />
              </Table.Td>
              <Table.Td>
                <FigureCell figure={row.weighted} minimum={minimum} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

/** Every scored question with its answers by level. */
export function QuestionsTable({ view }: { view: SurveyResultsView }) {
  const { t, locale } = useT();
  const scored = view.questions.filter((question) => question.unweighted.denominator > 0);
  if (scored.length === 0) return null;
  const levels: MessageKey[] = [
    'surveyLevel1',
    'surveyLevel2',
    'surveyLevel3',
    'surveyLevel4',
    'surveyLevel5',
  ];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('surveyQuestions')}
      </Title>
      <ScrollTable minWidth={900} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('surveyQuestion')}</Table.Th>
            <Table.Th>{t('surveyUnweighted')}</Table.Th>
            {levels.map((key) => (
              <Table.Th key={key}>{t(key)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {scored.map((question) => (
            <Table.Tr key={question.code}>
              <Table.Td maw={360}>
                <Text size="sm">
                  {questionText(question, locale)}
                  {question.unconfirmed && (
                    <Badge ml={6} size="xs" color="yellow" variant="light">
                      {t('surveyUnconfirmed')}
                    </Badge>
                  )}
                </Text>
              </Table.Td>
              <Table.Td>
                <FigureCell figure={question.unweighted} minimum={view.method.minRespondents} />
              </Table.Td>
              {[1, 2, 3, 4, 5].map((value) => (
                <Table.Td key={value}>{question.distribution[value] ?? 0}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
    </Stack>
  );
}

/** How every figure on the page is made, in words. */
export function MethodNote({ view }: { view: SurveyResultsView }) {
  const { t } = useT();
  const weighted = view.index.weighted;
  const noWeight = weighted?.unweightedUnits ?? [];
  const nameOf = new Map(view.units.map((row) => [row.unitId, row.name]));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="survey-method">
      <Title order={3} size="h4" id="survey-method" mb="xs">
        {t('surveyMethod')}
      </Title>
      <Stack gap={6}>
        <Text size="sm">{t(view.method.index === 'mean' ? 'surveyMethodmean' : 'surveyMethodshare')}</Text>
        <Text size="sm">{t('surveyMethodInterval')}</Text>
        <Text size="sm">{fill(t('surveyTooSmallHelp'), { n: view.method.minRespondents })}</Text>
        <Text size="sm">{fill(t('surveyMethodWeight'), { coverage: pct(weighted?.coverage ?? null) })}</Text>
        {noWeight.length > 0 && (
          <Text size="sm" c="orange.8">
            {fill(t('surveyMethodNoWeight'), {
              units: noWeight.map((id) => nameOf.get(id) ?? `#${id}`).join(', '),
            })}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
