/**
 * The project's import graph, read with the TypeScript parser (so imports quoted in comments or
 * strings do not count): every relative import, export-from and dynamic `import()` of every source
 * file, each marked type-only or not. The architecture test states its rules on top of this.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** One import of one project file by another; paths are relative to the repository root, with `/`. */
export interface ImportEdge {
  from: string;
  to: string;
  /** `import type`, `export type`, or `import("…")` in a type position: erased at run time. */
  typeOnly: boolean;
}

/** Folders that hold no source of the product: tests, installed and generated code, build output. */
const SKIPPED_DIRS = new Set(["test", "node_modules", "generated", "dist", "data", "coverage", "scratch"]);
const SOURCE_FILE = /\.(c|m)?tsx?$/;

/** Every TypeScript source file under `root`, outside the skipped folders and dot-folders. */
export function listSourceFiles(root: string, dir = ""): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && !SKIPPED_DIRS.has(entry.name)) files.push(...listSourceFiles(root, relative));
    } else if (SOURCE_FILE.test(entry.name)) {
      files.push(relative);
    }
  }
  return files.sort();
}

/** The module specifiers one file imports, with whether each import is erased at run time. */
export function readSpecifiers(fileName: string, source: string): { specifier: string; typeOnly: boolean }[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.importClause?.isTypeOnly ?? false });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments;
      if (argument && ts.isStringLiteralLike(argument)) found.push({ specifier: argument.text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every import between project files under `root` (package imports are left out). */
export function readImportGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of listSourceFiles(root)) {
    for (const { specifier, typeOnly } of readSpecifiers(from, readFileSync(path.join(root, from), "utf8"))) {
      if (!specifier.startsWith(".")) continue;
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
      // A specifier that names no file is the compiler's business, not this graph's.
      if (existsSync(path.join(root, to))) edges.push({ from, to, typeOnly });
    }
  }
  return edges;
}

/** The folder a file lives in; files at the repository root are in ".". */
export function folderOf(file: string): string {
  return path.posix.dirname(file);
}

/** A group of nodes that all reach each other, and one circle through them a person can follow. */
export interface Tangle<N extends string> {
  members: N[];
  circle: N[];
}

/**
 * One tangle for each group of nodes that reach each other (Tarjan's strongly connected
 * components), with the shortest circle through the group's first node: the whole group says how
 * much is knotted, the circle says where to start cutting.
 */
export function findCycles<N extends string>(edges: { from: N; to: N }[]): Tangle<N>[] {
  const next = new Map<N, N[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<N, number>();
  const low = new Map<N, number>();
  const stack: N[] = [];
  const onStack = new Set<N>();
  const groups: N[][] = [];
  const connect = (node: N): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: N[] = [];
    let member: N;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== node);
    const selfLoop = (next.get(node) ?? []).includes(node);
    if (group.length > 1 || selfLoop) groups.push(group.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return groups.map((members) => ({ members, circle: shortestCircle(members, next) }));
}

/** The shortest path from the group's first node back to itself, staying inside the group. */
function shortestCircle<N extends string>(group: N[], next: Map<N, N[]>): N[] {
  const inside = new Set(group);
  const start = group[0]!;
  const cameFrom = new Map<N, N>();
  const queue: N[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const to of next.get(node) ?? []) {
      if (!inside.has(to)) continue;
      if (to === start) {
        const circle = [node];
        while (circle[0] !== start) circle.unshift(cameFrom.get(circle[0]!)!);
        return circle;
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  return group;
}
