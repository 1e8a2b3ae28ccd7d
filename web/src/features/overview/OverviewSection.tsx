import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

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
