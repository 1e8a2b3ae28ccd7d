import { ActionIcon, Box, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { UnitSummary } from '../../api/types.ts';
import { useT } from '../../i18n/locale.tsx';
import { useUnitChildren } from './api.ts';

interface TreeProps {
  showClosed: boolean;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/** The organisation tree, loaded a level at a time as the user opens it. */
export function UnitTree(props: TreeProps) {
  const { data, isPending } = useUnitChildren('root', props.showClosed);
  if (isPending) return <Loader size="sm" />;
  return (
    <ul aria-label="Cây đơn vị" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {data?.map((unit) => (
        <UnitNode key={unit.id} unit={unit} depth={0} {...props} />
      ))}
    </ul>
  );
}

function UnitNode({ unit, depth, ...props }: TreeProps & { unit: UnitSummary; depth: number }) {
  const { t } = useT();
  const [isOpen, setOpen] = useState(depth === 0 && unit.isActive);
  const children = useUnitChildren(unit.id, props.showClosed, isOpen && unit.childCount > 0);
  const isSelected = props.selectedId === unit.id;
  return (
    <li>
      <Group gap={2} wrap="nowrap" pl={depth * 16}>
        {unit.childCount > 0 ? (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={`${t(isOpen ? 'collapseUnit' : 'expandUnit')} ${unit.name}`}
            aria-expanded={isOpen}
            onClick={() => setOpen(!isOpen)}
          >
            {isOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        ) : (
          <Box w={22} />
        )}
        <UnstyledButton
          aria-current={isSelected ? 'true' : undefined}
          onClick={() => {
            props.onSelect(unit.id);
            if (unit.childCount > 0) setOpen(true);
          }}
          px={6}
          py={2}
          style={{
            borderRadius: 4,
            background: isSelected ? 'var(--mantine-color-indigo-1)' : undefined,
            flex: 1,
          }}
        >
          <Text
            size="sm"
            c={unit.isActive ? undefined : 'dimmed'}
            td={unit.isActive ? undefined : 'line-through'}
            truncate
          >
            {unit.name}
            {unit.childCount > 0 && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({unit.childCount})
              </Text>
            )}
          </Text>
        </UnstyledButton>
      </Group>
      {isOpen && unit.childCount > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {children.isPending ? (
            <li>
              <Text size="xs" c="dimmed" pl={(depth + 1) * 16 + 24}>
                {t('loading')}
              </Text>
            </li>
          ) : (
            children.data?.map((child) => (
              <UnitNode key={child.id} unit={child} depth={depth + 1} {...props} />
            ))
          )}
        </ul>
      )}
    </li>
  );
}
