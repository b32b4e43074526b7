import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

// The same report must give the same bytes: a clerk compares two exports by their hash, and a
// changed byte must mean changed content. The docx package stamps the current time into
// docProps/core.xml and into every zip entry, and names some relationships with random ids; this
// pass rewrites those to fixed values. Nothing else in the package is touched.

/** The fixed timestamp written as the document's created and modified time. */
export const FIXED_TIMESTAMP = '2000-01-01T00:00:00Z';
/** Zip entry dates are local DOS times: build the date from local parts so every time zone writes the same bytes. */
export const FIXED_ZIP_DATE = new Date(2000, 0, 1, 0, 0, 0);

const RANDOM_RELATIONSHIP_ID = /rId[a-z0-9_-]{21}\b/g;

export function normaliseDocx(input: Uint8Array): Uint8Array {
  const files = unzipSync(input);
  const names = Object.keys(files);

  // Random relationship ids, in a fixed order (part name, then position), get sequential names.
  const renamed = new Map<string, string>();
  for (const name of [...names].sort()) {
    if (!name.endsWith('.rels')) continue;
    for (const m of strFromU8(files[name]!).matchAll(RANDOM_RELATIONSHIP_ID)) {
      if (!renamed.has(m[0])) renamed.set(m[0], `rIdP${renamed.size + 1}`);
    }
  }

  const out: Zippable = {};
  const ordered = ['[Content_Types].xml', ...names.filter((n) => n !== '[Content_Types].xml')];
  for (const name of ordered) {
    let data = files[name]!;
    if (/\.(xml|rels)$/.test(name)) {
      let xml = strFromU8(data);
      if (renamed.size > 0) xml = xml.replace(RANDOM_RELATIONSHIP_ID, (id) => renamed.get(id) ?? id);
      if (name === 'docProps/core.xml') {
        xml = xml.replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${FIXED_TIMESTAMP}$3`);
      }
      data = strToU8(xml);
    }
    out[name] = [data, { mtime: FIXED_ZIP_DATE, level: 6 }];
  }
  return zipSync(out);
}
