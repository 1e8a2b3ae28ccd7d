import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { formatDong, formatWhole, PROJECT_STATUSES } from '../../../../core/projects/books.ts';
import { ADOPTION_VERDICTS, formatShare } from '../../../../core/projects/rules.ts';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { useT } from '../../i18n/locale.tsx';
import { type ProjectDetail, useProject } from './api.ts';
import { FieldInput } from './FieldInput.tsx';
import { ImportContributions } from './ImportContributions.tsx';
import { LinesCard } from './LinesCard.tsx';
import { PublishSwitch } from './PublishSwitch.tsx';
import { PROJECT_SECTIONS } from './project-fields.ts';
import { useProjectForm } from './useProjectForm.ts';

type Form = ReturnType<typeof useProjectForm>;

/** A part of the project's own form (its particulars, the board's decision, the accounts), autosaved. */
function Section({
  project,
  form,
  part,
}: {
  project: ProjectDetail;
  form: Form;
  part: keyof typeof PROJECT_SECTIONS;
}) {
  const problem = form.autosave.error?.fields ?? [];
  return (
    <Grid>
      {PROJECT_SECTIONS[part].map((field) => (
        <Grid.Col key={field.key} span={{ base: 12, sm: field.span ?? 12 }}>
          <FieldInput
            def={field}
            value={form.values[field.key] ?? null}
            onChange={(value) => form.change(field.key, value)}
            error={problem.find((issue) => issue.path === field.key)?.message}
            disabled={!project.canWrite}
          />
        </Grid.Col>
      ))}
      <Grid.Col span={12}>
        <SaveState autosave={form.autosave as never} />
      </Grid.Col>
    </Grid>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </Card>
  );
}

function Messages({ items, color }: { items: readonly { vi: string; en: string }[]; color: string }) {
  const { label } = useT();
  if (items.length === 0) return null;
  return (
    <Alert color={color}>
      {items.map((item) => (
        <Text key={item.vi} size="sm">
          {label(item)}
        </Text>
      ))}
    </Alert>
  );
}

function ProjectScreen({ project }: { project: ProjectDetail }) {
  const { t, label, locale } = useT();
  const form = useProjectForm(project);
  const [isImporting, setImporting] = useState(false);
  const { books } = project;
  return (
    <Stack>
      <Anchor renderRoot={(props) => <Link {...props} to="/projects" />}>← {t('projectBack')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ flex: 1, minWidth: 240 }}>
          <Title order={2}>{project.name}</Title>
          <Group gap="xs">
            <Badge variant="light">{label(PROJECT_STATUSES[project.status])}</Badge>
            <Badge color={project.publishedAt ? 'green' : 'gray'} variant="light">
              {project.publishedAt ? t('projectPublished') : t('projectDraft')}
            </Badge>
            <Text size="sm" c="dimmed">
              {project.unitName}
            </Text>
          </Group>
        </Stack>
        <PublishSwitch project={project} form={form} />
      </Group>
      <Tabs defaultValue="adoption" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="adoption">{t('projectTabAdoption')}</Tabs.Tab>
          <Tabs.Tab value="books">{t('projectTabBooks')}</Tabs.Tab>
          <Tabs.Tab value="contributors">{t('projectTabContributors')}</Tabs.Tab>
          <Tabs.Tab value="board">{t('projectTabBoard')}</Tabs.Tab>
          <Tabs.Tab value="accounts">{t('projectTabAccounts')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="adoption" pt="md">
          <Stack>
            <Alert color={project.adoption.verdict === 'adopted' ? 'green' : 'yellow'}>
              <Text size="sm" fw={600}>
                {label(ADOPTION_VERDICTS[project.adoption.verdict])}
                {project.households && project.agreed !== null
                  ? ` · ${t('projectShare')}: ${formatShare(project.agreed, project.households)}`
                  : ''}
              </Text>
              {project.adoption.rule && (
                <Text size="sm">
                  {t('projectVerdictBasis')}: {project.adoption.rule.basis} (≥{' '}
                  {project.adoption.rule.numerator}/{project.adoption.rule.denominator}).{' '}
                  {label(project.adoption.rule.note)}
                </Text>
              )}
            </Alert>
            {project.progressIssue && <Messages items={[project.progressIssue]} color="yellow" />}
            <Section project={project} form={form} part="adoption" />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="books" pt="md">
          <Stack>
            <SimpleGrid cols={{ base: 2, sm: 5 }}>
              <Figure label={t('projectCashIn')} value={formatDong(books.cashIn, locale)} />
              <Figure label={t('projectCashOut')} value={formatDong(books.cashOut, locale)} />
              <Figure label={t('projectBalance')} value={formatDong(books.balance, locale)} />
              <Figure
                label={t('projectLand')}
                value={`${formatWhole(books.land.area)} m² · ${formatDong(books.land.value, locale)}`}
              />
              <Figure
                label={t('projectLabour')}
                value={`${formatWhole(books.labour.days)} · ${formatDong(books.labour.value, locale)}`}
              />
            </SimpleGrid>
            <LinesCard project={project} kind="receipts" />
            <LinesCard project={project} kind="payments" />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="contributors" pt="md">
          <LinesCard
            project={project}
            kind="contributions"
            extra={
              <Button variant="default" aria-haspopup="dialog" onClick={() => setImporting(true)}>
                {t('projectImport')}
              </Button>
            }
          />
          {isImporting && <ImportContributions projectId={project.id} onClose={() => setImporting(false)} />}
        </Tabs.Panel>
        <Tabs.Panel value="board" pt="md">
          <Stack>
            <Section project={project} form={form} part="board" />
            <Messages items={project.boardIssues} color="yellow" />
            <LinesCard project={project} kind="members" />
            <LinesCard project={project} kind="notices" />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="accounts" pt="md">
          <Stack>
            <Section project={project} form={form} part="accounts" />
            {project.accounts?.isConsistent && <Alert color="green">{t('projectAccountsOk')}</Alert>}
            {project.accounts && <Messages items={project.accounts.issues} color="red" />}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <ConflictDialog
        conflict={form.autosave.conflict}
        mine={form.autosave.unsaved}
        onKeepMine={form.keepMine}
        onTakeTheirs={form.takeTheirs}
      />
    </Stack>
  );
}

/** One community project: its tabs, autosaved particulars, its lines, and the publish switch. */
export function ProjectPage() {
  const { t } = useT();
  const { projectId } = useParams({ strict: false }) as { projectId: string };
  const { data, isPending, error } = useProject(Number(projectId));
  if (isPending) return <Loader aria-label={t('loading')} />;
  if (error || !data)
    return (
      <Alert color="red" role="alert">
        {error?.message}
      </Alert>
    );
  return <ProjectScreen key={data.id} project={data} />;
}
