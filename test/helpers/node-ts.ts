/** Arguments that let a child `node` run a .ts file: native type stripping where on, else tsx's loader. */
export function nodeTsArgs(): string[] {
  return process.features.typescript ? [] : ['--import', 'tsx'];
}
