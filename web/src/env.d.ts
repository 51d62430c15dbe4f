/** The app's version: package version and build commit (vite.config.ts `define`). */
declare const __APP_VERSION__: string | undefined;
