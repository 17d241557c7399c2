import { byCodePoint } from "../util/order.js";

/**
 * JSON as Jupyter writes notebooks (`json.dumps(nb, sort_keys=True,
 * indent=1, ensure_ascii=False)`): keys sorted by code point at every level,
 * one space of indent per level. Keys are sorted while writing, not by
 * rebuilding objects, because JS objects list integer-like keys ("14",
 * "9") numerically whatever their insertion order.
 */
export function stringifySorted(value: unknown, indent = 1): string {
  return write(value, indent, 0) ?? "null";
}

function write(value: unknown, indent: number, level: number): string | undefined {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === "function") return write(toJSON.call(value), indent, level);
  const inner = "\n" + " ".repeat(indent * (level + 1));
  const outer = "\n" + " ".repeat(indent * level);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${inner}${value.map((v) => write(v, indent, level + 1) ?? "null").join(`,${inner}`)}${outer}]`;
  }
  const entries: string[] = [];
  for (const key of Object.keys(value).sort(byCodePoint)) {
    const v = write((value as Record<string, unknown>)[key], indent, level + 1);
    if (v !== undefined) entries.push(`${JSON.stringify(key)}: ${v}`);
  }
  return entries.length === 0 ? "{}" : `{${inner}${entries.join(`,${inner}`)}${outer}}`;
}
