// The rules are pure data shared with pages (the badges page shows them); they live in lib/.
export * from "@/lib/gamification/rules";
