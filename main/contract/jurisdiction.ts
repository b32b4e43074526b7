import { z } from 'zod';
import { languageTag, singleLine } from './text';

/** A probation service's settings: data, not code (templates/jurisdictions/*.json). */
export const Jurisdiction = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: singleLine(200),
  serviceName: singleLine(200),
  locale: languageTag,
  /** Young adults are 18 up to and including this age (docs/DOMAIN.md section 4). */
  youngAdultUpperAge: z.number().int().min(18).max(30),
  courts: z.array(singleLine(200)).max(500),
  protectiveMarking: singleLine(100),
  /** The letterhead logo: a PNG file beside this jurisdiction file, with the text a screen reader says for it. */
  logo: z
    .strictObject({
      file: z.string().regex(/^[\w-]+\.png$/, { message: 'A PNG file name in templates/jurisdictions/.' }),
      altText: singleLine(300),
    })
    .optional(),
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;
