import type { IncomingMessage } from 'node:http';
import { applyChangesToStore } from '../changes/applyChanges';
import { SampleChangeError } from '../changes/organizationDraft';
import type { SampleStore } from './sampleStore';
import type { OutgoingResponse } from './responseWriter';

/** Routes of the sample server itself, outside Sentry's /api/0/: no Sentry auth, no rate limit. */
export const SAMPLE_ADMIN_PREFIX = '/__sample/';
const CHANGES_PATH = '/__sample/changes';
const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new SampleChangeError(`the body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function badRequest(detail: string): OutgoingResponse {
  return { status: 400, body: { detail }, headers: {} };
}

/**
 * POST /__sample/changes with a ChangeBatch as JSON: 200 with what was applied, or 400 with
 * what is wrong (nothing applied). Other paths under /__sample/ are 404s.
 */
export async function answerSampleAdmin(
  store: () => SampleStore,
  method: string,
  pathname: string,
  req: IncomingMessage,
): Promise<OutgoingResponse> {
  if (pathname !== CHANGES_PATH && pathname !== `${CHANGES_PATH}/`)
    return { status: 404, body: { detail: 'Not found' }, headers: {} };
  if (method !== 'POST')
    return {
      status: 405,
      body: { detail: `Method "${method}" not allowed.` },
      headers: { Allow: 'POST' },
    };
  let input: unknown;
  try {
    input = JSON.parse(await readBody(req));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return badRequest(`the body is not JSON: ${reason}`);
  }
  try {
    return {
      status: 200,
      body: applyChangesToStore(store(), input),
      headers: {},
    };
  } catch (error) {
    if (error instanceof SampleChangeError) return badRequest(error.message);
    throw error;
  }
}
