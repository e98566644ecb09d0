/**
 * The renderer as it runs inside Electron: a `window.rectify` bridge with the preload's shape. Calls go
 * to the real services (over the host's RPC, recorded in `window.__desktopCalls`); the save dialog
 * answers with a path in `saveDir` (null: cancelled) and dropped files carry the disk paths given, as
 * Electron's webUtils does. The main-process side (dialogs, the save-path grant) is covered by
 * test/unit/electron.
 */
export function fakeDesktopBridge(
  options: {
    saveDir?: string;
    dropPaths?: Record<string, string>;
    /**
     * Progress events the main process would relay while `method` runs (as the preload delivers them to
     * a call that asked for progress); the answer then waits until the page calls window.__finishTask().
     */
    progress?: { method: string; events: unknown[] };
  } = {},
): string {
  return `
    (() => {
      const token = () => document.querySelector('meta[name="rectify-token"]')?.content ?? '';
      const saveDir = ${JSON.stringify(options.saveDir ?? null)};
      const dropPaths = ${JSON.stringify(options.dropPaths ?? {})};
      const progress = ${JSON.stringify(options.progress ?? null)};
      window.__desktopCalls = [];
      window.rectify = {
        rpc: async (request, onProgress) => {
          window.__desktopCalls.push(request.method);
          if (progress && request.method === progress.method && onProgress) {
            for (const event of progress.events) onProgress(event);
            await new Promise((resolve) => (window.__finishTask = resolve));
          }
          const res = await fetch('./api/rpc', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-rectify-token': token() },
            body: JSON.stringify(request),
          });
          return res.json();
        },
        openFiles: async () => [],
        saveFile: async () => true,
        choosePaths: async () => [],
        chooseSavePath: async ({ defaultName }) => (saveDir === null ? null : saveDir + '/' + defaultName),
        chooseFolder: async () => saveDir,
        pathForFile: (file) => dropPaths[file.name] ?? null,
        openAttachment: async (id) => { window.__desktopCalls.push('openAttachment:' + id); },
      };
    })();`;
}
