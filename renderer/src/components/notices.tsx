// Notices from the core (a hotkey press's outcome, a failure) as small dismissible toasts over
// the bottom of the window: at most three, newest last. Screen readers hear info and warnings
// politely and errors assertively, through live regions that always exist.
import type { NoticesHook, ShownNotice } from '../hooks/use-notices';
import { CloseIcon } from './icons';

function Toast({ notice, onDismiss }: { notice: ShownNotice; onDismiss(id: number): void }) {
  return (
    <li className={`toast toast-${notice.level}`} data-testid="notice" data-level={notice.level}>
      <span className="toast-mark" aria-hidden="true">
        {notice.level === 'info' ? 'i' : '!'}
      </span>
      <p className="toast-text">{notice.message}</p>
      <button type="button" className="icon-button icon-button-small" aria-label="Dismiss notice" onClick={() => onDismiss(notice.id)}>
        <CloseIcon size={14} />
      </button>
    </li>
  );
}

export function Notices({ notices }: { notices: NoticesHook }) {
  const list = notices.notices;
  const lastPolite = list.findLast((n) => n.level !== 'error');
  const lastUrgent = list.findLast((n) => n.level === 'error');
  return (
    <div className="notices" role="region" aria-label="Notices">
      <ul className="toast-list">
        {list.map((notice) => (
          <Toast key={notice.id} notice={notice} onDismiss={notices.dismiss} />
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {lastPolite?.message ?? ''}
      </p>
      <p className="visually-hidden" aria-live="assertive">
        {lastUrgent?.message ?? ''}
      </p>
    </div>
  );
}
