// pdf.js from the bundle, its worker too: nothing is fetched from the network, and eval
// stays off so the app's CSP (script-src 'self') holds.
import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
} from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?worker&url";
import { refusalMessage } from "./evidence";

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

export async function loadPdf(url: string): Promise<PDFDocumentProxy> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(refusalMessage(response.status, await response.text()));
  const data = new Uint8Array(await response.arrayBuffer());
  return getDocument({ data, isEvalSupported: false, enableXfa: false }).promise;
}

/** Draws one page into `canvas`, `width` CSS pixels wide, sharp on high-DPI screens. */
export async function renderPage(
  pdf: PDFDocumentProxy,
  number: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await pdf.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const scale = width / base.width;
  const viewport = page.getViewport({ scale: scale * window.devicePixelRatio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${(width * base.height) / base.width}px`;
  await page.render({ canvas, viewport }).promise;
}
