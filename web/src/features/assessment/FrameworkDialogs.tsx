/** The framework dialogs of the assessment page: a framework's tree (read, or edited by a coordinator), and a framework from a spreadsheet. */
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Criterion, type Framework, walkCriteria } from '../../../../core/frameworks/framework.ts';
import { ApiError, api, queryString } from '../../api/client.ts';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { decimalMark, formatNumber, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import { bandIn, frameworkNameIn, useFramework, useRoundWrite } from './api.ts';

/** Points as the reader's locale writes them; none shown as a dash. */
export const number = (value: number | null) => (value === null ? '—' : formatNumber(value));

/** A framework's tree; a coordinator edits names and points of a version no round uses yet. */
export function FrameworkTree({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data } = useFramework(id);
  const [draft, setDraft] = useState<Framework | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const save = useRoundWrite((input: { definition: Framework; version: number }) =>
    api('PUT', `/api/frameworks/${id}`, input),
  );
  const client = useQueryClient();
  const editable = hasPermission(me, 'assessment.manage');
  const definition = draft ?? data?.definition;
  const edit = (code: string, patch: Partial<Criterion>) => {
    if (!definition) return;
    const next = structuredClone(definition);
    const found = walkCriteria(next.criteria).find((entry) => entry.criterion.code === code);
    if (found) Object.assign(found.criterion, patch);
    setDraft(next);
  };
  const editBand = (index: number, patch: Partial<Framework['bands'][number]>) => {
    if (!definition) return;
    const next = structuredClone(definition);
    Object.assign(next.bands[index] ?? {}, patch);
    setDraft(next);
  };
  const submit = async () => {
    if (!draft || !data) return;
    setError(null);
    try {
      await save.mutateAsync({ definition: draft, version: data.version });
      await client.invalidateQueries({ queryKey: ['frameworks'] });
      setDraft(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={definition ? frameworkNameIn(locale, definition) : t('loading')}
      size="xl"
    >
      <Group justify="space-between" mb="sm">
        {/* A citation of the Vietnamese text the framework comes from, as it is written. */}
        <Text size="sm" c="dimmed" maw={600} lang="vi">
          {definition?.source}
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            size="xs"
            variant="light"
            href={`/api/frameworks/${id}/export?format=xlsx`}
            download
          >
            {t('exportXlsx')}
          </Button>
        </Group>
      </Group>
      <ScrollTable>
        <Table.Tbody>
          {definition &&
            walkCriteria(definition.criteria).map(({ criterion, depth }) => (
              <Table.Tr key={criterion.code}>
                <Table.Td w={110} fw={depth === 0 ? 700 : 400}>
                  {criterion.code}
                </Table.Td>
                <Table.Td pl={`${depth + 0.6}rem`} fw={depth === 0 ? 700 : 400}>
                  {editable ? (
                    // The Vietnamese name is what is edited, in either language.
                    <TextInput
                      size="xs"
                      lang="vi"
                      aria-label={`${t('name')} ${criterion.code}`}
                      value={criterion.nameVi}
                      onChange={(event) => edit(criterion.code, { nameVi: event.currentTarget.value })}
                    />
                  ) : locale === 'en' && criterion.nameEn ? (
                    criterion.nameEn
                  ) : (
                    <span lang="vi">{criterion.nameVi}</span>
                  )}
                </Table.Td>
                <Table.Td w={110} ta="right">
                  {editable ? (
                    <NumberInput
                      size="xs"
                      aria-label={`${t('maximum')} ${criterion.code}`}
                      min={0}
                      decimalSeparator={decimalMark()}
                      value={criterion.maxPoints ?? ''}
                      onChange={(value) =>
                        edit(criterion.code, { maxPoints: value === '' ? null : Number(value) })
                      }
                    />
                  ) : (
                    number(criterion.maxPoints)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </ScrollTable>
      {definition && (
        <Stack gap="xs" mt="md">
          <Text fw={600} size="sm">
            {t('bands')}
          </Text>
          {definition.bands.map((band, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: bands are edited in place, their position is their identity
            <Group key={index} gap="xs">
              <TextInput
                size="xs"
                aria-label={`${t('band')} ${index + 1}`}
                // Edited as the framework words it (Vietnamese); read in the reader's language.
                lang={editable ? 'vi' : undefined}
                value={editable ? band.label : bandIn(locale, band.label)}
                readOnly={!editable}
                onChange={(event) => editBand(index, { label: event.currentTarget.value })}
                w={140}
              />
              <NumberInput
                size="xs"
                aria-label={`${t('band')} ${index + 1} ${t('percentFrom')}`}
                value={band.from}
                readOnly={!editable}
                min={0}
                max={100}
                suffix=" %"
                onChange={(value) => editBand(index, { from: Number(value) })}
                w={100}
              />
              <Text size="xs">–</Text>
              <NumberInput
                size="xs"
                aria-label={`${t('band')} ${index + 1} ${t('percentTo')}`}
                value={band.to}
                readOnly={!editable}
                min={0}
                max={100}
                suffix=" %"
                onChange={(value) => editBand(index, { to: Number(value) })}
                w={100}
              />
            </Group>
          ))}
        </Stack>
      )}
      {error && (
        <Alert color="red" role="alert" mt="sm" title={error.message}>
          {error.fields.map((field) => (
            <Text key={`${field.path}${field.message}`} size="sm">
              {field.path}: {field.message}
            </Text>
          ))}
        </Alert>
      )}
      {editable && draft && (
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDraft(null)}>
            {t('cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending}>
            {t('save')}
          </Button>
        </Group>
      )}
    </Modal>
  );
}

/** A framework from a spreadsheet of criteria (code, name, points…), refused row by row when wrong. */
export function ImportFrameworkDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const client = useQueryClient();
  const [form, setForm] = useState({ code: '', nameVi: '', fromYear: new Date().getFullYear() });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const body = new FormData();
      body.append('file', file);
      await api('POST', `/api/frameworks/import${queryString(form)}`, body);
      await client.invalidateQueries({ queryKey: ['frameworks'] });
      onClose();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, 'INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('importFramework')}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('importFrameworkHelp')}
        </Text>
        <TextInput
          label={t('code')}
          description={t('frameworkCodeHelp')}
          value={form.code}
          onChange={(event) => setForm({ ...form, code: event.currentTarget.value.toUpperCase() })}
        />
        <TextInput
          label={t('name')}
          value={form.nameVi}
          onChange={(event) => setForm({ ...form, nameVi: event.currentTarget.value })}
        />
        <NumberInput
          label={t('appliesFrom')}
          value={form.fromYear}
          onChange={(value) => setForm({ ...form, fromYear: Number(value) })}
        />
        <FileInput label=".xlsx / .csv" accept=".xlsx,.csv" value={file} onChange={setFile} />
        {error && (
          <Alert color="red" role="alert" title={error.message}>
            <ScrollTable>
              <Table.Tbody>
                {error.rows.map((row) => (
                  <Table.Tr key={`${row.row}-${row.column}`}>
                    <Table.Td>{row.row}</Table.Td>
                    <Table.Td>{row.column}</Table.Td>
                    <Table.Td>{row.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            {error.fields.map((field) => (
              <Text key={field.path} size="sm">
                {field.path}: {field.message}
              </Text>
            ))}
          </Alert>
        )}
        <DialogFooter onClose={onClose} onSubmit={submit} isBusy={busy} label={t('importFramework')} />
      </Stack>
    </Modal>
  );
}
