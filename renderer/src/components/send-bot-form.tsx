// "Send a bot to a meeting": meeting link, bot name, and "I'll start recording myself" (on by
// default: the bot joins with recording_config null and records nothing until Start). Field
// errors show under their field; the new bot becomes the selected one.
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { ContractError } from '../../../electron/contract/result';
import type { BotState } from '../../../electron/contract/types';
import { fieldOf } from '../lib/field-errors';
import { thrownError } from '../hooks/loadable';
import { FieldMessage } from './field-message';
import { Spinner } from './icons';

type Field = 'meetingUrl' | 'botName';
type Errors = Partial<Record<Field | 'form', string>>;

const FIELD_WORDS: ReadonlyArray<[Field, RegExp]> = [
  ['botName', /\bbot name|\bname\b/i],
  ['meetingUrl', /meeting|link|url/i],
];

function check(meetingUrl: string, botName: string): Errors {
  const errors: Errors = {};
  const url = meetingUrl.trim();
  if (url === '') errors.meetingUrl = 'Paste the meeting link first.';
  else if (!/^https?:\/\//i.test(url)) errors.meetingUrl = 'The meeting link must start with https://';
  if (botName.trim().length > 100) errors.botName = 'Bot names are at most 100 characters.';
  return errors;
}

function placeError(error: ContractError): Errors {
  const field = error.kind === 'invalid_request' || error.kind === 'validation' ? fieldOf(error, FIELD_WORDS) : null;
  // Under its own field the payload path the core names it by ("botName: …") says nothing more.
  return field ? { [field]: error.message.replace(/^(meetingUrl|botName): /, '') } : { form: error.message };
}

interface SendBotFormProps {
  api: RecallRemoteApi;
  onSent(state: BotState): void;
  onCancel(): void;
}

export function SendBotForm({ api, onSent, onCancel }: SendBotFormProps) {
  const ids = { url: useId(), urlError: useId(), name: useId(), nameError: useId(), manual: useId(), manualHint: useId(), form: useId() };
  const [meetingUrl, setMeetingUrl] = useState('');
  const [botName, setBotName] = useState('');
  const [manual, setManual] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const [sending, setSending] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check(meetingUrl, botName);
    setErrors(found);
    if (found.meetingUrl) return urlInput.current?.focus();
    if (found.botName) return nameInput.current?.focus();
    setSending(true);
    try {
      const name = botName.trim();
      const result = await api.createBot({ meetingUrl: meetingUrl.trim(), manual, ...(name !== '' && { botName: name }) });
      if (result.ok) {
        onSent(result.value);
        return;
      }
      const placed = placeError(result.error);
      setErrors(placed);
      if (placed.meetingUrl) urlInput.current?.focus();
      else if (placed.botName) nameInput.current?.focus();
    } catch (error) {
      setErrors({ form: thrownError(error).message });
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="send-bot" onSubmit={submit} noValidate aria-labelledby={ids.form} data-testid="send-bot-form">
      <h3 id={ids.form} className="visually-hidden">
        Send a bot to a meeting
      </h3>
      <div className="field">
        <label htmlFor={ids.url} className="field-label">
          Meeting link
        </label>
        <input
          ref={urlInput}
          id={ids.url}
          className="input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="https://zoom.us/j/…"
          value={meetingUrl}
          onChange={(event) => setMeetingUrl(event.target.value)}
          aria-invalid={errors.meetingUrl !== undefined}
          aria-describedby={ids.urlError}
          disabled={sending}
        />
        <FieldMessage id={ids.urlError} error={errors.meetingUrl}>
          A Zoom, Google Meet, Teams, Webex or GoTo link.
        </FieldMessage>
      </div>
      <div className="field">
        <label htmlFor={ids.name} className="field-label">
          Bot name <span className="field-optional">(optional)</span>
        </label>
        <input
          ref={nameInput}
          id={ids.name}
          className="input"
          type="text"
          autoComplete="off"
          placeholder="e.g. Notetaker"
          maxLength={200}
          value={botName}
          onChange={(event) => setBotName(event.target.value)}
          aria-invalid={errors.botName !== undefined}
          aria-describedby={ids.nameError}
          disabled={sending}
        />
        <FieldMessage id={ids.nameError} error={errors.botName}>
          How the bot appears to the other participants.
        </FieldMessage>
      </div>
      <div className="check">
        <input id={ids.manual} type="checkbox" checked={manual} onChange={(event) => setManual(event.target.checked)} aria-describedby={ids.manualHint} disabled={sending} />
        <div>
          <label htmlFor={ids.manual}>I’ll start recording myself</label>
          <p id={ids.manualHint} className="field-hint">
            {manual ? 'The bot joins without recording until you press Start.' : 'The bot starts recording as soon as it joins.'}
          </p>
        </div>
      </div>
      {errors.form && (
        <p className="field-error" role="alert" data-testid="send-bot-error">
          {errors.form}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={sending} aria-busy={sending || undefined}>
          {sending ? (
            <>
              <Spinner /> Sending…
            </>
          ) : (
            'Send bot'
          )}
        </button>
        <button type="button" className="button" onClick={onCancel} disabled={sending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
