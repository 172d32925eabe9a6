import { describe, expect, it } from "vitest";
import { mediaTypeOfExtension, sniffMedia } from "./sniff";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === "string" ? [...part].map((char) => char.charCodeAt(0)) : part)));

describe("sniffMedia", () => {
  it("recognises each accepted format by its first bytes", () => {
    const cases: [Uint8Array, string][] = [
      [bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "png"],
      [bytes([0xff, 0xd8, 0xff, 0xe0]), "jpg"],
      [bytes("GIF89a", [1, 0]), "gif"],
      [bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 "), "webp"],
      [bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "), "wav"],
      [bytes("OggS", [0]), "ogg"],
      [bytes("ID3", [4, 0]), "mp3"],
      [bytes([0xff, 0xfb, 0x90, 0x64]), "mp3"],
      [bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0]), "m4a"],
      [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x01]), "webm"],
    ];
    for (const [input, extension] of cases) expect(sniffMedia(input)?.extension, extension).toBe(extension);
  });

  it("refuses markup, SVG, scripts, empty files and unknown containers whatever their name", () => {
    for (const text of ["<html><script>alert(1)</script>", "<svg xmlns='http://www.w3.org/2000/svg'/>", "#!/bin/sh", "", "RIFF\0\0\0\0AVI "]) {
      expect(sniffMedia(bytes(text)), text).toBeNull();
    }
    expect(sniffMedia(bytes([0, 0, 0, 0x20], "ftypqt  "))).toBeNull();
    // 0xFF 0xE0-ish bytes whose layer bits are "reserved" are not an MPEG frame.
    expect(sniffMedia(bytes([0xff, 0xe0]))).toBeNull();
  });

  it("maps a stored file's extension back to its type", () => {
    expect(mediaTypeOfExtension(".PNG")).toMatchObject({ kind: "image", mime: "image/png" });
    expect(mediaTypeOfExtension("svg")).toBeNull();
    expect(mediaTypeOfExtension("toString")).toBeNull();
  });
});
