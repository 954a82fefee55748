/*
 * The data behind GET /api/sentry-graph/summary: per organization, what the
 * graph holds and the findings a security engineer looks at first.
 * One query lists the organizations, then three per organization
 * (summaryCypher.ts says why each is shaped as it is): counts, the list
 * findings, the newest release. Measured on a synthetic XL organization next
 * to a small one: a warm summary of XL takes about 0.35-0.5 s, of the small
 * one about 0.15 s.
 */
import type {
  Finding,
  ListedFinding,
  OrganizationSummary,
} from '@sentry-graph/plugin-sentry-graph-common';
import type { Record as Neo4jRecord } from 'neo4j-driver';
import type { GraphReader } from './Neo4jSessions';
import {
  COUNTS,
  FINDING_KEYS,
  FINDINGS_QUERY,
  NEWEST_RELEASE_BY_EXPANSION,
  NEWEST_RELEASE_BY_INDEX,
  findingLabel,
  ORGANIZATIONS,
} from './summaryCypher';
import type { LinkTarget, SentryLinks } from './sentryLinks';
import { asRecordList, isRecord, num, text, withoutUndefined } from './values';

export { ITEM_LIMIT, SUMMARY_CYPHER } from './summaryCypher';
export type { Finding, OrganizationSummary };

/**
 * Summaries of every organization in the graph, or of the one with the given
 * slug; [] when there is no such organization.
 */
export async function readGraphSummary(
  store: GraphReader,
  options: { organization?: string; links: SentryLinks; runId?: string },
): Promise<OrganizationSummary[]> {
  const organizations = await store.read(ORGANIZATIONS, {
    slug: options.organization ?? null,
  });
  const summaries: OrganizationSummary[] = [];
  // One organization at a time: a graph rarely holds many, and this keeps the
  // load on Neo4j to two queries in flight.
  for (const record of organizations.records) {
    summaries.push({
      computedAt: new Date().toISOString(),
      ...(options.runId ? { runId: options.runId } : {}),
      ...(await summarize(store, record, options.links)),
    });
  }
  return summaries;
}

async function summarize(
  store: GraphReader,
  org: Neo4jRecord,
  links: SentryLinks,
): Promise<Omit<OrganizationSummary, 'computedAt' | 'runId'>> {
  const params = { organizationId: text(org.get('id')) ?? '' };
  const slug = text(org.get('slug')) ?? '';
  const [findings, { counts, newest }] = await Promise.all([
    store.read(FINDINGS_QUERY, params),
    readCountsAndNewestRelease(store, params),
  ]);
  const count = (key: string) => num(counts?.get(key)) ?? 0;
  const require2fa = org.get('require2fa') === true;
  const listed = Object.fromEntries(
    FINDING_KEYS.map(key => {
      const label = findingLabel(key);
      const url = (target: LinkTarget) => links.node(slug, label, target);
      return [key, finding(findings.records[0]?.get(key), url)];
    }),
  ) as Record<ListedFinding, Finding>;

  return {
    organization: withoutUndefined({
      id: params.organizationId,
      slug,
      name: text(org.get('name')),
      url: links.organization(slug),
      require2fa,
      lastUpdated: num(org.get('lastUpdated')),
    }),
    nodes: {
      SentryOrganization: 1,
      SentryTeam: count('teams'),
      SentryUser: count('users'),
      SentryProject: count('projects'),
      SentryRelease: count('releases'),
      SentryAlertRule: count('rules'),
    },
    relationships: {
      RESOURCE: count('resource'),
      MEMBER_OF: count('memberOf'),
      ADMIN_OF: count('adminOf'),
      HAS_TEAM: count('hasTeam'),
      HAS_RULE: count('hasRule'),
      HAS_RELEASE: count('hasRelease'),
    },
    findings: {
      ...listed,
      membersWithout2fa: { ...listed.membersWithout2fa, flagged: require2fa },
      ...(newest ? { newestRelease: newestRelease(newest, slug, links) } : {}),
    },
  };
}

async function readCountsAndNewestRelease(
  store: GraphReader,
  params: { organizationId: string },
) {
  const counts = (await store.read(COUNTS, params)).records[0];
  const releases = num(counts?.get('releases')) ?? 0;
  if (releases === 0) return { counts, newest: undefined };
  // Which plan is cheaper depends on whose releases the graph holds (summaryCypher.ts).
  const byIndex = releases * 2 > (num(counts?.get('allReleases')) ?? 0);
  const result = await store.read(
    byIndex ? NEWEST_RELEASE_BY_INDEX : NEWEST_RELEASE_BY_EXPANSION,
    params,
  );
  return { counts, newest: result.records[0] };
}

/** A finding as Neo4j returned it, checked item by item, each linked by `url`. */
export function finding(
  value: unknown,
  url: (target: LinkTarget & { organization?: string }) => string | undefined,
): Finding {
  const map = isRecord(value) ? value : {};
  return {
    count: num(map.count) ?? 0,
    items: asRecordList(map.items).map(item => {
      const id = text(item.id) ?? '';
      const slug = text(item.slug);
      const organization = text(item.organization);
      return withoutUndefined({
        id,
        name: text(item.name),
        slug,
        email: text(item.email),
        entityRef: text(item.entityRef),
        organization,
        url: url({
          id,
          slug,
          organization,
          projectSlug: text(item.project_slug),
          source: text(item.source),
        }),
      });
    }),
  };
}

function newestRelease(release: Neo4jRecord, org: string, links: SentryLinks) {
  const version = text(release.get('version')) ?? '';
  return withoutUndefined({
    id: text(release.get('id')) ?? '',
    version,
    dateCreated: text(release.get('dateCreated')),
    url: links.release(org, version),
  });
}
