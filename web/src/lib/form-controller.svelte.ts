import { tick } from 'svelte';
import {
  ApiError,
  VERSION_MISMATCH_MESSAGE,
  formErrorsOfServerFields,
  isVersionMismatch,
  userMessageOf,
} from './api.ts';
import type { FormCheck } from './forms.ts';

export interface SummaryItem {
  /** The input's id: the summary links to it. */
  name: string;
  label: string;
  message: string;
}

/**
 * The state every form of the portal shares: errors by input, messages for the summary, the
 * sending flag and a stale-write flag. After a failed submit the error summary takes the focus,
 * so keyboard and screen-reader users land on the list of what to fix.
 */
export class FormController {
  errors = $state<Record<string, string>>({});
  general = $state<string[]>([]);
  submitting = $state(false);
  /** The server refused the write because someone else changed the record (412). */
  stale = $state(false);
  summary = $state<HTMLElement | undefined>();
  readonly #labelOf: (name: string) => string;
  readonly #staleMessage: string;

  /**
   * `staleMessage`: what a 412 says, for forms whose record is not a case (the retention period).
   */
  constructor(labelOf: (name: string) => string, options: { staleMessage?: string } = {}) {
    this.#labelOf = labelOf;
    this.#staleMessage = options.staleMessage ?? VERSION_MISMATCH_MESSAGE;
  }

  get items(): SummaryItem[] {
    return Object.entries(this.errors).map(([name, message]) => ({
      name,
      label: this.#labelOf(name),
      message,
    }));
  }

  get hasErrors(): boolean {
    return this.general.length > 0 || Object.keys(this.errors).length > 0;
  }

  clear(): void {
    this.errors = {};
    this.general = [];
    this.stale = false;
  }

  async showErrors(byInput: Record<string, string>, general: string[] = []): Promise<void> {
    this.errors = byInput;
    this.general = general;
    await tick();
    this.summary?.focus();
  }

  /**
   * Checks the form with its shared schema, then sends it. Field errors from the server land on
   * their inputs; a 412 marks the form stale. Resolves true when the server accepted it.
   */
  async submit<T>(check: FormCheck<T>, send: (input: T) => Promise<void>): Promise<boolean> {
    if (this.submitting) return false;
    if (!check.ok) {
      await this.showErrors(check.errors, check.general);
      return false;
    }
    this.clear();
    this.submitting = true;
    try {
      await send(check.input);
      return true;
    } catch (caught) {
      if (isVersionMismatch(caught)) {
        this.stale = true;
        await this.showErrors({}, [this.#staleMessage]);
      } else if (caught instanceof ApiError && caught.fields.length > 0) {
        const mapped = formErrorsOfServerFields(caught.fields);
        await this.showErrors(mapped.byInput, mapped.general);
      } else {
        await this.showErrors({}, [userMessageOf(caught)]);
      }
      return false;
    } finally {
      this.submitting = false;
    }
  }
}
