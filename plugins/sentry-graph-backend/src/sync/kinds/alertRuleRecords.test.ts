import {
  fromLegacyRule,
  fromWorkflow,
  primaryActionFilter,
} from './alertRuleRecords';
import type { SentryLegacyRule, SentryWorkflow } from '../../sentry';

const workflow: SentryWorkflow = {
  id: '98765',
  name: 'New errors',
  dateCreated: '2023-01-15T06:45:34.353346Z',
  triggers: { logicType: 'any-short' },
  actionFilters: [
    { id: '334', logicType: 'none' },
    { id: '333', logicType: 'all' },
  ],
  environment: 'production',
  config: { frequency: 60 },
  detectorIds: ['777'],
  enabled: true,
};

const onProjects = (...projectIds: string[]) => ({
  projectIds,
  allProjects: false,
});

describe('fromWorkflow', () => {
  const slugs = new Map([
    ['2', 'web'],
    ['1', 'api'],
  ]);

  it('maps a workflow to the contract, converting minutes to seconds and any-short to any', () => {
    expect(fromWorkflow(workflow, onProjects('2', '1'), slugs)).toEqual({
      id: '98765',
      source: 'workflow',
      allProjects: false,
      name: 'New errors',
      dateCreated: '2023-01-15T06:45:34.353346Z',
      actionMatch: 'any',
      filterMatch: 'all',
      frequencySeconds: 3600,
      environment: 'production',
      status: 'active',
      projectSlug: 'api',
    });
  });

  it("takes Sentry's default of 30 minutes for a missing frequency, leaves filter_match absent without action filters, and marks disabled workflows", () => {
    const record = fromWorkflow(
      {
        ...workflow,
        actionFilters: [],
        config: null,
        triggers: null,
        enabled: false,
        environment: null,
      },
      onProjects('2'),
      slugs,
    );
    expect(record.frequencySeconds).toBe(1800);
    expect(record.filterMatch).toBeUndefined();
    expect(record.actionMatch).toBeUndefined();
    expect(record.environment).toBeNull();
    expect(record.status).toBe('disabled');
    expect(record.projectSlug).toBe('web');
  });

  it('keeps a frequency of zero ("every time") as zero seconds', () => {
    expect(
      fromWorkflow(
        { ...workflow, config: { frequency: 0 } },
        onProjects('1'),
        slugs,
      ).frequencySeconds,
    ).toBe(0);
  });

  it('marks a rule on the organization-wide detector as one for all projects', () => {
    const record = fromWorkflow(
      workflow,
      { projectIds: ['1', '2'], allProjects: true },
      slugs,
    );
    expect(record.allProjects).toBe(true);
    expect(record.projectSlug).toBe('api');
  });
});

describe('primaryActionFilter', () => {
  it('is the filter with the lowest id, whatever order Sentry lists them in', () => {
    const filters = [{ id: '1000' }, { id: '999' }, { id: '10000' }];
    expect(primaryActionFilter(filters)).toEqual({ id: '999' });
    expect(primaryActionFilter([...filters].reverse())).toEqual({ id: '999' });
    expect(primaryActionFilter([])).toBeUndefined();
  });
});

describe('fromLegacyRule', () => {
  const rule: SentryLegacyRule = {
    id: '3',
    name: 'High Number of Issues',
    dateCreated: '2023-01-15T06:45:34.353346Z',
    actionMatch: 'any',
    filterMatch: null,
    frequency: 60,
    environment: null,
    status: 'active',
  };

  it('defaults missing match logic to all and uses the project whose listing returned it', () => {
    expect(
      fromLegacyRule({ ...rule, actionMatch: undefined }, 'melody'),
    ).toEqual({
      id: '3',
      source: 'rule',
      allProjects: false,
      name: 'High Number of Issues',
      dateCreated: '2023-01-15T06:45:34.353346Z',
      actionMatch: 'all',
      filterMatch: 'all',
      frequencySeconds: 3600,
      environment: null,
      status: 'active',
      projectSlug: 'melody',
    });
  });

  it('takes 30 minutes for a missing frequency, as Sentry serves it', () => {
    expect(
      fromLegacyRule({ ...rule, frequency: null }, 'melody').frequencySeconds,
    ).toBe(1800);
  });
});
