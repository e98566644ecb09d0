import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: root + filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('分层规则（ESLint 强制）', () => {
  it('shared/ 不得引用 Node、Electron 或 React', async () => {
    expect(await layerErrors('shared/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toHaveLength(1);
    expect(await layerErrors('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toHaveLength(0);
  });

  it('服务层不得引用 Electron 或界面', async () => {
    expect(await layerErrors('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await layerErrors('electron/services/x.ts', "import { App } from '../../renderer/App.tsx';\nexport const a = App;\n")).toHaveLength(1);
    expect(await layerErrors('electron/services/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(0);
  });

  it('界面不得引用 Node、Electron 或服务层', async () => {
    expect(await layerErrors('renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n")).toHaveLength(1);
    expect(await layerErrors('renderer/x.ts', "import { createServices } from '../electron/services/index.ts';\nexport const a = createServices;\n")).toHaveLength(1);
    expect(await layerErrors('renderer/x.ts', "import { contract } from '../shared/api/contract.ts';\nexport const a = contract;\n")).toHaveLength(0);
  });
});
