"use client";

import { useEffect, useRef } from "react";

/** Draws one grayscale image (values 0–1, row-major) into a small canvas, pixelated. */
export function ImageThumb({ pixels, width, height, size = 56, invert = false }: { pixels: Float32Array; width: number; height: number; size?: number; invert?: boolean }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext("2d");
    if (!context) return;
    const image = context.createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
      const value = Math.round(Math.min(Math.max(invert ? 1 - pixels[i]! : pixels[i]!, 0), 1) * 255);
      image.data.set([value, value, value, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, width, height, invert]);
  return <canvas ref={ref} width={width} height={height} aria-hidden="true" style={{ width: size, height: size, imageRendering: "pixelated" }} className="rounded-sm" />;
}
