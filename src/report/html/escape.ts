/**
 * Text into HTML safely. Every string that reaches a report (titles, notes, config values, the
 * command line) comes from experiments and users, so it is escaped once, here.
 */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for element content and attribute values (double- or single-quoted). */
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` are written as \u escapes so
 * that no `</script>` or `<!--` inside a string can end the block; U+2028/9 likewise, for old parsers.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A command line as it would be typed in a POSIX shell: arguments quoted only where needed. */
export function shellLine(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** A number for tables: integers as they are, others to 4 significant digits; NaN as a dash. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** An identifier in a caption as words: `trialsPerMachine` → "trials per machine" (kebab names stay). */
export function inWords(name: string): string {
  return /^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(name)
    ? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase()
    : name;
}

/** Every identifier inside a label as words: "fraction recalled (alphaEqual)" → "… (alpha equal)". */
export function labelInWords(text: string): string {
  return text.replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, inWords);
}
