import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { formatDateVi } from '../../../../core/text/dates.ts';
import type { CurrentVersion } from '../../../../core/versions.ts';
import { useAutosave } from '../../api/autosave.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/locale.tsx';
import { type ProjectDetail, type ProjectRecord, projectKey } from './api.ts';
import type { FieldValue } from './FieldInput.tsx';
import { DATE_KEYS, PROJECT_SECTIONS } from './project-fields.ts';

export type ProjectForm = Record<string, FieldValue>;

const KEYS = Object.values(PROJECT_SECTIONS)
  .flat()
  .map((field) => field.key);

/** The project's particulars as the form edits them: dates typed dd/mm/yyyy. */
export function formOf(record: Partial<ProjectRecord>): ProjectForm {
  const form: ProjectForm = {};
  for (const key of KEYS) {
    const value = record[key as keyof ProjectRecord] ?? null;
    form[key] = DATE_KEYS.has(key) ? formatDateVi(value as string | null) : value;
  }
  return form;
}

/**
 * The project's particulars, saved as they are typed (the one autosave model): each save carries the
 * version the last answer returned; a change made elsewhere on the page (publishing) moves it on too.
 * `flush` saves what is pending before a step that needs the latest version.
 */
export function useProjectForm(project: ProjectDetail) {
  const { t } = useT();
  const client = useQueryClient();
  const version = useRef(project.version);
  useEffect(() => {
    if (project.version > version.current) version.current = project.version;
  }, [project.version]);
  const [values, setValues] = useState<ProjectForm>(() => formOf(project));
  const autosave = useAutosave<ProjectForm>({
    save: async (next, { keepalive }) => {
      const saved = await api<ProjectDetail>(
        'PUT',
        `/api/projects/${project.id}`,
        { ...next, version: version.current },
        { keepalive },
      );
      version.current = saved.version;
      client.setQueryData(projectKey(project.id), saved);
    },
    enabled: project.canWrite,
    leaveMessage: t('saveLeaveUnsaved'),
  });
  return {
    values,
    autosave,
    version,
    change: (key: string, value: FieldValue) => {
      const next = { ...values, [key]: value };
      setValues(next);
      autosave.schedule(next);
    },
    keepMine: (current: CurrentVersion) => {
      version.current = current.version;
      void autosave.retry();
    },
    takeTheirs: (current: CurrentVersion) => {
      autosave.discard();
      version.current = current.version;
      if (current.record) setValues(formOf(current.record as Partial<ProjectRecord>));
      void client.invalidateQueries({ queryKey: projectKey(project.id) });
    },
  };
}
