// The renderer's pure helpers: the key
// recorder's KeyboardEvent → Electron accelerator mapping, end-reason words, the locally ticking
// recorded time and the hash route.
import { describe, expect, it } from 'vitest';
import { chordFromEvent, chordText } from '../../../renderer/src/lib/key-chord';
import type { KeyLike } from '../../../renderer/src/lib/key-chord';
import { endReasonPhrase, statusPhrase } from '../../../renderer/src/lib/format';
import { recordedAt } from '../../../renderer/src/hooks/use-recorded-time';
import { parseView } from '../../../renderer/src/hooks/use-hash-route';

const key = (init: Partial<KeyLike> & Pick<KeyLike, 'key' | 'code'>): KeyLike => ({ ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...init });

describe('chordFromEvent', () => {
  it('maps Ctrl to CommandOrControl off macOS and Cmd to it on macOS', () => {
    expect(chordFromEvent(key({ key: 'k', code: 'KeyK', ctrlKey: true, altKey: true }), 'linux')).toMatchObject({ kind: 'key', accelerator: 'CommandOrControl+Alt+K' });
    expect(chordFromEvent(key({ key: 'k', code: 'KeyK', metaKey: true, shiftKey: true }), 'darwin')).toMatchObject({ kind: 'key', accelerator: 'CommandOrControl+Shift+K' });
    expect(chordFromEvent(key({ key: 'k', code: 'KeyK', ctrlKey: true }), 'darwin')).toMatchObject({ accelerator: 'Control+K' });
    expect(chordFromEvent(key({ key: 'k', code: 'KeyK', metaKey: true }), 'win32')).toMatchObject({ accelerator: 'Super+K' });
  });

  it('uses the physical key when a modifier changed the character', () => {
    // macOS Option+P types π; Shift+1 types !
    expect(chordFromEvent(key({ key: 'π', code: 'KeyP', altKey: true, metaKey: true }), 'darwin')).toMatchObject({ accelerator: 'CommandOrControl+Alt+P' });
    expect(chordFromEvent(key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+Shift+1' });
  });

  it('names F-keys, arrows, space, numpad and punctuation the way Electron spells them', () => {
    expect(chordFromEvent(key({ key: 'F13', code: 'F13' }), 'linux')).toMatchObject({ accelerator: 'F13' });
    expect(chordFromEvent(key({ key: 'ArrowUp', code: 'ArrowUp', ctrlKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+Up' });
    expect(chordFromEvent(key({ key: ' ', code: 'Space', altKey: true }), 'linux')).toMatchObject({ accelerator: 'Alt+Space' });
    expect(chordFromEvent(key({ key: '5', code: 'Numpad5', ctrlKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+5' });
    expect(chordFromEvent(key({ key: 'Enter', code: 'NumpadEnter', ctrlKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+Return' });
    expect(chordFromEvent(key({ key: '/', code: 'Slash', ctrlKey: true }), 'linux')).toMatchObject({ accelerator: 'CommandOrControl+/' });
  });

  it('keeps listening while only modifiers are down', () => {
    expect(chordFromEvent(key({ key: 'Control', code: 'ControlLeft', ctrlKey: true }), 'linux')).toEqual({ kind: 'modifiers', modifiers: ['CommandOrControl'] });
    expect(chordFromEvent(key({ key: 'Alt', code: 'AltLeft', ctrlKey: true, altKey: true }), 'linux')).toEqual({ kind: 'modifiers', modifiers: ['CommandOrControl', 'Alt'] });
  });

  it('says which key cannot be used', () => {
    const chord = chordFromEvent(key({ key: "'", code: 'Quote', ctrlKey: true }), 'linux');
    expect(chord.kind).toBe('unsupported');
    expect(chord.kind === 'unsupported' && chord.message).toContain('“\'”');
  });
});

describe('chordText', () => {
  it('reads like the platform while pressing', () => {
    expect(chordText(['CommandOrControl', 'Alt'], null, 'linux')).toBe('Ctrl+Alt+');
    expect(chordText(['CommandOrControl', 'Alt', 'Shift'], 'P', 'linux')).toBe('Ctrl+Alt+Shift+P');
    expect(chordText(['CommandOrControl', 'Alt', 'Shift'], 'P', 'darwin')).toBe('⌥⇧⌘P');
    expect(chordText(['Super'], 'K', 'win32')).toBe('Win+K');
  });
});

describe('end reasons', () => {
  it('puts common sub-codes in words and shows unknown ones verbatim', () => {
    expect(endReasonPhrase('call_ended_by_host')).toBe('The host ended the call');
    expect(endReasonPhrase('bot_received_leave_call')).toBe('You made the bot leave');
    expect(endReasonPhrase('timeout_exceeded_everyone_left')).toBe('Left after everyone else left');
    expect(endReasonPhrase('zoom_new_reason_2031')).toBe('zoom_new_reason_2031');
    expect(statusPhrase('call_ended', 'call_ended_by_host')).toBe('The host ended the call');
    expect(statusPhrase('in_waiting_room', null)).toBe('In the waiting room');
  });
});

describe('recordedAt', () => {
  const base = { elapsedMs: 5_000, clockOffsetMs: 1_000 };
  it('counts from runningSince on the core clock while recording', () => {
    expect(recordedAt({ ...base, recordingClock: { baseMs: 60_000, runningSince: 10_000 } }, 12_000)).toBe(63_000);
  });
  it('stands still while paused and falls back to elapsedMs without a clock', () => {
    expect(recordedAt({ ...base, recordingClock: { baseMs: 60_000, runningSince: null } }, 99_000)).toBe(60_000);
    expect(recordedAt({ ...base, recordingClock: null }, 99_000)).toBe(5_000);
  });
  it('never goes below the base when the clocks disagree', () => {
    expect(recordedAt({ ...base, recordingClock: { baseMs: 60_000, runningSince: 50_000 } }, 0)).toBe(60_000);
  });
});

describe('parseView', () => {
  it('opens Settings (and a section) from the hash; anything else is the remote', () => {
    expect(parseView('settings')).toEqual({ name: 'settings', section: null });
    expect(parseView('settings/hotkeys')).toEqual({ name: 'settings', section: 'hotkeys' });
    expect(parseView('')).toEqual({ name: 'remote' });
    expect(parseView('nonsense')).toEqual({ name: 'remote' });
  });
});
