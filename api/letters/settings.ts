// The printable letters' settings: the letterhead and the PDF engine (one per app: the API's routes
// and the console share it).
import { chromiumPdfEngine, type PdfEngine } from './pdf';
import { defaultLetterhead, type Letterhead } from './render';

export interface LetterSettings {
  letterhead: Letterhead;
  /** Prints the PDFs; default: the system's Chromium, started on first use. */
  pdf: PdfEngine;
}

/** The settings with their defaults (one PDF engine per app: the API's routes and the console share it). */
export function letterSettings(options: Partial<LetterSettings> = {}): LetterSettings {
  return {
    letterhead: options.letterhead ?? defaultLetterhead,
    pdf: options.pdf ?? chromiumPdfEngine(),
  };
}
