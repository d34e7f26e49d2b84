import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config.ts';

let documentClient: DynamoDBDocumentClient | undefined;

/** The one DocumentClient of the process, created on first use (not at import, for cold starts). */
export const db = (): DynamoDBDocumentClient => {
  if (documentClient) return documentClient;
  const { dynamoDbEndpoint } = config();
  const client = new DynamoDBClient(
    dynamoDbEndpoint
      ? {
          endpoint: dynamoDbEndpoint,
          region: 'ap-northeast-1',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {},
  );
  documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return documentClient;
};

export const tableName = (): string => config().tableName;
