// Which Recall the app talks to: a key from the environment (like the CLI), the endpoint a
// connection:set request asks for — and the summary without the key the renderer sees.
import { describe, expect, it } from 'vitest';
import { CoreError, connectionSummary, liveConnectionFromEnv } from '../../../electron/core/app';
import { requestedEndpoint } from '../../../electron/core/app/connection';

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

describe('requestedEndpoint', () => {
  const saved = { mode: 'sandbox' as const, region: 'eu-central-1' as const, customBaseUrl: 'https://proxy.example.com' };

  it('completes a request from the saved endpoint; null or blank goes back to the region', () => {
    expect(requestedEndpoint({}, saved)).toEqual({ region: 'eu-central-1', customBaseUrl: 'https://proxy.example.com' });
    expect(requestedEndpoint({ region: 'us-east-1', customBaseUrl: null }, saved)).toEqual({ region: 'us-east-1', customBaseUrl: null });
    expect(requestedEndpoint({ customBaseUrl: '  ' }, saved)).toEqual({ region: 'eu-central-1', customBaseUrl: null });
  });

  it('normalizes a custom URL and refuses one that would leak the key', () => {
    expect(requestedEndpoint({ customBaseUrl: 'http://127.0.0.1:9000/' }, saved).customBaseUrl).toBe('http://127.0.0.1:9000');
    expect(() => requestedEndpoint({ customBaseUrl: 'http://proxy.example.com' }, saved)).toThrow(/^Plain http is only allowed for this computer/);
    expect(() => requestedEndpoint({ customBaseUrl: 'ftp://x' }, saved)).toThrow(CoreError);
  });
});

describe('connectionSummary', () => {
  it('shows where, never the key', () => {
    const summary = connectionSummary({ mode: 'live', apiKey: 'sk-secret', region: 'ap-northeast-1' });
    expect(summary).toEqual({ kind: 'region', region: 'ap-northeast-1', baseUrl: 'https://ap-northeast-1.recall.ai' });
    expect(JSON.stringify(summary)).not.toContain('sk-secret');
  });
});
