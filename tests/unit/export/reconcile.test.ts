import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reconcileSpans } from '../../../electron/core/export';

const span = (startSec: number, endSec: number) => ({ startSec, endSec });

describe('reconcileSpans: cut only what the file shows AND the user paused', () => {
  it('cuts a detected range the user paused, on the detected (frame-exact) edges', () => {
    expect(reconcileSpans([span(10, 20)], [span(9.4, 20.8)])).toEqual([span(10, 20)]);
  });

  it('does not cut a pause the file does not show as black+silent', () => {
    expect(reconcileSpans([span(10, 20)], [span(10, 20), span(40, 50)])).toEqual([span(10, 20)]);
    expect(reconcileSpans([], [span(40, 50)])).toEqual([]);
  });

  it('does not cut black+silent content the user never paused', () => {
    expect(reconcileSpans([span(10, 20), span(60, 70)], [span(10.2, 19.9)])).toEqual([span(10, 20)]);
    expect(reconcileSpans([span(60, 70)], [])).toEqual([]);
  });

  it('keeps black that reaches beyond the user pause by more than the tolerance', () => {
    // The picture went black at 30 (camera off, nobody talking); the user paused at 50 and resumed at 60.
    expect(reconcileSpans([span(30, 60.3)], [span(50, 60)])).toEqual([span(50, 60.3)]);
    // …and black that lasted long after the resume stays too.
    expect(reconcileSpans([span(50.4, 90)], [span(50, 60)])).toEqual([span(50.4, 60)]);
  });

  it('matches within the tolerance and no further', () => {
    expect(reconcileSpans([span(12.5, 20)], [span(10, 20)], { toleranceSec: 3 })).toEqual([span(12.5, 20)]);
    expect(reconcileSpans([span(21, 30)], [span(10, 20)], { toleranceSec: 1 })).toEqual([]);
    expect(reconcileSpans([span(20.5, 30)], [span(10, 20)], { toleranceSec: 1 })).toEqual([]);
  });

  it('two user pauses inside one long black range cut two pieces and keep the black between them', () => {
    expect(reconcileSpans([span(10, 40)], [span(10.3, 20), span(30, 39.8)], { toleranceSec: 1 })).toEqual([span(10, 20), span(30, 40)]);
  });

  it('one user pause over two detected ranges cuts both; unsorted, overlapping inputs are fine', () => {
    expect(reconcileSpans([span(31, 40), span(10, 30)], [span(20, 25), span(10, 40)])).toEqual([span(10, 30), span(31, 40)]);
  });

  it('never cuts outside a detected range, and every cut overlaps a user pause', () => {
    const spans = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 120 })).map(([s, l]) => span(s, s + l)),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(spans, spans, fc.integer({ min: 0, max: 5 }), (detected, user, tol) => {
        const cuts = reconcileSpans(detected, user, { toleranceSec: tol });
        for (const cut of cuts) {
          expect(cut.endSec).toBeGreaterThan(cut.startSec);
          const inside = (t: number): boolean => detected.some((d) => t >= d.startSec && t <= d.endSec);
          expect(inside(cut.startSec) && inside(cut.endSec) && inside((cut.startSec + cut.endSec) / 2)).toBe(true);
          expect(user.some((u) => cut.startSec < u.endSec + tol && cut.endSec > u.startSec - tol)).toBe(true);
        }
        for (let i = 1; i < cuts.length; i++) expect(cuts[i]!.startSec).toBeGreaterThan(cuts[i - 1]!.endSec);
      }),
    );
  });
});
