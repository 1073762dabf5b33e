// Simulated time for the control modules (their Clock and Timers): an hour of polling runs in
// a fraction of a second, deterministically. It is the unit tests' manual clock (due timers fire
// in order, the promise chains they start settle before the next) plus a sleep for the
// simulated server's answers.
import { FakeClock } from '../../tests/unit/control/fakes';

export class VirtualTime extends FakeClock {
  /** Resolves after `ms` of simulated time (for promises the simulated server answers with). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
}
