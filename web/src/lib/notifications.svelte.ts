import type { NotificationList } from '@kikan/shared';
import { listNotificationsRoute } from '@kikan/shared/contracts/admin';
import { createContext } from 'svelte';
import { userMessageOf, type ApiClient } from './api.ts';

/**
 * The signed-in user's notifications (ADR 0038): read when they sign in or switch office, and again
 * when the notifications page opens, so the header's count and the page agree. Counts and links
 * only; nothing of it is kept in browser storage.
 */
export class Notifications {
  list = $state.raw<NotificationList | null>(null);
  error = $state<string | null>(null);
  #loading: Promise<void> | null = null;

  get count(): number {
    return this.list?.items.length ?? 0;
  }

  load(api: ApiClient): Promise<void> {
    this.#loading ??= api
      .call(listNotificationsRoute)
      .then(
        (list) => {
          this.list = list;
          this.error = null;
        },
        (caught: unknown) => {
          this.error = userMessageOf(caught);
        },
      )
      .finally(() => {
        this.#loading = null;
      });
    return this.#loading;
  }

  clear(): void {
    this.list = null;
    this.error = null;
  }
}

export const [getNotifications, setNotifications] = createContext<Notifications>();
