/*
 * A recorded change in words: "carol@acme.test became owner (was member)".
 * The card, the entity cards and the change list link the entities named,
 * so a sentence is a list of parts, the entities kept apart from the text.
 */
import type {
  GraphChange,
  GraphChangeEntity,
  GraphChangeKind,
  GraphChangeValue,
} from '@sentry-graph/plugin-sentry-graph-common';
import { formatCount } from './time';

/** Text, or a place for the changed entity or the related one (a link where shown). */
export type SentencePart = string | { entity: 'entity' | 'related' };

const ENTITY: SentencePart = { entity: 'entity' };
const RELATED: SentencePart = { entity: 'related' };

/** An entity's name as the card writes it: teams as "#slug", as Sentry does. */
export function entityLabel(
  entity: GraphChangeEntity,
  kind: GraphChangeKind,
): string {
  const name = entity.name ?? entity.id;
  return kind === 'team' ? `#${name}` : name;
}

const present = (value: GraphChangeValue | undefined) =>
  value !== null && value !== undefined;

/** Alert rule settings (`changed`'s `field`), as words. */
const SETTING_LABELS: Record<string, string> = {
  name: 'name',
  action_match: 'action match',
  filter_match: 'filter match',
  frequency: 'frequency',
  environment: 'environment',
  all_projects: 'all projects',
};

/** One value of a change, in words: 2FA "on", SSO "linked", counts with separators. */
export function valueText(
  change: Pick<GraphChange, 'change' | 'field'>,
  value: GraphChangeValue | undefined,
): string {
  if (!present(value)) return 'none';
  if (change.change === '2fa') return value ? 'on' : 'off';
  if (change.change === 'sso') return value ? 'linked' : 'not linked';
  if (typeof value === 'number') {
    return change.field === 'frequency'
      ? `${formatCount(value)} s`
      : formatCount(value);
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The change list's "before → after", with the setting named where one changed. */
export function beforeAfterText(change: GraphChange): string {
  if (change.change === 'count' || change.change === 'initial-import') {
    return valueText(change, change.after);
  }
  if (change.change === 'added' && change.field) {
    return `${change.field}: ${valueText(change, change.after)}`;
  }
  // Added and removed entities carry no values.
  if (change.before === undefined && change.after === undefined) return '—';
  const values = `${valueText(change, change.before)} → ${valueText(change, change.after)}`;
  return change.change === 'changed' && change.field
    ? `${SETTING_LABELS[change.field] ?? change.field}: ${values}`
    : values;
}

const RELEASE_COUNTS: Record<string, string> = {
  added: 'added',
  archived: 'archived',
  unarchived: 'unarchived',
  removed: 'removed',
};

function memberSentence(change: GraphChange): SentencePart[] {
  const { before, after } = change;
  const was = valueText(change, before);
  const is = valueText(change, after);
  switch (change.change) {
    case 'added':
      return present(after)
        ? [ENTITY, ` joined the organization as ${is}`]
        : [ENTITY, ' joined the organization'];
    case 'removed':
      return [ENTITY, ' left the organization'];
    case 'role':
      return [ENTITY, ` became ${is} (was ${was})`];
    case '2fa':
      return [ENTITY, after ? ' turned 2FA on' : ' lost 2FA'];
    case 'sso':
      return [ENTITY, after ? ' linked SSO' : ' unlinked SSO'];
    case 'invite':
      if (after === 'accepted') return [ENTITY, ' accepted the invite'];
      if (after === 'expired') return [ENTITY, "'s invite expired"];
      return [ENTITY, ' was invited again'];
    case 'membership':
      return present(after)
        ? [ENTITY, ' joined ', RELATED, ` as ${is}`]
        : [ENTITY, ' left ', RELATED];
    case 'team-role':
      return [ENTITY, ` became ${is} of `, RELATED, ` (was ${was})`];
    default:
      return genericSentence(change);
  }
}

function alertRuleSentence(change: GraphChange): SentencePart[] {
  switch (change.change) {
    case 'added':
      return ['Alert rule ', ENTITY, ' was added'];
    case 'removed':
      return ['Alert rule ', ENTITY, ' was deleted'];
    case 'status':
      return [
        'Alert rule ',
        ENTITY,
        change.after === 'disabled' ? ' was disabled' : ' was enabled',
      ];
    case 'changed': {
      const setting = SETTING_LABELS[change.field ?? ''] ?? change.field;
      return [
        'Alert rule ',
        ENTITY,
        `: ${setting} changed from ${valueText(change, change.before)} to ${valueText(change, change.after)}`,
      ];
    }
    default:
      return genericSentence(change);
  }
}

function projectSentence(change: GraphChange): SentencePart[] {
  switch (change.change) {
    case 'added':
      return ['Project ', ENTITY, ' was added'];
    case 'removed':
      return ['Project ', ENTITY, ' was removed'];
    case 'team':
      return present(change.after)
        ? ['Project ', ENTITY, ' gained team ', RELATED]
        : ['Project ', ENTITY, ' lost team ', RELATED];
    default:
      return genericSentence(change);
  }
}

/** Whatever the words above do not cover (a kind of change from a newer backend). */
function genericSentence(change: GraphChange): SentencePart[] {
  return [ENTITY, `: ${change.change} ${beforeAfterText(change)}`];
}

/** The change as a sentence, its entities as parts. */
export function changeSentence(change: GraphChange): SentencePart[] {
  // The catalog join's links, of a member, a team or a project alike.
  if (change.change === 'catalog') {
    return present(change.after)
      ? [ENTITY, ` was linked to ${change.after} in the catalog`]
      : [
          ENTITY,
          ` is no longer linked to ${valueText(change, change.before)} in the catalog`,
        ];
  }
  switch (change.kind) {
    case 'member':
      return memberSentence(change);
    case 'alertRule':
      return alertRuleSentence(change);
    case 'project':
      return projectSentence(change);
    case 'team':
      if (change.change === 'added') return ['Team ', ENTITY, ' was added'];
      if (change.change === 'removed') return ['Team ', ENTITY, ' was removed'];
      return genericSentence(change);
    case 'release': {
      const count = typeof change.after === 'number' ? change.after : 0;
      const what = RELEASE_COUNTS[change.field ?? ''] ?? change.field;
      return [
        `${formatCount(count)} release${count === 1 ? '' : 's'} ${what} in `,
        ENTITY,
      ];
    }
    case 'organization':
      if (change.change === 'initial-import') {
        return [
          'First sync of ',
          ENTITY,
          `: ${valueText(change, change.after)} nodes and relationships written`,
        ];
      }
      return genericSentence(change);
    default:
      return genericSentence(change);
  }
}

/** The sentence as plain text: for titles, and what tests read. */
export function sentenceText(change: GraphChange): string {
  return changeSentence(change)
    .map(part => {
      if (typeof part === 'string') return part;
      if (part.entity === 'entity')
        return entityLabel(change.entity, change.kind);
      return change.related
        ? entityLabel(change.related, change.related.kind)
        : '?';
    })
    .join('');
}
