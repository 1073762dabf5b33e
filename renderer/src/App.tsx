// The window: app bar, then the remote (live header, controls, bot picker) or Settings, and
// the notices. Talks only to `window.recallRemote`.
import { useCallback, useRef, useState } from 'react';
import type { RecallRemoteApi } from '../../electron/contract/api';
import type { PressAction } from '../../electron/contract/types';
import { ActionPanel } from './components/action-panel';
import { AppBar } from './components/app-bar';
import { BotPicker } from './components/bot-picker';
import { LiveHeader } from './components/live-header';
import { Notices } from './components/notices';
import { SettingsView } from './components/settings-view';
import { useAppInfo } from './hooks/use-app-info';
import { useBotState } from './hooks/use-bot-state';
import { useHashRoute } from './hooks/use-hash-route';
import { useNotices } from './hooks/use-notices';
import { usePress } from './hooks/use-press';
import { Library } from './library/library';

function Remote({ api }: { api: RecallRemoteApi }) {
  const info = useAppInfo(api);
  const bot = useBotState(api);
  const presses = usePress(api);
  const notices = useNotices(api);
  const { view, go } = useHashRoute();
  const gear = useRef<HTMLButtonElement>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [lastPending, setLastPending] = useState<PressAction | null>(null);

  const state = bot.current.status === 'ready' ? bot.current.value : null;
  const selected = state?.selected ? state : null;
  // Retry needs the action that failed; the core reports the error, the pending it replaced says which.
  const pendingAction = selected?.pending?.action ?? null;
  if (pendingAction !== null && pendingAction !== lastPending) setLastPending(pendingAction);
  const localFailure = presses.last?.outcome.kind === 'failed' ? presses.last.outcome : null;

  const refresh = (botId: string) => {
    setRefreshing(true);
    api
      .selectBot(botId)
      .then((result) => {
        if (result.ok) bot.accept(result.value);
      })
      .finally(() => setRefreshing(false));
  };

  const closeSettings = useCallback(() => {
    go('');
    gear.current?.focus();
  }, [go]);

  const mode = info.current.status === 'ready' ? info.current.value.mode : 'unknown';
  const settingsOpen = view.name === 'settings';

  return (
    <div className={`app app-mode-${mode}`}>
      <AppBar info={info.current} settingsOpen={settingsOpen} onSettings={() => (settingsOpen ? closeSettings() : go('settings'))} gearRef={gear} />
      <main className="content">
        {settingsOpen ? (
          <SettingsView
            api={api}
            info={info.current.status === 'ready' ? info.current.value : null}
            section={view.section}
            onConnected={info.accept}
            onClose={closeSettings}
          />
        ) : (
          <>
            <LiveHeader
              current={bot.current}
              refreshing={refreshing}
              onRefresh={refresh}
              retry={{
                action: localFailure?.action ?? lastPending,
                localError: localFailure?.error ?? null,
                onRetry: (action) => void presses.press(action),
              }}
            />
            {selected && <ActionPanel state={selected} presses={presses} />}
            {/* Without a bot, choosing one comes first; keys keep each section's state when they swap. */}
            {(selected ? ['library', 'picker'] : ['picker', 'library']).map((section) =>
              section === 'library' ? (
                <Library key="library" api={api} />
              ) : (
                <BotPicker key="picker" api={api} followed={selected ? { botId: selected.botId, live: selected.live } : null} onSelected={bot.accept} />
              ),
            )}
          </>
        )}
      </main>
      <Notices notices={notices} />
    </div>
  );
}

export function App() {
  const api = window.recallRemote;
  if (!api) {
    return (
      <div className="app">
        <main className="content">
          <section className="live" role="alert">
            <p className="bot-name">Recall Remote cannot reach its core</p>
            <p className="bot-meta">This page must run inside the app (or the test host), which provides window.recallRemote.</p>
          </section>
        </main>
      </div>
    );
  }
  return <Remote api={api} />;
}
