import type { IncomingMessage } from 'node:http';
import { applyChangesToStore } from '../changes/applyChanges';
import {
  dayOfChangesIn,
  type DayOfChangesOptions,
} from '../changes/dayOfChanges';
import { dayAfterIn, type DayAfterOptions } from '../changes/dayAfter';
import { SampleChangeError } from '../changes/organizationDraft';
import type { SampleStore } from './sampleStore';
import type { OutgoingResponse } from './responseWriter';

/** Routes of the sample server itself, outside Sentry's /api/0/: no Sentry auth, no rate limit. */
export const SAMPLE_ADMIN_PREFIX = '/__sample/';
const CHANGES_PATH = '/__sample/changes';
const DAY_PATH = '/__sample/day-of-changes';
const DAY_AFTER_PATH = '/__sample/day-after';
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

const isPath = (pathname: string, path: string) =>
  pathname === path || pathname === `${path}/`;

/** The options of POST /__sample/day-of-changes, checked. */
function dayOptions(input: unknown): DayOfChangesOptions {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new SampleChangeError('the body must be a JSON object');
  const { seed, organization, at } = input as Record<string, unknown>;
  if (seed !== undefined && !Number.isInteger(seed))
    throw new SampleChangeError('seed must be a whole number');
  if (organization !== undefined && typeof organization !== 'string')
    throw new SampleChangeError('organization must be a slug or id');
  if (at !== undefined && typeof at !== 'string')
    throw new SampleChangeError('at must be an ISO 8601 time');
  return {
    seed: seed as number | undefined,
    organization: organization as string | undefined,
    at: at as string | undefined,
  };
}

/** The options of POST /__sample/day-after, checked. */
function dayAfterOptions(input: unknown): DayAfterOptions {
  const { organization, at } = dayOptions(input);
  if (typeof input === 'object' && input !== null && 'seed' in input)
    throw new SampleChangeError('the day after takes no seed');
  return { organization, at };
}

/**
 * POST /__sample/changes with a ChangeBatch as JSON, POST /__sample/day-of-changes with
 * dayOfChanges' options ({seed?, organization?, at?}), or POST /__sample/day-after with
 * dayAfter's ({organization?, at?}), drawn from the data served now: 200 with what was
 * applied (the day after also with its `changes`, to know what to look for), or 400 with
 * what is wrong (nothing applied). Other paths under /__sample/ are 404s.
 */
export async function answerSampleAdmin(
  store: () => SampleStore,
  method: string,
  pathname: string,
  req: IncomingMessage,
): Promise<OutgoingResponse> {
  const day = isPath(pathname, DAY_PATH);
  const dayAfterPath = isPath(pathname, DAY_AFTER_PATH);
  if (!day && !dayAfterPath && !isPath(pathname, CHANGES_PATH))
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
    if (dayAfterPath) {
      const batch = dayAfterIn(store(), dayAfterOptions(input));
      return {
        status: 200,
        body: {
          ...applyChangesToStore(store(), batch),
          changes: batch.changes,
        },
        headers: {},
      };
    }
    const batch = day ? dayOfChangesIn(store(), dayOptions(input)) : input;
    return {
      status: 200,
      body: applyChangesToStore(store(), batch),
      headers: {},
    };
  } catch (error) {
    if (error instanceof SampleChangeError) return badRequest(error.message);
    throw error;
  }
}
