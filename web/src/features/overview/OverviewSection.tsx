import { Anchor, Card, Group, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/locale.tsx';

/** A card of the leader's overview: its title (the region's name), a link to its page, its figures. */
export function Section({ title, link, children }: { title: string; link: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
        <Title order={3} size="h4">
          {title}
        </Title>
        {link}
      </Group>
      {children}
    </Card>
  );
}

/** "Xem chi tiết" to a round's results page, the link of the cards about a round. */
export function RoundResultsLink({ roundId }: { roundId: number }) {
  const { t } = useT();
  return (
    <Anchor
      size="sm"
      renderRoot={(props) => (
        <Link {...props} to="/assessment/rounds/$roundId/results" params={{ roundId: String(roundId) }} />
      )}
    >
      {t('leaderSeeAll')}
    </Anchor>
  );
}
