import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ListFooter } from '../../components/ListFooter.tsx';
import { fill } from '../../i18n/fill.ts';
import { formatDateTimeVi, useT } from '../../i18n/locale.tsx';
import { hasPermission, useMe } from '../auth/session.ts';
import {
  type SurveyArea,
  type SurveyComment,
  type SurveyResultsView,
  useReplyToComment,
  useSetExclusion,
  useSurveyComments,
} from './results-api.ts';

/** One comment with the unit's answer to it, which those who enter the unit's surveys can write. */
function CommentCard({
  surveyId,
  comment,
  canReply,
  canExclude,
}: {
  surveyId: number;
  comment: SurveyComment;
  canReply: boolean;
  canExclude: boolean;
}) {
  const { t } = useT();
  const reply = useReplyToComment(surveyId);
  const exclude = useSetExclusion(surveyId);
  const [text, setText] = useState(comment.reply?.text ?? '');
  const [excluding, setExcluding] = useState(false);
  const [editing, setEditing] = useState(false);
  useEffect(() => setText(comment.reply?.text ?? ''), [comment.reply?.text]);
  const changed = text.trim() !== (comment.reply?.text ?? '');
  return (
    <Card withBorder padding="sm" data-testid="survey-comment">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {comment.unitName} · {formatDateTimeVi(comment.answeredAt).slice(0, 10)} · {comment.question}
          </Text>
          {canExclude && (
            <Button size="compact-xs" variant="subtle" color="gray" onClick={() => setExcluding(true)}>
              {t('surveyHoldOut')}
            </Button>
          )}
        </Group>
        <Text>“{comment.text}”</Text>
        {canReply && !editing && (
          <Group justify="space-between" gap="xs">
            <Text size="sm" c={comment.reply ? 'teal.9' : 'dimmed'}>
              {comment.reply ? `${t('surveyReply')}: ${comment.reply.text}` : t('surveyNoReply')}
            </Text>
            <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
              {comment.reply ? t('surveyReplyEdit') : t('surveyReplyWrite')}
            </Button>
          </Group>
        )}
        {canReply && editing ? (
          <Stack gap={4}>
            <Textarea
              label={t('surveyReply')}
              placeholder={t('surveyReplyPlaceholder')}
              autosize
              minRows={1}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            {reply.error && (
              <Alert color="red" role="alert">
                {reply.error.message}
              </Alert>
            )}
            <Group justify="space-between">
              <Text size="xs" c="dimmed">
                {comment.reply &&
                  fill(t('surveyReplyBy'), {
                    name: comment.reply.by ?? '',
                    at: formatDateTimeVi(comment.reply.at),
                  })}
              </Text>
              <Group gap="xs">
                <Button size="xs" variant="default" onClick={() => setEditing(false)} disabled={changed}>
                  {t('cancelEdit')}
                </Button>
                <Button
                  size="xs"
                  disabled={!changed}
                  loading={reply.isPending}
                  onClick={() =>
                    reply.mutate(
                      {
                        responseId: comment.responseId,
                        questionCode: comment.questionCode,
                        text,
                        version: comment.reply?.version ?? 0,
                      },
                      { onSuccess: () => setEditing(false) },
                    )
                  }
                >
                  {t('surveyReplySave')}
                </Button>
              </Group>
            </Group>
          </Stack>
        ) : (
          !canReply &&
          comment.reply && (
            <Text size="sm" c="teal.9">
              {t('surveyReply')}: {comment.reply.text}
            </Text>
          )
        )}
      </Stack>
      <ConfirmDialog
        opened={excluding}
        title={t('surveyHoldOutTitle')}
        confirmLabel={t('surveyHoldOut')}
        reason="required"
        reasonLabel={t('surveyHoldOutReason')}
        isBusy={exclude.isPending}
        error={exclude.error?.message ?? null}
        onClose={() => setExcluding(false)}
        onConfirm={(reason) =>
          exclude.mutate({ responseId: comment.responseId, reason }, { onSuccess: () => setExcluding(false) })
        }
      >
        {t('surveyHoldOutText')}
      </ConfirmDialog>
    </Card>
  );
}

/** The citizens' comments, by element, searchable without diacritics, each with the unit's answer. */
export function SurveyComments({ view, area }: { view: SurveyResultsView; area: SurveyArea }) {
  const { t, label } = useT();
  const { data: me } = useMe();
  const [element, setElement] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 300);
  // A new filter starts at page 1: the page remembered belongs to the filter it was chosen under.
  const filter = JSON.stringify([element, q, area.unitId, area.period]);
  const [paged, setPaged] = useState({ filter, page: 1 });
  const page = paged.filter === filter ? paged.page : 1;
  const setPage = (next: number) => setPaged({ filter, page: next });
  const { data, error } = useSurveyComments(view.survey.id, {
    ...area,
    element: element ?? undefined,
    q: q || undefined,
    page,
  });
  const total = view.comments.reduce((sum, row) => sum + row.count, 0);
  const elementName = (code: string | null) => {
    if (!code) return t('surveyCommentsGeneral');
    const found = view.elements.find((e) => e.code === code);
    return found ? label({ vi: found.nameVi, en: found.nameEn }) : code;
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="survey-comments">
      <Group justify="space-between" align="flex-end">
        <Title order={3} size="h4" id="survey-comments">
          {t('surveyComments')} <Badge variant="light">{total}</Badge>
        </Title>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('surveyElement')}
            w={240}
            clearable
            placeholder={t('surveyCommentsAll')}
            data={view.comments.map((row) => ({
              value: row.element ?? '',
              label: `${elementName(row.element)} (${row.count})`,
            }))}
            value={element}
            onChange={setElement}
          />
          <TextInput
            label={t('surveyCommentsSearch')}
            w={260}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
          />
        </Group>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      {data && data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('surveyCommentsNone')}
        </Text>
      )}
      {data?.items.map((comment) => (
        <CommentCard
          key={`${comment.responseId}/${comment.questionCode}`}
          surveyId={view.survey.id}
          comment={comment}
          canReply={hasPermission(me, 'surveys.enter')}
          canExclude={hasPermission(me, 'surveys.manage')}
        />
      ))}
      {data && data.total > data.perPage && (
        <ListFooter total={data.total} page={data.page} perPage={data.perPage} onPage={setPage} />
      )}
    </Stack>
  );
}
