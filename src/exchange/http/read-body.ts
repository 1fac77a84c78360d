import type { IncomingMessage } from 'node:http';
import type { Result } from '../../domain/index.js';
import { err, ok } from '../../domain/index.js';

/** Order bodies are a few hundred bytes; this bound only stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * Reads a request body to the end and parses it as JSON; an empty body is `undefined`. Never rejects: the server
 * starts reading before it knows whether a route will want the body.
 */
export async function readJsonBody(req: IncomingMessage): Promise<Result<unknown, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Read to the end even when too large, so a keep-alive connection stays usable.
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    }
  } catch (e) {
    return err(`request body could not be read: ${(e as Error).message}`);
  }
  if (size > MAX_BODY_BYTES) return err(`request body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return ok(undefined);
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return err('request body format is invalid');
  }
}
