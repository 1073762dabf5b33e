// The pieces of error mapping that a real server rarely exercises: Retry-After forms, DRF
// body shapes and HTML pages without a title.
import { describe, expect, test } from 'vitest';
import { drfFieldErrors, errorFromResponse, parseRetryAfter, summarizeHtml, truncate } from '../../../electron/core/recall';

const NOW = Date.parse('2025-06-10T14:00:00Z');
const ctx = { method: 'POST', path: '/api/v1/bot/', host: 'us-west-2.recall.ai' };

describe('parseRetryAfter', () => {
  test.each<[string | null, number | undefined]>([
    ['7', 7000],
    [' 30 ', 30_000],
    ['1.5', 1500],
    ['0', 0],
    ['Tue, 10 Jun 2025 14:00:05 GMT', 5000],
    ['Tue, 10 Jun 2025 13:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('drfFieldErrors', () => {
  test('field maps, nested maps and bare lists are recognised', () => {
    expect(drfFieldErrors({ meeting_url: ['bad'] })).toEqual({ meeting_url: ['bad'] });
    expect(drfFieldErrors({ recording_config: { transcript: { provider: ['unknown'] } } })).toEqual({ 'recording_config.transcript.provider': ['unknown'] });
    expect(drfFieldErrors(['Only non-dispatched bots can be updated'])).toEqual({ non_field_errors: ['Only non-dispatched bots can be updated'] });
  });

  test('{code, detail} and {detail} bodies are not field maps', () => {
    expect(drfFieldErrors({ code: 'update_bot_failed', detail: 'x' })).toBeUndefined();
    expect(drfFieldErrors({ detail: 'Not found.' })).toBeUndefined();
    expect(drfFieldErrors({ count: 3 })).toBeUndefined();
    expect(drfFieldErrors('text')).toBeUndefined();
  });
});

describe('HTML pages', () => {
  test('summarized by title, else the first heading, else a neutral phrase', () => {
    expect(summarizeHtml('<html><head><title> Access &amp; denied </title></head></html>')).toBe('Access & denied');
    expect(summarizeHtml('<html><body><h1>Request <b>blocked</b></h1></body></html>')).toBe('Request blocked');
    expect(summarizeHtml('<html><body><p>nope</p></body></html>')).toBe('an HTML error page');
  });

  test('a 400 HTML page is a validation error without markup in the message', () => {
    const e = errorFromResponse({ status: 413, contentType: 'text/html', bodyText: '<html><head><title>413 Request Entity Too Large</title></head></html>', retryAfter: null }, ctx, NOW);
    expect(e.kind).toBe('validation');
    expect(e.message).toBe('Recall rejected POST /api/v1/bot/ (413): 413 Request Entity Too Large');
  });

  test('a 403 JSON body (not a WAF page) is still blocked, quoting the detail', () => {
    const e = errorFromResponse({ status: 403, contentType: 'application/json', bodyText: '{"detail":"You do not have permission to perform this action."}', retryAfter: null }, ctx, NOW);
    expect(e).toMatchObject({ kind: 'blocked', message: 'Recall refused the request (403): You do not have permission to perform this action.' });
  });
});

test('truncate keeps one line and marks the cut', () => {
  expect(truncate('a\n  b')).toBe('a b');
  expect(truncate('x'.repeat(10), 5)).toBe('xxxx…');
});
