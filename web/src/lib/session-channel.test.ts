import { describe, expect, it, vi } from 'vitest';
import { SESSION_CHANNEL, SessionChannel, type SessionListeners } from './session-channel.ts';

/** Two tabs of one origin: Node's BroadcastChannel delivers between instances of one process. */
const tab = () => ({
  activity: vi.fn<SessionListeners['activity']>(),
  ended: vi.fn<SessionListeners['ended']>(),
  signedIn: vi.fn<SessionListeners['signedIn']>(),
});

/** Messages arrive in the order sent: once the last one is in, so are those before it. */
const deliveredUpTo = (signedIn: ReturnType<typeof tab>['signedIn']) =>
  vi.waitFor(() => expect(signedIn).toHaveBeenCalled(), { timeout: 10_000 });

describe('SessionChannel (ADR 0037)', () => {
  it('tells the other tabs of activity, an end with its notice, and a sign-in — not itself', async () => {
    const first = tab();
    const second = tab();
    const channels: BroadcastChannel[] = [];
    const make = (name: string) => {
      const channel = new BroadcastChannel(name);
      channels.push(channel);
      return channel;
    };
    const a = new SessionChannel(first, make);
    new SessionChannel(second, make);
    expect(channels.map((channel) => channel.name)).toEqual([SESSION_CHANNEL, SESSION_CHANNEL]);

    a.announceActivity(1_000_000);
    a.announceActivity(1_001_000); // within 5 s of the last: not sent again
    a.announceEnd('15分間操作がなかったため');
    a.announceSignIn();
    await deliveredUpTo(second.signedIn);

    expect(second.activity).toHaveBeenCalledExactlyOnceWith(1_000_000);
    expect(second.ended).toHaveBeenCalledExactlyOnceWith('15分間操作がなかったため');
    expect(second.signedIn).toHaveBeenCalledTimes(1);
    expect(first.activity).not.toHaveBeenCalled();
    expect(first.ended).not.toHaveBeenCalled();
    for (const channel of channels) channel.close();
  });

  it('ignores messages of another shape', async () => {
    const listeners = tab();
    const channels: BroadcastChannel[] = [];
    new SessionChannel(listeners, (name) => {
      const channel = new BroadcastChannel(name);
      channels.push(channel);
      return channel;
    });
    const stranger = new BroadcastChannel(SESSION_CHANNEL);
    stranger.postMessage({ type: 'activity', at: 'soon' });
    stranger.postMessage({ type: 'ended', notice: 5 });
    stranger.postMessage('signed-in');
    stranger.postMessage({ type: 'signed-in' });
    await deliveredUpTo(listeners.signedIn);
    expect(listeners.activity).not.toHaveBeenCalled();
    expect(listeners.ended).not.toHaveBeenCalled();
    expect(listeners.signedIn).toHaveBeenCalledTimes(1);
    stranger.close();
    for (const channel of channels) channel.close();
  });
});
