import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of docs/ARCHITECTURE.md is enforced by lint; these tests prove the rules bite.
const eslint = new ESLint({ cwd: process.cwd() });
// Linting a file also follows its real imports (the cycle rule), which takes seconds on a busy machine.
const slow = { timeout: 30_000 };

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the dependency direction is enforced by lint', slow, () => {
  it('keeps domain rules free of Node, so the renderer can run them', async () => {
    expect(await restrictedImports('main/domain/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
  });

  it('keeps the contract and domain from reaching into the store', async () => {
    expect(await restrictedImports('main/contract/x.ts', "import { CaseRepository } from '../store/cases';\nexport const a = CaseRepository;\n")).toHaveLength(1);
  });

  it('lets only main/app import electron', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await restrictedImports('main/api/x.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/store/x.ts', code)).toHaveLength(1);
    expect(await restrictedImports('main/app/x.ts', code)).toHaveLength(0);
  });

  it('lets the renderer use the contract and domain but never the store, api or doors', async () => {
    expect(await restrictedImports('renderer/src/x.ts', "import { CaseDetails } from '../../main/contract/case';\nexport const a = CaseDetails;\n")).toHaveLength(0);
    expect(await restrictedImports('renderer/src/x.ts', "import { openCore } from '../../main/api/app';\nexport const a = openCore;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/src/x.ts', "import { CaseRepository } from '../../main/store/cases';\nexport const a = CaseRepository;\n")).toHaveLength(1);
  });
});

describe('the dependency rules reach nested folders too', slow, () => {
  it('keeps a rule module two folders down from importing the store or the app', async () => {
    expect(await restrictedImports('main/domain/options/x.ts', "import { CaseRepository } from '../../store/cases';\nexport const a = CaseRepository;\n")).toHaveLength(1);
    expect(await restrictedImports('main/store/migrations/x.ts', "import { app } from '../../app/main';\nexport const a = app;\n")).toHaveLength(1);
    expect(await restrictedImports('main/domain/options/x.ts', "import { CaseDetails } from '../../contract/case';\nexport const a = CaseDetails;\n")).toHaveLength(0);
  });
});
