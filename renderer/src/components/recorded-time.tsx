// The big h:mm:ss of recorded time (paused time excluded), ticking locally while recording.
import type { SelectedBotState } from '../../../electron/contract/types';
import { formatDuration, spokenDuration } from '../lib/format';
import { useRecordedTime } from '../hooks/use-recorded-time';

export function RecordedTime({ state }: { state: SelectedBotState }) {
  const ms = useRecordedTime(state);
  const hasRecording = state.recording !== null || state.recordingClock !== null;
  const caption = !hasRecording ? 'no recording yet' : state.live === 'paused' ? 'recorded · paused' : 'recorded';
  return (
    <div className="elapsed-box">
      <p className={`elapsed${hasRecording ? '' : ' elapsed-idle'}`} data-testid="elapsed">
        <span className="visually-hidden">Recorded time: {spokenDuration(ms)}</span>
        <span aria-hidden="true">{formatDuration(ms)}</span>
      </p>
      <p className="elapsed-caption" aria-hidden="true">
        {caption}
      </p>
    </div>
  );
}
