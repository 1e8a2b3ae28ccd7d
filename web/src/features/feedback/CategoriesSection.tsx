import { ActionIcon, Alert, Button, Group, Switch, Table, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { foldVietnamese, normalizeText } from '../../../../core/text/vietnamese.ts';
import { useAutosavedSetting } from '../../api/autosaved-setting.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ConflictDialog } from '../../components/ConflictDialog.tsx';
import { SaveState } from '../../components/SaveState.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { fill } from '../../i18n/fill.ts';
import { useT } from '../../i18n/locale.tsx';
import type { CategoriesForm } from './api.ts';
import { SettingsSection } from './SettingsSection.tsx';

/** A line of the list on screen: a category (its code never shown) or one added here, not yet given a code. */
interface CategoryLine {
  /** The line's identity on screen: the code, or the form's own name for a new line. */
  key: string;
  code: string | null;
  nameVi: string;
  nameEn: string;
  isActive: boolean;
}

/** An English name the server filled in from the Vietnamese shows as empty: "same as the Vietnamese". */
const linesOf = (form: CategoriesForm): CategoryLine[] =>
  form.categories.map(({ code, nameVi, nameEn, isActive }) => ({
    key: code,
    code,
    nameVi,
    nameEn: nameEn === nameVi ? '' : nameEn,
    isActive,
  }));

/**
 * The province's list of feedback categories (installation-wide): names in Vietnamese and English, the
 * order the form shows them, in use or retired, saved as edited. A category is deleted only if nobody
 * used it, behind a confirmation; new ones are added by name.
 */
export function CategoriesSection() {
  const { t, label } = useT();
  const client = useQueryClient();
  // The codes the server gave to lines added here: a save still waiting sends them, not a second "new".
  const given = useRef(new Map<string, string>());
  const setting = useAutosavedSetting<CategoriesForm, CategoryLine[]>({
    queryKey: ['feedback', 'categories'],
    url: '/api/feedback/categories',
    initial: linesOf,
    body: (lines) => ({
      categories: lines.map(({ key, code, nameVi, nameEn, isActive }) => ({
        code: code ?? given.current.get(key) ?? null,
        key,
        nameVi,
        nameEn,
        isActive,
      })),
    }),
    onSaved: (saved, set) => {
      for (const { key, code } of saved.created ?? []) given.current.set(key, code);
      set(
        (lines) =>
          lines?.map((line) =>
            line.code === null && given.current.has(line.key)
              ? { ...line, code: given.current.get(line.key) ?? null }
              : line,
          ) ?? null,
      );
      // The citizen's and staff's lists, and the routing table's choice of categories.
      void client.invalidateQueries({ queryKey: ['feedback', 'choices'] });
      void client.invalidateQueries({ queryKey: ['feedback', 'routing'] });
    },
  });
  const { data, error, value: lines, autosave } = setting;
  const [removing, setRemoving] = useState<CategoryLine | null>(null);
  if (error)
    return (
      <Alert color="gray" title={t('feedbackCategories')}>
        {error.message}
      </Alert>
    );
  if (!data || !lines) return null;
  const used = new Set(data.categories.filter((category) => category.used).map((category) => category.code));
  const patch = (index: number, part: Partial<CategoryLine>) =>
    setting.change(lines.map((line, at) => (at === index ? { ...line, ...part } : line)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...lines];
    const [line] = next.splice(index, 1);
    if (line) next.splice(index + by, 0, line);
    setting.change(next);
  };
  const fieldError = (index: number) =>
    autosave.error?.fields.find((field) => field.path === `categories.${index}.nameVi`)?.message;
  return (
    <SettingsSection title={t('feedbackCategories')} help={t('feedbackCategoriesHelp')}>
      <ScrollTable withTableBorder minWidth={760} aria-label={t('feedbackCategories')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('feedbackCategoryNameVi')}</Table.Th>
            <Table.Th>{t('feedbackCategoryNameEn')}</Table.Th>
            <Table.Th w={190}>{t('feedbackCategoryState')}</Table.Th>
            <Table.Th w={120} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, index) => {
            const name = line.nameVi || String(index + 1);
            return (
              <Table.Tr key={line.key} data-category-line={index} c={line.isActive ? undefined : 'dimmed'}>
                <Table.Td>
                  <TextInput
                    size="xs"
                    // The Vietnamese name, whatever the reader's language.
                    lang="vi"
                    aria-label={`${t('feedbackCategoryNameVi')} ${index + 1}`}
                    value={line.nameVi}
                    error={line.nameVi.trim() === '' ? t('feedbackCategoryNameMissing') : fieldError(index)}
                    onChange={(event) => patch(index, { nameVi: event.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${t('feedbackCategoryNameEn')} ${index + 1}`}
                    placeholder={t('feedbackCategorySameAsVi')}
                    value={line.nameEn}
                    onChange={(event) => patch(index, { nameEn: event.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Switch
                    size="sm"
                    checked={line.isActive}
                    label={t(line.isActive ? 'feedbackCategoryActive' : 'feedbackCategoryRetired')}
                    aria-label={fill(t('feedbackCategoryActiveOf'), { name })}
                    onChange={(event) => patch(index, { isActive: event.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={fill(t('feedbackCategoryUp'), { name })}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={fill(t('feedbackCategoryDown'), { name })}
                      disabled={index === lines.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      ↓
                    </ActionIcon>
                    {!(line.code && used.has(line.code)) && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-haspopup="dialog"
                        aria-label={fill(t('feedbackCategoryDelete'), { name })}
                        onClick={() => setRemoving(line)}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ScrollTable>
      <Group justify="space-between" align="flex-end">
        <NewCategory
          names={lines.map((line) => line.nameVi)}
          onAdd={(nameVi, nameEn) =>
            setting.change([
              ...lines,
              { key: `new-${Date.now()}-${lines.length}`, code: null, nameVi, nameEn, isActive: true },
            ])
          }
        />
        <SaveState autosave={autosave} />
      </Group>
      <ConfirmDialog
        opened={removing !== null}
        title={fill(t('feedbackCategoryDeleteTitle'), {
          name: removing ? label({ vi: removing.nameVi, en: removing.nameEn || removing.nameVi }) : '',
        })}
        confirmLabel={t('feedbackCategoryDeleteConfirm')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) setting.change(lines.filter((line) => line.key !== removing.key));
          setRemoving(null);
        }}
      >
        {t('feedbackCategoryDeleteText')}
      </ConfirmDialog>
      <ConflictDialog
        conflict={autosave.conflict}
        mine={null}
        onKeepMine={setting.keepMine}
        onTakeTheirs={setting.takeTheirs}
      />
    </SettingsSection>
  );
}

/** "Thêm lĩnh vực": the Vietnamese name (required, not one the list has) and the English one (optional). */
function NewCategory({ names, onAdd }: { names: string[]; onAdd: (nameVi: string, nameEn: string) => void }) {
  const { t } = useT();
  const [nameVi, setNameVi] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = normalizeText(nameVi);
    if (name === '') return setProblem(t('feedbackCategoryNameMissing'));
    if (names.some((other) => foldVietnamese(other) === foldVietnamese(name)))
      return setProblem(t('feedbackCategoryNameTaken'));
    onAdd(name, normalizeText(nameEn));
    setNameVi('');
    setNameEn('');
    setProblem(null);
  };
  return (
    <form onSubmit={submit} aria-label={t('feedbackCategoryAdd')}>
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          w={280}
          label={t('feedbackCategoryNewVi')}
          value={nameVi}
          error={problem}
          onChange={(event) => {
            setNameVi(event.currentTarget.value);
            setProblem(null);
          }}
        />
        <TextInput
          size="xs"
          w={260}
          label={t('feedbackCategoryNewEn')}
          value={nameEn}
          onChange={(event) => setNameEn(event.currentTarget.value)}
        />
        <Button type="submit" variant="default" size="xs">
          {t('feedbackCategoryAdd')}
        </Button>
      </Group>
    </form>
  );
}
