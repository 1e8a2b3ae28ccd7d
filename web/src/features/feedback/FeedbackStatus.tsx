import { Badge, Group, Text } from '@mantine/core';
import {
  FEEDBACK_STATUSES,
  type FeedbackOutcome,
  type FeedbackStatus,
} from '../../../../core/feedback/workflow.ts';
import { useT } from '../../i18n/locale.tsx';
import { outcomeName } from './feedback-words.ts';

const COLOURS: Record<FeedbackStatus, string> = {
  received: 'blue',
  accepted: 'cyan',
  needs_info: 'yellow',
  in_progress: 'indigo',
  answered: 'green',
  closed: 'gray',
};

/** The status in words, and the outcome beside it: "closed" is never shown as "resolved". */
export function FeedbackStatusBadge({
  status,
  outcome,
  isOverdue,
}: {
  status: FeedbackStatus;
  outcome: FeedbackOutcome | null;
  isOverdue?: boolean;
}) {
  const { t, locale } = useT();
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color={COLOURS[status]} tt="none">
        {FEEDBACK_STATUSES[status][locale]}
      </Badge>
      {outcome && (
        <Text size="sm" span>
          {outcomeName(outcome, locale)}
        </Text>
      )}
      {isOverdue && (
        <Badge color="red" variant="filled" tt="none">
          {t('feedbackOverdue')}
        </Badge>
      )}
    </Group>
  );
}
