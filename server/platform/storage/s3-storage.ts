import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { StorageConfig } from '../../config.js';
import { type FileStorage, requireSafeKey } from './storage.js';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

/** S3-compatible object storage: every node sees the same files. Credentials come from config or the SDK's chain. */
export class S3Storage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
      forcePathStyle: config.forcePathStyle,
      // Checksums only where S3 requires them: many S3-compatible stores cannot read the aws-chunked bodies.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, size: number, contentType: string): Promise<void> {
    // The length is known (uploads are counted on their way in), so the body streams in one request.
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.config.bucket,
        Key: requireSafeKey(key),
        Body: body,
        ContentLength: size,
        ContentType: contentType,
      }),
    );
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const found = await this.client.send(
        new GetObjectCommand({ Bucket: this.config.bucket, Key: requireSafeKey(key) }),
      );
      return (found.Body as Readable | undefined) ?? null;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: requireSafeKey(key) }));
  }
}
