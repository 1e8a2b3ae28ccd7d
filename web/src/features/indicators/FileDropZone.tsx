import { Group, Paper, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { formatNumber } from '../../i18n/locale.tsx';

/** A file input as a large target: click (or Enter/Space on the focused input) to choose, or drop a file. */
export function FileDropZone({
  label,
  hint,
  accept,
  file,
  onFile,
}: {
  label: string;
  hint: string;
  accept: string;
  file: File | null;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [isOver, setIsOver] = useState(false);
  const [isFocused, setIsFocused] = useState(false);
  return (
    <Paper
      component="label"
      htmlFor={id}
      withBorder
      p="xl"
      radius="md"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        cursor: 'pointer',
        background: isOver ? 'var(--mantine-color-indigo-0)' : undefined,
        borderColor: isOver ? 'var(--mantine-color-indigo-5)' : undefined,
        outline: isFocused ? '2px solid var(--mantine-color-indigo-5)' : undefined,
        position: 'relative',
      }}
      onDragOver={(event) => {
        event.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setIsOver(false);
        const dropped = event.dataTransfer.files[0];
        if (dropped) onFile(dropped);
      }}
    >
      <Group justify="center" gap="md">
        <IconFileSpreadsheet size={40} stroke={1.4} color="var(--mantine-color-indigo-6)" aria-hidden />
        <Stack gap={2}>
          <Text fw={600}>{file ? file.name : label}</Text>
          <Text size="sm" c="dimmed">
            {file ? `${formatNumber(file.size / 1024, { maximumFractionDigits: 1 })} KB` : hint}
          </Text>
        </Stack>
      </Group>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-label={label}
        style={{ position: 'absolute', width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
        onFocus={() => setIsFocused(true)}
        onBlur={() => setIsFocused(false)}
        onChange={(event) => {
          const chosen = event.currentTarget.files?.[0];
          if (chosen) onFile(chosen);
          event.currentTarget.value = '';
        }}
      />
    </Paper>
  );
}
