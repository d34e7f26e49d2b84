import { IMPORT_MAX_BYTES } from '@kikan/shared/import-file';
import { isStalledRun, type ImportJobCreated, type ImportJobView } from '@kikan/shared/import-job';
import { NetworkError, userMessageOf } from './api.ts';

/** How one kind of import reaches its routes (caseload, decisions): the job's calls, nothing else. */
export interface ImportJobCalls {
  create: (sizeBytes: number) => Promise<ImportJobCreated>;
  get: (jobId: string) => Promise<ImportJobView>;
  run: (jobId: string, mode: 'dry_run' | 'import') => Promise<ImportJobView>;
}

const POLL_MS = 1000;
/** Lost connections in a row before the page stops polling (the job itself is not affected). */
const MAX_POLL_FAILURES = 5;

/**
 * One import on a page (ADR 0034): the file goes straight to storage with the signed URL, never
 * through the API; the dry run and the import run outside the request and the job is polled until
 * it settles. The page keeps only its wording.
 */
export class ImportJobController {
  file = $state.raw<File | null>(null);
  job = $state.raw<ImportJobView | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /**
   * A run that has not moved for longer than its processor may run (it died): polling stops and
   * the page offers to start it again — an import continues where it stopped (ADR 0034).
   */
  readonly stalled = $derived(this.job !== null && isStalledRun(this.job, Date.now()));
  readonly running = $derived(
    (this.job?.state === 'checking' || this.job?.state === 'importing') && !this.stalled,
  );
  readonly canImport = $derived(
    this.job?.state === 'checked' && this.job.problemCount === 0 && this.job.rowsNew > 0,
  );
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly calls: ImportJobCalls) {}

  #poll(jobId: string, failures = 0): void {
    this.#timer = setTimeout(
      async () => {
        try {
          const job = await this.calls.get(jobId);
          this.job = job;
          this.error = null;
          if ((job.state === 'checking' || job.state === 'importing') && !isStalledRun(job, Date.now()))
            this.#poll(jobId);
        } catch (caught) {
          this.error = userMessageOf(caught);
          // The work goes on on the server whatever one read missed: a lost connection is asked again,
          // a few times, before the page gives up showing the progress.
          if (caught instanceof NetworkError && failures < MAX_POLL_FAILURES) this.#poll(jobId, failures + 1);
        }
      },
      POLL_MS * (failures + 1),
    );
  }

  async #run(jobId: string, mode: 'dry_run' | 'import'): Promise<void> {
    this.job = await this.calls.run(jobId, mode);
    this.#poll(jobId);
  }

  /** Upload → dry run. */
  check = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    this.error = null;
    const file = this.file;
    if (!file) {
      this.error = 'ファイルを選んでください';
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      this.error = 'ファイルが大きすぎます（10MBまで）。ファイルを分けてアップロードしてください';
      return;
    }
    this.busy = true;
    try {
      const created = await this.calls.create(file.size);
      const uploaded = await fetch(created.upload.url, {
        method: created.upload.method,
        headers: created.upload.headers,
        body: file,
      });
      if (!uploaded.ok) throw new Error('upload');
      this.job = created.job;
      await this.#run(created.job.jobId, 'dry_run');
    } catch (caught) {
      this.error =
        caught instanceof Error && caught.message === 'upload'
          ? 'ファイルを送れませんでした。もう一度お試しください'
          : userMessageOf(caught);
    } finally {
      this.busy = false;
    }
  };

  importNow = async (): Promise<void> => {
    if (!this.job) return;
    this.busy = true;
    this.error = null;
    try {
      await this.#run(this.job.jobId, 'import');
    } catch (caught) {
      this.error = userMessageOf(caught);
    } finally {
      this.busy = false;
    }
  };

  /** Starts a stalled run again in its own mode: a stalled import resumes as an import. */
  restart = async (): Promise<void> => {
    if (!this.job) return;
    this.busy = true;
    this.error = null;
    try {
      await this.#run(this.job.jobId, this.job.state === 'importing' ? 'import' : 'dry_run');
    } catch (caught) {
      this.error = userMessageOf(caught);
    } finally {
      this.busy = false;
    }
  };

  stop(): void {
    clearTimeout(this.#timer);
  }
}

/** Whole percent of a job's progress (an empty job is done). */
export const percentDone = (done: number, total: number): number =>
  total === 0 ? 100 : Math.floor((done / total) * 100);
