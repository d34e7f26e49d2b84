import { CSV_CONTENT_TYPE, csvText } from '../http/raw-response.ts';
import type { Operation } from '../http/route.ts';
import type { exportParticipationRoute } from '@kikan/shared/contracts/supervision';
import { readParticipation } from './participation-get.ts';
import { participationCsvRows, participationFilename } from './participation-record.ts';

/** The same record as the JSON route, as a file an office attaches to its fee claim evidence. */
export const exportParticipation: Operation<typeof exportParticipationRoute> = async ({
  ctx,
  query,
  now,
}) => {
  const record = await readParticipation(ctx, query, now);
  return {
    contentType: CSV_CONTENT_TYPE,
    body: csvText(participationCsvRows(record)),
    filename: participationFilename(record),
  };
};
