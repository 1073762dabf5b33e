// Fault injection, all off by default: latency, random 5xx, forced 429 bursts, exact
// `failNext` failures, short media URL expiry and broken/throttled media transfers.
import { z } from 'zod';
import { ENDPOINT_CLASSES, type EndpointClass } from './endpoint-class';
import { seededRandom, type Random } from './random';

export interface FailNext {
  count: number;
  status: number;
  /** When true the action is applied (and cached for its idempotency key) but the client gets `status`. */
  afterApply?: boolean;
}

export interface FaultConfig {
  /** Seed of the pseudo-random generator behind `errorRate` (re-seeded on every set/reset). */
  seed: number;
  /** Added wall-clock latency in ms per endpoint class. */
  latencyMs: Partial<Record<EndpointClass, number>>;
  /** Probability (0..1) that an API request fails with one of `errorStatuses` before it is applied. */
  errorRate: number;
  errorStatuses: number[];
  /** Classes `errorRate` applies to; empty = every API class. */
  errorClasses: EndpointClass[];
  /** The next N API requests answer 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitBurst: number;
  retryAfterSeconds: number;
  failNext: FailNext | null;
  /** Overrides the sandbox's pre-signed URL lifetime (sandbox seconds). */
  urlTtlSeconds: number | null;
  /** Media transfers are cut (socket destroyed) after this many body bytes … */
  truncateMediaAtBytes: number | null;
  /** … or after this fraction (0..1) of the body. */
  truncateMediaAtFraction: number | null;
  /** Media bodies are sent at most this many bytes per wall second. */
  throttleMediaBps: number | null;
}

export const DEFAULT_FAULTS: Readonly<FaultConfig> = Object.freeze({
  seed: 1,
  latencyMs: {},
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  errorClasses: [],
  rateLimitBurst: 0,
  retryAfterSeconds: 1,
  failNext: null,
  urlTtlSeconds: null,
  truncateMediaAtBytes: null,
  truncateMediaAtFraction: null,
  throttleMediaBps: null,
});

const status = z.number().int().min(400).max(599);
const nonNegInt = z.number().int().min(0);
const classEnum = z.enum(ENDPOINT_CLASSES);

const faultConfigSchema = z
  .object({
    seed: z.number().int(),
    latencyMs: z.partialRecord(classEnum, z.number().min(0)),
    errorRate: z.number().min(0).max(1),
    errorStatuses: z.array(status).min(1),
    errorClasses: z.array(classEnum),
    rateLimitBurst: nonNegInt,
    retryAfterSeconds: z.number().int().min(0),
    failNext: z.object({ count: nonNegInt, status, afterApply: z.boolean().optional() }).strict().nullable(),
    urlTtlSeconds: z.number().positive().nullable(),
    truncateMediaAtBytes: nonNegInt.nullable(),
    truncateMediaAtFraction: z.number().min(0).max(1).nullable(),
    throttleMediaBps: z.number().positive().nullable(),
  })
  .strict();

/** Schema of a partial fault update (admin endpoint, CLI, in-process API). */
export const faultUpdateSchema = faultConfigSchema.partial();

export class InvalidFaultConfigError extends Error {}

export interface Failure {
  status: number;
  afterApply: boolean;
}

export class FaultController {
  private config: FaultConfig;
  private random: Random;

  constructor(initial: Partial<FaultConfig> = {}) {
    this.config = { ...DEFAULT_FAULTS };
    this.random = seededRandom(this.config.seed);
    this.set(initial);
  }

  get(): FaultConfig {
    return structuredClone(this.config);
  }

  /** Merges the given top-level keys into the current faults; throws on invalid values. */
  set(update: unknown): void {
    const parsed = faultUpdateSchema.safeParse(update);
    if (!parsed.success) {
      throw new InvalidFaultConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'faults'}: ${i.message}`).join('; '));
    }
    const given = Object.entries(parsed.data).filter(([, v]) => v !== undefined);
    this.config = faultConfigSchema.parse({ ...structuredClone(this.config), ...structuredClone(Object.fromEntries(given)) });
    this.random = seededRandom(this.config.seed);
  }

  reset(): void {
    this.config = { ...DEFAULT_FAULTS, latencyMs: {}, errorStatuses: [...DEFAULT_FAULTS.errorStatuses], errorClasses: [] };
    this.random = seededRandom(this.config.seed);
  }

  latencyFor(cls: EndpointClass): number {
    return this.config.latencyMs[cls] ?? 0;
  }

  /** Consumes one forced-429 slot; returns the Retry-After seconds or null. */
  takeRateLimitBurst(): number | null {
    if (this.config.rateLimitBurst <= 0) return null;
    this.config.rateLimitBurst -= 1;
    return this.config.retryAfterSeconds;
  }

  /** Decides whether this API request fails: `failNext` first, then the seeded `errorRate`. */
  takeFailure(cls: EndpointClass): Failure | null {
    const next = this.config.failNext;
    if (next !== null && next.count > 0) {
      next.count -= 1;
      const failure = { status: next.status, afterApply: next.afterApply === true };
      if (next.count === 0) this.config.failNext = null;
      return failure;
    }
    const { errorRate, errorStatuses, errorClasses } = this.config;
    if (errorRate <= 0 || (errorClasses.length > 0 && !errorClasses.includes(cls))) return null;
    if (this.random() >= errorRate) return null;
    const pick = errorStatuses[Math.floor(this.random() * errorStatuses.length)] ?? 503;
    return { status: pick, afterApply: false };
  }

  urlTtlOverride(): number | null {
    return this.config.urlTtlSeconds;
  }

  /** Byte offset (into the body being sent) after which the media transfer is cut, or null. */
  truncateAfter(bodyBytes: number): number | null {
    const { truncateMediaAtBytes: bytes, truncateMediaAtFraction: fraction } = this.config;
    const candidates = [bytes, fraction === null ? null : Math.floor(bodyBytes * fraction)].filter((v): v is number => v !== null);
    if (candidates.length === 0) return null;
    const cut = Math.min(...candidates);
    return cut < bodyBytes ? cut : null;
  }

  throttleBps(): number | null {
    return this.config.throttleMediaBps;
  }
}
