import { readFileSync } from 'node:fs';
import type { SampleData } from './types/sampleData';

/**
 * Reads a JSON file with the SampleData shape (listings as arrays). Only the outline is checked
 * here; the server serves whatever items the file holds, so a file can also carry broken items
 * on purpose.
 */
export function loadSampleData(file: string): SampleData {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(parsed) || !Array.isArray(parsed.organizations)) {
    throw new Error(
      `${file}: expected an object with an "organizations" array`,
    );
  }
  parsed.organizations.forEach((organization: unknown, index: number) => {
    const where = `${file}: organizations[${index}]`;
    if (!isRecord(organization) || !isRecord(organization.organization))
      throw new Error(`${where}.organization is missing`);
    for (const key of [
      'members',
      'teams',
      'projects',
      'releases',
      'detectors',
      'workflows',
    ]) {
      if (organization[key] === undefined) organization[key] = [];
      if (!Array.isArray(organization[key]))
        throw new Error(`${where}.${key} must be an array`);
    }
    if (organization.teamMembers === undefined) organization.teamMembers = {};
    if (!isRecord(organization.teamMembers))
      throw new Error(`${where}.teamMembers must be an object`);
  });
  return parsed as unknown as SampleData;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
