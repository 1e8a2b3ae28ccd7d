import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { INPUT_STAGES, type InputStage, STAGE_NAMES } from '../../../../core/frameworks/rounds.ts';
import {
  NON_SUBMITTER_RULE_NAMES,
  NON_SUBMITTER_RULES,
  type NonSubmitterRule,
} from '../../../../core/frameworks/scoring.ts';
import { formatDateVi, parseDate } from '../../../../core/text/dates.ts';
import { ApiError, api } from '../../api/client.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { frameworkNameIn, type RoundDetail, useFrameworks, useRounds, useRoundWrite } from './api.ts';
import { FrameworkTree, ImportFrameworkDialog, number } from './FrameworkDialogs.tsx';

/** Assessment: the rounds, opening a new one, and the frameworks they use. */
export function AssessmentPage() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data: rounds } = useRounds();
  const { data: frameworks } = useFrameworks();
  const [creating, setCreating] = useState(false);
  const [openFramework, setOpenFramework] = useState<number | null>(null);
  const [importing, setImporting] = useState(false);
  const manages = hasPermission(me, 'assessment.manage');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('assessment')}</Title>
        {manages && (
          <Button aria-haspopup="dialog" onClick={() => setCreating(true)}>
            {t('openRound')}
          </Button>
        )}
      </Group>
      <ScrollTable withTableBorder striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('roundName')}</Table.Th>
            <Table.Th>{t('year')}</Table.Th>
            <Table.Th>{t('framework')}</Table.Th>
            <Table.Th>{t('stage')}</Table.Th>
            <Table.Th>{t('due')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rounds?.map((round) => (
            <Table.Tr key={round.id}>
              <Table.Td>
                <Anchor
                  renderRoot={(props) => (
                    <Link
                      {...props}
                      to="/assessment/rounds/$roundId"
                      params={{ roundId: String(round.id) }}
                    />
                  )}
                >
                  {round.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{round.year}</Table.Td>
              <Table.Td>
                {frameworkNameIn(locale, { nameVi: round.frameworkName, nameEn: round.frameworkNameEn })}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" color={round.stage === 'published' ? 'green' : 'blue'}>
                  {STAGE_NAMES[round.stage][locale]}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateVi(round.deadlines[round.stage])}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {rounds?.length === 0 && <Text c="dimmed">{t('noRounds')}</Text>}

      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('frameworks')}
        </Title>
        {manages && (
          <Button variant="light" aria-haspopup="dialog" onClick={() => setImporting(true)}>
            {t('importFramework')}
          </Button>
        )}
      </Group>
      <ScrollTable withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('name')}</Table.Th>
            <Table.Th>{t('appliesFrom')}</Table.Th>
            <Table.Th>{t('criteriaCount')}</Table.Th>
            <Table.Th>{t('maximum')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {frameworks?.map((framework) => (
            <Table.Tr key={framework.id}>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  aria-haspopup="dialog"
                  onClick={() => setOpenFramework(framework.id)}
                >
                  {frameworkNameIn(locale, framework)}
                </Anchor>{' '}
                {framework.status === 'unconfirmed' && (
                  <Badge color="orange" variant="light" tt="none">
                    {t('unconfirmed')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {framework.fromYear}
                {framework.toYear ? `–${framework.toYear}` : ''}
              </Table.Td>
              <Table.Td>{framework.criteria}</Table.Td>
              <Table.Td>{number(framework.maximum)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {openFramework !== null && <FrameworkTree id={openFramework} onClose={() => setOpenFramework(null)} />}
      {importing && <ImportFrameworkDialog onClose={() => setImporting(false)} />}
      {creating && <CreateRoundDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function CreateRoundDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useT();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { data: frameworks } = useFrameworks();
  const grant = me?.grants.find((entry) => entry.role === 'coordinator' || entry.role === 'admin');
  const [form, setForm] = useState({
    name: '',
    year: new Date().getFullYear(),
    frameworkId: null as string | null,
    ownerUnitId: grant?.unitId ? String(grant.unitId) : (null as string | null),
    unitType: 'commune' as string | null,
    bonusCap: 0,
    penaltyCap: 0,
    nonSubmitters: 'excluded' as NonSubmitterRule,
    deadlines: Object.fromEntries(INPUT_STAGES.map((stage) => [stage, ''])) as Record<InputStage, string>,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const create = useRoundWrite((input: object) => api<RoundDetail>('POST', '/api/rounds', input));
  const fieldError = (path: string) => error?.fields.find((field) => field.path === path)?.message;
  const save = async () => {
    setError(null);
    try {
      const round = await create.mutateAsync({
        ...form,
        frameworkId: Number(form.frameworkId),
        ownerUnitId: Number(form.ownerUnitId),
        unitType: form.unitType ?? undefined,
        deadlines: Object.fromEntries(
          INPUT_STAGES.map((stage) => [stage, parseDate(form.deadlines[stage]) ?? form.deadlines[stage]]),
        ),
      });
      onClose();
      await navigate({ to: '/assessment/rounds/$roundId', params: { roundId: String(round.id) } });
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('openRound')} size="lg">
      <Stack>
        <TextInput
          label={t('roundName')}
          value={form.name}
          onChange={(event) => setForm({ ...form, name: event.currentTarget.value })}
          error={fieldError('name')}
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('framework')}
            data={(frameworks ?? []).map((framework) => ({
              value: String(framework.id),
              label: `${frameworkNameIn(locale, framework)} (${framework.fromYear}–${framework.toYear ?? ''})`,
              // A framework serves the years it applies to, once its points are confirmed.
              disabled:
                framework.maximum === null ||
                form.year < framework.fromYear ||
                (framework.toYear !== null && form.year > framework.toYear),
            }))}
            value={form.frameworkId}
            onChange={(value) => setForm({ ...form, frameworkId: value })}
            error={fieldError('frameworkId')}
            searchable
          />
          <NumberInput
            label={t('year')}
            value={form.year}
            onChange={(value) => setForm({ ...form, year: Number(value) })}
            error={fieldError('year')}
          />
          <UnitPicker
            label={t('ownerUnit')}
            value={form.ownerUnitId}
            selectedLabel={grant?.unitName ?? undefined}
            onChange={(value) => setForm({ ...form, ownerUnitId: value })}
            error={fieldError('ownerUnitId')}
          />
          <Select
            label={t('assessedUnits')}
            data={[
              { value: 'commune', label: t('allCommunes') },
              { value: 'department', label: t('allDepartments') },
            ]}
            value={form.unitType}
            onChange={(value) => setForm({ ...form, unitType: value })}
            error={fieldError('unitIds')}
          />
          <NumberInput
            label={t('bonusCap')}
            min={0}
            value={form.bonusCap}
            onChange={(value) => setForm({ ...form, bonusCap: Number(value) })}
          />
          <NumberInput
            label={t('penaltyCap')}
            min={0}
            value={form.penaltyCap}
            onChange={(value) => setForm({ ...form, penaltyCap: Number(value) })}
          />
        </SimpleGrid>
        <Select
          label={t('nonSubmittersRule')}
          data={NON_SUBMITTER_RULES.map((rule) => ({
            value: rule,
            label: NON_SUBMITTER_RULE_NAMES[rule][locale],
          }))}
          value={form.nonSubmitters}
          onChange={(value) => value && setForm({ ...form, nonSubmitters: value as NonSubmitterRule })}
          allowDeselect={false}
          error={fieldError('nonSubmitters')}
        />
        <Text fw={600} size="sm">
          {t('stageDeadlines')}
        </Text>
        <SimpleGrid cols={2}>
          {INPUT_STAGES.map((stage) => (
            <TextInput
              key={stage}
              label={STAGE_NAMES[stage][locale]}
              placeholder="dd/mm/yyyy"
              value={form.deadlines[stage]}
              onChange={(event) =>
                setForm({ ...form, deadlines: { ...form.deadlines, [stage]: event.currentTarget.value } })
              }
              error={fieldError(`deadlines.${stage}`)}
            />
          ))}
        </SimpleGrid>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={save} isBusy={create.isPending} label={t('openRound')} />
      </Stack>
    </Modal>
  );
}
