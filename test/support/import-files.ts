import type { ImportJobView } from '@kikan/shared/import-job';
import type { TestApi } from './test-api.ts';

export { HEADERS, caseloadRow, csvOf, type ImportCells } from '../../services/local/caseload-rows.ts';

/** Shift_JIS bytes, built from the runtime's own decoder (Node has no Shift_JIS encoder). */
export const shiftJisOf = (text: string): Uint8Array => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('shift_jis');
  for (const lead of [...Array(0x1f).keys()]
    .map((i) => 0x81 + i)
    .concat([...Array(0x1d).keys()].map((i) => 0xe0 + i))) {
    for (let trail = 0x40; trail <= 0xfc; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(new Uint8Array([lead, trail]));
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char.charCodeAt(0) < 0x80) bytes.push(char.charCodeAt(0));
    else {
      const encoded = table.get(char);
      if (!encoded) throw new Error(`no Shift_JIS for ${char}`);
      bytes.push(...encoded);
    }
  }
  return new Uint8Array(bytes);
};

/** The caseload's routes, or the municipality's decisions' (issue 15 point 3). */
export type ImportRoutes = '/api/imports' | '/api/decision-imports';

/** Creates a job, PUTs the bytes to its signed URL, and returns the job id. */
export const uploadFile = async (
  api: TestApi,
  as: string,
  bytes: Uint8Array,
  routes: ImportRoutes = '/api/imports',
): Promise<string> => {
  const created = await api.call('POST', routes, {
    as,
    body:
      routes === '/api/imports' ? { kind: 'caseload', sizeBytes: bytes.length } : { sizeBytes: bytes.length },
  });
  if (created.status !== 201) throw new Error(`create job: ${created.status} ${created.text}`);
  const { job, upload } = created.json as {
    job: ImportJobView;
    upload: { url: string; headers: Record<string, string> };
  };
  const put = await fetch(`${api.stack.url}${upload.url}`, {
    method: 'PUT',
    headers: upload.headers,
    body: bytes,
  });
  if (put.status !== 200) throw new Error(`upload: ${put.status}`);
  return job.jobId;
};

/** Starts a run and polls the job until it is no longer running. */
export const runJob = async (
  api: TestApi,
  as: string,
  jobId: string,
  mode: 'dry_run' | 'import',
  routes: ImportRoutes = '/api/imports',
): Promise<ImportJobView> => {
  const started = await api.call('POST', `${routes}/${jobId}/runs`, { as, body: { mode } });
  if (started.status !== 200) throw new Error(`run: ${started.status} ${started.text}`);
  for (;;) {
    const polled = await api.call('GET', `${routes}/${jobId}`, { as });
    const job = polled.json as ImportJobView;
    if (job.state !== 'checking' && job.state !== 'importing') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
