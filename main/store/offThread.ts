import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { keyPragmas, type SqliteAccess } from './sqlite';

// Work on the whole store file (its integrity check, a backup's copy and the copy's check) takes
// seconds on a large store. It runs here, on a worker thread with its own SQLite connection, so the
// app's thread goes on answering the officer while it runs (docs/ARCHITECTURE.md, "Work that grows
// with the store"). A connection of its own reads a consistent snapshot in WAL mode while the app
// goes on saving.
//
// The worker is given as source text, not as a file, so it runs the same from the sources, the
// built CLI and the desktop bundle; it loads the same SQLite driver as the app, by its resolved path.

/** The driver's entry file, as the app itself resolves it. */
function driverPath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
}

// CommonJS, run with `eval`: open a file, run statements on it, close it; every answer is posted
// back with the id of the request it answers, and an error keeps SQLite's code.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const open = new Map();
let next = 1;
parentPort.on('message', ({ id, op, args }) => {
  try {
    let value = null;
    if (op === 'open') {
      const [file, options, pragmas] = args;
      const db = new Database(file, options);
      try {
        for (const p of pragmas) db.pragma(p);
      } catch (e) {
        db.close();
        throw e;
      }
      open.set(next, db);
      value = next++;
    } else if (op === 'close') {
      const db = open.get(args[0]);
      open.delete(args[0]);
      if (db) db.close();
    } else {
      const [handle, sql, params] = args;
      const db = open.get(handle);
      if (!db) throw new Error('the connection is closed');
      const statement = db.prepare(sql);
      if (op === 'run') statement.run(...params);
      else if (op === 'all') value = statement.reader ? statement.all(...params) : (statement.run(...params), []);
      else throw new Error('unknown operation ' + op);
    }
    parentPort.postMessage({ id, ok: true, value });
  } catch (e) {
    parentPort.postMessage({ id, ok: false, message: String(e && e.message), code: e && e.code });
  }
});
parentPort.postMessage({ ready: true });
`;

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string; code?: string };

/** An error from the worker, with SQLite's code kept, as better-sqlite3 would have thrown it. */
export class OffThreadError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SqliteError';
    this.code = code;
  }
}

/** One worker thread and the connections it holds; `close()` ends it. */
export class SqliteThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ended: Error | null = null;
  private readonly ready: Promise<void>;

  private constructor() {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: driverPath() } });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.worker.on('message', (reply: Reply | { ready: true }) => {
      if (!('id' in reply)) return;
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      if (reply.ok) waiting.resolve(reply.value);
      else waiting.reject(new OffThreadError(reply.message, reply.code));
    });
    const end = (e: Error) => {
      this.ended ??= e;
      for (const w of this.waiting.values()) w.reject(this.ended);
      this.waiting.clear();
    };
    this.worker.on('error', end);
    this.worker.on('exit', () => end(new OffThreadError('the worker thread ended', 'PSR_THREAD_ENDED')));
  }

  /** A worker thread with the driver loaded; rejects when a worker cannot start here. */
  static async start(): Promise<SqliteThread> {
    const thread = new SqliteThread();
    try {
      await thread.ready;
    } catch (e) {
      await thread.close();
      throw e;
    }
    return thread;
  }

  private ask(op: 'open' | 'close' | 'run' | 'all', args: unknown[]): Promise<unknown> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  /** Opens a store file on the worker, under its key when it has one (the same settings as openSqlite). */
  async open(file: string, options: { readonly?: boolean; fileMustExist?: boolean } & SqliteAccess = {}): Promise<OffThreadConnection> {
    const driverOptions = {
      ...(options.readonly ? { readonly: true } : {}),
      ...(options.fileMustExist ? { fileMustExist: true } : {}),
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    };
    const handle = (await this.ask('open', [file, driverOptions, options.key ? keyPragmas(options.key) : []])) as number;
    return {
      all: <T>(sql: string, ...params: unknown[]) => this.ask('all', [handle, sql, params]) as Promise<T[]>,
      run: async (sql: string, ...params: unknown[]) => {
        await this.ask('run', [handle, sql, params]);
      },
      close: async () => {
        await this.ask('close', [handle]);
      },
    };
  }

  /** Ends the thread; SQLite closes what it still held (a copy under way is left partial, and removed later). */
  async close(): Promise<void> {
    this.ended ??= new OffThreadError('the worker thread was closed', 'PSR_THREAD_CLOSED');
    await this.worker.terminate();
  }
}

/** A connection held by a SqliteThread: every statement runs on the worker. */
export interface OffThreadConnection {
  all<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  run(sql: string, ...params: unknown[]): Promise<void>;
  close(): Promise<void>;
}
