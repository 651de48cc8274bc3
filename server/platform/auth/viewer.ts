export type Role = 'member' | 'community_manager' | 'admin';

/** The signed-in person a request acts for, as every service sees them. */
export type Viewer = {
  id: string;
  handle: string;
  name: string;
  role: Role;
  isLeader: boolean;
  locale: 'nl' | 'en' | null;
  /** Set while a moderator's suspension lasts: they read, but write nothing (register.ts). */
  suspendedUntil?: Date | null;
  /** 'mail': acting through a mail they sent (mail-in), after its sender and token were checked. */
  via:
    | { kind: 'session'; sessionId: string; csrfToken: string }
    | { kind: 'token'; tokenId: string }
    | { kind: 'mail' };
};

export const isAdmin = (viewer: Viewer | null): boolean => viewer?.role === 'admin';
