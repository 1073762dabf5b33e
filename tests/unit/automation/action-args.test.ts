import { describe, expect, it } from 'vitest';
import { parseActionArgs, REMOTE_ACTIONS } from '../../../electron/core/automation';

const EXE = '/opt/Recall Remote/recall-remote';

describe('parseActionArgs', () => {
  it('is a normal launch without --action', () => {
    expect(parseActionArgs([EXE])).toEqual({ kind: 'none' });
    expect(parseActionArgs([EXE, '--no-sandbox', '--enable-features=GlobalShortcutsPortal'])).toEqual({ kind: 'none' });
  });

  it.each(REMOTE_ACTIONS)('reads --action %s in both spellings', (action) => {
    const expected = { kind: 'action', invocation: { action, confirm: false, json: false } };
    expect(parseActionArgs([EXE, '--action', action])).toEqual(expected);
    expect(parseActionArgs([EXE, `--action=${action}`])).toEqual(expected);
  });

  it('ignores the executable, a development app path, Chromium switches and a macOS -psn argument', () => {
    const argv = ['/usr/lib/electron/electron', '/home/me/recall-remote', '--no-sandbox', '-psn_0_4242', '--original-process-start-time=13370000', '--action', 'toggle-pause', '--disable-gpu'];
    expect(parseActionArgs(argv)).toEqual({ kind: 'action', invocation: { action: 'toggle-pause', confirm: false, json: false } });
  });

  it('reads --confirm and --json wherever they are', () => {
    expect(parseActionArgs([EXE, '--confirm', '--action=start', '--json'])).toEqual({ kind: 'action', invocation: { action: 'start', confirm: true, json: true } });
  });

  it('accepts a value in another case or with spaces around it', () => {
    expect(parseActionArgs([EXE, '--action', ' Pause '])).toMatchObject({ kind: 'action', invocation: { action: 'pause' } });
  });

  it('names every valid action when the action is unknown', () => {
    const parsed = parseActionArgs([EXE, '--action', 'leave']);
    expect(parsed).toEqual({ kind: 'invalid', message: 'Unknown action "leave" — use one of pause, resume, start, stop, toggle-pause' });
  });

  it('says a value is missing instead of taking the next switch as the action', () => {
    expect(parseActionArgs([EXE, '--action', '--confirm'])).toEqual({ kind: 'invalid', message: '--action needs a value: one of pause, resume, start, stop, toggle-pause' });
    expect(parseActionArgs([EXE, '--action'])).toMatchObject({ kind: 'invalid' });
    expect(parseActionArgs([EXE, '--action='])).toMatchObject({ kind: 'invalid', message: expect.stringContaining('needs a value') });
  });

  it('refuses two different actions but tolerates the same one twice', () => {
    expect(parseActionArgs([EXE, '--action=pause', '--action=stop'])).toEqual({ kind: 'invalid', message: '--action was given twice ("pause" and "stop") — give one action' });
    expect(parseActionArgs([EXE, '--action=pause', '--action', 'pause'])).toMatchObject({ kind: 'action', invocation: { action: 'pause' } });
  });

  it('keeps a hostile value short and on one line in the message', () => {
    const parsed = parseActionArgs([EXE, `--action=${'x'.repeat(200)}\n\u0007rm -rf`]);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind !== 'invalid') return;
    expect(parsed.message).not.toContain('\n');
    expect(parsed.message).not.toContain('\u0007');
    expect(parsed.message.length).toBeLessThan(140);
  });

  it('stops reading at --', () => {
    expect(parseActionArgs([EXE, '--', '--action', 'pause'])).toEqual({ kind: 'none' });
  });
});
