// A signed DOCX keeps its signature in the ZIP archive's comment (main/export/signature.ts); a
// forger who rewrites a part and zips it again can carry the old comment across. These read and
// put back that comment, so a test can forge a file the way an attacker would.

/** The archive comment: the bytes after the end-of-central-directory record. */
export function commentOf(bytes: Uint8Array): Uint8Array {
  for (let at = bytes.length - 22; at >= 0; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return bytes.subarray(at + 22);
  }
  throw new Error('no end of central directory');
}

/** `zip` (an archive with no comment) with `comment` as its archive comment. */
export function withComment(zip: Uint8Array, comment: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip.length + comment.length);
  out.set(zip);
  out.set(comment, zip.length);
  new DataView(out.buffer).setUint16(zip.length - 2, comment.length, true);
  return out;
}
