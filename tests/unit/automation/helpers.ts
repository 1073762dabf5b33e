// Shared setup for the automation tests: a real RecordingController on the in-memory Recall bot
// and fake clock from the control tests, and a way to await a promise while that clock runs.
import { RecordingController } from '../../../electron/core/control/controller';
import { FakeClock, FakeRecall } from '../control/fakes';
import type { FakeRecallOptions } from '../control/fakes';

export async function controlledBot(fakeOpts: FakeRecallOptions = {}) {
  const clock = new FakeClock();
  const fake = new FakeRecall(clock, fakeOpts);
  let keys = 0;
  const controller = new RecordingController({ botId: fake.botId, client: fake, clock, timers: clock, newIdempotencyKey: () => `key-${++keys}` });
  await controller.refresh();
  fake.requests.length = 0;
  return { clock, fake, controller };
}

/**
 * Awaits `promise` while advancing the fake clock in 50 ms steps (confirmation reads need it).
 * With `realIo`, each step also yields a real millisecond so sockets and child processes move.
 */
export async function settle<T>(clock: FakeClock, promise: Promise<T>, maxMs = 20_000, realIo = false): Promise<T> {
  const box: { settled?: { value: T } } = {};
  void promise.then((value) => {
    box.settled = { value };
  });
  for (let spent = 0; !box.settled && spent < maxMs; spent += 50) {
    await clock.advance(50);
    if (realIo) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (!box.settled) throw new Error('the promise never settled');
  return box.settled.value;
}
