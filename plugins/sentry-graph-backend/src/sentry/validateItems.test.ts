import {
  SentryDetectorSchema,
  SentryMemberSchema,
  SentryProjectSchema,
  SentryReleaseSchema,
  SentryTeamMemberSchema,
  SentryWorkflowSchema,
} from './schemas';
import { validateItems } from './validateItems';

describe('validateItems', () => {
  it('keeps valid items, skips invalid ones and says why', () => {
    const result = validateItems(
      [
        { id: '1', email: 'a@x.io', user: null, extra: 'dropped' },
        { id: 2, email: 'b@x.io' },
        null,
        { id: '3', user: { id: 7 } },
      ],
      SentryMemberSchema,
      'members',
    );
    expect(result.items).toEqual([{ id: '1', email: 'a@x.io', user: null }]);
    expect(result.invalid).toEqual([
      {
        endpoint: 'members',
        id: '2',
        reason: 'id: expected string, received number',
      },
      { endpoint: 'members', reason: 'item: expected object, received null' },
      {
        endpoint: 'members',
        id: '3',
        reason: 'user.id: expected string, received number',
      },
    ]);
  });

  it('reports an invalid release under its version', () => {
    const { invalid } = validateItems(
      [{ version: 'web@1.0', commitCount: 'many' }],
      SentryReleaseSchema,
      'releases',
    );
    expect(invalid).toEqual([
      {
        endpoint: 'releases',
        id: 'web@1.0',
        reason: 'commitCount: expected number, received string',
      },
    ]);
  });

  it('accepts any team role text, which Sentry stores freely, and rejects one that is not text', () => {
    const { items, invalid } = validateItems(
      [
        { id: '1', teamRole: null },
        { id: '2', teamRole: 'admin' },
        { id: '3', teamRole: 'owner' },
        { id: '4', teamRole: 3 },
      ],
      SentryTeamMemberSchema,
      'team-members',
    );
    expect(items.map(item => item.id)).toEqual(['1', '2', '3']);
    expect(invalid[0]).toMatchObject({
      id: '4',
      reason: expect.stringMatching(/^teamRole: /),
    });
  });
});

describe('item schemas', () => {
  it('defaults lists Sentry leaves out to empty', () => {
    expect(
      SentryProjectSchema.parse({ id: '1', slug: 'p', name: 'P' }).teams,
    ).toEqual([]);
    expect(SentryReleaseSchema.parse({ version: 'v1' }).projects).toEqual([]);
    const workflow = SentryWorkflowSchema.parse({
      id: '9',
      name: 'w',
      enabled: true,
    });
    expect(workflow.actionFilters).toEqual([]);
    expect(workflow.detectorIds).toEqual([]);
  });

  it('converts a numeric detector projectId but no other id', () => {
    expect(
      SentryDetectorSchema.parse({ id: '5', projectId: 42, type: 'error' })
        .projectId,
    ).toBe('42');
    expect(
      SentryDetectorSchema.safeParse({ id: 5, projectId: '42', type: 'error' })
        .success,
    ).toBe(false);
  });

  it('rejects an empty release version', () => {
    expect(SentryReleaseSchema.safeParse({ version: '' }).success).toBe(false);
  });
});
