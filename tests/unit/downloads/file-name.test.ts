import { basename, dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_FILE_NAME_BYTES,
  copyName,
  firstFreeName,
  formatMeetingTime,
  recordingFileName,
  sanitizeNameComponent,
  truncateUtf8,
  utf8Bytes,
} from '../../../electron/core/downloads';

const REC = '3f2a9c1e-58b4-4f0e-9a57-1a2b3c4d5e6f';
const AT = Date.UTC(2025, 2, 4, 9, 5);

function nameFor(botName: string | null): string {
  return recordingFileName({ botName, startedAt: AT, recordingId: REC, timeZone: 'UTC' });
}

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/** Everything a file name must be on Windows, macOS and Linux. */
function assertSafe(name: string): void {
  expect(name).not.toMatch(/[/\\<>:"|?*]/);
  expect(name).not.toMatch(/\p{Cc}/u);
  expect(name).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
  expect(name).not.toMatch(/[. ]$/);
  expect(name).not.toMatch(/^[. ]/);
  expect(name).not.toMatch(RESERVED);
  expect(name).not.toBe('.');
  expect(name).not.toBe('..');
  expect(name.normalize('NFC')).toBe(name);
  expect(name).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  expect(utf8Bytes(name)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
  const dir = resolve('/downloads');
  expect(dirname(join(dir, name))).toBe(dir);
  expect(basename(join(dir, name))).toBe(name);
}

describe('recordingFileName', () => {
  it('is "<bot name> <YYYY-MM-DD HH.mm> <rec id first 8>.mp4"', () => {
    expect(nameFor('Weekly sync')).toBe('Weekly sync 2025-03-04 09.05 3f2a9c1e.mp4');
  });

  it('uses the given time zone for the meeting time', () => {
    expect(formatMeetingTime(AT, 'Asia/Tokyo')).toBe('2025-03-04 18.05');
    expect(formatMeetingTime(Date.UTC(2025, 0, 1, 0, 0), 'UTC')).toBe('2025-01-01 00.00');
  });

  it('leaves the time out when the recording has none', () => {
    expect(recordingFileName({ botName: 'Bot', startedAt: null, recordingId: REC })).toBe('Bot 3f2a9c1e.mp4');
  });

  it.each([
    ['../../etc/passwd', '_.._etc_passwd 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['CON', '_CON 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['lpt1', '_lpt1 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['nul.txt', '_nul.txt 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['a/b\\c', 'a_b_c 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['\u0000', 'Recording 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['   ', 'Recording 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['.', 'Recording 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['..', 'Recording 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['', 'Recording 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['Sales\u202egnp.exe', 'Salesgnp.exe 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['\u2066Board\u2069 \u200fmeeting', 'Board meeting 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['Q1: "plans" <draft>?*|', 'Q1_ _plans_ _draft____ 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['line\nbreak\ttab', 'line break tab 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['trailing dots...', 'trailing dots 2025-03-04 09.05 3f2a9c1e.mp4'],
    ['Cafe\u0301 ☕', 'Café ☕ 2025-03-04 09.05 3f2a9c1e.mp4'],
  ])('sanitizes %j', (botName, expected) => {
    const name = nameFor(botName);
    expect(name).toBe(expected);
    assertSafe(name);
  });

  it('bounds 300 emoji to the byte budget without splitting one', () => {
    const family = '👨‍👩‍👧‍👦';
    for (const botName of ['😀'.repeat(300), family.repeat(300)]) {
      const name = nameFor(botName);
      assertSafe(name);
      const kept = name.slice(0, name.indexOf(' 2025'));
      expect(kept.length).toBeGreaterThan(0);
      const unit = botName.startsWith('😀') ? '😀' : family;
      expect(kept.replaceAll(unit, '')).toBe('');
    }
  });

  it('produces a safe name for any bot name (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ maxLength: 400 })), (botName) => {
        const name = nameFor(botName);
        assertSafe(name);
        expect(name.endsWith(' 3f2a9c1e.mp4')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a safe name when copy suffixes are added (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 2, max: 9999 }), (botName, n) => {
        assertSafe(copyName(nameFor(botName), n));
      }),
      { numRuns: 200 },
    );
  });

  it('sanitizes a bare component to empty when nothing printable is left', () => {
    expect(sanitizeNameComponent('\u0000\u0001 . ', 100)).toBe('');
  });

  it('truncates by bytes on grapheme boundaries', () => {
    expect(truncateUtf8('aé😀b', 3)).toBe('aé');
    expect(truncateUtf8('aé😀b', 7)).toBe('aé😀');
    expect(truncateUtf8('e\u0301\u0301x', 3)).toBe('');
  });
});

describe('firstFreeName', () => {
  it('appends " (2)", " (3)"… before the extension until a name is free', async () => {
    const taken = new Set(['a.mp4', 'a (2).mp4']);
    expect(await firstFreeName('a.mp4', async (n) => taken.has(n))).toBe('a (3).mp4');
    expect(await firstFreeName('b.mp4', async (n) => taken.has(n))).toBe('b.mp4');
  });
});
