import {
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { PROJECT_STATUSES } from '../../../../core/projects/books.ts';
import { createProjectSchema } from '../../../../core/projects/project-schemas.ts';
import { formatDateVi } from '../../../../core/text/dates.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { ListFooter } from '../../components/ListFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { SortHeader } from '../../components/SortHeader.tsx';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { UnitPicker } from '../units/UnitPicker.tsx';
import { useCreateProject, useProjects } from './api.ts';

const PER_PAGE = 20;

/** Records a project (its commune and name), then opens it to record the rest. */
function NewProjectDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const own = (me?.grants ?? []).find((grant) => grant.unitId !== null);
  const [unitId, setUnitId] = useState<string | null>(own?.unitId ? String(own.unitId) : null);
  const [name, setName] = useState('');
  const { errors, formError, check, fail } = useFieldErrors();
  const create = useCreateProject();
  const submit = () => {
    const values = { unitId: unitId ? Number(unitId) : undefined, name };
    if (!check(createProjectSchema, values)) return;
    create.mutate(values, {
      onSuccess: (detail) =>
        navigate({ to: '/projects/$projectId', params: { projectId: String(detail.id) } }),
      onError: fail,
    });
  };
  return (
    <Modal opened onClose={onClose} title={t('projectNew')} size="lg">
      <Stack>
        <UnitPicker
          label={t('projectCommune')}
          value={unitId}
          onChange={setUnitId}
          selectedLabel={own?.unitName ?? undefined}
          error={errors.unitId}
        />
        <TextInput
          label={t('projectName')}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
          maxLength={300}
          required
          data-autofocus
        />
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={create.isPending} label={t('projectNew')} />
      </Stack>
    </Modal>
  );
}

/** The community projects of the communes in scope: search, state, sort, pages. */
export function ProjectsPage() {
  const { t, label } = useT();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [status, setStatus] = useState<string | null>(null);
  const [sort, setSort] = useState('name');
  const [page, setPage] = useState(1);
  const [isCreating, setCreating] = useState(false);
  const { data, isPending } = useProjects({ q: debounced, sort, page, perPage: PER_PAGE, status });
  const changeSort = (next: string) => {
    setSort(next);
    setPage(1);
  };
  return (
    <Stack>
      <Title order={2}>{t('projectsTitle')}</Title>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: 1, minWidth: 220 }}
          aria-label={t('projectsSearch')}
          placeholder={t('projectsSearch')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('projectStatus')}
          placeholder={t('projectsAllStatuses')}
          data={Object.entries(PROJECT_STATUSES).map(([value, words]) => ({ value, label: label(words) }))}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          clearable
          w={200}
        />
        {hasPermission(me, 'projects.write') && (
          <Button aria-haspopup="dialog" onClick={() => setCreating(true)}>
            {t('projectNew')}
          </Button>
        )}
      </Group>
      <ScrollTable striped highlightOnHover withTableBorder aria-label={t('projects')} minWidth={800}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader field="name" sort={sort} onSort={changeSort}>
              {t('projectName')}
            </SortHeader>
            <Table.Th>{t('projectCommune')}</Table.Th>
            <SortHeader field="decidedOn" sort={sort} onSort={changeSort}>
              {t('projectDecidedOn')}
            </SortHeader>
            <Table.Th>{t('projectStatus')}</Table.Th>
            <Table.Th>{t('projectProgress')}</Table.Th>
            <Table.Th>{t('projectTabContributors')}</Table.Th>
            <Table.Th>{t('projectPublicSwitch')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.items.map((item) => (
            <Table.Tr key={item.id} data-project={item.id}>
              <Table.Td>
                <Anchor
                  fw={600}
                  renderRoot={(props) => (
                    <Link {...props} to="/projects/$projectId" params={{ projectId: String(item.id) }} />
                  )}
                >
                  {item.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{item.unitName}</Table.Td>
              <Table.Td>{formatDateVi(item.decidedOn)}</Table.Td>
              <Table.Td>{label(PROJECT_STATUSES[item.status])}</Table.Td>
              <Table.Td>{item.progress}%</Table.Td>
              <Table.Td>{item.contributors}</Table.Td>
              <Table.Td>
                <Badge color={item.published ? 'green' : 'gray'} variant="light">
                  {item.published ? t('projectPublished') : t('projectDraft')}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      {!isPending && data?.total === 0 && (
        <Text c="dimmed" ta="center">
          {t('projectsNone')}
        </Text>
      )}
      <ListFooter total={data?.total ?? 0} page={page} perPage={PER_PAGE} onPage={setPage} />
      {isCreating && <NewProjectDialog onClose={() => setCreating(false)} />}
    </Stack>
  );
}
