/**
 * Where the Redis server is and how to log in to it, from a URL: `redis://[user@]host:port[/db]`,
 * or `rediss://…` for TLS. The password comes from the URL or, so it stays out of shell history and
 * process lists, from $GRADIENT_WORKBENCH_REDIS_PASSWORD; an ACL user goes in the URL's user part.
 * $GRADIENT_WORKBENCH_REDIS_CA names a PEM file to trust for a server with a private certificate.
 */
import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'ioredis';

export const PASSWORD_ENV = 'GRADIENT_WORKBENCH_REDIS_PASSWORD';
export const CA_ENV = 'GRADIENT_WORKBENCH_REDIS_CA';

export interface RemoteConfig {
  /** redis:// or rediss:// URL */
  url: string;
  /** overrides the URL's password and the environment's */
  password?: string;
  /** TLS even for a redis:// URL */
  tls?: boolean;
}

/** A bad --redis / remote URL, naming the field and the rule. */
export class RemoteConfigError extends Error {
  readonly field = 'redis';
}

export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** the URL without its password, for messages */
  display: string;
}

export function parseRedisUrl(config: RemoteConfig, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  let u: URL;
  try {
    u = new URL(config.url);
  } catch {
    throw new RemoteConfigError(
      `redis: "${config.url}" is not a URL; expected redis://host:port or rediss://host:port`,
    );
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new RemoteConfigError(`redis: the URL must start with redis:// or rediss:// (TLS), not ${u.protocol}//`);
  if (!u.hostname) throw new RemoteConfigError('redis: the URL names no host');
  const path = u.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15)
    throw new RemoteConfigError(`redis: the database number must be an integer from 0 to 15 (got "${path}")`);
  const password = config.password ?? (u.password ? decodeURIComponent(u.password) : env[PASSWORD_ENV] || undefined);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = u.port ? Number(u.port) : 6379;
  return {
    host,
    port,
    db,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password,
    tls: u.protocol === 'rediss:' || !!config.tls,
    display: `${u.protocol}//${u.username ? `${u.username}@` : ''}${u.host}${db ? `/${db}` : ''}`,
  };
}

/**
 * ioredis options for BullMQ and our own clients. `maxRetriesPerRequest: null`: during a Redis
 * outage commands wait for the reconnect instead of failing, so workers and the app pause and resume.
 */
export function connectionOptions(t: RedisTarget, env: NodeJS.ProcessEnv = process.env): RedisOptions {
  const ca = env[CA_ENV];
  return {
    host: t.host,
    port: t.port,
    db: t.db,
    username: t.username,
    password: t.password,
    maxRetriesPerRequest: null,
    // reconnect with a capped back-off for as long as the outage lasts
    retryStrategy: (times: number) => Math.min(times * 200, 2000),
    ...(t.tls ? { tls: { servername: t.host, ...(ca ? { ca: readFileSync(ca) } : {}) } } : {}),
  };
}
