import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, IDLE_WARNING_MS, IdleTimer } from './idle-timer.ts';

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

  describe('the warning a minute before (ADR 0037)', () => {
    const withWarning = () => {
      const onIdle = vi.fn();
      const onWarn = vi.fn();
      const onActive = vi.fn();
      const timer = new IdleTimer(IDLE_TIMEOUT_MS, onIdle, Date.now, {
        warnBeforeMs: IDLE_WARNING_MS,
        onWarn,
        onActive,
      });
      return { timer, onIdle, onWarn, onActive };
    };

    it('warns once at 14 minutes, then ends the session at 15', () => {
      expect(IDLE_WARNING_MS).toBe(1 * MINUTE);
      const { timer, onIdle, onWarn, onActive } = withWarning();
      timer.start();
      vi.advanceTimersByTime(14 * MINUTE - 1);
      expect(onWarn).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onWarn).toHaveBeenCalledExactlyOnceWith(1 * MINUTE);
      vi.advanceTimersByTime(1 * MINUTE - 1);
      expect(onIdle).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onIdle).toHaveBeenCalledTimes(1);
      expect(onWarn).toHaveBeenCalledTimes(1);
      expect(onActive).not.toHaveBeenCalled();
    });

    it('activity during the warning ends the warning and starts the 15 minutes again', () => {
      const { timer, onIdle, onWarn, onActive } = withWarning();
      timer.start();
      vi.advanceTimersByTime(14 * MINUTE + 30_000);
      timer.recordActivity();
      expect(onActive).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(14 * MINUTE - 1);
      expect(onWarn).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(onWarn).toHaveBeenCalledTimes(2);
      vi.advanceTimersByTime(1 * MINUTE);
      expect(onIdle).toHaveBeenCalledTimes(1);
    });

    it("counts another tab's activity, but not an older time than its own", () => {
      const { timer, onIdle, onWarn } = withWarning();
      timer.start();
      vi.advanceTimersByTime(10 * MINUTE);
      timer.recordActivity(Date.now() - 11 * MINUTE);
      vi.advanceTimersByTime(4 * MINUTE);
      expect(onWarn).toHaveBeenCalledTimes(1);
      timer.recordActivity(Date.now());
      vi.advanceTimersByTime(14 * MINUTE - 1);
      expect(onIdle).not.toHaveBeenCalled();
    });
  });
});
