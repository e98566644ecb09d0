import { extensionOf } from '../../../shared/progress/evidence-names.ts';

// Content types by extension: enough for the preview (images, PDF, text) and the evidence:// protocol.
const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.heic': 'image/heic',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.wps': 'application/vnd.ms-works',
  '.et': 'application/vnd.ms-excel',
  '.zip': 'application/zip',
  '.rar': 'application/vnd.rar',
  '.7z': 'application/x-7z-compressed',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
};

export function mimeFor(name: string): string {
  return TYPES[extensionOf(name).toLowerCase()] ?? 'application/octet-stream';
}
