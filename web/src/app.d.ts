// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    /** History state a page leaves for the next one: what was just recorded, announced there once. */
    interface PageState {
      flash?: string;
    }
  }
}

export {};
