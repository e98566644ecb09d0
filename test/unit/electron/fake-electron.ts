import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

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

export type Handler = (event: unknown, payload: unknown) => unknown;

function createFake() {
  const ipcHandlers = new Map<string, Handler>();
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
    ipcRenderer: { invoke: vi.fn() },
    webUtils: { getPathForFile: vi.fn((_file: unknown) => '') },
  };

  return { electron, ipcHandlers, protocolHandlers };
}

export const fake = createFake();
export const electron = fake.electron;

/** Simulates `ipcRenderer.invoke` arriving from `frame` of `contents`. */
export function invokeFrom(channel: string, sender: { contents: FakeWebContents; frame: FakeWebFrame | null }, payload: unknown): unknown {
  const handler = fake.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler({ sender: sender.contents, senderFrame: sender.frame }, payload);
}
