/** Redis URLs: what is accepted, what is refused (naming the rule), and where the password comes from. */
import { describe, expect, it } from 'vitest';
import { connectionOptions, parseRedisUrl, PASSWORD_ENV } from '../../../src/remote/connection.ts';
import { entryFields, parseEntry, type ResultEntry } from '../../../src/remote/messages.ts';
import { jobIdOf, remoteNames } from '../../../src/remote/names.ts';
import { makeEpoch } from '../store/fixtures/records.ts';

describe('parseRedisUrl', () => {
  it('reads host, port, database, ACL user; the password from the environment, never shown', () => {
    const t = parseRedisUrl({ url: 'redis://trainer@10.0.0.5:6380/2' }, { [PASSWORD_ENV]: 's3cret' });
    expect(t).toMatchObject({
      host: '10.0.0.5',
      port: 6380,
      db: 2,
      username: 'trainer',
      password: 's3cret',
      tls: false,
    });
    expect(t.display).toBe('redis://trainer@10.0.0.5:6380/2');
  });

  it('rediss:// turns on TLS; a password in the URL wins over the environment', () => {
    const t = parseRedisUrl({ url: 'rediss://:p%40ss@box' }, { [PASSWORD_ENV]: 'other' });
    expect(t).toMatchObject({ host: 'box', port: 6379, db: 0, password: 'p@ss', tls: true });
    expect(t.display).not.toMatch(/p@ss|p%40ss/);
    expect(connectionOptions(t, {})).toMatchObject({ tls: { servername: 'box' }, maxRetriesPerRequest: null });
  });

  it.each([
    ['localhost:6379', /not a URL|must start with redis/],
    ['http://box:6379', /must start with redis:\/\/ or rediss:\/\//],
    ['redis://box/99', /database number must be an integer from 0 to 15/],
  ])('refuses %s naming the rule', (url, rule) => {
    expect(() => parseRedisUrl({ url }, {})).toThrow(rule);
  });
});

describe('names and messages', () => {
  it('one queue per database id; job ids BullMQ accepts', () => {
    const n = remoteNames('0123456789abcdef0123456789abcdef');
    expect(n.queue).toBe('gw-0123456789abcdef0123456789abcdef');
    expect(() => remoteNames('../x')).toThrow(/database id/);
    expect(jobIdOf(null, 'r')).not.toContain(':');
  });

  it('a result entry keeps NaN and ±Infinity across the stream', () => {
    const record = { ...makeEpoch(1), vanishingRatio: Number.NaN, samplesPerSec: Number.POSITIVE_INFINITY };
    const e: ResultEntry = { type: 'epoch', runId: '11111111-2222-4333-8444-555555555555', attempt: 1, at: 5, record };
    const back = parseEntry(entryFields(e));
    expect(back).toEqual(e);
  });

  it('a malformed entry is refused naming the field', () => {
    const bad = ['type', 'epoch', 'data', JSON.stringify({ type: 'epoch', runId: 'x', attempt: 1, at: 1 })];
    expect(() => parseEntry(bad)).toThrow(/runId/);
    const ended = {
      type: 'finished',
      runId: '11111111-2222-4333-8444-555555555555',
      attempt: 1,
      at: 1,
      status: 'exploded',
    };
    expect(() => parseEntry(['data', JSON.stringify({ ...ended, epochs: 0, message: null })])).toThrow(/status/);
  });
});
