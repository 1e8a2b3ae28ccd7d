/** The questionnaires by code with their revisions: status in words, years, questions, and what each role may do. */
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { SURVEY_STATUSES } from '../../../../core/surveys/survey.ts';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { hasPermission, useMe } from '../auth/session.ts';
import {
  deleteSurvey,
  publishSurvey,
  type SurveyVersion,
  surveyAction,
  useSurveyChange,
  useSurveyVersions,
} from './admin-api.ts';
import { ImportSurveyDialog } from './ImportSurveyDialog.tsx';

const STATUS_COLORS = { draft: 'yellow', published: 'green', retired: 'gray' } as const;

type Pending = { kind: 'publish' | 'retire' | 'delete'; survey: SurveyVersion };

export function SurveysPage() {
  const { t, locale } = useT();
  const { data: me } = useMe();
  const { data: versions, error } = useSurveyVersions();
  const navigate = useNavigate();
  const [pending, setPending] = useState<Pending | null>(null);
  const [importing, setImporting] = useState(false);
  const manages = hasPermission(me, 'surveys.manage');
  const enters = hasPermission(me, 'surveys.enter');
  const revise = useSurveyChange((id: number) => surveyAction(id, 'revisions'));
  const confirm = useSurveyChange(async ({ kind, survey }: Pending) =>
    kind === 'publish'
      ? publishSurvey(survey.id, await currentVersion(survey.id))
      : kind === 'retire'
        ? surveyAction(survey.id, 'retire')
        : deleteSurvey(survey.id),
  );
  const say = (key: MessageKey, values: Record<string, string | number>) => fill(t(key), values);

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!versions) return <Text>{t('loading')}</Text>;
  const codes = [...new Set(versions.map((survey) => survey.code))];
  const inUse = (code: string) =>
    versions.find((survey) => survey.code === code && survey.status === 'published');
  const hasDraft = (code: string) =>
    versions.some((survey) => survey.code === code && survey.status === 'draft');
  const name = (survey: SurveyVersion) => (locale === 'en' && survey.nameEn ? survey.nameEn : survey.nameVi);

  const makeRevision = async (survey: SurveyVersion) => {
    const made = await revise.mutateAsync(survey.id);
    if (made) await navigate({ to: '/surveys/$surveyId/edit', params: { surveyId: String(made.id) } });
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('satisfactionSurveys')}</Title>
          <Text size="sm" c="dimmed" maw={760}>
            {t('questionnairesHelp')}
          </Text>
        </Stack>
        {manages && <Button onClick={() => setImporting(true)}>{t('questionnaireImport')}</Button>}
      </Group>
      {revise.error && (
        <Alert color="red" role="alert">
          {revise.error.message}
        </Alert>
      )}
      {codes.length === 0 && <Text>{t('questionnaireNone')}</Text>}
      {codes.map((code) => {
        const rows = versions.filter((survey) => survey.code === code);
        const newest = rows[0] as SurveyVersion;
        return (
          <Card key={code} withBorder component="section" aria-label={name(newest)}>
            <Group justify="space-between" mb="xs" align="flex-start">
              <Stack gap={2}>
                <Title order={3} size="h4" lang={locale === 'en' && newest.nameEn ? undefined : 'vi'}>
                  {name(newest)}
                </Title>
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('code')}: {code}
                  </Text>
                  {newest.builtIn && (
                    <Badge size="sm" variant="light">
                      {t('questionnaireBuiltIn')}
                    </Badge>
                  )}
                </Group>
              </Stack>
            </Group>
            <ScrollTable>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('questionnaireRevision')}</Table.Th>
                  <Table.Th>{t('questionnaireStatus')}</Table.Th>
                  <Table.Th>{t('questionnaireYears')}</Table.Th>
                  <Table.Th>{t('questionnaireQuestions')}</Table.Th>
                  <Table.Th>{t('questionnaireActions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((survey) => (
                  <Table.Tr key={survey.id}>
                    <Table.Td>{survey.revision}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLORS[survey.status]} variant="light">
                        {SURVEY_STATUSES[survey.status][locale]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {survey.toYear === null
                        ? say('questionnaireYearsOpen', { from: survey.fromYear })
                        : `${survey.fromYear}–${survey.toYear}`}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm">{survey.questions}</Text>
                        {survey.unconfirmedQuestions > 0 && (
                          <Tooltip label={t('questionnaireUnconfirmedHelp')} multiline w={280}>
                            <Badge color="orange" variant="light" size="sm">
                              {say('questionnaireUnconfirmedCount', { n: survey.unconfirmedQuestions })}
                            </Badge>
                          </Tooltip>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Button
                          size="compact-xs"
                          variant="light"
                          renderRoot={(props) => (
                            <Link
                              {...props}
                              to="/surveys/$surveyId/edit"
                              params={{ surveyId: String(survey.id) }}
                            />
                          )}
                        >
                          {survey.status === 'draft' && manages
                            ? t('questionnaireEdit')
                            : t('questionnaireView')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="default"
                          component="a"
                          href={`/api/surveys/${survey.id}/xlsx`}
                          download
                        >
                          {t('questionnaireDownload')}
                        </Button>
                        {manages && !hasDraft(code) && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            loading={revise.isPending && revise.variables === survey.id}
                            onClick={() => void makeRevision(survey).catch(() => {})}
                          >
                            {t('questionnaireRevise')}
                          </Button>
                        )}
                        {manages && survey.status === 'draft' && (
                          <Button size="compact-xs" onClick={() => setPending({ kind: 'publish', survey })}>
                            {t('questionnairePublish')}
                          </Button>
                        )}
                        {manages && survey.status === 'published' && (
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => setPending({ kind: 'retire', survey })}
                          >
                            {t('questionnaireRetire')}
                          </Button>
                        )}
                        {manages && survey.status === 'draft' && (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="subtle"
                            onClick={() => setPending({ kind: 'delete', survey })}
                          >
                            {t('questionnaireDelete')}
                          </Button>
                        )}
                      </Group>
                      {survey.status !== 'draft' && (
                        <Group gap="md" mt={4}>
                          <Anchor
                            size="sm"
                            renderRoot={(props) => (
                              <Link
                                {...props}
                                to="/surveys/$surveyId"
                                params={{ surveyId: String(survey.id) }}
                              />
                            )}
                          >
                            {t('questionnaireResults')}
                          </Anchor>
                          {survey.status === 'published' && enters && (
                            <Anchor
                              size="sm"
                              renderRoot={(props) => (
                                <Link
                                  {...props}
                                  to="/surveys/$surveyId/paper"
                                  params={{ surveyId: String(survey.id) }}
                                />
                              )}
                            >
                              {t('questionnairePaper')}
                            </Anchor>
                          )}
                          {survey.status === 'published' && (
                            <Anchor
                              size="sm"
                              renderRoot={(props) => (
                                <Link
                                  {...props}
                                  to="/surveys/$surveyId/links"
                                  params={{ surveyId: String(survey.id) }}
                                />
                              )}
                            >
                              {t('questionnaireLinks')}
                            </Anchor>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          </Card>
        );
      })}
      {pending && (
        <ConfirmDialog
          opened
          title={say(
            pending.kind === 'publish'
              ? 'questionnairePublishTitle'
              : pending.kind === 'retire'
                ? 'questionnaireRetireTitle'
                : 'questionnaireDeleteTitle',
            { revision: pending.survey.revision },
          )}
          confirmLabel={t(
            pending.kind === 'publish'
              ? 'questionnairePublish'
              : pending.kind === 'retire'
                ? 'questionnaireRetire'
                : 'questionnaireDelete',
          )}
          danger={pending.kind !== 'publish'}
          isBusy={confirm.isPending}
          error={confirm.error?.message ?? null}
          onClose={() => {
            setPending(null);
            confirm.reset();
          }}
          onConfirm={() => confirm.mutate(pending, { onSuccess: () => setPending(null) })}
        >
          {pending.kind === 'publish' ? (
            <>
              <Text>{say('questionnairePublishText', { revision: pending.survey.revision })}</Text>
              {inUse(pending.survey.code) && (
                <Text fw={600}>
                  {say('questionnairePublishReplaces', {
                    previous: (inUse(pending.survey.code) as SurveyVersion).revision,
                  })}
                </Text>
              )}
            </>
          ) : (
            <Text>
              {say(pending.kind === 'retire' ? 'questionnaireRetireText' : 'questionnaireDeleteText', {
                revision: pending.survey.revision,
              })}
            </Text>
          )}
        </ConfirmDialog>
      )}
      {importing && <ImportSurveyDialog onClose={() => setImporting(false)} />}
    </Stack>
  );
}

/** The draft's version as saved now: publishing names the text it publishes. */
async function currentVersion(id: number): Promise<number> {
  return (await api<{ version: number }>('GET', `/api/surveys/${id}`)).version;
}
