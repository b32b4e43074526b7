import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

// The same report must give the same bytes: a clerk compares two exports by their hash, and a
// changed byte must mean changed content. The docx package stamps the current time into
// docProps/core.xml, and names some relationships with random ids; this pass rewrites those to
// fixed values and zips the package once, with fixed entry dates. Nothing else is touched.

/** The fixed timestamp written as the document's created and modified time. */
export const FIXED_TIMESTAMP = '2000-01-01T00:00:00Z';
/** Zip entry dates are local DOS times: build the date from local parts so every time zone writes the same bytes. */
export const FIXED_ZIP_DATE = new Date(2000, 0, 1, 0, 0, 0);

const RANDOM_RELATIONSHIP_ID = /rId[a-z0-9_-]{21}\b/g;
const CONTENT_TYPES = '[Content_Types].xml';

/** A package's parts by path, in the order docx compiled them: XML as text, media as bytes. */
export type PackageParts = Map<string, string | Uint8Array>;

const textOf = (data: string | Uint8Array): string => (typeof data === 'string' ? data : strFromU8(data));

/** Zips compiled parts with fixed relationship ids, document dates and entry dates: one compression pass. */
export function zipNormalised(parts: PackageParts): Uint8Array {
  const names = [...parts.keys()];
  // Random relationship ids, in a fixed order (part name, then position), get sequential names.
  const renamed = new Map<string, string>();
  for (const name of [...names].sort()) {
    if (!name.endsWith('.rels')) continue;
    for (const m of textOf(parts.get(name)!).matchAll(RANDOM_RELATIONSHIP_ID)) {
      if (!renamed.has(m[0])) renamed.set(m[0], `rIdP${renamed.size + 1}`);
    }
  }
  const out: Zippable = {};
  for (const name of [CONTENT_TYPES, ...names.filter((n) => n !== CONTENT_TYPES)]) {
    const data = parts.get(name);
    if (data === undefined) continue;
    let bytes: Uint8Array;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = textOf(data);
      if (renamed.size > 0) xml = xml.replace(RANDOM_RELATIONSHIP_ID, (id) => renamed.get(id) ?? id);
      if (name === 'docProps/core.xml') xml = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${FIXED_TIMESTAMP}$3`);
      bytes = strToU8(xml);
    } else bytes = typeof data === 'string' ? strToU8(data) : data;
    out[name] = [bytes, { mtime: FIXED_ZIP_DATE, level: 6 }];
  }
  return zipSync(out);
}

/** The same normalisation for a package already zipped (by docx, or any writer). */
export function normaliseDocx(input: Uint8Array): Uint8Array {
  return zipNormalised(new Map(Object.entries(unzipSync(input))));
}
