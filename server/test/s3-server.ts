import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no types; the suite uses only its constructor, run and close.
import S3rver from 's3rver';
import type { StorageConfig } from '../config.js';

/** A real S3-compatible server on 127.0.0.1 with one bucket, for the storage contract and S3 tests. */
export async function startS3Server(bucket = 'plein-test') {
  const directory = await mkdtemp(join(tmpdir(), 'plein-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const address = (await server.run()) as AddressInfo;
  const config: StorageConfig = {
    kind: 's3',
    bucket,
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${address.port}`,
    // s3rver's fixed development credentials.
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    forcePathStyle: true,
  };
  return {
    config,
    /** Where the server keeps the objects' bytes: tests look there for what should be gone. */
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
