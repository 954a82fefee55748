import { redactSecrets } from './redactSecrets';

describe('redactSecrets', () => {
  it('replaces every secret in every string, keys included, however deep', () => {
    const secrets = ['sntryu_abc123', 'hunter2-password'];
    expect(
      redactSecrets(
        {
          errors: ['GET /x?token=sntryu_abc123 failed', 'fine'],
          nested: {
            sntryu_abc123: {
              list: [1, 'pw hunter2-password, hunter2-password'],
            },
          },
          count: 3,
          none: null,
        },
        secrets,
      ),
    ).toEqual({
      errors: ['GET /x?token=[redacted] failed', 'fine'],
      nested: {
        '[redacted]': { list: [1, 'pw [redacted], [redacted]'] },
      },
      count: 3,
      none: null,
    });
  });

  it('leaves text alone for a secret too short to mean anything', () => {
    expect(redactSecrets('neo4j at bolt://neo4j:7687', ['neo', ''])).toBe(
      'neo4j at bolt://neo4j:7687',
    );
  });
});
