import { Checkbox, NumberInput, Select, Textarea, TextInput } from '@mantine/core';
import type { Msg } from '../../../../core/errors.ts';
import { useT } from '../../i18n/locale.tsx';
import type { MessageKey } from '../../i18n/messages.ts';

/**
 * One field of a project's forms, described as data so the project's particulars and each line of its
 * books and board are drawn the same way: text, paragraphs, a dd/mm/yyyy date, a whole number (đồng,
 * households, percent), a choice among worded codes, a yes/no.
 */
export interface FieldDef {
  key: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'check';
  options?: Record<string, Msg>;
  required?: boolean;
  max?: number;
  /** Columns of 12 on a wide screen. */
  span?: number;
}

export type FieldValue = string | number | boolean | null;

export function FieldInput({
  def,
  value,
  onChange,
  error,
  disabled,
}: {
  def: FieldDef;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const { t, label } = useT();
  const common = { label: t(def.label), error, disabled, required: def.required };
  switch (def.type) {
    case 'textarea':
      return (
        <Textarea
          {...common}
          value={String(value ?? '')}
          onChange={(event) => onChange(event.currentTarget.value)}
          autosize
          minRows={2}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          placeholder="dd/mm/yyyy"
          value={String(value ?? '')}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          onChange={(next) => onChange(typeof next === 'number' ? next : null)}
          min={0}
          max={def.max}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator="."
          decimalSeparator=","
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          data={Object.entries(def.options ?? {}).map(([code, words]) => ({
            value: code,
            label: label(words),
          }))}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next)}
          allowDeselect={false}
        />
      );
    case 'check':
      return (
        <Checkbox
          label={t(def.label)}
          checked={value === true}
          onChange={(event) => onChange(event.currentTarget.checked)}
          disabled={disabled}
          mt="md"
        />
      );
    default:
      return (
        <TextInput
          {...common}
          value={String(value ?? '')}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      );
  }
}
