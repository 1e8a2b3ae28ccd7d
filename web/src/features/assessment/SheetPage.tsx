import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type ReactNode, useRef, useState } from 'react';
import { STAGE_NAMES, type Stage } from '../../../../core/frameworks/rounds.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosave } from '../../api/autosave.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useIsPhone } from '../../components/useIsPhone.ts';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { bandIn, type SheetCriterion, useRoundWrite, useSheet } from './api.ts';
import { EvidenceList } from './EvidenceList.tsx';

const points = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatNumber(value);

/** A 1000 px table on a desktop; below `sm` each criterion a card, so nobody scrolls sideways to score. */
type Layout = 'table' | 'cards';

/** One unit's sheet: the criteria tree, its own scores and the council's, evidence, the running total. */
export function SheetPage() {
  const { roundId, unitId } = useParams({ strict: false }) as { roundId: string; unitId: string };
  const round = Number(roundId);
  const unit = Number(unitId);
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data: sheet, error } = useSheet(round, unit);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const submit = useRoundWrite(() => api('POST', `/api/rounds/${round}/units/${unit}/submit`));
  const layout: Layout = useIsPhone() ? 'cards' : 'table';
  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!sheet) return <Text>{t('loading')}</Text>;
  const stage = sheet.round.stage;
  const canSelf = hasPermission(me, 'assessment.self');
  const canAppraise = hasPermission(me, 'assessment.appraise');
  const send = async () => {
    setProblem(null);
    setConfirming(false);
    try {
      await submit.mutateAsync(undefined);
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };

  const rows = sheet.criteria.map((criterion) =>
    criterion.isLeaf ? (
      <CriterionRow
        key={criterion.code}
        layout={layout}
        roundId={round}
        unitId={unit}
        stage={stage}
        criterion={criterion}
        canSelf={canSelf}
        canAppraise={canAppraise}
      />
    ) : (
      <GroupRow key={criterion.code} layout={layout} criterion={criterion} />
    ),
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {sheet.round.name} · {STAGE_NAMES[stage][locale]}
          </Text>
          <Title order={2}>{sheet.unit.name}</Title>
        </Stack>
        <Stack gap={2} align={layout === 'cards' ? 'flex-start' : 'flex-end'}>
          <Text fw={700} size="xl" aria-label={t('totalPoints')}>
            {points(sheet.total)} / 100
          </Text>
          <Text size="sm">
            {points(sheet.percent)}% · {bandIn(locale, sheet.band)}
            {(sheet.bonus > 0 || sheet.penalty > 0) &&
              ` · +${points(sheet.bonus)} / −${points(sheet.penalty)}`}
          </Text>
        </Stack>
      </Group>
      {sheet.selfSubmittedAt && <Alert color="green">{t('selfSubmitted')}</Alert>}
      {!sheet.participating && <Alert color="gray">{t('notParticipatingSheet')}</Alert>}
      {layout === 'table' ? (
        <ScrollTable withTableBorder minWidth={1000}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={80}>{t('code')}</Table.Th>
              <Table.Th>{t('criterion')}</Table.Th>
              <Table.Th w={70}>{t('maximum')}</Table.Th>
              <Table.Th w={260}>{t('selfAssessment')}</Table.Th>
              <Table.Th w={260}>{t('appraisal')}</Table.Th>
              <Table.Th w={130}>{t('evidence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{rows}</Table.Tbody>
        </ScrollTable>
      ) : (
        <Stack gap="sm">{rows}</Stack>
      )}
      {problem && (
        <Alert color="red" role="alert" title={problem.message}>
          <List size="sm">
            {problem.fields.map((field) => (
              <List.Item key={`${field.path}-${field.message}`}>
                {field.path}: {field.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {canSelf && stage === 'self' && (
        <Group justify="flex-end">
          <Button aria-haspopup="dialog" onClick={() => setConfirming(true)} loading={submit.isPending}>
            {t('submitSelf')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('sendSelfTitle')}
        confirmLabel={t('submitSelf')}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      >
        {fill(t('sendSelfWhat'), {
          unit: sheet.unit.name,
          total: points(sheet.total),
          round: sheet.round.name,
          date: formatDateVi(sheet.round.deadlines.self),
        })}
      </ConfirmDialog>
    </Stack>
  );
}

function CriterionRow(props: {
  layout: Layout;
  roundId: number;
  unitId: number;
  stage: Stage;
  criterion: SheetCriterion;
  canSelf: boolean;
  canAppraise: boolean;
}) {
  const { layout, roundId, unitId, stage, criterion, canSelf, canAppraise } = props;
  // Inputs a thumb can hit on a phone; compact in the desktop table.
  const size = layout === 'cards' ? 'sm' : 'xs';
  const { t } = useT();
  const url = `/api/rounds/${roundId}/units/${unitId}/scores/${criterion.code}`;
  const editsSelf =
    canSelf && (stage === 'self' || (stage === 'explanation' && criterion.returnedReason !== null));
  const appraises = canAppraise && (stage === 'appraisal1' || stage === 'appraisal2');
  const [self, setSelf] = useState<number | string>(criterion.selfScore ?? '');
  const [comment, setComment] = useState(criterion.selfComment ?? '');
  const [explanation, setExplanation] = useState(criterion.explanation ?? '');
  const [appraised, setAppraised] = useState<number | string>(criterion.appraisedScore ?? '');
  const [reason, setReason] = useState(criterion.appraisalReason ?? '');
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState(false);
  const client = useQueryClient();
  // The version this row last read or wrote: every save carries it (a stale one is a 409).
  const version = useRef(criterion.version);
  const autosave = useAutosave<Record<string, unknown>>({
    save: async (body, { keepalive }) => {
      const sheet = await api<{ criteria: SheetCriterion[] }>(
        'PATCH',
        url,
        { ...body, version: version.current },
        { keepalive },
      );
      version.current =
        sheet.criteria.find((entry) => entry.code === criterion.code)?.version ?? version.current + 1;
      void client.invalidateQueries({ queryKey: ['rounds'] });
    },
    enabled: editsSelf || appraises,
    leaveMessage: t('saveLeaveUnsaved'),
  });
  const save = useRoundWrite((body: object) => api('PATCH', url, { ...body, version: version.current }));
  const attach = useRoundWrite((file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api('POST', `${url}/evidence`, form);
  });
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
    } catch (caught) {
      setError(caught instanceof ApiError ? (caught.fields[0]?.message ?? caught.message) : String(caught));
    }
  };
  // Every field autosaves as it is typed: a score typed without pressing anything is kept.
  const selfBody = (patch: { self?: number | string; comment?: string; explanation?: string }) => {
    const score = patch.self ?? self;
    return {
      selfScore: score === '' ? null : Number(score),
      selfComment: (patch.comment ?? comment) || null,
      ...(stage === 'explanation' && { explanation: (patch.explanation ?? explanation) || null }),
    };
  };
  const appraisalBody = (patch: { appraised?: number | string; reason?: string }) => {
    const score = patch.appraised ?? appraised;
    return {
      ...(score !== '' && { appraisedScore: Number(score) }),
      appraisalReason: (patch.reason ?? reason) || null,
    };
  };
  const giveBack = () =>
    run(async () => {
      if (!(await autosave.flush())) return;
      await save.mutateAsync({ returnedReason: reason || null });
      version.current += 1;
    });
  const keepMine = (current: { version: number }) => {
    version.current = current.version;
    void autosave.retry();
  };
  const takeTheirs = (current: { version: number; record: unknown }) => {
    version.current = current.version;
    const record = (current.record ?? {}) as Partial<SheetCriterion>;
    setSelf(record.selfScore ?? '');
    setComment(record.selfComment ?? '');
    setExplanation(record.explanation ?? '');
    setAppraised(record.appraisedScore ?? '');
    setReason(record.appraisalReason ?? '');
    autosave.discard();
  };

  const measured = criterion.survey;
  const surveyPoints =
    measured?.rate != null && criterion.maxPoints !== null
      ? Math.round(measured.rate * criterion.maxPoints) / 100
      : null;
  const notes = (
    <>
      {measured && (
        <Group gap={6} data-testid={`survey-hint-${criterion.code}`}>
          <Text size="xs" c="blue.8">
            {fill(t('sheetSurveyHint'), {
              rate: formatNumber(measured.rate ?? 0, { maximumFractionDigits: 1 }),
              n: measured.respondents,
              points: surveyPoints === null ? '—' : formatNumber(surveyPoints, { maximumFractionDigits: 2 }),
            })}
            {!measured.enough && ` (${t('surveyTooSmall').toLowerCase()})`}
          </Text>
          {editsSelf && surveyPoints !== null && (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                setSelf(surveyPoints);
                autosave.schedule(selfBody({ self: surveyPoints }));
              }}
            >
              {t('sheetSurveyUse')}
            </Button>
          )}
        </Group>
      )}
      {criterion.returnedReason && (
        <Text size="xs" c="orange">
          {t('returned')}: {criterion.returnedReason}
        </Text>
      )}
      {criterion.explanation && !editsSelf && (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          {t('explanation')}: {criterion.explanation}
        </Text>
      )}
      {error && (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      )}
      <ConflictDialog
        conflict={autosave.conflict}
        mine={autosave.unsaved}
        onKeepMine={keepMine}
        onTakeTheirs={takeTheirs}
      />
    </>
  );
  const selfCell = editsSelf ? (
    <Stack gap={4}>
      <Group gap={4} wrap="nowrap">
        <NumberInput
          aria-label={`${t('selfAssessment')} ${criterion.code}`}
          size={size}
          min={0}
          max={criterion.maxPoints ?? undefined}
          decimalSeparator={decimalMark()}
          inputMode="decimal"
          value={self}
          onChange={(value) => {
            setSelf(value);
            autosave.schedule(selfBody({ self: value }));
          }}
          w={layout === 'cards' ? 100 : 80}
        />
        <SaveState autosave={autosave} />
      </Group>
      <TextInput
        size={size}
        aria-label={`${t('comment')} ${criterion.code}`}
        placeholder={t('comment')}
        value={comment}
        onChange={(event) => {
          setComment(event.currentTarget.value);
          autosave.schedule(selfBody({ comment: event.currentTarget.value }));
        }}
      />
      {stage === 'explanation' && (
        <Textarea
          size={size}
          aria-label={`${t('explanation')} ${criterion.code}`}
          placeholder={t('explanation')}
          value={explanation}
          onChange={(event) => {
            setExplanation(event.currentTarget.value);
            autosave.schedule(selfBody({ explanation: event.currentTarget.value }));
          }}
        />
      )}
    </Stack>
  ) : (
    <Stack gap={0}>
      <Text size="sm">{points(criterion.selfScore)}</Text>
      {criterion.selfComment && (
        <Text size="xs" c="dimmed">
          {criterion.selfComment}
        </Text>
      )}
    </Stack>
  );
  const appraisalCell = appraises ? (
    <Stack gap={4}>
      <Group gap={4} wrap={layout === 'cards' ? 'wrap' : 'nowrap'}>
        <NumberInput
          aria-label={`${t('appraisal')} ${criterion.code}`}
          size={size}
          min={0}
          max={criterion.maxPoints ?? undefined}
          decimalSeparator={decimalMark()}
          inputMode="decimal"
          value={appraised}
          onChange={(value) => {
            setAppraised(value);
            autosave.schedule(appraisalBody({ appraised: value }));
          }}
          w={layout === 'cards' ? 100 : 80}
        />
        <SaveState autosave={autosave} />
        {stage === 'appraisal1' && (
          <Button size="xs" variant="subtle" color="orange" onClick={giveBack}>
            {t('giveBack')}
          </Button>
        )}
      </Group>
      <TextInput
        size={size}
        aria-label={`${t('reason')} ${criterion.code}`}
        placeholder={t('reason')}
        value={reason}
        onChange={(event) => {
          setReason(event.currentTarget.value);
          autosave.schedule(appraisalBody({ reason: event.currentTarget.value }));
        }}
      />
    </Stack>
  ) : (
    <Stack gap={0}>
      <Text size="sm">{points(criterion.appraisedScore)}</Text>
      {criterion.appraisalReason && (
        <Text size="xs" c="dimmed">
          {criterion.appraisalReason}
        </Text>
      )}
    </Stack>
  );
  const evidenceCell = (
    <>
      <Group gap={4}>
        <Anchor
          component="button"
          type="button"
          size="sm"
          aria-haspopup="dialog"
          onClick={() => setFiles(true)}
        >
          {criterion.evidenceCount}
        </Anchor>
        {criterion.evidenceRequired && criterion.evidenceCount === 0 && (
          <Badge size="xs" color="orange" variant="light" tt="none">
            {t('required')}
          </Badge>
        )}
        {editsSelf && (
          <FileButton onChange={(file) => file && run(() => attach.mutateAsync(file))}>
            {(buttonProps) => (
              <Button
                size={layout === 'cards' ? 'compact-sm' : 'compact-xs'}
                variant="subtle"
                {...buttonProps}
                aria-label={`${t('attachEvidence')} ${criterion.code}`}
              >
                +
              </Button>
            )}
          </FileButton>
        )}
      </Group>
      {files && (
        <EvidenceList
          url={`${url}/evidence`}
          code={criterion.code}
          canRemove={editsSelf}
          onClose={() => setFiles(false)}
        />
      )}
    </>
  );

  if (layout === 'table')
    return (
      <Table.Tr>
        <Table.Td>{criterion.code}</Table.Td>
        <Table.Td>
          <Text size="sm">{criterion.nameVi}</Text>
          {notes}
        </Table.Td>
        <Table.Td>{points(criterion.maxPoints)}</Table.Td>
        <Table.Td>{selfCell}</Table.Td>
        <Table.Td>{appraisalCell}</Table.Td>
        <Table.Td>{evidenceCell}</Table.Td>
      </Table.Tr>
    );
  // The council's column only once there is something in it, or the council is entering it.
  const showsAppraisal = appraises || criterion.appraisedScore !== null || criterion.appraisalReason !== null;
  return (
    <Card withBorder padding="sm" component="article" aria-label={`${criterion.code} ${criterion.nameVi}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Text size="sm">
            <Text span fw={700}>
              {criterion.code}
            </Text>{' '}
            {criterion.nameVi}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('maximum')}: {points(criterion.maxPoints)}
          </Text>
        </Group>
        {notes}
        <CardField label={t('selfAssessment')}>{selfCell}</CardField>
        {showsAppraisal && <CardField label={t('appraisal')}>{appraisalCell}</CardField>}
        <CardField label={t('evidence')}>{evidenceCell}</CardField>
      </Stack>
    </Card>
  );
}

/** A labelled part of a criterion's card: the table's column header, above its content. */
function CardField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={600} c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** A criterion with children: a shaded row in the table, a heading between the cards on a phone. */
function GroupRow({ layout, criterion }: { layout: Layout; criterion: SheetCriterion }) {
  if (layout === 'table')
    return (
      <Table.Tr bg="gray.0">
        <Table.Td fw={700}>{criterion.code}</Table.Td>
        <Table.Td fw={700}>{criterion.nameVi}</Table.Td>
        <Table.Td fw={700}>{points(criterion.maxPoints)}</Table.Td>
        <Table.Td colSpan={3} fw={700}>
          {points(criterion.score)}
        </Table.Td>
      </Table.Tr>
    );
  return (
    <Paper bg="gray.0" p="xs" mt="xs">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text fw={700} size="sm">
          {criterion.code} {criterion.nameVi}
        </Text>
        <Text fw={700} size="sm" style={{ whiteSpace: 'nowrap' }}>
          {points(criterion.score)} / {points(criterion.maxPoints)}
        </Text>
      </Group>
    </Paper>
  );
}
