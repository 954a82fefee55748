import { fromLegacyRule, fromWorkflow } from './alertRuleRecords';
import type { SentryLegacyRule, SentryWorkflow } from '../../sentry';

const workflow: SentryWorkflow = {
  id: '98765',
  name: 'New errors',
  dateCreated: '2023-01-15T06:45:34.353346Z',
  triggers: { logicType: 'any-short' },
  actionFilters: [{ logicType: 'all' }, { logicType: 'none' }],
  environment: 'production',
  config: { frequency: 60 },
  detectorIds: ['777'],
  enabled: true,
};

describe('fromWorkflow', () => {
  const slugs = new Map([
    ['2', 'web'],
    ['1', 'api'],
  ]);

  it('maps a workflow to the contract, converting minutes to seconds and any-short to any', () => {
    expect(fromWorkflow(workflow, ['2', '1'], slugs)).toEqual({
      id: '98765',
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

  it('leaves filter_match and frequency absent when the workflow has none, and marks disabled workflows', () => {
    const record = fromWorkflow(
      {
        ...workflow,
        actionFilters: [],
        config: null,
        triggers: null,
        enabled: false,
        environment: null,
      },
      ['2'],
      slugs,
    );
    expect(record.filterMatch).toBeUndefined();
    expect(record.actionMatch).toBeUndefined();
    expect(record.frequencySeconds).toBeUndefined();
    expect(record.environment).toBeNull();
    expect(record.status).toBe('disabled');
    expect(record.projectSlug).toBe('web');
  });

  it('keeps a frequency of zero ("every time") as zero seconds', () => {
    expect(
      fromWorkflow({ ...workflow, config: { frequency: 0 } }, ['1'], slugs)
        .frequencySeconds,
    ).toBe(0);
  });
});

describe('fromLegacyRule', () => {
  const rule: SentryLegacyRule = {
    id: '3',
    name: 'High Number of Issues',
    dateCreated: '2023-01-15T06:45:34.353346Z',
    actionMatch: 'any',
    filterMatch: null,
    frequency: 30,
    environment: null,
    status: 'active',
  };

  it('defaults missing match logic to all and uses the project whose listing returned it', () => {
    expect(
      fromLegacyRule({ ...rule, actionMatch: undefined }, 'melody'),
    ).toEqual({
      id: '3',
      name: 'High Number of Issues',
      dateCreated: '2023-01-15T06:45:34.353346Z',
      actionMatch: 'all',
      filterMatch: 'all',
      frequencySeconds: 1800,
      environment: null,
      status: 'active',
      projectSlug: 'melody',
    });
  });
});
