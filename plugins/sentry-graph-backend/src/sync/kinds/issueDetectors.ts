import {
  apiPath,
  SentryDetectorSchema,
  SentryNotFoundError,
  SentryPermissionError,
  type SentryDetector,
} from '../../sentry';
import { orgPath, type OrganizationContext } from '../context';
import { ISSUE_DETECTOR_TYPES, type RuleTarget } from './alertRuleRecords';

/** Ids per filtered detectors request: one page of the listing. */
const DETECTORS_PER_REQUEST = 100;

/** Where a detector sends its workflows: a project, every project, or nowhere we sync. */
type DetectorTarget = { projectId: string } | 'all-projects' | 'not-an-issue';

/**
 * Which detectors stand for an issue stream, and of which project. Most are
 * learned from the detectors listing. Sentry's workflows listing can also
 * name a detector that listing never shows: the organization-wide
 * `issue_stream` detector, which has no project
 * (src/sentry/workflow_engine/endpoints/validators/utils.py
 * `is_all_projects_detector`; the listing filters `project_id__in`). Those
 * are read one by one from the detector details endpoint, once each.
 */
export class IssueDetectors {
  private readonly targets = new Map<string, DetectorTarget>();

  constructor(private readonly context: OrganizationContext) {}

  learn(detector: SentryDetector): void {
    this.targets.set(detector.id, targetOf(detector));
  }

  /**
   * Learns the detectors among these ids not known yet with one listing
   * request per hundred (`?id=…`, which Sentry's filter_detectors reads
   * across every accessible project), instead of one detail request each.
   * Those it does not list (the organization-wide detector, one gone or out
   * of reach) are then looked up one by one, as are all of them on a Sentry
   * whose listing ignores `id` or refuses it.
   */
  async prefetch(ids: Iterable<string>): Promise<void> {
    const unknown = [...new Set(ids)].filter(id => !this.targets.has(id));
    // One unknown detector costs one request either way.
    if (unknown.length < 2) return;
    const { client, signal } = this.context;
    for (let i = 0; i < unknown.length; i += DETECTORS_PER_REQUEST) {
      const chunk = unknown.slice(i, i + DETECTORS_PER_REQUEST);
      const asked = new Set(chunk);
      try {
        for await (const page of client.paginate(
          orgPath(this.context, 'detectors/'),
          {
            endpoint: 'detectors',
            itemSchema: SentryDetectorSchema,
            query: { id: chunk },
            sequential: true,
            signal,
          },
        )) {
          // A Sentry that ignores the filter lists every detector: stop there.
          if (page.items.some(detector => !asked.has(detector.id))) return;
          page.items.forEach(detector => this.learn(detector));
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        return;
      }
    }
  }

  /**
   * The projects a workflow alerts on; undefined when none of its detectors
   * is an issue detector (metric, uptime and cron alerts, detached ones).
   */
  async targetOf(
    detectorIds: readonly string[],
  ): Promise<RuleTarget | undefined> {
    const projectIds = new Set<string>();
    let allProjects = false;
    for (const id of detectorIds) {
      const target = this.targets.get(id) ?? (await this.lookUp(id));
      if (target === 'all-projects') allProjects = true;
      else if (target !== 'not-an-issue') projectIds.add(target.projectId);
    }
    if (!allProjects && projectIds.size === 0) return undefined;
    return { projectIds: [...projectIds], allProjects };
  }

  private async lookUp(id: string): Promise<DetectorTarget> {
    const { client, organization, signal } = this.context;
    let target: DetectorTarget;
    try {
      target = targetOf(
        await client.getJson(
          apiPath`organizations/${organization.slug}/detectors/${id}/`,
          { endpoint: 'detector', schema: SentryDetectorSchema, signal },
        ),
      );
    } catch (error) {
      // Gone since the workflow was listed, or on a project this token
      // cannot see: either way not a rule of a project we can link.
      if (
        error instanceof SentryNotFoundError ||
        (error instanceof SentryPermissionError && error.status === 403)
      )
        target = 'not-an-issue';
      else throw error;
    }
    this.targets.set(id, target);
    return target;
  }
}

function targetOf(detector: SentryDetector): DetectorTarget {
  if (!ISSUE_DETECTOR_TYPES.has(detector.type)) return 'not-an-issue';
  if (detector.projectId !== null) return { projectId: detector.projectId };
  return detector.type === 'issue_stream' ? 'all-projects' : 'not-an-issue';
}
