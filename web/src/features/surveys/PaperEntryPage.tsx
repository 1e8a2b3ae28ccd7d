import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { roleHasPermission } from '../../../../core/auth/roles.ts';
import { SCALE5 } from '../../../../core/surveys/survey.ts';
import { formatDateVi, parseDate, todayInVietnam } from '../../../../core/text/dates.ts';
import { ApiError, type RowIssue } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { RowIssuesTable } from '../../components/RowIssuesTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { useMe } from '../auth/session.ts';
import { useUnit } from '../units/api.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { type CellProblems, PaperGrid } from './PaperGrid.tsx';
import { PaperImportPanel } from './PaperImportPanel.tsx';
import { paperFormUrl, savePaperForms, useSurveyVersion } from './paper-api.ts';
import {
  columnKeyOf,
  DATE,
  emptyRow,
  formsOf,
  type GridRow,
  gridColumns,
  isRowEmpty,
  loadRows,
  storeRows,
} from './paper-grid.ts';

const MAX_FORMS = 500;

/**
 * "Nhập phiếu giấy": staff type a unit's paper questionnaires in a keyboard-only grid (kept in the
 * browser until saved, all or nothing), or import a file of them.
 */
export function PaperEntryPage() {
  const { t, label } = useT();
  const { surveyId: idText } = useParams({ strict: false }) as { surveyId: string };
  const surveyId = Number(idText);
  const { data: survey, isPending, error: loadError } = useSurveyVersion(surveyId);
  const { data: me } = useMe();
  const ownUnit = me?.grants.find(
    (grant) => grant.unitId !== null && roleHasPermission(grant.role, 'surveys.enter'),
  );
  const [chosenUnit, setChosenUnit] = useState<string | null | undefined>(undefined);
  const unitKey = chosenUnit === undefined ? (ownUnit?.unitId ? String(ownUnit.unitId) : null) : chosenUnit;
  const unitId = unitKey === null ? null : Number(unitKey);
  const { data: unit } = useUnit(unitId);
  const [dateText, setDateText] = useState(() => formatDateVi(todayInVietnam()));
  const defaultDate = parseDate(dateText);

  const storage = `${surveyId}.${unitId}`;
  const [kept, setKept] = useState<{ storage: string; rows: GridRow[] }>({ storage: '', rows: [] });
  let rows = kept.rows;
  if (kept.storage !== storage) {
    rows = unitId === null ? [emptyRow()] : loadRows(surveyId, unitId);
    setKept({ storage, rows });
  }
  const setRows = (next: GridRow[]) => {
    setKept({ storage, rows: next });
    if (unitId !== null) storeRows(surveyId, unitId, next);
  };

  const [problems, setProblems] = useState<CellProblems>(new Map());
  const [issues, setIssues] = useState<RowIssue[]>([]);
  const [message, setMessage] = useState<{ color: 'green' | 'red'; text: string } | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isClearing, setClearing] = useState(false);
  const columns = useMemo(() => (survey ? gridColumns(survey.definition, label) : []), [survey, label]);

  if (isPending)
    return (
      <Center mih={200}>
        <Loader aria-label={t('surveyPaperTitle')} />
      </Center>
    );
  if (!survey) return <Alert color="red">{loadError?.message}</Alert>;

  const typed = rows.filter((row) => !isRowEmpty(row)).length;
  const save = async () => {
    if (unitId === null) return;
    const { forms, gridRows, badDates } = formsOf(columns, rows, defaultDate);
    setMessage(null);
    setIssues([]);
    if (badDates.length > 0) {
      const marked: CellProblems = new Map();
      for (const index of badDates) {
        const row = rows[index];
        if (row) marked.set(`${row.id}|${DATE}`, t('surveyPaperBadDate'));
      }
      setProblems(marked);
      setMessage({ color: 'red', text: t('surveyPaperRefused') });
      return;
    }
    setSaving(true);
    try {
      const { recorded } = await savePaperForms(surveyId, unitId, forms);
      setRows([emptyRow()]);
      setProblems(new Map());
      setMessage({ color: 'green', text: fill(t('surveyPaperSaved'), { count: recorded }) });
    } catch (caught) {
      const refusal = caught instanceof ApiError ? caught.rows : [];
      const marked: CellProblems = new Map();
      const known = new Set(columns.map((column) => column.key));
      // The server numbers the forms it was sent (1, 2, …): back to the grid's rows.
      const shown = refusal.map((issue) => {
        const index = gridRows[issue.row - 1] ?? -1;
        const row = rows[index];
        const key = columnKeyOf(issue.column);
        if (row) marked.set(`${row.id}|${known.has(key) ? key : ''}`, issue.reason);
        // The grid's own title for the column ("Form number" in English), the whole form for none.
        const title = columns.find((column) => column.key === key)?.title;
        return { ...issue, row: index + 1, column: title ?? (issue.column || t('surveyPaperRowProblem')) };
      });
      setProblems(marked);
      setIssues(shown);
      setMessage({
        color: 'red',
        text:
          refusal.length > 0
            ? t('surveyPaperRefused')
            : caught instanceof Error
              ? caught.message
              : String(caught),
      });
    } finally {
      setSaving(false);
    }
  };

  const inUse = survey.status === 'published';
  return (
    <Stack>
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          <Title order={2}>{t('surveyPaperTitle')}</Title>
          <Text c="dimmed" size="sm">
            {label({ vi: survey.nameVi, en: survey.nameEn ?? survey.nameVi })}
          </Text>
        </Stack>
        <Group gap="md">
          <Button
            component="a"
            href={paperFormUrl(surveyId, unitId)}
            download
            variant="light"
            leftSection={<IconPrinter size={16} aria-hidden />}
          >
            {t('surveyPaperPrint')}
          </Button>
          <Anchor component={Link} to="/surveys" size="sm">
            {t('surveyPaperAllSurveys')}
          </Anchor>
        </Group>
      </Group>
      {!inUse && <Alert color="yellow">{t('surveyPaperNotInUse')}</Alert>}
      <Group align="flex-start" wrap="wrap">
        <div style={{ width: 340 }}>
          <UnitPicker
            label={t('surveyPaperUnit')}
            value={unitKey}
            selectedLabel={unit?.name ?? ownUnit?.unitName ?? undefined}
            onChange={(value) => {
              setChosenUnit(value);
              setProblems(new Map());
              setIssues([]);
              setMessage(null);
            }}
          />
        </div>
        <TextInput
          label={t('surveyPaperDefaultDate')}
          description={t('surveyPaperDefaultDateHelp')}
          placeholder="dd/mm/yyyy"
          value={dateText}
          onChange={(event) => setDateText(event.currentTarget.value)}
          error={defaultDate === null && dateText.trim() !== '' ? t('surveyPaperBadDate') : undefined}
          w={280}
        />
      </Group>
      {unitId === null ? (
        <Text>{t('surveyPaperChooseUnit')}</Text>
      ) : (
        <>
          <Group gap="xs" wrap="wrap" aria-label={t('surveyPaperLegend')} role="list">
            <Text size="sm" fw={600}>
              {t('surveyPaperLegend')}:
            </Text>
            {SCALE5.map((level) => (
              <Badge key={level.value} variant="light" color="gray" tt="none" role="listitem" size="lg">
                {level.value} · {label(level)}
              </Badge>
            ))}
          </Group>
          <Text size="xs" c="dimmed">
            {t('surveyPaperKeys')} {t('surveyPaperRowsKept')}
          </Text>
          <PaperGrid
            definition={survey.definition}
            columns={columns}
            rows={rows}
            onRows={setRows}
            problems={problems}
            onEdited={(rowId, key) => {
              if (!problems.has(`${rowId}|${key}`) && !problems.has(`${rowId}|`)) return;
              const next = new Map(problems);
              next.delete(`${rowId}|${key}`);
              next.delete(`${rowId}|`);
              setProblems(next);
            }}
            defaultDate={defaultDate}
          />
          {message && <Alert color={message.color}>{message.text}</Alert>}
          {typed > MAX_FORMS && <Alert color="yellow">{t('surveyPaperTooMany')}</Alert>}
          <Group>
            <Button onClick={save} loading={isSaving} disabled={!inUse || typed === 0 || typed > MAX_FORMS}>
              {fill(t('surveyPaperSave'), { count: typed })}
            </Button>
            <Button variant="default" onClick={() => setRows([...rows, emptyRow()])}>
              {t('surveyPaperAddRow')}
            </Button>
            <Button variant="subtle" color="red" disabled={typed === 0} onClick={() => setClearing(true)}>
              {t('surveyPaperClear')}
            </Button>
          </Group>
          {issues.length > 0 && <RowIssuesTable issues={issues} label={t('surveyPaperRefused')} />}
          <Title order={3}>{t('surveyPaperFromFile')}</Title>
          <PaperImportPanel
            surveyId={surveyId}
            unitId={unitId}
            unitName={unit?.name ?? ownUnit?.unitName ?? ''}
            defaultDate={defaultDate}
          />
          <ConfirmDialog
            opened={isClearing}
            title={t('surveyPaperClear')}
            confirmLabel={t('surveyPaperClear')}
            danger
            onConfirm={() => {
              setRows([emptyRow()]);
              setProblems(new Map());
              setIssues([]);
              setClearing(false);
            }}
            onClose={() => setClearing(false)}
          >
            {fill(t('surveyPaperClearConfirm'), { count: typed })}
          </ConfirmDialog>
        </>
      )}
    </Stack>
  );
}
