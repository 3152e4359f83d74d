/** One regression tree: a leaf is its value; a split `[feature, threshold, left, right]` sends a feature at or below its threshold left. */
export type TreeNode = number | readonly [feature: number, threshold: number, left: TreeNode, right: TreeNode];

/** Gradient-boosted trees over the sentence features (raw, unscaled), in log-odds: `bias + rate × Σ leaf`. */
export interface Forest {
  readonly bias: number;
  readonly rate: number;
  readonly trees: readonly TreeNode[];
}

export function forestScore(forest: Forest, features: readonly number[]): number {
  let sum = 0;
  for (const tree of forest.trees) {
    let node = tree;
    while (typeof node !== 'number') node = (features[node[0]] ?? 0) <= node[1] ? node[2] : node[3];
    sum += node;
  }
  return forest.bias + forest.rate * sum;
}

function isNode(raw: unknown, features: number): raw is TreeNode {
  if (typeof raw === 'number') return Number.isFinite(raw);
  if (!Array.isArray(raw) || raw.length !== 4) return false;
  const [feature, threshold, left, right] = raw as unknown[];
  return Number.isInteger(feature) && (feature as number) >= 0 && (feature as number) < features && typeof threshold === 'number' && isNode(left, features) && isNode(right, features);
}

/** The forest in a parsed weights file, checked against the number of sentence features; throws when malformed. */
export function parseForest(raw: unknown, features: number): Forest {
  const forest = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof forest.bias !== 'number' || typeof forest.rate !== 'number' || !Array.isArray(forest.trees) || !forest.trees.every((tree) => isNode(tree, features))) {
    throw new Error('the tree model in src/summarize/weights.json is malformed; run scripts/fit-summary.ts');
  }
  return { bias: forest.bias, rate: forest.rate, trees: forest.trees as TreeNode[] };
}
