import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { createServices } from '../../../electron/services/index.ts';
import { serveServices } from '../../../electron/services/host/serve.ts';

/**
 * A stand-in for the `electron` module (the real binary cannot run here). It records what the shell
 * asks of Electron so the wiring tests can check it; behaviour is the minimum the shell relies on.
 * Tests use it through `vi.mock('electron', async () => (await import('./fake-electron.ts')).electron)`.
 */

export class FakeWebFrame {
  url: string;
  parent: FakeWebFrame | null;
  constructor(url: string, parent: FakeWebFrame | null = null) {
    this.url = url;
    this.parent = parent;
  }
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeWebFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  reload = vi.fn();
  /** Messages the main process sent to this page (webContents.send). */
  sent: { channel: string; message: unknown }[] = [];
  destroyed = false;
  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message: structuredClone(message) });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  constructor(url = 'app://workbook/index.html') {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** An Electron-style event whose default can be prevented. */
export function fakeEvent<T extends object>(extra: T = {} as T): T & { defaultPrevented: boolean; preventDefault: () => void } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  minimized = false;
  focused = false;
  destroyed = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/**
 * Electron's utility process, in this process: the real service host (serveServices over the real
 * services) behind a port that copies every message with structuredClone and delivers it later, as a
 * MessagePort does. `crash()` makes it die the way a process does: no answers, then an exit event.
 */
export class FakeUtilityProcess extends EventEmitter {
  static instances: FakeUtilityProcess[] = [];
  readonly entry: string;
  readonly options: unknown;
  /** Messages the main process posted to it. */
  readonly received: unknown[] = [];
  exited = false;
  private deliver: ((raw: unknown) => void) | null = null;
  private opened: { close(): void } | null = null;
  constructor(entry: string, options: unknown) {
    super();
    this.entry = entry;
    this.options = options;
    FakeUtilityProcess.instances.push(this);
    serveServices(
      {
        post: (message) => {
          const copy = structuredClone(message);
          setImmediate(() => {
            if (!this.exited) this.emit('message', copy);
          });
        },
        onMessage: (listener) => {
          this.deliver = listener;
        },
      },
      {
        open: async (init) => {
          const services = await createServices(init);
          if (this.exited) services.close();
          else this.opened = services;
          return services;
        },
        exit: (code) => this.exit(code),
      },
    );
  }
  /** Test hook: the process dies while handling the next call of `method` (before answering it). */
  crashOnCall: { method: string; code: number } | null = null;
  postMessage(message: unknown): void {
    if (this.exited) throw new Error('the utility process has exited');
    const copy = structuredClone(message);
    this.received.push(copy);
    setImmediate(() => {
      const call = copy as { type?: string; method?: string };
      if (this.crashOnCall && call.type === 'call' && call.method === this.crashOnCall.method) return this.crash(this.crashOnCall.code);
      if (!this.exited) this.deliver?.(copy);
    });
  }
  kill(): boolean {
    this.exit(null);
    return true;
  }
  /** Test hook: the process dies (a reader ran out of memory, a native crash …). */
  crash(code = 134): void {
    this.exit(code);
  }
  private exit(code: number | null): void {
    if (this.exited) return;
    this.exited = true;
    this.opened?.close();
    this.opened = null;
    setImmediate(() => this.emit('exit', code));
  }
}

export type Handler = (event: unknown, payload: unknown) => unknown;

function createFake() {
  const ipcHandlers = new Map<string, Handler>();
  const ipcListeners = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  let resolveReady: () => void = () => undefined;

  const appEmitter = new EventEmitter();
  const app = Object.assign(appEmitter, {
    isPackaged: false,
    paths: new Map<string, string>(),
    singleInstance: true,
    readyPromise: new Promise<void>((resolve) => {
      resolveReady = resolve;
    }),
    setPath: vi.fn((name: string, value: string) => {
      app.paths.set(name, value);
    }),
    getPath: vi.fn((name: string) => app.paths.get(name) ?? `/fake/${name}`),
    getAppPath: vi.fn(() => '/fake/app'),
    getVersion: vi.fn(() => '0.1.0'),
    requestSingleInstanceLock: vi.fn(() => app.singleInstance),
    quit: vi.fn(),
    exit: vi.fn(),
    disableHardwareAcceleration: vi.fn(),
    whenReady: vi.fn(() => app.readyPromise),
    /** Test hook: lets `app.whenReady()` resolve. */
    fireReady() {
      resolveReady();
      return app.readyPromise;
    },
  });

  const sessionEmitter = new EventEmitter();
  const defaultSession = Object.assign(sessionEmitter, {
    protocol: {
      handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
        protocolHandlers.set(scheme, handler);
      }),
    },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  });

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: { registerSchemesAsPrivileged: vi.fn() },
    session: { defaultSession },
    ipcMain: {
      handle: vi.fn((channel: string, handler: Handler) => {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        ipcHandlers.set(channel, handler);
      }),
      removeHandler: vi.fn((channel: string) => {
        ipcHandlers.delete(channel);
      }),
      on: vi.fn((channel: string, listener: Handler) => {
        ipcListeners.set(channel, listener);
      }),
      removeAllListeners: vi.fn((channel: string) => {
        ipcListeners.delete(channel);
      }),
    },
    utilityProcess: {
      fork: vi.fn((entry: string, _args?: string[], options?: unknown) => new FakeUtilityProcess(entry, options)),
    },
    dialog: {
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showMessageBoxSync: vi.fn((..._args: unknown[]) => 0),
      showErrorBox: vi.fn(),
    },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    webUtils: { getPathForFile: vi.fn((_file: unknown) => '') },
  };

  return { electron, ipcHandlers, ipcListeners, protocolHandlers };
}

export const fake = createFake();
export const electron = fake.electron;

/** Simulates `ipcRenderer.send` (one-way) arriving from `frame` of `contents`. */
export function sendFrom(channel: string, sender: { contents: FakeWebContents; frame: FakeWebFrame | null }, payload: unknown): void {
  const listener = fake.ipcListeners.get(channel);
  if (!listener) throw new Error(`no listener for ${channel}`);
  listener({ sender: sender.contents, senderFrame: sender.frame }, payload);
}

/** Simulates `ipcRenderer.invoke` arriving from `frame` of `contents`. */
export function invokeFrom(channel: string, sender: { contents: FakeWebContents; frame: FakeWebFrame | null }, payload: unknown): unknown {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: sender.contents, senderFrame: sender.frame }, payload);
}
