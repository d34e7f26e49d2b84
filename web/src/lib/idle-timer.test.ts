import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, IdleTimer } from './idle-timer.ts';

const MINUTE = 60 * 1000;

describe('IdleTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('uses a 15-minute timeout', () => {
    expect(IDLE_TIMEOUT_MS).toBe(15 * MINUTE);
  });

  it('fires once 15 minutes after start when there is no activity', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(IDLE_TIMEOUT_MS, onIdle);

    timer.start();
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(timer.running).toBe(false);
  });

  it('counts the 15 minutes from the last activity', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(IDLE_TIMEOUT_MS, onIdle);

    timer.start();
    vi.advanceTimersByTime(10 * MINUTE);
    timer.recordActivity();
    vi.advanceTimersByTime(14 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('never fires after stop, and ignores activity while stopped', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(IDLE_TIMEOUT_MS, onIdle);

    timer.start();
    vi.advanceTimersByTime(5 * MINUTE);
    timer.stop();
    timer.recordActivity();
    vi.advanceTimersByTime(60 * MINUTE);

    expect(onIdle).not.toHaveBeenCalled();
    expect(timer.running).toBe(false);
  });

  it('restarting resets the countdown', () => {
    const onIdle = vi.fn();
    const timer = new IdleTimer(IDLE_TIMEOUT_MS, onIdle);

    timer.start();
    vi.advanceTimersByTime(14 * MINUTE);
    timer.start();
    vi.advanceTimersByTime(14 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });
});
