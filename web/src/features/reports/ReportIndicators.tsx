import { Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { TargetStatus } from '../../../../core/indicators/targets.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api, queryString } from '../../api/client.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, thousandsMark, useT } from '../../i18n/locale.tsx';
import { type TargetRule, useDossierDashboard } from '../indicators/api.ts';
import { formatCount, formatRate, formatTarget } from '../indicators/format.ts';
import { StatusBadge } from '../indicators/StatusBadge.tsx';

interface EnteredIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  rate: number | null;
  note: string | null;
  target: TargetRule | null;
  status: TargetStatus | null;
  /** 0: nothing entered yet. */
  version: number;
  /** What the unit's feedback data measured for this indicator in the period (766 §5), to fill it in. */
  fromData: { numerator: number; denominator: number | null; rate: number | null } | null;
}

/** A figure the feedback or survey data measured for the unit in the period. */
interface MeasuredIndicator {
  code: string;
  nameVi: string;
  nameEn: string;
  measureUnit: string;
  kind: string;
  numerator: number;
  denominator: number | null;
  rate: number | null;
  target: TargetRule | null;
  status: TargetStatus | null;
  /** A survey's figure: the people who answered. */
  respondents?: number;
}

type Entry = Pick<EnteredIndicator, 'numerator' | 'denominator' | 'value' | 'note'>;

const asNumber = (value: string | number) => (value === '' ? null : Number(value));

const pickEntry = ({ numerator, denominator, value, note }: Entry): Entry => ({
  numerator,
  denominator,
  value,
  note,
});

/** What the feedback data measured, offered to fill the unit's own figure in. */
function FromData({
  figure,
  onUse,
}: {
  figure: NonNullable<EnteredIndicator['fromData']>;
  onUse: (() => void) | null;
}) {
  const { t } = useT();
  const shown = `${formatCount(figure.numerator)}/${formatCount(figure.denominator ?? 0)} (${formatRate(figure.rate)})`;
  return (
    <Group gap={4} wrap="wrap" data-from-data>
      <Text size="xs" c="dimmed">
        {fill(t('fromFeedbackData'), { figure: shown })}
      </Text>
      {onUse && (
        <Button size="compact-xs" variant="subtle" onClick={onUse}>
          {t('fillFromFeedbackData')}
        </Button>
      )}
    </Group>
  );
}

/**
 * The indicators the unit reports for the period: what the one-stop data measured (read only, a
 * quarter's figures), the petitions it answered (read only, the period's data window), and the
 * indicators the unit enters itself, saved with the report's period — the 766 feedback ones offered
 * from the feedback data.
 */
export function ReportIndicators({
  unitId,
  periodCode,
  editable,
}: {
  unitId: number;
  periodCode: string;
  editable: boolean;
}) {
  const { t, label } = useT();
  const client = useQueryClient();
  const key = ['indicator-values', unitId, periodCode];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () =>
      api<{
        items: EnteredIndicator[];
        feedback: MeasuredIndicator[];
        survey: MeasuredIndicator[];
        disclosures?: MeasuredIndicator[];
      }>('GET', `/api/units/${unitId}/indicator-values${queryString({ period: periodCode })}`),
  });
  const isQuarter = /Q[1-4]$/.test(periodCode);
  const { data: dossiers } = useDossierDashboard(isQuarter ? { unitId, period: periodCode } : {});
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  // The version of each value as last read or written, and the indicators changed since the last save.
  const versions = useRef<Record<string, number>>({});
  const dirty = useRef(new Set<string>());
  const loaded = useRef(false);
  useEffect(() => {
    if (!data) return;
    for (const item of data.items) versions.current[item.code] = item.version;
    // The form is filled once; later reads (after a save) only refresh rates and versions.
    if (loaded.current) return;
    loaded.current = true;
    setEntries(Object.fromEntries(data.items.map((item) => [item.code, pickEntry(item)])));
  }, [data]);
  const url = `/api/units/${unitId}/indicator-values${queryString({ period: periodCode })}`;
  const autosave = useAutosave<Record<string, Entry>>({
    save: async (all, { keepalive }) => {
      const codes = [...dirty.current];
      dirty.current = new Set();
      try {
        const result = await api<{ items: EnteredIndicator[]; feedback: MeasuredIndicator[] }>(
          'PUT',
          url,
          {
            values: codes.map((code) => ({
              indicatorCode: code,
              ...all[code],
              version: versions.current[code] ?? 0,
            })),
          },
          { keepalive },
        );
        client.setQueryData(key, result);
      } catch (caught) {
        for (const code of codes) dirty.current.add(code);
        throw caught;
      }
    },
    enabled: editable,
    leaveMessage: t('saveLeaveUnsaved'),
  });
  const change = (code: string, patch: Partial<Entry>) => {
    const next = { ...entries, [code]: { ...(entries[code] as Entry), ...patch } };
    setEntries(next);
    dirty.current.add(code);
    autosave.schedule(next);
  };
  const conflictCode = (autosave.error?.details as { indicatorCode?: string } | null)?.indicatorCode;
  const keepMine = (current: { version: number }) => {
    if (conflictCode) versions.current[conflictCode] = current.version;
    void autosave.retry();
  };
  const takeTheirs = (current: { version: number; record: unknown }) => {
    if (!conflictCode) return autosave.discard();
    versions.current[conflictCode] = current.version;
    dirty.current.delete(conflictCode);
    const record = (current.record ?? {
      numerator: null,
      denominator: null,
      value: null,
      note: null,
    }) as Entry;
    const next = { ...entries, [conflictCode]: pickEntry(record) };
    setEntries(next);
    autosave.discard();
    if (dirty.current.size > 0) autosave.schedule(next);
  };
  // Only when the one-stop data has dossiers of the unit in the quarter: an empty table says nothing.
  const ratios = isQuarter ? (dossiers?.kpis ?? []).filter((kpi) => kpi.denominator !== null) : [];
  const measured = ratios.some((kpi) => (kpi.denominator ?? 0) > 0) ? ratios : [];
  // The petitions the unit answers in the period, when there were any.
  const petitions = data?.feedback ?? [];
  const received = petitions.find((entry) => entry.code === 'FEEDBACK_RECEIVED')?.numerator ?? 0;
  const figureOf = (entry: MeasuredIndicator) =>
    entry.kind === 'ratio'
      ? formatRate(entry.rate)
      : entry.kind === 'value'
        ? entry.rate === null
          ? '—'
          : fill(t('feedbackKpiDays'), { days: formatNumber(entry.rate, { maximumFractionDigits: 1 }) })
        : formatCount(entry.numerator);

  return (
    <Stack>
      <Title order={3} size="h4">
        {t('periodIndicators')}
      </Title>
      {measured.length > 0 && (
        <ScrollTable withTableBorder aria-label={t('dossierFigures')}>
          <Table.Caption>{t('dossierFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th ta="right">{t('rate')}</Table.Th>
              <Table.Th ta="right">{t('numeratorDenominator')}</Table.Th>
              <Table.Th>{t('target')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {measured.map((kpi) => (
              <Table.Tr key={kpi.code}>
                <Table.Td>{label({ vi: kpi.nameVi, en: kpi.nameEn })}</Table.Td>
                <Table.Td ta="right">{formatRate(kpi.rate)}</Table.Td>
                <Table.Td ta="right">
                  {formatCount(kpi.numerator)}/{formatCount(kpi.denominator ?? 0)}
                </Table.Td>
                <Table.Td>{formatTarget(kpi.target)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={kpi.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {received > 0 && (
        <ScrollTable withTableBorder aria-label={t('periodFeedbackFigures')}>
          <Table.Caption>{t('periodFeedbackFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th ta="right">{t('figure')}</Table.Th>
              <Table.Th ta="right">{t('numeratorDenominator')}</Table.Th>
              <Table.Th>{t('target')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {petitions.map((entry) => (
              <Table.Tr key={entry.code}>
                <Table.Td>{label({ vi: entry.nameVi, en: entry.nameEn })}</Table.Td>
                <Table.Td ta="right">{figureOf(entry)}</Table.Td>
                <Table.Td ta="right">
                  {entry.kind === 'ratio'
                    ? `${formatCount(entry.numerator)}/${formatCount(entry.denominator ?? 0)}`
                    : ''}
                </Table.Td>
                <Table.Td>{entry.kind === 'ratio' ? formatTarget(entry.target) : '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={entry.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {(data?.survey ?? []).length > 0 && (
        <ScrollTable withTableBorder aria-label={t('periodSurveyFigures')}>
          <Table.Caption>{t('periodSurveyFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th ta="right">{t('rate')}</Table.Th>
              <Table.Th ta="right">{t('surveyRespondentsTitle')}</Table.Th>
              <Table.Th>{t('target')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.survey.map((entry) => (
              <Table.Tr key={entry.code}>
                <Table.Td>{label({ vi: entry.nameVi, en: entry.nameEn })}</Table.Td>
                <Table.Td ta="right">{formatRate(entry.rate)}</Table.Td>
                <Table.Td ta="right">{formatCount(entry.respondents ?? 0)}</Table.Td>
                <Table.Td>{formatTarget(entry.target)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={entry.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {(data?.disclosures ?? []).length > 0 && (
        <ScrollTable withTableBorder aria-label={t('periodDisclosureFigures')}>
          <Table.Caption>{t('periodDisclosureFigures')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('indicator')}</Table.Th>
              <Table.Th ta="right">{t('rate')}</Table.Th>
              <Table.Th ta="right">{t('numeratorDenominator')}</Table.Th>
              <Table.Th>{t('target')}</Table.Th>
              <Table.Th>{t('status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data?.disclosures?.map((entry) => (
              <Table.Tr key={entry.code}>
                <Table.Td>{label({ vi: entry.nameVi, en: entry.nameEn })}</Table.Td>
                <Table.Td ta="right">{formatRate(entry.rate)}</Table.Td>
                <Table.Td ta="right">
                  {formatCount(entry.numerator)}/{formatCount(entry.denominator ?? 0)}
                </Table.Td>
                <Table.Td>{formatTarget(entry.target)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={entry.status} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <ScrollTable withTableBorder minWidth={760} aria-label={t('enteredIndicators')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('indicator')}</Table.Th>
            <Table.Th w={260}>{t('figure')}</Table.Th>
            <Table.Th w={120}>{t('target')}</Table.Th>
            <Table.Th w={240}>{t('note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((item) => {
            const entry = entries[item.code];
            const name = label({ vi: item.nameVi, en: item.nameEn });
            return (
              <Table.Tr key={item.code}>
                <Table.Td>
                  <Text size="sm">{name}</Text>
                  {item.status && <StatusBadge status={item.status} size="xs" />}
                </Table.Td>
                <Table.Td>
                  {item.kind === 'ratio' ? (
                    <Group gap={4} wrap="nowrap">
                      <NumberInput
                        size="xs"
                        aria-label={`${name}: ${t('numerator')}`}
                        placeholder={t('numerator')}
                        min={0}
                        decimalSeparator={decimalMark()}
                        thousandSeparator={thousandsMark()}
                        readOnly={!editable}
                        value={entry?.numerator ?? ''}
                        onChange={(value) => change(item.code, { numerator: asNumber(value) })}
                      />
                      <Text size="sm">/</Text>
                      <NumberInput
                        size="xs"
                        aria-label={`${name}: ${t('denominator')}`}
                        placeholder={t('denominator')}
                        min={0}
                        decimalSeparator={decimalMark()}
                        thousandSeparator={thousandsMark()}
                        readOnly={!editable}
                        value={entry?.denominator ?? ''}
                        onChange={(value) => change(item.code, { denominator: asNumber(value) })}
                      />
                    </Group>
                  ) : (
                    <NumberInput
                      size="xs"
                      aria-label={name}
                      decimalSeparator={decimalMark()}
                      thousandSeparator={thousandsMark()}
                      readOnly={!editable}
                      value={entry?.value ?? ''}
                      onChange={(value) => change(item.code, { value: asNumber(value) })}
                      rightSection={<Text size="xs">{item.measureUnit}</Text>}
                    />
                  )}
                  {item.kind === 'ratio' && item.rate !== null && (
                    <Text size="xs" c="dimmed">
                      = {formatRate(item.rate)}
                    </Text>
                  )}
                  {item.fromData && (
                    <FromData
                      figure={item.fromData}
                      onUse={
                        editable
                          ? () =>
                              change(item.code, {
                                numerator: item.fromData?.numerator ?? null,
                                denominator: item.fromData?.denominator ?? null,
                              })
                          : null
                      }
                    />
                  )}
                </Table.Td>
                <Table.Td>{formatTarget(item.target, item.measureUnit)}</Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${name}: ${t('note')}`}
                    readOnly={!editable}
                    value={entry?.note ?? ''}
                    onChange={(event) => change(item.code, { note: event.currentTarget.value || null })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      {editable && (
        <Group>
          <SaveState autosave={autosave} />
        </Group>
      )}
      <ConflictDialog
        conflict={autosave.conflict}
        mine={conflictCode && autosave.unsaved ? { ...autosave.unsaved[conflictCode] } : null}
        labels={{
          numerator: t('numerator'),
          denominator: t('denominator'),
          value: t('figure'),
          note: t('note'),
        }}
        onKeepMine={keepMine}
        onTakeTheirs={takeTheirs}
      />
    </Stack>
  );
}
