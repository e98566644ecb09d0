// A minimal stand-in for Electron's main-process API, enough to start the *built* main bundle in
// plain Node. Once the app is "ready" it exercises what the bundle registered and prints one JSON
// report on stdout, then exits. Used by test/unit/electron/bundle.test.ts. Its utilityProcess forks
// a real Node child, so the built service bundle runs in its own process as in the app.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';

const APP_PATH = process.env.STUB_APP_PATH;
const report = { setPath: {}, schemes: null, protocols: [], windows: [], ipcChannels: [], menuLabels: [], services: [], errors: [] };

class Emitter extends EventEmitter {}

export const app = Object.assign(new Emitter(), {
  isPackaged: false,
  setPath(name, value) {
    report.setPath[name] = value;
  },
  getPath(name) {
    return report.setPath[name] ?? `/stub/${name}`;
  },
  getAppPath: () => APP_PATH,
  getVersion: () => '0.0.0-stub',
  requestSingleInstanceLock: () => true,
  disableHardwareAcceleration() {},
  quit() {},
  exit(code) {
    // `--cli` runs end with app.exit(code): then the exit code is the result (STUB_CLI=1).
    if (process.env.STUB_CLI) process.exit(code);
    report.errors.push(`app.exit(${code})`);
  },
  whenReady: () => Promise.resolve(),
});

const protocolHandlers = new Map();
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    report.schemes = schemes;
  },
};
const ipcHandlers = new Map();
export const ipcMain = {
  handle(channel, handler) {
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
  on() {},
  removeAllListeners() {},
};
export const utilityProcess = {
  fork(entry, args, options) {
    const child = fork(entry, args ?? [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    report.services.push({ entry, serviceName: options?.serviceName ?? null });
    const process = new Emitter();
    child.on('message', (message) => process.emit('message', message));
    child.on('exit', (code) => process.emit('exit', code));
    return Object.assign(process, {
      postMessage: (message) => child.send(message),
      kill: () => child.kill(),
    });
  },
};
export const session = {
  defaultSession: Object.assign(new Emitter(), {
    protocol: {
      handle(scheme, handler) {
        protocolHandlers.set(scheme, handler);
      },
    },
    setPermissionRequestHandler() {},
    setPermissionCheckHandler() {},
    setDevicePermissionHandler() {},
  }),
};
class WebContents extends Emitter {
  constructor() {
    super();
    this.mainFrame = { url: 'app://workbook/index.html', parent: null };
  }
  setWindowOpenHandler() {}
  reload() {}
  send() {}
  isDestroyed() {
    return false;
  }
}
export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    report.windows.push({ options });
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    report.windows.at(-1).url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  show() {}
}
export const Menu = {
  buildFromTemplate: (template) => template,
  setApplicationMenu(menu) {
    report.menuLabels = menu.map((m) => m.label);
  },
};
export const dialog = {
  showErrorBox(title, message) {
    report.errors.push(`${title}: ${message}`);
  },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  showSaveDialog: async () => ({ canceled: true }),
  showMessageBox: async () => ({ response: 0 }),
};
export const shell = { openPath: async () => '' };

// After startup has run: call what was registered, like the renderer would (not for a `--cli` run).
if (!process.env.STUB_CLI) setTimeout(async () => {
  try {
    report.protocols = [...protocolHandlers.keys()];
    report.ipcChannels = [...ipcHandlers.keys()];
    const page = await protocolHandlers.get('app')({ url: 'app://workbook/index.html', method: 'GET' });
    report.page = { status: page.status, csp: page.headers.get('content-security-policy'), body: await page.text() };
    const traversal = await protocolHandlers.get('app')({ url: 'app://workbook/..%2f..%2fpackage.json', method: 'GET' });
    report.traversalStatus = traversal.status;
    const sender = new WebContents();
    const event = { sender, senderFrame: sender.mainFrame };
    const rpc = ipcHandlers.get('rectify:rpc');
    report.created = await rpc(event, { method: 'plans.create', input: { title: '打包冒烟测试' } });
    report.listed = await rpc(event, { method: 'plans.list', input: {} });
  } catch (err) {
    report.errors.push(String(err && err.stack ? err.stack : err));
  }
  process.stdout.write(JSON.stringify(report));
  process.exit(0);
}, 200);
