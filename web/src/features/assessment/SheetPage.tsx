import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { STAGE_NAMES, type Stage } from '../../../../core/frameworks/rounds.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { useAutosave } from '../../api/autosave.ts';
import { ApiError, api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { bandIn, type SheetCriterion, useRoundWrite, useSheet } from './api.ts';

const points = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : formatNumber(value);

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

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {sheet.round.name} · {STAGE_NAMES[stage][locale]}
          </Text>
          <Title order={2}>{sheet.unit.name}</Title>
        </Stack>
        <Stack gap={2} align="flex-end">
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
        <Table.Tbody>
          {sheet.criteria.map((criterion) =>
            criterion.isLeaf ? (
              <CriterionRow
                key={criterion.code}
                roundId={round}
                unitId={unit}
                stage={stage}
                criterion={criterion}
                canSelf={canSelf}
                canAppraise={canAppraise}
              />
            ) : (
              <Table.Tr key={criterion.code} bg="gray.0">
                <Table.Td fw={700}>{criterion.code}</Table.Td>
                <Table.Td fw={700}>{criterion.nameVi}</Table.Td>
                <Table.Td fw={700}>{points(criterion.maxPoints)}</Table.Td>
                <Table.Td colSpan={3} fw={700}>
                  {points(criterion.score)}
                </Table.Td>
              </Table.Tr>
            ),
          )}
        </Table.Tbody>
      </ScrollTable>
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
          <Button onClick={() => setConfirming(true)} loading={submit.isPending}>
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
  roundId: number;
  unitId: number;
  stage: Stage;
  criterion: SheetCriterion;
  canSelf: boolean;
  canAppraise: boolean;
}) {
  const { roundId, unitId, stage, criterion, canSelf, canAppraise } = props;
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

  return (
    <Table.Tr>
      <Table.Td>{criterion.code}</Table.Td>
      <Table.Td>
        <Text size="sm">{criterion.nameVi}</Text>
        {criterion.returnedReason && (
          <Text size="xs" c="orange">
            {t('returned')}: {criterion.returnedReason}
          </Text>
        )}
        {criterion.explanation && !editsSelf && (
          <Text size="xs" c="dimmed">
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
      </Table.Td>
      <Table.Td>{points(criterion.maxPoints)}</Table.Td>
      <Table.Td>
        {editsSelf ? (
          <Stack gap={4}>
            <Group gap={4} wrap="nowrap">
              <NumberInput
                aria-label={`${t('selfAssessment')} ${criterion.code}`}
                size="xs"
                min={0}
                max={criterion.maxPoints ?? undefined}
                decimalSeparator={decimalMark()}
                value={self}
                onChange={(value) => {
                  setSelf(value);
                  autosave.schedule(selfBody({ self: value }));
                }}
                w={80}
              />
              <SaveState autosave={autosave} />
            </Group>
            <TextInput
              size="xs"
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
                size="xs"
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
        )}
      </Table.Td>
      <Table.Td>
        {appraises ? (
          <Stack gap={4}>
            <Group gap={4} wrap="nowrap">
              <NumberInput
                aria-label={`${t('appraisal')} ${criterion.code}`}
                size="xs"
                min={0}
                max={criterion.maxPoints ?? undefined}
                decimalSeparator={decimalMark()}
                value={appraised}
                onChange={(value) => {
                  setAppraised(value);
                  autosave.schedule(appraisalBody({ appraised: value }));
                }}
                w={80}
              />
              <SaveState autosave={autosave} />
              {stage === 'appraisal1' && (
                <Button size="xs" variant="subtle" color="orange" onClick={giveBack}>
                  {t('giveBack')}
                </Button>
              )}
            </Group>
            <TextInput
              size="xs"
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
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Anchor component="button" type="button" size="sm" onClick={() => setFiles(true)}>
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
                  size="compact-xs"
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
      </Table.Td>
    </Table.Tr>
  );
}

/** The files proving a criterion; the unit removes one attached by mistake after confirming. */
function EvidenceList({
  url,
  code,
  canRemove,
  onClose,
}: {
  url: string;
  code: string;
  canRemove: boolean;
  onClose: () => void;
}) {
  const { t } = useT();
  const { data } = useQuery({
    queryKey: ['rounds', 'evidence', url],
    queryFn: () => api<{ id: number; fileName: string; size: number }[]>('GET', url),
  });
  const [removing, setRemoving] = useState<{ id: number; fileName: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const remove = useRoundWrite((id: number) => api('DELETE', `${url}/${id}`));
  const confirmRemove = async () => {
    if (!removing) return;
    setProblem(null);
    try {
      await remove.mutateAsync(removing.id);
      setRemoving(null);
    } catch (caught) {
      setProblem(caught instanceof ApiError ? caught.message : String(caught));
    }
  };
  // The list steps aside while the removal is confirmed, and comes back after.
  return (
    <>
      <Modal opened={removing === null} onClose={onClose} title={t('evidence')}>
        {data?.length === 0 && <Text c="dimmed">{t('noEvidence')}</Text>}
        <List>
          {data?.map((file) => (
            <List.Item key={file.id}>
              <Group gap="xs" wrap="nowrap">
                <Anchor href={`${url}/${file.id}`} download>
                  {file.fileName}
                </Anchor>
                {canRemove && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setRemoving(file)}
                    aria-label={`${t('remove')} ${file.fileName}`}
                  >
                    {t('remove')}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={fill(t('removeFileTitle'), { file: removing?.fileName ?? '' })}
        confirmLabel={t('remove')}
        danger
        isBusy={remove.isPending}
        error={problem}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      >
        {fill(t('removeFileWhat'), { owner: fill(t('removeFileCriterion'), { code }) })}
      </ConfirmDialog>
    </>
  );
}
