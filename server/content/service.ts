// The content pipeline's entry points for other domains: importing the content format into the
// catalog tables and exporting it back to files.
export * from "./importer";
export * from "./exporter";
