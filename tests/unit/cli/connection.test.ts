// Connection flags and environment → where the CLI connects and with which key.
import { describe, expect, test } from 'vitest';
import { createClient, resolveConnection } from '../../../electron/cli/connection';
import { UsageError } from '../../../electron/cli/errors';

describe('resolveConnection', () => {
  test('defaults to us-west-2 with the key from RECALL_API_KEY', () => {
    expect(resolveConnection({}, { RECALL_API_KEY: 'k' })).toEqual({ baseUrl: 'https://us-west-2.recall.ai', region: 'us-west-2', apiKey: 'k' });
  });

  test('flags win over the environment', () => {
    const env = { RECALL_API_KEY: 'env-key', RECALL_API_BASE: 'http://127.0.0.1:9/', RECALL_REGION: 'eu-central-1' };
    expect(resolveConnection({ apiKey: 'flag-key', region: 'ap-northeast-1' }, env)).toEqual({
      baseUrl: 'https://ap-northeast-1.recall.ai',
      region: 'ap-northeast-1',
      apiKey: 'flag-key',
    });
    expect(resolveConnection({ apiBase: 'http://localhost:4000//' }, env)).toEqual({ baseUrl: 'http://localhost:4000', apiKey: 'env-key' });
  });

  test('RECALL_API_BASE wins over RECALL_REGION; RECALL_REGION applies without a base', () => {
    expect(resolveConnection({}, { RECALL_API_KEY: 'k', RECALL_API_BASE: 'http://127.0.0.1:5555', RECALL_REGION: 'us-east-1' }).baseUrl).toBe('http://127.0.0.1:5555');
    expect(resolveConnection({}, { RECALL_API_KEY: 'k', RECALL_REGION: 'us-east-1' }).baseUrl).toBe('https://us-east-1.recall.ai');
  });

  test('blank values count as absent', () => {
    expect(() => resolveConnection({ apiKey: '  ' }, { RECALL_API_KEY: '' })).toThrow(UsageError);
    expect(resolveConnection({ apiBase: '' }, { RECALL_API_KEY: 'k', RECALL_REGION: ' ' }).baseUrl).toBe('https://us-west-2.recall.ai');
  });

  test('bad input is a usage error with a specific reason', () => {
    expect(() => resolveConnection({}, {})).toThrow('No API key: pass --api-key K or set RECALL_API_KEY');
    expect(() => resolveConnection({ region: 'mars-1', apiKey: 'k' }, {})).toThrow(/Unknown region "mars-1" \(--region\); use one of us-west-2, us-east-1/);
    expect(() => resolveConnection({}, { RECALL_REGION: 'eu', RECALL_API_KEY: 'k' })).toThrow(/RECALL_REGION/);
    expect(() => resolveConnection({ apiBase: 'http://a', region: 'us-east-1', apiKey: 'k' }, {})).toThrow('Pass either --api-base or --region, not both');
    expect(() => resolveConnection({ apiBase: 'localhost:4000', apiKey: 'k' }, {})).toThrow(/--api-base: .*http or https/);
    expect(() => resolveConnection({ apiBase: 'http://user:pw@host', apiKey: 'k' }, {})).toThrow(/credentials/);
  });

  test('createClient builds a client for the resolved base', () => {
    expect(createClient({ apiBase: 'http://127.0.0.1:7000/' }, { RECALL_API_KEY: 'k' }).baseUrl).toBe('http://127.0.0.1:7000');
  });
});
