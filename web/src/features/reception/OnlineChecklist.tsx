import { Badge, Card, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ONLINE_CHECKS } from '../../../../core/reception/online.ts';
import { formatDateVi, todayInVietnam } from '../../../../core/text/dates.ts';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import { type SessionDetail, useSessionStep } from './api.ts';

/**
 * An online session's preparations as a checklist (NĐ 154/2026, unconfirmed): the parties notified and
 * the test connection, each with its last day counted back in working days and ticked done today by
 * staff who handle the session; the connection an hour before and the recording, on the day.
 */
export function OnlineChecklist({ session }: { session: SessionDetail }) {
  const { t, label } = useT();
  const step = useSessionStep(session.id);
  if (!session.checklist) return null;
  const canTick = session.canHandle && (session.status === 'planned' || session.status === 'held');

  const tick = async (check: 'notified' | 'tested', done: boolean) => {
    try {
      await step.mutateAsync({
        type: 'online-check',
        version: session.version,
        check,
        doneOn: done ? todayInVietnam() : null,
      });
    } catch (failure) {
      notifications.show({
        color: 'red',
        message: failure instanceof Error ? failure.message : String(failure),
      });
    }
  };

  return (
    <Card withBorder component="section" aria-label={t('receptionChecklist')}>
      <Stack gap="xs">
        <Group gap="xs">
          <Title order={3} size="h4">
            {t('receptionChecklist')}
          </Title>
          <Badge color="yellow" variant="light" tt="none">
            {t('unconfirmed')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t('receptionChecklistHelp')}
        </Text>
        <List listStyleType="none" spacing="xs">
          {session.checklist.map((item) => {
            const name = label(ONLINE_CHECKS[item.check]);
            const when =
              item.check === 'connected'
                ? fill(t('receptionCheckAt'), { day: formatDateVi(item.dueOn), time: item.dueAt ?? '' })
                : item.check === 'recorded'
                  ? fill(t('receptionCheckOnDay'), { day: formatDateVi(item.dueOn) })
                  : fill(t('receptionCheckBy'), { day: formatDateVi(item.dueOn) });
            const dated = item.check === 'notified' || item.check === 'tested';
            return (
              <List.Item key={item.check} data-check={item.check} data-late={item.late || undefined}>
                <Group gap={8} wrap="wrap">
                  {dated && canTick ? (
                    <Checkbox
                      label={name}
                      checked={item.doneOn !== null}
                      disabled={step.isPending}
                      onChange={(event) =>
                        tick(item.check as 'notified' | 'tested', event.currentTarget.checked)
                      }
                    />
                  ) : (
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                  )}
                  <Text size="sm" c={item.late ? 'red' : 'dimmed'}>
                    {when}
                  </Text>
                  {item.doneOn && (
                    <Text size="sm">{fill(t('receptionCheckDone'), { day: formatDateVi(item.doneOn) })}</Text>
                  )}
                  {item.late && (
                    <Badge color="red" variant="light" tt="none">
                      {t('receptionCheckLate')}
                    </Badge>
                  )}
                </Group>
              </List.Item>
            );
          })}
        </List>
      </Stack>
    </Card>
  );
}
