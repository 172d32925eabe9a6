// Answer tiles of a live room: each option has a colour AND a shape (Kahoot's red triangle, blue
// diamond, yellow circle, green square), the same on the big screen and on every phone, so a player
// who cannot tell the colours apart (WCAG 1.4.1, use of colour) answers by shape. Colours keep white
// text at ≥ 4.5:1 contrast.
export type TileShape = "triangle" | "diamond" | "circle" | "square" | "pentagon" | "hexagon" | "star" | "heart";

export type Tile = { shape: TileShape; label: string; className: string };

export const TILES: readonly Tile[] = [
  { shape: "triangle", label: "Triangle", className: "bg-red-700" },
  { shape: "diamond", label: "Diamond", className: "bg-blue-700" },
  { shape: "circle", label: "Circle", className: "bg-amber-800" },
  { shape: "square", label: "Square", className: "bg-green-800" },
  { shape: "pentagon", label: "Pentagon", className: "bg-purple-700" },
  { shape: "hexagon", label: "Hexagon", className: "bg-cyan-800" },
  { shape: "star", label: "Star", className: "bg-pink-700" },
  { shape: "heart", label: "Heart", className: "bg-slate-700" },
];

/** The tile of the option shown at `index` (true/false use the first two). */
export function tileFor(index: number): Tile {
  return TILES[index % TILES.length]!;
}
