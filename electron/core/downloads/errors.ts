// The typed error of a download: one kind per failure class (disk, media not ready, expired
// link, network, integrity, cancel…), each with a specific one-line message for the user.
export type DownloadErrorKind =
  | 'disk_full'
  | 'disk_quota'
  | 'disk_permission'
  | 'disk_read_only'
  | 'disk'
  | 'not_ready'
  | 'not_found'
  | 'expired'
  | 'network'
  | 'server'
  | 'rate_limited'
  | 'integrity'
  | 'api'
  | 'cancelled';

export interface DownloadErrorInit {
  kind: DownloadErrorKind;
  message: string;
  /** True when the partial file was kept and the download can resume from it. */
  resumable?: boolean;
  code?: string;
  cause?: unknown;
}

export class DownloadError extends Error {
  readonly kind: DownloadErrorKind;
  readonly resumable: boolean;
  readonly code?: string;

  constructor(init: DownloadErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DownloadError';
    this.kind = init.kind;
    this.resumable = init.resumable ?? false;
    if (init.code !== undefined) this.code = init.code;
  }
}

export function isDownloadError(value: unknown): value is DownloadError {
  return value instanceof DownloadError;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** Decimal units as file managers show them: "1.2 GB", "340 KB", "12 bytes". */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${UNITS[unit]}`;
}

/** The errno-style code of a Node error, following `cause` a few levels. */
export function errorCodeOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EIO', 'EMFILE', 'ENFILE', 'EISDIR', 'ENOTDIR', 'ENAMETOOLONG', 'EFBIG']);

export function isDiskErrorCode(code: string | undefined): boolean {
  return code !== undefined && DISK_CODES.has(code);
}

/**
 * A local file-system failure as a DownloadError. `neededBytes` is what is still to be
 * written (for "Disk full: 1.2 GB needed in /path"); the partial file is always kept.
 */
export function diskError(err: unknown, dir: string, neededBytes: number | null): DownloadError {
  const code = errorCodeOf(err);
  const needed = neededBytes !== null && neededBytes > 0 ? `${formatBytes(neededBytes)} needed` : 'more space needed';
  const base = { resumable: true, cause: err, ...(code !== undefined && { code }) };
  switch (code) {
    case 'ENOSPC':
      return new DownloadError({ ...base, kind: 'disk_full', message: `Disk full: ${needed} in ${dir}` });
    case 'EDQUOT':
      return new DownloadError({ ...base, kind: 'disk_quota', message: `Disk quota exceeded: ${needed} in ${dir}` });
    case 'EACCES':
    case 'EPERM':
      return new DownloadError({ ...base, kind: 'disk_permission', message: `No permission to write in ${dir} (${code}) — choose another download folder` });
    case 'EROFS':
      return new DownloadError({ ...base, kind: 'disk_read_only', message: `The download folder ${dir} is on a read-only disk — choose another download folder` });
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new DownloadError({ ...base, kind: 'disk', message: `Could not write the download in ${dir}: ${detail}` });
    }
  }
}

export function cancelledError(): DownloadError {
  return new DownloadError({ kind: 'cancelled', message: 'Download cancelled', resumable: true });
}
