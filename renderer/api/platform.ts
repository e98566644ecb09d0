import type { FileFilter, PickedFile } from '../../shared/api/bridge.ts';

/**
 * Choosing and saving files: native dialogs in Electron; a file input and a download in the
 * browser host. Callers never see the difference.
 */

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

export function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function readPickedFile(file: File): Promise<PickedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, dataBase64: toBase64(bytes), size: file.size };
}

export async function openFiles(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<PickedFile[]> {
  if (window.rectify) return window.rectify.openFiles(options);
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = options.multiple;
  input.accept = options.filters.flatMap((f) => f.extensions.map((e) => '.' + e)).join(',');
  input.style.display = 'none';
  document.body.appendChild(input);
  try {
    const files = await new Promise<File[]>((resolve) => {
      input.addEventListener('change', () => resolve(Array.from(input.files ?? [])));
      input.addEventListener('cancel', () => resolve([]));
      input.click();
    });
    return Promise.all(files.map(readPickedFile));
  } finally {
    input.remove();
  }
}

export async function saveFile(options: { title: string; defaultName: string; filters: FileFilter[]; dataBase64: string }): Promise<boolean> {
  if (window.rectify) return window.rectify.saveFile(options);
  const blob = new Blob([fromBase64(options.dataBase64) as BlobPart]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = options.defaultName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** Desktop only: paths of files the user picks, for the services to stream from disk. null in the browser. */
export async function choosePaths(options: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[] | null> {
  return window.rectify ? window.rectify.choosePaths(options) : null;
}

/**
 * Desktop only: a path the user chose in a save dialog, which a service may then write to once.
 * undefined in the browser (use a download instead); null when the user cancelled.
 */
export async function chooseSavePath(options: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null | undefined> {
  return window.rectify ? window.rectify.chooseSavePath(options) : undefined;
}

/** Desktop only: the disk path of a dropped File; null in the browser or when it has none. */
export function pathForFile(file: File): string | null {
  return window.rectify ? window.rectify.pathForFile(file) : null;
}

/**
 * Desktop only: a folder the user chose in the folder dialog (a service may write there once, as
 * `folder`). undefined in the browser (type the path instead); null when the user cancelled.
 */
export async function chooseFolder(title: string): Promise<string | null | undefined> {
  return window.rectify ? window.rectify.chooseFolder({ title }) : undefined;
}
