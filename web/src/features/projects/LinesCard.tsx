import { Button, Card, Grid, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { DialogFooter } from '../../components/DialogFooter.tsx';
import { useFieldErrors } from '../../components/form.ts';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type LineKind, type ProjectDetail, useProjectChange } from './api.ts';
import { FieldInput, type FieldValue } from './FieldInput.tsx';
import { LINES, lineForm } from './project-fields.ts';

type AnyLine = { id: number; version: number } & Record<string, unknown>;

/** Adds or changes one line: checked with the server's own schema first, saved at the line's version. */
function LineDialog({
  project,
  kind,
  line,
  onClose,
}: {
  project: ProjectDetail;
  kind: LineKind;
  line: AnyLine | null;
  onClose: () => void;
}) {
  const { t } = useT();
  const config = LINES[kind];
  const [values, setValues] = useState<Record<string, FieldValue>>(() =>
    line ? lineForm(kind, line) : { ...config.blank },
  );
  const { errors, formError, check, fail } = useFieldErrors();
  const change = useProjectChange(project.id);
  const save = () => {
    if (!check(config.schema, values)) return;
    const request = line
      ? { method: 'PUT' as const, path: `/${kind}/${line.id}`, body: { ...values, version: line.version } }
      : { method: 'POST' as const, path: `/${kind}`, body: values };
    change.mutate(request, { onSuccess: onClose, onError: fail });
  };
  return (
    <Modal opened onClose={onClose} title={t(config.title)} size="lg">
      <Stack>
        <Grid>
          {config.fields.map((field) => (
            <Grid.Col key={field.key} span={{ base: 12, sm: field.span ?? 12 }}>
              <FieldInput
                def={field}
                value={values[field.key] ?? null}
                onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))}
                error={errors[field.key]}
              />
            </Grid.Col>
          ))}
        </Grid>
        {formError && (
          <Text c="red" role="alert">
            {formError}
          </Text>
        )}
        <DialogFooter onClose={onClose} onSubmit={save} isBusy={change.isPending} label={t('projectSave')} />
      </Stack>
    </Modal>
  );
}

/** A kind of line of the project (its books, its contributors, its board), as a table with its edits. */
export function LinesCard({
  project,
  kind,
  extra,
}: {
  project: ProjectDetail;
  kind: LineKind;
  extra?: ReactNode;
}) {
  const { t, label } = useT();
  const config = LINES[kind];
  const lines = project[kind] as unknown as AnyLine[];
  const [editing, setEditing] = useState<AnyLine | 'new' | null>(null);
  const [removing, setRemoving] = useState<AnyLine | null>(null);
  const change = useProjectChange(project.id);
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={3}>{t(config.title)}</Title>
          {project.canWrite && (
            <Group>
              {extra}
              <Button aria-haspopup="dialog" onClick={() => setEditing('new')} data-add={kind}>
                {t('projectAdd')}
              </Button>
            </Group>
          )}
        </Group>
        {lines.length === 0 ? (
          <Text c="dimmed">{t('projectNone')}</Text>
        ) : (
          <ScrollTable striped withTableBorder aria-label={t(config.title)} minWidth={700}>
            <Table.Thead>
              <Table.Tr>
                {config.columns.map((column) => (
                  <Table.Th key={column.label} ta={column.isNumber ? 'right' : undefined}>
                    {t(column.label)}
                  </Table.Th>
                ))}
                {project.canWrite && <Table.Th aria-label={t('projectEdit')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {lines.map((line) => (
                <Table.Tr key={line.id} data-line={line.id}>
                  {config.columns.map((column) => (
                    <Table.Td key={column.label} ta={column.isNumber ? 'right' : undefined}>
                      {column.cell(line as never, label)}
                    </Table.Td>
                  ))}
                  {project.canWrite && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setEditing(line)}>
                          {t('projectEdit')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(line)}>
                          {t('projectRemove')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
      </Stack>
      {editing && (
        <LineDialog
          project={project}
          kind={kind}
          line={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('projectRemoveTitle')}
        confirmLabel={t('projectRemove')}
        danger
        isBusy={change.isPending}
        error={change.error?.message ?? null}
        onClose={() => {
          change.reset();
          setRemoving(null);
        }}
        onConfirm={() =>
          removing &&
          change.mutate(
            { method: 'DELETE', path: `/${kind}/${removing.id}?version=${removing.version}` },
            { onSuccess: () => setRemoving(null) },
          )
        }
      >
        {t('projectRemoveText')}
      </ConfirmDialog>
    </Card>
  );
}
