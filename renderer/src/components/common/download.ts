/**
 * Save text the service produced (runs.export) as a file: a Blob behind an object URL and a
 * temporary <a download>. The document is a parameter so tests can watch the link.
 */

export interface FileContent {
  filename: string;
  mime: string;
  content: string;
}

/** The mime type as a Blob type: text gets an explicit charset so Excel and friends read UTF-8. */
export function blobType(mime: string): string {
  return mime.startsWith('text/') && !/charset=/i.test(mime) ? `${mime};charset=utf-8` : mime;
}

/** A filename without path separators or characters Windows refuses. */
export function safeFilename(name: string): string {
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').trim();
  return clean || 'export';
}

export function downloadFile(file: FileContent, doc: Document = document): { filename: string; type: string } {
  const type = blobType(file.mime);
  const filename = safeFilename(file.filename);
  const url = URL.createObjectURL(new Blob([file.content], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    // the click has started the download; let the browser read the blob before it goes
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  return { filename, type };
}
