// The live bot state: the initial read plus every `state:changed` push.
import { useCallback } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { BotState } from '../../../electron/contract/types';
import type { RemoteValue } from './use-remote-value';
import { useRemoteValue } from './use-remote-value';

export function useBotState(api: RecallRemoteApi): RemoteValue<BotState> {
  const load = useCallback(() => api.getState(), [api]);
  const subscribe = useCallback((listener: (state: BotState) => void) => api.onStateChanged(listener), [api]);
  return useRemoteValue(load, subscribe);
}
