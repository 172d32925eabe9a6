"use client";

import { useRef, useState, type PointerEvent } from "react";
import { Button } from "@/app/_components/button";

const PAD = 224;

/**
 * Turns a drawing into a UCI-style digit: crop to the ink, scale into a 32×32 bitmap keeping the
 * aspect ratio, then count the set pixels in each 4×4 block (0–16), as the dataset's creators did.
 * Returns 64 values in [0, 1].
 */
function toDigit(canvas: HTMLCanvasElement): Float32Array | null {
  const context = canvas.getContext("2d")!;
  const { data } = context.getImageData(0, 0, PAD, PAD);
  let [minX, minY, maxX, maxY] = [PAD, PAD, -1, -1];
  for (let y = 0; y < PAD; y++)
    for (let x = 0; x < PAD; x++)
      if (data[(y * PAD + x) * 4 + 3]! > 64) {
        minX = Math.min(minX, x);
        maxX = Math.max(maxX, x);
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
  if (maxX < 0) return null;
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const scale = 32 / Math.max(w, h);
  const small = document.createElement("canvas");
  small.width = 32;
  small.height = 32;
  const smallContext = small.getContext("2d")!;
  smallContext.drawImage(canvas, minX, minY, w, h, (32 - w * scale) / 2, (32 - h * scale) / 2, w * scale, h * scale);
  const bitmap = smallContext.getImageData(0, 0, 32, 32).data;
  const digit = new Float32Array(64);
  for (let by = 0; by < 8; by++)
    for (let bx = 0; bx < 8; bx++) {
      let on = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) if (bitmap[((by * 4 + y) * 32 + bx * 4 + x) * 4 + 3]! > 100) on++;
      digit[by * 8 + bx] = on / 16;
    }
  return digit;
}

export function DrawingPad({ onClassify, disabled }: { onClassify: (digit: Float32Array) => void; disabled: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const last = useRef<[number, number] | null>(null);
  const [empty, setEmpty] = useState(true);

  const point = (event: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const rect = event.currentTarget.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * PAD, ((event.clientY - rect.top) / rect.height) * PAD];
  };
  const stroke = (to: [number, number]) => {
    const context = canvasRef.current!.getContext("2d")!;
    context.strokeStyle = "#000";
    context.lineWidth = 18;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.beginPath();
    const from = last.current ?? to;
    context.moveTo(from[0], from[1]);
    context.lineTo(to[0], to[1]);
    context.stroke();
    last.current = to;
    setEmpty(false);
  };

  return (
    <div className="space-y-2">
      <p id="drawing-help" className="text-sm text-slate-700 dark:text-slate-300">
        Draw one digit from 5 to 9 with a mouse, pen or finger, then classify it. (Drawing needs a pointer; the test images above work from the keyboard.)
      </p>
      <canvas
        ref={canvasRef}
        width={PAD}
        height={PAD}
        aria-label="Drawing area for a digit"
        aria-describedby="drawing-help"
        className="touch-none rounded-md border-2 border-slate-400 bg-white"
        style={{ width: PAD, height: PAD }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          last.current = null;
          stroke(point(event));
        }}
        onPointerMove={(event) => {
          if (drawing.current) stroke(point(event));
        }}
        onPointerUp={() => {
          drawing.current = false;
          last.current = null;
        }}
      />
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={disabled || empty}
          onClick={() => {
            const digit = toDigit(canvasRef.current!);
            if (digit) onClassify(digit);
          }}
        >
          Classify my drawing
        </Button>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            canvasRef.current!.getContext("2d")!.clearRect(0, 0, PAD, PAD);
            setEmpty(true);
          }}
        >
          Clear
        </Button>
      </div>
    </div>
  );
}
