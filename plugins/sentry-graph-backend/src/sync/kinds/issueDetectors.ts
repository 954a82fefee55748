import {
  apiPath,
  SentryDetectorSchema,
  SentryNotFoundError,
  SentryPermissionError,
  type SentryDetector,
} from '../../sentry';
import type { OrganizationContext } from '../context';
import { ISSUE_DETECTOR_TYPES, type RuleTarget } from './alertRuleRecords';

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
  /** Details read this run, for the report. */
  lookedUp = 0;

  constructor(private readonly context: OrganizationContext) {}

  learn(detector: SentryDetector): void {
    this.targets.set(detector.id, targetOf(detector));
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
      this.lookedUp++;
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
