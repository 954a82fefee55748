import type { DetectorJson } from '../../types/alertJson';
import type { OrganizationView } from '../organizationView';

/**
 * Sentry's organization-wide issue-stream detector, behind the
 * `organizations:workflow-engine-all-projects-detector` feature
 * (src/sentry/workflow_engine/endpoints/validators/utils.py
 * `is_all_projects_detector`): an `issue_stream` detector with no project.
 * The detector serializer writes `str(obj.project_id)`, so its projectId is
 * the string "None".
 */
export function isAllProjectsDetector(detector: DetectorJson): boolean {
  return detector.type === 'issue_stream' && detector.projectId === 'None';
}

/** GET requests see the all-projects detector and its workflows only with the feature. */
export function allProjectsDetectorShown(view: OrganizationView): boolean {
  return view.source.organization.features.includes(
    'workflow-engine-all-projects-detector',
  );
}
