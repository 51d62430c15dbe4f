// Vitest setup (vite.config.ts): French is a chunk loaded on demand, which the
// app's provider waits for; tests that translate into French call `translate`
// directly, so it is loaded before every test file.
import { catalogues } from "./catalog";

await catalogues.load("fr");
