import fs from 'node:fs';
import path from 'node:path';
import { caseFileJsonSchemas } from './case-file-schemas';

for (const [name, schema] of Object.entries(caseFileJsonSchemas())) {
  const file = path.join('schemas', name);
  fs.mkdirSync('schemas', { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
