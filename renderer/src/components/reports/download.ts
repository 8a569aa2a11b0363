// Saving an export the core produced as a file, in Electron and in a browser alike: a Blob behind
// an object URL and a click on a temporary <a download>.

/**
 * A file name safe on every desktop OS: the core's suggestion with path separators, reserved
 * characters and control characters replaced, and the expected extension guaranteed.
 */
export function safeFileName(suggested: string, extension: string, fallback = 'study-desk-export'): string {
  const ext = extension.startsWith('.') ? extension : `.${extension}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  let name = suggested.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-').replace(/^[\s.-]+|[\s.]+$/g, '');
  if (!name) name = fallback;
  if (!name.toLowerCase().endsWith(ext.toLowerCase())) name += ext;
  return name.length > 180 ? `${name.slice(0, 180 - ext.length)}${ext}` : name;
}

/** The extension a MIME type calls for (the core answers text/csv or application/json). */
export function extensionFor(mimeType: string): string {
  if (mimeType.startsWith('text/csv')) return '.csv';
  if (mimeType.startsWith('application/json')) return '.json';
  return '.txt';
}

/** Hands `content` to the browser's download machinery as `fileName`. */
export function downloadText(content: string, fileName: string, mimeType: string): void {
  const blob = new Blob([content], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke on the next turn: revoking at once can cancel the download in some engines.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
