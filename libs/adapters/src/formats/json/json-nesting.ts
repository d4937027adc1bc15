const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;

/**
 * True when JSON text nests objects/arrays deeper than `max` (brackets inside strings do not
 * count). Checked before JSON.parse so hostile nesting never reaches it; most lines hold
 * too few brackets to need the character scan.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  if (countUpTo(text, '{', max + 1) + countUpTo(text, '[', max + 1) <= max) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = closingQuote(text, i + 1);
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

function countUpTo(text: string, char: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count < limit; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function closingQuote(text: string, from: number): number {
  for (let i = text.indexOf('"', from); i !== -1; i = text.indexOf('"', i + 1)) {
    let k = i;
    while (text.charCodeAt(k - 1) === BACKSLASH) k--;
    if (((i - k) & 1) === 0) return i;
  }
  return text.length;
}
