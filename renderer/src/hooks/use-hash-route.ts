// Which view the window shows, kept in the URL hash so the shell can open a view directly
// (Electron main loads `index.html#settings` for the tray's Settings item).
import { useCallback, useSyncExternalStore } from 'react';

export type View = { name: 'remote' } | { name: 'settings'; section: string | null };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function readHash(): string {
  return window.location.hash.replace(/^#\/?/, '');
}

export function parseView(hash: string): View {
  const [name, section] = hash.split('/');
  if (name === 'settings') return { name: 'settings', section: section || null };
  return { name: 'remote' };
}

export function useHashRoute(): { view: View; go(hash: string): void } {
  const hash = useSyncExternalStore(subscribe, readHash);
  const go = useCallback((next: string) => {
    if (readHash() === next) return;
    if (next === '') history.pushState(null, '', window.location.pathname + window.location.search);
    else window.location.hash = next;
    if (next === '') window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  return { view: parseView(hash), go };
}
