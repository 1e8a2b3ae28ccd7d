/**
 * A questionnaire version's elements and questions in order. A draft is edited and saved as typed (one
 * version at a time, a conflict shown side by side); a published or retired version opens read-only,
 * with a new revision as the way to change it.
 */
import { Alert, Anchor, Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import {
  SURVEY_STATUSES,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../../../core/surveys/survey.ts';
import { validateSurvey } from '../../../../core/surveys/survey-schema.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import {
  publishSurvey,
  type SurveyDetail,
  surveyAction,
  useSurveyChange,
  useSurveyDetail,
  useSurveyVersions,
} from './admin-api.ts';
import { ImportSurveyDialog } from './ImportSurveyDialog.tsx';
import { QuestionEditor } from './QuestionEditor.tsx';
import { SurveyDetailsEditor } from './SurveyDetailsEditor.tsx';

/** What the conflict dialog compares: the name, the years and each question's words, by code. */
function comparable(definition: SurveyDefinition | null | undefined): Record<string, string> | null {
  if (!definition) return null;
  return {
    nameVi: definition.nameVi,
    years: `${definition.fromYear}–${definition.toYear ?? ''}`,
    elements: definition.elements.map((element) => `${element.code} ${element.nameVi}`).join('; '),
    ...Object.fromEntries(definition.questions.map((question) => [question.code, question.textVi])),
  };
}

export function SurveyEditorPage() {
  const { surveyId } = useParams({ strict: false }) as { surveyId: string };
  const id = Number(surveyId);
  const { t, locale } = useT();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { data, error, refetch } = useSurveyDetail(id);
  const [definition, setDefinition] = useState<SurveyDefinition | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const version = useRef(0);
  const manages = hasPermission(me, 'surveys.manage');
  const editable = manages && data?.status === 'draft';
  const autosave = useAutosave<SurveyDefinition>({
    save: async (value, { keepalive }) => {
      const saved = await api<SurveyDetail>(
        'PUT',
        `/api/surveys/${id}`,
        { definition: value, version: version.current },
        { keepalive },
      );
      version.current = saved.version;
    },
    enabled: editable,
    leaveMessage: t('saveLeaveUnsaved'),
  });
  const revise = useSurveyChange(() => surveyAction(id, 'revisions'));
  const publish = useSurveyChange(async () => {
    if (!(await autosave.flush())) throw new Error(t('saveFailed'));
    return publishSurvey(id, version.current);
  });

  // The record as read: once, and again after the user takes the saved version of a conflict.
  const loaded = useRef<number | null>(null);
  useEffect(() => {
    if (data && loaded.current !== data.id) {
      loaded.current = data.id;
      version.current = data.version;
      setDefinition(data.definition);
    }
  }, [data]);

  if (error) return <Alert color="red">{error.message}</Alert>;
  if (!data || !definition) return <Text>{t('loading')}</Text>;

  const change = (next: SurveyDefinition) => {
    setDefinition(next);
    autosave.schedule(next);
  };
  const setQuestions = (questions: SurveyQuestion[]) => change({ ...definition, questions });
  const questions = definition.questions;
  const move = (index: number, by: -1 | 1) => {
    const next = [...questions];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    setQuestions(next);
  };
  const addQuestion = () => {
    const codes = new Set(questions.map((question) => question.code));
    let n = questions.length + 1;
    while (codes.has(`C${n}`)) n += 1;
    const element = definition.elements.at(-1)?.code ?? null;
    setQuestions([...questions, { code: `C${n}`, element, kind: 'scale5', textVi: '' }]);
  };
  const issues = editable ? validateSurvey(definition) : [];
  const where = (path: string) => {
    const [area, index] = path.split('.');
    if (area === 'questions') return questions[Number(index)]?.code ?? path;
    if (area === 'elements') return definition.elements[Number(index)]?.code ?? path;
    return path;
  };
  const labels = Object.fromEntries([
    ['nameVi', t('questionnaireName')],
    ['years', t('questionnaireYears')],
    ['elements', t('questionnaireElements')],
    ...questions.map((question) => [question.code, `${t('questionnaireConflictQuestion')} ${question.code}`]),
  ]);

  return (
    <Stack>
      <Anchor component={Link} to="/surveys" size="sm">
        {t('questionnaireBack')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2} lang="vi">
            {definition.nameVi}
          </Title>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('code')}: {data.code} · {t('questionnaireRevision')} {data.revision}
            </Text>
            <Badge variant="light">{SURVEY_STATUSES[data.status][locale]}</Badge>
            {editable && <SaveState autosave={autosave} />}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button variant="default" component="a" href={`/api/surveys/${id}/xlsx`} download>
            {t('questionnaireDownload')}
          </Button>
          {editable && (
            <>
              <Button
                variant="default"
                onClick={() => void autosave.flush().then((saved) => saved && setReplacing(true))}
              >
                {t('questionnaireReplace')}
              </Button>
              <Button onClick={() => setPublishing(true)}>{t('questionnairePublish')}</Button>
            </>
          )}
          {!editable && manages && (
            <Button
              loading={revise.isPending}
              onClick={() =>
                revise.mutate(undefined, {
                  onSuccess: (made) =>
                    made &&
                    void navigate({ to: '/surveys/$surveyId/edit', params: { surveyId: String(made.id) } }),
                })
              }
            >
              {t('questionnaireReviseToEdit')}
            </Button>
          )}
        </Group>
      </Group>
      {!editable && <Alert color="gray">{t('questionnaireReadOnly')}</Alert>}
      {revise.error && (
        <Alert color="red" role="alert">
          {revise.error.message}
        </Alert>
      )}
      {editable && (
        <Alert
          color={issues.length > 0 ? 'yellow' : 'green'}
          title={issues.length > 0 ? t('questionnaireIssues') : undefined}
        >
          {issues.length > 0 ? (
            <List size="sm">
              {issues.map((issue) => (
                <List.Item key={`${issue.path}${issue.message.vi}`}>
                  {where(issue.path)}: {issue.message[locale]}
                </List.Item>
              ))}
            </List>
          ) : (
            t('questionnaireIssuesNone')
          )}
        </Alert>
      )}
      <ConflictDialog
        conflict={
          autosave.conflict && {
            ...autosave.conflict,
            record: comparable(
              (autosave.conflict.record as { definition?: SurveyDefinition } | null)?.definition,
            ),
          }
        }
        mine={comparable(autosave.unsaved)}
        labels={labels}
        onKeepMine={(current) => {
          version.current = current.version;
          void autosave.retry();
        }}
        onTakeTheirs={() => {
          autosave.discard();
          void refetch().then(({ data: fresh }) => {
            if (!fresh) return;
            version.current = fresh.version;
            setDefinition(fresh.definition);
          });
        }}
      />
      <SurveyDetailsEditor definition={definition} readOnly={!editable} onChange={change} />
      <Title order={3} size="h4">
        {t('questionnaireQuestionList')}
      </Title>
      {questions.map((question, index) => (
        <QuestionEditor
          // Position, not code: the code itself is edited here.
          // biome-ignore lint/suspicious/noArrayIndexKey: a question's code can change as it is typed
          key={index}
          question={question}
          index={index}
          count={questions.length}
          earlier={questions.slice(0, index)}
          elements={definition.elements}
          readOnly={!editable}
          onChange={(next) => setQuestions(questions.map((entry, at) => (at === index ? next : entry)))}
          onMove={(by) => move(index, by)}
          onRemove={() => setQuestions(questions.filter((_, at) => at !== index))}
        />
      ))}
      {editable && (
        <Button variant="light" w="fit-content" onClick={addQuestion}>
          {t('questionnaireQuestionAdd')}
        </Button>
      )}
      <ConfirmDialog
        opened={publishing}
        title={fill(t('questionnairePublishTitle'), { revision: data.revision })}
        confirmLabel={t('questionnairePublish')}
        isBusy={publish.isPending}
        error={publish.error?.message ?? null}
        onClose={() => {
          setPublishing(false);
          publish.reset();
        }}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              setPublishing(false);
              void navigate({ to: '/surveys' });
            },
          })
        }
      >
        <PublishText detail={data} />
      </ConfirmDialog>
      {replacing && (
        <ImportSurveyDialog
          replace={{ id, version: version.current }}
          onClose={() => setReplacing(false)}
          onReplaced={(survey) => {
            version.current = survey.version;
            setDefinition(survey.definition);
          }}
        />
      )}
    </Stack>
  );
}

/** What publishing does: this revision takes answers, the one in use stops. */
function PublishText({ detail }: { detail: SurveyDetail }) {
  const { t } = useT();
  const { data: versions } = useSurveyVersions();
  const inUse = versions?.find((entry) => entry.code === detail.code && entry.status === 'published');
  return (
    <>
      <Text>{fill(t('questionnairePublishText'), { revision: detail.revision })}</Text>
      {inUse && <Text fw={600}>{fill(t('questionnairePublishReplaces'), { previous: inUse.revision })}</Text>}
    </>
  );
}
