// The window: app bar, live state header, bot picker. Talks only to `window.recallRemote`.
import { useState } from 'react';
import type { RecallRemoteApi } from '../../electron/contract/api';
import { AppBar } from './components/app-bar';
import { BotPicker } from './components/bot-picker';
import { LiveHeader } from './components/live-header';
import { useAppInfo, useBotState } from './lib/use-remote';

function Remote({ api }: { api: RecallRemoteApi }) {
  const info = useAppInfo(api);
  const bot = useBotState(api);
  const [retrying, setRetrying] = useState(false);
  const mode = info.status === 'ready' ? info.value.mode : 'unknown';
  const state = bot.current.status === 'ready' ? bot.current.value.state : null;
  const followed = state?.selected ? { botId: state.botId, live: state.live } : null;

  const retry = (botId: string) => {
    setRetrying(true);
    api
      .selectBot(botId)
      .then((result) => {
        if (result.ok) bot.accept(result.value);
      })
      .finally(() => setRetrying(false));
  };

  return (
    <div className={`app app-mode-${mode}`}>
      <AppBar info={info} />
      <main className="content">
        <LiveHeader current={bot.current} retrying={retrying} onRetry={retry} />
        <BotPicker api={api} followed={followed} onSelected={bot.accept} />
      </main>
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
