import { useState } from 'react';

type Who = { name: string; handle: string; avatarUrl?: string | null };

/** A soft colour per person, from their handle, so the same person always looks the same. */
function hue(handle: string): number {
  let hash = 0;
  for (const char of handle) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return hash;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? words[words.length - 1]![0] : '';
  return `${first}${last}`.toUpperCase();
}

/**
 * Only a picture Plein serves itself is shown: an address on another host (stored before those were refused)
 * would tell that host who looks at whom, so those people get their initials instead.
 */
export function isServedByPlein(url: string, origin = window.location.origin): boolean {
  if (/^data:image\//i.test(url)) return true;
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

/**
 * Decorative: the person's name always stands next to it in text. Their profile photo when they have one, their
 * initials when not — also when the photo cannot be shown (removed, or still being checked).
 */
export function Avatar({ person, size = 40 }: { person: Who; size?: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const style = {
    width: size,
    height: size,
    fontSize: Math.round(size * 0.38),
    '--avatar-hue': hue(person.handle),
  };
  if (person.avatarUrl && person.avatarUrl !== failed && isServedByPlein(person.avatarUrl)) {
    const url = person.avatarUrl;
    return (
      <img
        className="avatar"
        src={url}
        alt=""
        width={size}
        height={size}
        style={style}
        onError={() => setFailed(url)}
      />
    );
  }
  return (
    <span className="avatar" aria-hidden="true" style={style as React.CSSProperties}>
      {initials(person.name)}
    </span>
  );
}
