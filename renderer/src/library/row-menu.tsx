// A row's secondary actions behind a small "⋯" menu button (the 420 px row has room for three
// buttons): WAI-ARIA menu button — Enter/Space/↓ open on the first item, ↑ on the last, arrows
// and Home/End move, Esc closes and gives focus back, Tab or a click elsewhere closes. The menu
// is drawn in a portal beside the page (the virtualized list clips everything inside its rows)
// and follows its button when the page scrolls.
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';

export interface RowMenuItem {
  id: string;
  label: string;
  onSelect(): void;
}

interface RowMenuProps {
  /** "More actions for recording 3". */
  label: string;
  items: RowMenuItem[];
  disabled?: boolean;
}

const GAP_PX = 4;
const EDGE_PX = 8;

export function RowMenu({ label, items, disabled = false }: RowMenuProps) {
  const [open, setOpen] = useState<null | 'first' | 'last'>(null);
  const [position, setPosition] = useState<{ top: number; right: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback((refocus: boolean) => {
    setOpen(null);
    setPosition(null);
    if (refocus) button.current?.focus();
  }, []);

  /** Below the button, or above it when the window has no room underneath; false when the button is out of sight. */
  const place = useCallback((): boolean => {
    if (!button.current || !menu.current) return false;
    const anchor = button.current.getBoundingClientRect();
    if (anchor.bottom < 0 || anchor.top > window.innerHeight || anchor.width === 0) return false;
    const height = menu.current.offsetHeight;
    const below = anchor.bottom + GAP_PX;
    const top = below + height > window.innerHeight - EDGE_PX ? Math.max(EDGE_PX, anchor.top - GAP_PX - height) : below;
    setPosition({ top, right: Math.max(EDGE_PX, window.innerWidth - anchor.right) });
    return true;
  }, []);

  useLayoutEffect(() => {
    if (open !== null) place();
  }, [open, place]);

  useEffect(() => {
    if (open === null || position === null) return;
    const entries = menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]');
    (open === 'first' ? entries?.[0] : entries?.[entries.length - 1])?.focus();
  }, [open, position]);

  useEffect(() => {
    if (open === null) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target;
      if (target instanceof Node && (menu.current?.contains(target) || button.current?.contains(target))) return;
      close(false);
    };
    // The menu is fixed: it follows its button, and closes once the button scrolled out of sight.
    const follow = () => {
      if (!place()) close(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('scroll', follow, true);
    window.addEventListener('resize', follow);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('scroll', follow, true);
      window.removeEventListener('resize', follow);
    };
  }, [open, close, place]);

  const onButtonKeyDown = (event: ReactKeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.findIndex((entry) => entry === document.activeElement);
    const focusAt = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusAt(at + 1);
        return;
      case 'ArrowUp':
        event.preventDefault();
        focusAt(at - 1);
        return;
      case 'Home':
        event.preventDefault();
        focusAt(0);
        return;
      case 'End':
        event.preventDefault();
        focusAt(entries.length - 1);
        return;
      case 'Escape':
        // Handled here: the settings view and dialogs listen for Esc on the window too.
        event.preventDefault();
        event.stopPropagation();
        close(true);
        return;
      case 'Tab':
        close(false);
        return;
      default:
        return;
    }
  };

  if (items.length === 0) return null;
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button-small lib-action lib-more"
        aria-label={label}
        title="More actions"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open !== null ? menuId : undefined}
        disabled={disabled}
        onClick={() => (open === null ? setOpen('first') : close(false))}
        onKeyDown={onButtonKeyDown}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open !== null &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={label}
            className="lib-menu"
            style={position ? { top: position.top, right: position.right } : { visibility: 'hidden', top: 0, right: 0 }}
            onKeyDown={onMenuKeyDown}
          >
            {items.map((item) => (
              <button
                key={item.id}
                type="button"
                role="menuitem"
                tabIndex={-1}
                className="lib-menu-item"
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                {item.label}
              </button>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
