/**
 * Schematic areas for maps: the convex hull (@turf/convex) of the located buildings beneath an
 * address. Futian publishes no boundaries for its subdistricts, communities and grids, so a map
 * draws these and labels them schematic.
 */
import convex from '@turf/convex';
import { featureCollection, point } from '@turf/helpers';

export type GeoPoint = { longitude: number; latitude: number };
export type SchematicArea = { ring: GeoPoint[]; center: GeoPoint | null; buildingCount: number };

/** The area of a set of building points: hull corners (first not repeated), mean position, count. */
export function schematicArea(points: readonly GeoPoint[]): SchematicArea {
  if (points.length === 0) return { ring: [], center: null, buildingCount: 0 };
  const center = {
    longitude: points.reduce((s, p) => s + p.longitude, 0) / points.length,
    latitude: points.reduce((s, p) => s + p.latitude, 0) / points.length,
  };
  const hull = points.length >= 3 ? convex(featureCollection(points.map((p) => point([p.longitude, p.latitude])))) : null;
  let ring: GeoPoint[];
  if (hull) {
    const corners = hull.geometry.coordinates[0].map(([longitude, latitude]) => ({ longitude, latitude }));
    ring = corners.slice(0, -1); // GeoJSON closes the ring by repeating the first corner
  } else {
    // fewer than 3 points, or all on one line: the distinct points themselves
    const seen = new Map(points.map((p) => [`${p.longitude},${p.latitude}`, p]));
    ring = [...seen.values()];
  }
  return { ring, center, buildingCount: points.length };
}
