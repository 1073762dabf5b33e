// Where the app connects: an API key (write-only: the window only ever learns "configured")
// with a region or a custom Recall-compatible base URL, or the built-in sandbox. Saving makes a
// real API call in the core; its specific error shows under the field it is about. Where the OS
// has no keyring (Linux basic_text) the key is stored only after explicit consent.
import { useCallback, useId, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { ContractError } from '../../../electron/contract/result';
import type { AppInfo, ConnectionView } from '../../../electron/contract/types';
import { fieldOf } from '../lib/field-errors';
import { thrownError } from '../hooks/loadable';
import { useRemoteValue } from '../hooks/use-remote-value';
import { FieldMessage } from './field-message';
import { ChevronIcon, Spinner } from './icons';

type Region = 'us-west-2' | 'us-east-1' | 'eu-central-1' | 'ap-northeast-1';

const REGIONS: ReadonlyArray<[Region, string]> = [
  ['us-west-2', 'US West (Oregon) — us-west-2'],
  ['us-east-1', 'US East (N. Virginia) — us-east-1'],
  ['eu-central-1', 'EU (Frankfurt) — eu-central-1'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo) — ap-northeast-1'],
];

function asRegion(value: string): Region {
  return REGIONS.find(([region]) => region === value)?.[0] ?? 'us-west-2';
}

type Field = 'apiKey' | 'baseUrl';
type Errors = Partial<Record<Field | 'form', string>>;
type Status = { kind: 'idle' } | { kind: 'saving'; target: 'live' | 'sandbox' } | { kind: 'saved'; message: string };

const FIELD_WORDS: ReadonlyArray<[Field, RegExp]> = [
  ['apiKey', /\bkey\b/i],
  ['baseUrl', /\burl\b|base|address|host/i],
];

function placeError(error: ContractError, custom: boolean): Errors {
  if (error.kind === 'auth') return { apiKey: error.message };
  const field = fieldOf(error, FIELD_WORDS);
  if (field === 'baseUrl' && !custom) return { form: error.message };
  return { [field ?? 'form']: error.message };
}

function currentText(view: ConnectionView): string {
  if (view.mode === 'sandbox') return 'Built-in sandbox — no real meetings';
  const where = view.customBaseUrl ?? `Recall ${view.region}`;
  return `${where} · API key ${view.apiKeyConfigured ? 'configured' : 'missing'}`;
}

interface ConnectionSettingsProps {
  api: RecallRemoteApi;
  onConnected(info: AppInfo): void;
}

export function ConnectionSettings({ api, onConnected }: ConnectionSettingsProps) {
  const load = useCallback(() => api.getConnection(), [api]);
  const connection = useRemoteValue(load);
  if (connection.current.status === 'loading') {
    return <ConnectionFrame><p className="list-note">Loading the connection…</p></ConnectionFrame>;
  }
  if (connection.current.status === 'error') {
    return (
      <ConnectionFrame>
        <div className="list-note list-note-error">
          <p>{connection.current.error.message}</p>
          <button type="button" className="button button-small" onClick={connection.reload}>
            Try again
          </button>
        </div>
      </ConnectionFrame>
    );
  }
  return (
    <ConnectionFrame>
      <ConnectionForm
        api={api}
        view={connection.current.value}
        onConnected={(info) => {
          onConnected(info);
          connection.reload();
        }}
      />
    </ConnectionFrame>
  );
}

function ConnectionFrame({ children }: { children: ReactNode }) {
  return (
    <section className="settings-section" aria-labelledby="connection-title" id="settings-connection">
      <h3 id="connection-title" className="section-title">
        Connection
      </h3>
      {children}
    </section>
  );
}

function ConnectionForm({ api, view, onConnected }: { api: RecallRemoteApi; view: ConnectionView; onConnected(info: AppInfo): void }) {
  const ids = {
    key: useId(),
    keyHint: useId(),
    region: useId(),
    url: useId(),
    urlError: useId(),
    custom: useId(),
    consent: useId(),
    consentText: useId(),
  };
  const [apiKey, setApiKey] = useState('');
  const [region, setRegion] = useState<Region>(asRegion(view.region));
  const [custom, setCustom] = useState(view.customBaseUrl !== null);
  const [baseUrl, setBaseUrl] = useState(view.customBaseUrl ?? '');
  /** The core's storage refusal: shown with the consent checkbox until the key is saved. */
  const [consentNeeded, setConsentNeeded] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const keyInput = useRef<HTMLInputElement>(null);
  const urlInput = useRef<HTMLInputElement>(null);
  const saving = status.kind === 'saving';
  const keySaved = view.apiKeyConfigured;

  const finish = (result: { ok: true; value: AppInfo } | { ok: false; error: ContractError }, done: string) => {
    if (result.ok) {
      setApiKey('');
      setConsentNeeded(null);
      setConsent(false);
      setErrors({});
      setStatus({ kind: 'saved', message: done });
      onConnected(result.value);
      return;
    }
    setStatus({ kind: 'idle' });
    if (result.error.kind === 'storage') {
      setConsentNeeded(result.error.message);
      setErrors({});
      return;
    }
    const placed = placeError(result.error, custom);
    setErrors(placed);
    if (placed.apiKey) keyInput.current?.focus();
    else if (placed.baseUrl) urlInput.current?.focus();
  };

  const saveLive = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const key = apiKey.trim();
    const url = baseUrl.trim();
    const found: Errors = {};
    if (key === '' && !keySaved) found.apiKey = 'Enter your Recall API key.';
    if (custom && url === '') found.baseUrl = 'Enter the base URL, e.g. https://us-west-2.recall.ai';
    else if (custom && !/^https?:\/\//i.test(url)) found.baseUrl = 'The base URL must start with https:// (or http:// for a local server).';
    if (consentNeeded !== null && !consent) found.form = 'Tick the box to store the key unencrypted, or use a machine with a keyring.';
    setErrors(found);
    if (found.apiKey) return keyInput.current?.focus();
    if (found.baseUrl) return urlInput.current?.focus();
    if (found.form) return;
    setStatus({ kind: 'saving', target: 'live' });
    try {
      const result = await api.setConnection({
        mode: 'live',
        ...(key !== '' && { apiKey: key }),
        ...(custom ? { customBaseUrl: url } : { region, customBaseUrl: null }),
        ...(consent && { allowPlainTextStorage: true }),
      });
      finish(result, `Connected to ${custom ? url : `Recall ${region}`}.`);
    } catch (error) {
      finish({ ok: false, error: thrownError(error) }, '');
    }
  };

  const connectSandbox = async () => {
    setErrors({});
    setStatus({ kind: 'saving', target: 'sandbox' });
    try {
      finish(await api.setConnection({ mode: 'sandbox' }), 'Using the built-in sandbox.');
    } catch (error) {
      finish({ ok: false, error: thrownError(error) }, '');
    }
  };

  return (
    <form className="connect" onSubmit={saveLive} noValidate data-testid="connect-form" aria-busy={saving || undefined}>
      <p className="connect-current" data-testid="connection-current">
        <span className={`mode-dot mode-dot-${view.mode}`} aria-hidden="true" />
        <span>
          <span className="visually-hidden">Now connected to: </span>
          {currentText(view)}
        </span>
      </p>

      <div className="field">
        <div className="field-label-row">
          <label htmlFor={ids.key} className="field-label">
            Recall API key
          </label>
          {keySaved && (
            <span className="chip chip-ok" data-testid="key-configured">
              ✓ Configured
            </span>
          )}
        </div>
        <input
          ref={keyInput}
          id={ids.key}
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={keySaved ? 'Saved — type a new key to replace it' : 'Paste your API key'}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          aria-invalid={errors.apiKey !== undefined}
          aria-describedby={ids.keyHint}
          disabled={saving}
        />
        <FieldMessage id={ids.keyHint} error={errors.apiKey}>
          {view.keyStorage === 'os'
            ? 'Kept encrypted by your system keychain; never shown again.'
            : view.keyStorage === 'basic_text'
              ? 'This machine has no keyring: saving asks before storing the key unencrypted.'
              : 'This machine cannot store the key securely.'}
        </FieldMessage>
      </div>

      <div className="field">
        {custom ? (
          <>
            <label htmlFor={ids.url} className="field-label">
              Base URL
            </label>
            <input
              ref={urlInput}
              id={ids.url}
              className="input"
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://recall.example.com"
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
              aria-invalid={errors.baseUrl !== undefined}
              aria-describedby={ids.urlError}
              disabled={saving}
            />
          </>
        ) : (
          <>
            <label htmlFor={ids.region} className="field-label">
              Region
            </label>
            <select id={ids.region} className="input select" aria-describedby={ids.urlError} value={region} onChange={(event) => setRegion(asRegion(event.target.value))} disabled={saving}>
              {REGIONS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </>
        )}
        <FieldMessage id={ids.urlError} error={custom ? errors.baseUrl : undefined}>
          {custom ? 'A server that speaks the Recall API, e.g. a proxy.' : 'The region your Recall account lives in.'}
        </FieldMessage>
        <button type="button" className="disclosure" aria-expanded={custom} onClick={() => setCustom((on) => !on)} disabled={saving}>
          <ChevronIcon open={custom} />
          Use a custom Recall-compatible URL
        </button>
      </div>

      {consentNeeded !== null && (
        <div className="consent" data-testid="storage-consent">
          <p id={ids.consentText} className="consent-text" role="alert">
            <span className="error-mark" aria-hidden="true">
              !
            </span>
            {consentNeeded}
          </p>
          <div className="check">
            <input
              id={ids.consent}
              type="checkbox"
              checked={consent}
              onChange={(event) => setConsent(event.target.checked)}
              aria-describedby={ids.consentText}
              disabled={saving}
            />
            <label htmlFor={ids.consent}>Store the key unencrypted on this machine</label>
          </div>
        </div>
      )}

      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save and connect
        </button>
        <button type="button" className="button" onClick={() => void connectSandbox()} disabled={saving}>
          Use sandbox
        </button>
      </div>
      <div className="connect-status" data-testid="connect-status" data-state={errors.form ? 'error' : status.kind}>
        <p role="status" className="connect-status-line">
          {status.kind === 'saving' && (
            <span className="status-pending">
              <Spinner /> {status.target === 'sandbox' ? 'Starting the sandbox…' : 'Checking the key with Recall…'}
            </span>
          )}
          {status.kind === 'saved' && <span className="status-ok">✓ {status.message}</span>}
        </p>
        {errors.form && (
          <p className="field-error" role="alert" data-testid="connect-error">
            {errors.form}
          </p>
        )}
      </div>
    </form>
  );
}

