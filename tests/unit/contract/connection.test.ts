// Which Recall the app talks to: a configured key means live (env, like the CLI), otherwise the
// embedded sandbox — and the renderer only ever sees a summary without the key.
import { describe, expect, it, vi } from 'vitest';
import { CoreError, connectionSummary, liveConnectionFromEnv, openConnection } from '../../../electron/core/app';

describe('liveConnectionFromEnv', () => {
  it('is null without a key (blank counts as none), so the sandbox starts', () => {
    expect(liveConnectionFromEnv({})).toBeNull();
    expect(liveConnectionFromEnv({ RECALL_API_KEY: '   ', RECALL_REGION: 'us-east-1' })).toBeNull();
  });

  it('uses the default region, a chosen region, or a custom base URL (which wins)', () => {
    expect(liveConnectionFromEnv({ RECALL_API_KEY: 'k' })).toEqual({ mode: 'live', apiKey: 'k', region: 'us-west-2' });
    expect(liveConnectionFromEnv({ RECALL_API_KEY: 'k', RECALL_REGION: 'eu-central-1' })).toEqual({
      mode: 'live',
      apiKey: 'k',
      region: 'eu-central-1',
    });
    expect(liveConnectionFromEnv({ RECALL_API_KEY: 'k', RECALL_REGION: 'eu-central-1', RECALL_API_BASE: 'http://127.0.0.1:9000/' })).toEqual({
      mode: 'live',
      apiKey: 'k',
      baseUrl: 'http://127.0.0.1:9000',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => liveConnectionFromEnv({ RECALL_API_KEY: 'k', RECALL_REGION: 'mars-1' })).toThrow(
      new CoreError('invalid_request', 'RECALL_REGION "mars-1" is not a Recall region (use one of us-west-2, us-east-1, eu-central-1, ap-northeast-1).'),
    );
    expect(() => liveConnectionFromEnv({ RECALL_API_KEY: 'k', RECALL_API_BASE: 'ftp://x' })).toThrow(/^RECALL_API_BASE: /);
  });
});

describe('openConnection', () => {
  it('starts the sandbox only when no key is configured, and uses its URL and key', async () => {
    const sandbox = { baseUrl: 'http://127.0.0.1:4100', apiKey: 'sandbox-xyz', close: vi.fn(async () => {}) };
    const start = vi.fn(async () => sandbox);
    expect(await openConnection({}, start)).toEqual({
      connection: { mode: 'sandbox', apiKey: 'sandbox-xyz', baseUrl: 'http://127.0.0.1:4100' },
      sandbox,
    });
    start.mockClear();
    const live = await openConnection({ RECALL_API_KEY: 'k' }, start);
    expect(live.sandbox).toBeNull();
    expect(start).not.toHaveBeenCalled();
  });
});

describe('connectionSummary', () => {
  it('shows where, never the key', () => {
    const summary = connectionSummary({ mode: 'live', apiKey: 'sk-secret', region: 'ap-northeast-1' });
    expect(summary).toEqual({ kind: 'region', region: 'ap-northeast-1', baseUrl: 'https://ap-northeast-1.recall.ai' });
    expect(JSON.stringify(summary)).not.toContain('sk-secret');
  });
});
