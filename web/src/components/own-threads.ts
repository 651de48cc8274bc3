/** Threads this tab started: their live event needs no "new post" bar, the list refreshes for them anyway. */
const own = new Set<string>();

export const rememberOwnThread = (id: string) => own.add(id);
export const isOwnThread = (id: string) => own.has(id);
