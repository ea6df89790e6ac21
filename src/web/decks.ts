/**
 * The Mark I panel's card library: decks drawn by the catalogue's own generators (the letters of
 * mark1-letters, the shapes of mark1-shapes, the marks of mark1-left-right), and a deck as the CSV
 * file `train --data` reads. Shared by the page and bench/panel.ts.
 */
import { glyphSamples, DEFAULT_GLYPH_OPTIONS } from '../data/retina-glyphs.js';
import {
  markSamples,
  shapeSamples,
  DEFAULT_MARK_OPTIONS,
  DEFAULT_SHAPE_OPTIONS,
  SHAPE_KINDS,
  SIDES,
} from '../data/retina-shapes.js';
import { Rng } from '../rng.js';

export interface Deck {
  readonly x: number[][];
  readonly labels: string[];
}

export const LIBRARIES = {
  letters: { name: 'letters E vs F (mark1-letters)', classes: ['E', 'F'] },
  shapes: { name: 'square vs circle (mark1-shapes)', classes: SHAPE_KINDS.map(String) },
  marks: { name: 'left vs right marks (mark1-left-right)', classes: SIDES.map(String) },
} as const;
export type Library = keyof typeof LIBRARIES;

/** Cards of a library, drawn from `rng` by the catalogue's own generators. */
export function makeDeck(lib: Library, perClass: number, noise: number, jitter: number, rng: Rng): Deck {
  const classes = LIBRARIES[lib].classes;
  const s =
    lib === 'letters'
      ? glyphSamples(['E', 'F'], perClass, rng, { ...DEFAULT_GLYPH_OPTIONS, noise, jitter })
      : lib === 'shapes'
        ? shapeSamples(perClass, rng, { ...DEFAULT_SHAPE_OPTIONS, noise, shift: jitter })
        : markSamples(perClass, rng, { ...DEFAULT_MARK_OPTIONS, noise });
  return { x: s.x, labels: s.labels.map((l) => classes[l]) };
}

/** The deck as the CSV file `train --data` reads: 400 cells (row-major), then the class. */
export function deckCsv(deck: Deck): string {
  return deck.x.map((row, i) => `${row.join(',')},${deck.labels[i]}`).join('\n') + '\n';
}

/** A deck and its held-out deck as the panel draws them for a seed: forks 'deck' → 'train' and 'test'. */
export function seededDecks(
  lib: Library,
  perClass: number,
  noise: number,
  jitter: number,
  seed: number,
): { train: Deck; test: Deck } {
  const root = Rng.fromSeed(seed).fork('deck');
  return {
    train: makeDeck(lib, perClass, noise, jitter, root.fork('train')),
    test: makeDeck(lib, perClass, noise, jitter, root.fork('test')),
  };
}
