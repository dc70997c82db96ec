/**
 * The source of "now" for every rule that depends on time. Time is a UTC instant in epoch
 * milliseconds; the server clock decides (never the client's), and tests inject a fixed or
 * stepping clock.
 */
export type Clock = () => number;

/** The real clock. */
export const systemClock: Clock = () => Date.now();

/** A clock that always answers `at` (tests, replays). */
export function fixedClock(at: number | string | Date): Clock {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  return () => ms;
}

/** A clock the caller can move (tests of deadlines and windows). */
export interface MutableClock {
  readonly now: Clock;
  set(at: number | string | Date): void;
  advance(ms: number): void;
}

/** Makes a clock that starts at `at` and moves only when told to. */
export function mutableClock(at: number | string | Date): MutableClock {
  let current = typeof at === 'number' ? at : new Date(at).getTime();
  return {
    now: () => current,
    set(next) {
      current = typeof next === 'number' ? next : new Date(next).getTime();
    },
    advance(ms) {
      current += ms;
    },
  };
}
