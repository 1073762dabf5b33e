// Public surface of recording control: the per-bot controller, its action rules and log, the
// recorded-time clock, the poller, and the injected clock/timer types.
export * from './actions';
export * from './action-log';
export * from './clock';
export * from './control-error';
export * from './controller';
export * from './controller-registry';
export * from './poller';
export * from './recording-clock';
