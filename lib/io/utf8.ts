/**
 * Strict UTF-8 decoding of input files. A replacement character silently standing in for a
 * broken byte would make netfence read a different name than the one the API server rejects
 * (go-yaml refuses invalid UTF-8 too), so invalid input is an error with its line and column.
 */
import { NetfenceError } from '../core/errors';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The byte offset of the first invalid UTF-8 sequence (`bytes.length` when there is none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/**
 * Decodes UTF-8 (a leading byte order mark is dropped), or throws a NetfenceError naming the file,
 * line and column of the first invalid byte. UTF-16 input is refused with the fix.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new NetfenceError('the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8', { location: { file } });
  }
  try {
    return strict.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = Buffer.from(bytes.buffer, bytes.byteOffset, at).toString('utf8');
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = (before.match(/\n/g)?.length ?? 0) + 1;
    const column = [...before.slice(lineStart)].length + 1;
    const hex = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(4, bytes.length - at)).toString('hex');
    throw new NetfenceError(`invalid UTF-8 (bytes 0x${hex} at byte offset ${at}); save the file as UTF-8`, { location: { file, line, column } });
  }
}
