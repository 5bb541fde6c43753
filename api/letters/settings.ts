// The printable letters' settings: the letterhead and the PDF engine (one per app: the API's routes
// and the console share it).
import { chromiumPdfEngine, type PdfEngine } from './pdf';
import { defaultLetterhead, type Letterhead } from './render';

export interface LetterSettings {
  /** As it is now: our name and contact lines, with the policy's postal address when it has one. */
  readonly letterhead: Letterhead;
  /** Prints the PDFs; default: the system's Chromium, started on first use. */
  pdf: PdfEngine;
}

export interface LetterOptions extends Partial<Pick<LetterSettings, 'pdf'>> {
  /** Our name and contact lines (the configuration's); default `defaultLetterhead`. */
  letterhead?: Letterhead;
  /**
   * Our postal address as the policy says it now (`organisation.postalAddress`); read at every print,
   * so an edited policy file applies to the next letter without a restart.
   */
  postalAddress?: () => readonly string[] | undefined;
}

/** The settings with their defaults (one PDF engine per app: the API's routes and the console share it). */
export function letterSettings(options: LetterOptions = {}): LetterSettings {
  const head = options.letterhead ?? defaultLetterhead;
  const postalAddress = options.postalAddress;
  return {
    get letterhead(): Letterhead {
      const address = postalAddress?.() ?? head.postalAddress;
      return address?.length ? { ...head, postalAddress: [...address] } : head;
    },
    pdf: options.pdf ?? chromiumPdfEngine(),
  };
}
