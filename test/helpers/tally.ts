/** A text's tally as tests match it: its generic fields, with each of the procedure's figures as a property by name. */
export function withFigures<
  T extends { readonly figures: readonly { readonly name: string; readonly value: number | null }[] },
>(tally: T): T & Record<string, unknown> {
  return { ...tally, ...Object.fromEntries(tally.figures.map((f) => [f.name, f.value])) };
}
