// App name, version, platform and where the core connects (replaced after a connection change).
import { useCallback } from 'react';
import type { RecallRemoteApi } from '../../../electron/contract/api';
import type { AppInfo } from '../../../electron/contract/types';
import type { RemoteValue } from './use-remote-value';
import { useRemoteValue } from './use-remote-value';

export function useAppInfo(api: RecallRemoteApi): RemoteValue<AppInfo> {
  const load = useCallback(() => api.getInfo(), [api]);
  return useRemoteValue(load);
}
