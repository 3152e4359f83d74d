/** Scratch matrix and per-letter "last row" table, reused across calls so a check allocates nothing. */
let matrix = new Int32Array(64);
const lastRowStamp = new Uint32Array(65536);
const lastRowOf = new Int32Array(65536);
let stamp = 0;

/**
 * Is `target` within `allowed` edits of `source` (insertions, deletions, substitutions, transpositions)?
 * Same answer as a length check then natural's `DamerauLevenshteinDistance(source, target) <= allowed`: the recurrence is
 * natural's cell for cell, quirks included (its last-row table is updated mid-row, so `ax` → `axx` costs 0).
 * Stops once a whole row exceeds `allowed`: no cell of a later row is below the minimum of the row above.
 */
export function withinEdits(source: string, target: string, allowed: number): boolean {
  const rows = source.length;
  const columns = target.length;
  if (Math.abs(rows - columns) > allowed) return false;
  const width = columns + 1;
  const cells = (rows + 1) * width;
  if (matrix.length < cells) matrix = new Int32Array(Math.max(cells, matrix.length * 2));
  const d = matrix;
  for (let column = 0; column <= columns; column += 1) d[column] = column;
  stamp = (stamp + 1) >>> 0;
  if (stamp === 0) {
    lastRowStamp.fill(0);
    stamp = 1;
  }
  for (let row = 1; row <= rows; row += 1) {
    const letter = source.charCodeAt(row - 1);
    const here = row * width;
    const above = here - width;
    d[here] = row;
    let rowMin = row;
    let lastColumnMatch = 0;
    for (let column = 1; column <= columns; column += 1) {
      const wanted = target.charCodeAt(column - 1);
      const insert = (d[here + column - 1] as number) + 1;
      const remove = (d[above + column] as number) + 1;
      const substitute = (d[above + column - 1] as number) + (letter === wanted ? 0 : 1);
      let cost = insert < remove ? insert : remove;
      if (substitute < cost) cost = substitute;
      if (row > 1 && column > 1 && lastColumnMatch > 0 && lastRowStamp[wanted] === stamp) {
        const lastRow = lastRowOf[wanted] as number;
        const transpose = (d[(lastRow - 1) * width + lastColumnMatch - 1] as number) + (row - lastRow - 1) + (column - lastColumnMatch - 1) + 1;
        if (transpose < cost) cost = transpose;
      }
      d[here + column] = cost;
      if (cost < rowMin) rowMin = cost;
      if (column === 1) {
        lastRowStamp[letter] = stamp;
        lastRowOf[letter] = row;
      }
      if (letter === wanted) lastColumnMatch = column;
    }
    if (rowMin > allowed) return false;
  }
  return (d[rows * width + columns] as number) <= allowed;
}
