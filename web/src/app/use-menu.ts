import { useEffect, useId, useRef, useState } from 'react';

/** A pop-up menu's state: Escape or a click elsewhere closes it, and Escape hands focus back to its button. */
export function useMenu() {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return {
    open,
    menuId,
    box,
    button,
    toggle: () => setOpen((value) => !value),
    close: () => setOpen(false),
  };
}
