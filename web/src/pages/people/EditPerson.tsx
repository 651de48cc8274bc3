import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AdminPersonItem, peopleAdminApi } from '../../api/people-admin.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

const ROLES = ['member', 'community_manager', 'admin'] as const;

/** Admins change someone's title, department, role, leader flag and manager; the server audits each change. */
export function EditPerson({ person, onSaved }: { person: AdminPersonItem; onSaved: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(person.title);
  const [department, setDepartment] = useState(person.department);
  const [role, setRole] = useState(person.role);
  const [leader, setLeader] = useState(person.isLeader);
  // The list does not carry the manager: only a typed handle is sent, an empty field keeps the current one.
  const [manager, setManager] = useState('');
  const save = useMutation({
    mutationFn: () =>
      peopleAdminApi.update(person.handle, {
        title: title.trim(),
        department: department.trim(),
        role,
        leader,
        ...(manager.trim() ? { managerHandle: manager.trim().replace(/^@/, '') } : {}),
      }),
    onSuccess: () => {
      setOpen(false);
      onSaved();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <>
      <button
        type="button"
        className="button secondary small"
        onClick={() => setOpen(true)}
        aria-label={t('adminPeople.edit.open', { name: person.name })}
      >
        {t('adminPeople.edit.button')}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('adminPeople.edit.title', { name: person.name })}
      >
        <form className="stack" onSubmit={submit}>
          {person.scimManaged && <p className="muted small">{t('adminPeople.scimNote')}</p>}
          <Field label={t('adminPeople.edit.jobTitle')} error={fieldError(save.error, 'title')}>
            <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
          </Field>
          <Field label={t('adminPeople.edit.department')} error={fieldError(save.error, 'department')}>
            <input
              value={department}
              maxLength={200}
              onChange={(event) => setDepartment(event.target.value)}
            />
          </Field>
          <Field label={t('adminPeople.edit.role')} error={fieldError(save.error, 'role')}>
            <select value={role} onChange={(event) => setRole(event.target.value as AdminPersonItem['role'])}>
              {ROLES.map((option) => (
                <option key={option} value={option}>
                  {t(`roles.${option}`)}
                </option>
              ))}
            </select>
          </Field>
          <label className="checkbox">
            <input type="checkbox" checked={leader} onChange={(event) => setLeader(event.target.checked)} />{' '}
            {t('adminPeople.edit.leader')}
          </label>
          <Field
            label={t('adminPeople.edit.manager')}
            hint={t('adminPeople.edit.managerHint')}
            error={fieldError(save.error, 'managerHandle')}
          >
            <input value={manager} onChange={(event) => setManager(event.target.value)} />
          </Field>
          <ErrorMessage error={save.error} />
          <div className="actions">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {t('adminPeople.edit.save')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
