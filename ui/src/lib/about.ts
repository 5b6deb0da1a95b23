// What the About view shows of the shell's `about` answer: the facts come from the Rust side
// (version, build date, the generated package list); this only groups and filters them.
import type { ThirdPartyPackage } from "./generated/ThirdPartyPackage";
import type { AboutComponent } from "./generated/AboutComponent";

export interface LicenseCount {
  license: string;
  count: number;
}

/** How many packages ship under each licence expression, the most common first. */
export function licenseCounts(packages: ThirdPartyPackage[]): LicenseCount[] {
  const counts = new Map<string, number>();
  for (const p of packages) counts.set(p.license, (counts.get(p.license) ?? 0) + 1);
  return [...counts]
    .map(([license, count]) => ({ license, count }))
    .sort((a, b) => b.count - a.count || a.license.localeCompare(b.license));
}

/** The `top` most common licences in words, and how many others there are. */
export function licenseSummary(counts: LicenseCount[], top: number): string {
  const parts = counts.slice(0, top).map((c) => `${c.count} under ${c.license}`);
  const rest = counts.length - top;
  if (rest > 0) parts.push(`${rest} other ${rest === 1 ? "licence" : "licences"}`);
  return parts.join(" · ");
}

/** The packages whose name or licence contains `query` (case-insensitive); all when blank. */
export function filterPackages(packages: ThirdPartyPackage[], query: string): ThirdPartyPackage[] {
  const q = query.trim().toLowerCase();
  if (!q) return packages;
  return packages.filter(
    (p) => p.name.toLowerCase().includes(q) || p.license.toLowerCase().includes(q),
  );
}

/** A component's version, or where it comes from when the system provides it. */
export function componentVersion(c: AboutComponent): string {
  return c.version ?? "system";
}
