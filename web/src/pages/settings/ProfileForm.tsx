import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../contract/people.js';
import { api } from '../../api/endpoints.js';
import { keys } from '../../api/query-client.js';
import type { Session } from '../../api/session.js';
import { ErrorMessage, fieldError } from '../../components/ErrorMessage.js';
import { Field } from '../../components/Field.js';

function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

/** What colleagues see of me: the more filled in, the easier I am to find as the expert I am. */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState({
    name: me.name,
    title: me.title,
    department: me.department,
    location: me.location,
    timeZone: me.timeZone,
    skills: me.skills.join(', '),
    bio: me.bio,
  });
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZones(me.timeZone), [me.timeZone]);
  const save = useMutation({
    mutationFn: () =>
      api.me.update({
        ...form,
        name: form.name.trim(),
        skills: form.skills
          .split(',')
          .map((skill) => skill.trim())
          .filter(Boolean),
      }),
    onSuccess: (updated) => {
      client.setQueryData<Session>(keys.session, (session) =>
        session ? { ...session, me: updated } : session,
      );
      void client.invalidateQueries({ queryKey: keys.person(updated.handle) });
      setSaved(true);
    },
  });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = (field: string) => fieldError(save.error, field);
  return (
    <form className="card form" onSubmit={submit} noValidate id="profile">
      <h2 className="card-title">{t('settings.profile')}</h2>
      <p className="muted small">{t('settings.profileIntro')}</p>
      <Field label={t('settings.name')} error={error('name')}>
        <input value={form.name} onChange={set('name')} autoComplete="name" />
      </Field>
      <Field label={t('settings.jobTitle')} error={error('title')}>
        <input value={form.title} onChange={set('title')} autoComplete="organization-title" />
      </Field>
      <div className="two">
        <Field label={t('settings.department')} error={error('department')}>
          <input value={form.department} onChange={set('department')} />
        </Field>
        <Field label={t('settings.location')} error={error('location')}>
          <input value={form.location} onChange={set('location')} />
        </Field>
      </div>
      <Field label={t('settings.timeZone')} error={error('timeZone')}>
        <select value={form.timeZone} onChange={set('timeZone')}>
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('settings.skills')} hint={t('settings.skillsHint')} error={error('skills')}>
        <input value={form.skills} onChange={set('skills')} />
      </Field>
      <Field label={t('settings.bio')} error={error('bio')}>
        <textarea rows={4} value={form.bio} onChange={set('bio')} maxLength={2000} />
      </Field>
      <ErrorMessage error={save.error} />
      {saved && (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.isPending}>
          {t('settings.saveProfile')}
        </button>
      </div>
    </form>
  );
}
