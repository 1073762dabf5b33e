// The shape every benchmark returns and the report renders: method, result tables, target
// checks (met / missed and by how much) and the key numbers the smoke test checks are finite.

export interface Table {
  caption?: string;
  headers: string[];
  rows: string[][];
}

export interface TargetCheck {
  what: string;
  target: string;
  measured: string;
  /** null: not measurable in this run (the reason is in `note`). */
  met: boolean | null;
  /** For a miss: by how much, and what would close it. */
  note?: string;
}

export interface BenchmarkBody {
  method: string[];
  tables: Table[];
  targets: TargetCheck[];
  notes: string[];
  /** Key numbers by name; every one must be finite. */
  metrics: Record<string, number>;
}

export interface BenchmarkResult extends BenchmarkBody {
  id: string;
  title: string;
  /** Load average (1 min) when the benchmark started and ended. */
  loadStart: number;
  loadEnd: number;
  wallMs: number;
}

export interface BenchContext {
  /** Smoke mode: tiny sizes, few iterations; checks the benchmark works, not the numbers. */
  quick: boolean;
  /** Adds the long variants (the 4 GiB download). */
  full: boolean;
  log(line: string): void;
}

export interface Benchmark {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<BenchmarkBody>;
}

/** A target check from a measured number against an upper bound. */
export function atMost(what: string, measured: number, limit: number, unit: string, digits: number, closeIt: string): TargetCheck {
  const met = measured <= limit;
  const shown = `${measured.toFixed(digits)} ${unit}`.trim();
  return {
    what,
    target: `≤ ${limit} ${unit}`.trim(),
    measured: shown,
    met,
    ...(!met && { note: `missed by ${(measured - limit).toFixed(digits)} ${unit} (${((measured / limit - 1) * 100).toFixed(0)} % over). ${closeIt}` }),
  };
}

/** A target check from a measured number against a lower bound. */
export function atLeast(what: string, measured: number, limit: number, unit: string, digits: number, closeIt: string): TargetCheck {
  const met = measured >= limit;
  return {
    what,
    target: `≥ ${limit} ${unit}`.trim(),
    measured: `${measured.toFixed(digits)} ${unit}`.trim(),
    met,
    ...(!met && { note: `missed by ${(limit - measured).toFixed(digits)} ${unit}. ${closeIt}` }),
  };
}
