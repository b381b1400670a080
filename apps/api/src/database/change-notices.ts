import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RuntimeMode } from '../runtime-mode';
import { DatabaseRuntime } from './database-runtime';

/**
 * What a change is about: `serving` (which snapshot is published, which quarters are signed off)
 * or `sessions` (a session ended, or a user's roles or access changed; the detail names the user
 * or session).
 */
export type ChangeTopic = 'serving' | 'sessions';

/** The PostgreSQL channel every process of one deployment announces its changes on. */
export const CHANGE_CHANNEL = 'oscp_changes';

/**
 * The longest any copy kept through `KeptValue` (or the session cache) is used: the bound for a
 * change made without a notice, e.g. by hand in SQL or by a process that crashed between its
 * commit and its notice. Announced changes are heard at once.
 */
export const KEPT_COPY_MAX_AGE_MS = 5_000;

/** How long to wait before listening again after the listening connection is lost: doubling from the first, up to the most. */
const RELISTEN_FIRST_DELAY_MS = 1_000;
const RELISTEN_MOST_DELAY_MS = 30_000;

type ChangeListener = (detail: string) => void;

/**
 * Tells the in-memory copies this process keeps of database state (the published snapshot, the
 * sign-offs in force, sessions) that the state changed, here or in another process: a change made
 * here is announced to this process at once and, through PostgreSQL NOTIFY, to every other API
 * replica and command-line process on the same database, which the server LISTENs for.
 *
 * A copy may be used only while `coherent`: always with the embedded database (one process holds
 * the data folder's lock, so every change is made here), and with PostgreSQL while this server is
 * listening. When the listening connection drops, every copy is forgotten and none is used until
 * it is back.
 */
@Injectable()
export class ChangeNotices implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeNotices.name);
  private readonly listeners = new Map<ChangeTopic, Set<ChangeListener>>();
  /** Marks this process's own notices, which it has already acted on. */
  private readonly origin = randomUUID();
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private relisten: NodeJS.Timeout | null = null;
  /** Attempts to listen that failed in a row. */
  private failures = 0;

  constructor(
    private readonly runtime: DatabaseRuntime,
    private readonly mode: RuntimeMode,
    private readonly dataSource: DataSource,
  ) {}

  /** Whether copies kept in memory hear of every change (see the class comment). */
  get coherent(): boolean {
    return this.runtime.embedded || this.listening;
  }

  /** Calls `listener` on every change of `topic`, with its detail ('' when everything is to be forgotten). */
  on(topic: ChangeTopic, listener: ChangeListener): void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
  }

  /**
   * Announces a change after it is committed: to this process at once (before this resolves), and
   * to the others through PostgreSQL. A failure to notify the others is logged, not thrown: the
   * change itself is made, and they see it within their copies' maximum age.
   */
  async announce(topic: ChangeTopic, detail: string): Promise<void> {
    this.dispatch(topic, detail);
    if (this.runtime.embedded) return;
    try {
      await this.dataSource.query('select pg_notify($1, $2)', [
        CHANGE_CHANNEL,
        JSON.stringify({ origin: this.origin, topic, detail }),
      ]);
    } catch (error) {
      this.logger.warn(
        { topic, reason: error instanceof Error ? error.message : String(error) },
        'Could not tell other processes of a change',
      );
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    // Only a long-lived server keeps copies worth keeping; the command line reads afresh.
    if (this.runtime.embedded || this.mode.mode !== 'server') return;
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.relisten) clearTimeout(this.relisten);
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.runtime.url, connectionTimeoutMillis: 10_000 });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === CHANGE_CHANNEL) this.received(message.payload ?? '');
    });
    this.client = client;
    try {
      await client.connect();
      await client.query(`listen ${CHANGE_CHANNEL}`);
    } catch (error) {
      this.logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'Cannot listen for changes made by other processes; reading the database on every request',
      );
      this.lost(client);
      return;
    }
    if (this.client !== client) return;
    // Anything changed while this process was not listening: forget every copy first.
    this.forgetEverything();
    this.listening = true;
    this.failures = 0;
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    this.listening = false;
    this.forgetEverything();
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    const delay = Math.min(RELISTEN_FIRST_DELAY_MS * 2 ** this.failures, RELISTEN_MOST_DELAY_MS);
    this.failures += 1;
    this.relisten = setTimeout(() => {
      this.relisten = null;
      void this.listen();
    }, delay);
    this.relisten.unref();
  }

  private received(payload: string): void {
    let notice: { origin?: unknown; topic?: unknown; detail?: unknown };
    try {
      notice = JSON.parse(payload) as typeof notice;
    } catch {
      this.forgetEverything();
      return;
    }
    if (notice.origin === this.origin) return;
    if (notice.topic !== 'serving' && notice.topic !== 'sessions') {
      this.forgetEverything();
      return;
    }
    this.dispatch(notice.topic, typeof notice.detail === 'string' ? notice.detail : '');
  }

  private forgetEverything(): void {
    this.dispatch('serving', '');
    this.dispatch('sessions', '');
  }

  private dispatch(topic: ChangeTopic, detail: string): void {
    for (const listener of this.listeners.get(topic) ?? []) listener(detail);
  }
}

/**
 * One value read from the database, kept in memory while `notices` are coherent, until a change
 * of `topic` or for at most `maxAgeMs` (the bound for changes made without a notice, e.g. by hand
 * in SQL). Concurrent readers share one read; a read that began before a change is not kept.
 */
export class KeptValue<T> {
  private kept: { value: T; readAt: number } | null = null;
  private reading: { generation: number; value: Promise<T> } | null = null;
  private generation = 0;

  constructor(
    private readonly notices: ChangeNotices,
    topic: ChangeTopic,
    private readonly maxAgeMs: number,
    private readonly read: () => Promise<T>,
  ) {
    notices.on(topic, () => this.forget());
  }

  /**
   * The kept copy when `get` would answer with it (coherent and young enough), else null: lets a
   * caller on a request's path use it at once instead of through a promise.
   */
  keptNow(): { value: T } | null {
    if (!this.notices.coherent || !this.kept || Date.now() - this.kept.readAt >= this.maxAgeMs) return null;
    return this.kept;
  }

  get(): Promise<T> {
    const now = Date.now();
    if (!this.notices.coherent) return this.read();
    if (this.kept && now - this.kept.readAt < this.maxAgeMs) return Promise.resolve(this.kept.value);
    if (this.reading && this.reading.generation === this.generation) return this.reading.value;
    const generation = this.generation;
    const value = this.read();
    this.reading = { generation, value };
    value.then(
      (result) => {
        if (this.reading?.value === value) this.reading = null;
        if (generation === this.generation && this.notices.coherent)
          this.kept = { value: result, readAt: now };
      },
      () => {
        if (this.reading?.value === value) this.reading = null;
      },
    );
    return value;
  }

  forget(): void {
    this.kept = null;
    this.reading = null;
    this.generation += 1;
  }
}
